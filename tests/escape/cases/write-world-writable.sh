# id: write-world-writable
# category: write
# tries: create a file in a world-writable (1777) host directory the runner made outside /tmp
# expect: blocked
# layers: landlock mac
# needs: canary
run=x
ww=
for a in "$@"; do
	case $a in run=*) run=${a#run=} ;; wwdir=*) ww=${a#wwdir=} ;; esac
done
if [ -z "$ww" ]; then echo "LANGJAIL-SETUP-ERROR: no wwdir= argument"; exit 1; fi
hits=0
if ( echo ljx > "$ww/ljx-$run" ) 2>/dev/null; then
	echo "LANGJAIL-ESCAPED: created $ww/ljx-$run"; hits=1
fi
if mkfifo "$ww/ljx-$run-fifo" 2>/dev/null; then
	echo "LANGJAIL-ESCAPED: created a FIFO in $ww"; hits=1
fi
if ln -s /etc/passwd "$ww/ljx-$run-link" 2>/dev/null; then
	echo "LANGJAIL-ESCAPED: created a symlink in $ww"; hits=1
fi
[ "$hits" = 0 ] && echo "LANGJAIL-BLOCKED: $ww is not writable from the jail"
exit 0
