# id: write-var-tmp
# category: write
# tries: create a file and a directory in the host's /var/tmp (survives reboots)
# expect: blocked
# layers: mountns landlock mac
run=x
for a in "$@"; do case $a in run=*) run=${a#run=} ;; esac; done
hits=0
notes=""
d=/var/tmp
if ( : > "$d/ljx-$run-file" ) 2>/dev/null; then
	echo "LANGJAIL-ESCAPED: created $d/ljx-$run-file"; hits=1
else notes="$notes $d: cannot create a file;"; fi
if mkdir "$d/ljx-$run-dir" 2>/dev/null; then
	echo "LANGJAIL-ESCAPED: created directory $d/ljx-$run-dir"; hits=1
else notes="$notes $d: cannot mkdir;"; fi
[ "$hits" = 0 ] && echo "LANGJAIL-BLOCKED:$notes"
exit 0
