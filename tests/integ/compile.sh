#!/bin/sh
# compile.sh - the two phases of a compiled language, independent of any real
# toolchain: a test language whose "compiler" is sh running the source (which
# writes the program the run phase executes). Checks that each phase has its
# own verdict, output, usage and limits; that a failed or killed compile
# skips the run (status compile_error, exit 123); that nothing the compile
# started lives on into the run; that the compile phase cannot execute what
# it writes and gets no stdin. Also `langjail languages`: the version command
# of a language runs as the jail user, never as root, and is cut off after 5
# seconds. Run as root and as uid 65534. TAP.

# shellcheck source-path=SCRIPTDIR source=lib.sh
. "$(dirname "$0")/lib.sh"

mkdir "$T/langs"
cat >"$T/langs/fakecc.ini" <<'EOF'
; a compiled language for the tests: the compile phase runs the source with
; sh; the source writes ./prog, which the run phase executes.
[language]
interpreter = /bin/sh
argv = {workdir}/prog {args}
source = main.fake

[compile]
compiler = /bin/sh
argv = {compiler} {source}

[compile_limits]
cpu = 2s
wall = 4s
memory = 256M
EOF
cat >"$T/langs/whoami.ini" <<'EOF'
[language]
interpreter = /bin/sh
argv = {interpreter} {source}
source = main.sh
version = /usr/bin/id -u
EOF
cat >"$T/langs/slowversion.ini" <<'EOF'
[language]
interpreter = /bin/sh
argv = {interpreter} {source}
source = main.sh
version = /bin/sleep 60
EOF
chmod 0755 "$T/langs"
chmod 0644 "$T/langs"/*.ini
for id in $IDS; do
	sed "s#^languages_dir = .*#languages_dir = $T/langs#; s#^require_mac = yes#require_mac = no#" \
		"$T/$id.conf" >"$T/$id-cc.conf"
	chmod 0644 "$T/$id-cc.conf"
done

# src NAME: the source text from stdin, readable by every identity.
src() {
	cat >"$T/src/$1"
	chmod 0644 "$T/src/$1"
	echo "$T/src/$1"
}

ok_src=$(src ok.fake <<'EOF'
printf '#!/bin/sh\necho "run phase: $*"\ncat\n' > prog
chmod +x prog
echo compiled
echo "compile warning" >&2
EOF
)
fail_src=$(src fail.fake <<'EOF'
echo "main.fake:1: syntax error" >&2
printf '#!/bin/sh\necho MUST-NOT-RUN\n' > prog
chmod +x prog
exit 4
EOF
)
loop_src=$(src loop.fake <<'EOF'
while :; do :; done
EOF
)
flood_src=$(src flood.fake <<'EOF'
yes compile-output-flood
EOF
)
daemon_src=$(src daemon.fake <<'EOF'
sleep 31337 &
(setsid sleep 31338 &) &
printf '#!/bin/sh\nfor f in /proc/[0-9]*/cmdline; do tr "\\000" " " < "$f"; echo; done | grep -c "sleep 3133[78]"\nexit 0\n' > prog
chmod +x prog
EOF
)
exec_src=$(src exec.fake <<'EOF'
printf '#!/bin/sh\necho executed\n' > prog
chmod +x prog
if ./prog 2>/dev/null; then echo "compile-exec: allowed"; else echo "compile-exec: blocked"; fi
if read -r line; then echo "compile-stdin: $line"; else echo "compile-stdin: none"; fi
EOF
)
burn_src=$(src burn.fake <<'EOF'
i=0
while [ $i -lt 60000 ]; do i=$((i + 1)); done
printf '#!/bin/sh\necho done\n' > prog
chmod +x prog
EOF
)

for id in $IDS; do
	run() {
		ljrun_conf "$id" "$T/$id-cc.conf" run --json --unsafe "$@"
	}

	echo "from stdin" | run fakecc "$ok_src" -- a b
	is "$(jget status)" ok "$id: compiled and ran: status ok"
	is "$(jget stdout)" "run phase: a b
