const nothing = null;
console.log(nothing.field);
