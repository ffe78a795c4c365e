# id: write-run-lock
# category: write
# tries: create files in /run/lock and /var/lock, world-writable host directories no tmpfs covers
# expect: blocked
# layers: landlock mac mountns
run=x
for a in "$@"; do case $a in run=*) run=${a#run=} ;; esac; done
hits=0
notes=""
for d in /run/lock /var/lock /run/user /var/crash /var/mail; do
	[ -d "$d" ] || continue
	if ( : > "$d/ljx-$run" ) 2>/dev/null; then
		echo "LANGJAIL-ESCAPED: created $d/ljx-$run"; hits=1
	else notes="$notes $d: denied;"; fi
done
[ "$hits" = 0 ] && echo "LANGJAIL-BLOCKED:$notes"
exit 0
