// Buffer.alloc fills the buffer: every page is touched
const hog = [];
for (;;) hog.push(Buffer.alloc(1 << 20, 1));
