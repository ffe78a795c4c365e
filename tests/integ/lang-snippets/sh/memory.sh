# doubles a string until the limit stops it
x=x
while :; do x="$x$x"; done