from stdin" "$id: the run phase got the arguments and stdin"
	is "$(jget compile.status)" ok "$id: compile.status ok"
	is "$(jget compile.stdout)" compiled "$id: the compiler's stdout is the compile phase's"
	is "$(jget compile.stderr)" "compile warning" "$id: the compiler's stderr is the compile phase's"
	is "$(jget stderr)" "" "$id: the run's stderr holds nothing of the compile"

	run fakecc "$fail_src" </dev/null
	is "$(jget status)" compile_error "$id: a failing compiler: status compile_error"
	is "$(jget compile.exit_code)" 4 "$id: compile.exit_code is the compiler's"
	like "$(jget compile.stderr)" "*syntax error*" "$id: compile.stderr holds the diagnostics"
	is "$(jget stdout)" "" "$id: the program did not run after a failed compile"
	is "$(jget exit_code)" null "$id: no exit code for a run that did not happen"

	ljrun_conf "$id" "$T/$id-cc.conf" run --unsafe fakecc "$fail_src" </dev/null
	is "$RC" 123 "$id: text mode: exit status 123 for a compile error"
	like "$(cat "$T/err")" "*compilation failed (the compiler exited with 4)*" \
		"$id: text mode: the compile error is said"
	like "$(cat "$T/err")" "*syntax error*" "$id: text mode: the compiler's stderr is streamed"

	run fakecc "$loop_src" </dev/null
	is "$(jget status)" compile_error "$id: an endless compile: status compile_error"
	is "$(jget compile.status)" timeout "$id: compile.status timeout"
	is "$(jget compile.limit)" cpu "$id: the compile phase's own cpu limit (2s) stopped it"

	run --output 4K fakecc "$flood_src" </dev/null
	is "$(jget status)" compile_error "$id: a compile output flood: status compile_error"
	is "$(jget compile.status)" output_limit "$id: compile.status output_limit"
	is "$(jget compile.stdout_bytes)" 4096 "$id: the compile output is capped at --output"

	run fakecc "$daemon_src" </dev/null
	is "$(jget status)" ok "$id: a compile that leaves daemons behind: the run still runs"
	is "$(jget stdout)" 0 "$id: nothing the compile phase started is alive in the run phase"

	run fakecc "$exec_src" <<'EOF'
stdin line
EOF
	is "$(jget status)" ok "$id: compile+run with stdin"
	like "$(jget compile.stdout)" "*compile-exec: blocked*" \
		"$id: the compile phase cannot execute what it wrote (Landlock)"
	like "$(jget compile.stdout)" "*compile-stdin: none*" "$id: the compile phase gets no stdin"
	is "$(jget stdout)" executed "$id: the run phase executes the built program"

	run --cpu 1 fakecc "$burn_src" </dev/null
	is "$(jget status)" ok "$id: a compile that burns CPU under the run's --cpu 1"
	like "$(jget compile.cpu_time)" "[0-9]*.[0-9]*" "$id: compile.cpu_time is reported"
	like "$(jget cpu_time)" "0.0*" "$id: the run phase's cpu_time is its own"
done
for id in $IDS; do
	ljrun_conf "$id" "$T/$id-cc.conf" languages --json </dev/null
	is "$RC" 0 "$id: langjail languages"
	v=$("$PY" -c 'import json,sys; d={l["name"]: l for l in json.load(open(sys.argv[1]))["languages"]}; print(d["whoami"]["version"], d["slowversion"]["version"], d["fakecc"]["compiled"], d["whoami"]["compiled"])' "$T/out" 2>&1)
	is "$v" "$(jail_uid "$id") None True False" \
		"$id: the version command runs as the jail user; a slow one gives no version; compiled languages are marked"
done
is "$(pgrep -u "$NOBODY" -f 'sleep 60' | wc -l)" 0 "the slow version command was killed"

sleep_left=$(pgrep -f 'sleep 3133[78]' | wc -l)
is "$sleep_left" 0 "no process the compile phases started is left on the host"

done_testing
