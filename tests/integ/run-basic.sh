#!/bin/sh
# run-basic.sh - langjail run: programs, input, output, exit status, and the
# clean process state a program starts in. Run as root (the program gets uid
# 65534) and as uid 65534 itself (user namespace, the program runs as the
# caller). TAP.
#
#   LANGJAIL=/path/to/src/langjail LANGJAIL_SRCDIR=/path/to/src sh run-basic.sh

# shellcheck source-path=SCRIPTDIR source=lib.sh
. "$(dirname "$0")/lib.sh"

# A secret in langjail's environment that must never reach the program.
SECRET_VAR=ljsecret-$$
export SECRET_VAR
# An fd the test shell holds open that must not reach the program.
exec 7</etc/hostname

hello_py=$(printf 'print("hello from python")\n' | prog hello.py)
hello_sh=$(printf 'echo hello from sh\n' | prog hello.sh)
echo_stdin=$(printf 'import sys\nsys.stdout.write(sys.stdin.read().upper())\n' | prog stdin.py)
printf 'line one\nline two\n' >"$T/src/input.txt"
chmod 0644 "$T/src/input.txt"
printf 'extra file content\n' >"$T/src/extra.txt"
chmod 0644 "$T/src/extra.txt"
"$PY" -c 'import sys; sys.stdout.buffer.write(bytes(range(256)) * 4)' >"$T/binary.want"
probe=$(prog probe.py <<'EOF'
import json, os, socket
fds = sorted(int(f) for f in os.listdir("/proc/self/fd"))
try:
    os.fstat(7)
    fd7 = "open"
except OSError:
    fd7 = "closed"
print(json.dumps({
    "env": sorted(os.environ),
    "secret": any("ljsecret" in v for v in os.environ.values()),
    "fds": fds,
    "fd7": fd7,
    "hostname": socket.gethostname(),
    "cwd": os.getcwd(),
    "home": os.environ.get("HOME"),
    "tmpdir": os.environ.get("TMPDIR"),
    "uid": [os.getuid(), os.geteuid()],
    "gid": [os.getgid(), os.getegid()],
    "groups": os.getgroups(),
}, sort_keys=True))
EOF
)

for id in $IDS; do
	juid=$(jail_uid "$id")

	# --- hello world, four ways -----------------------------------------------
	ljrun "$id" run --unsafe python3 "$hello_py"
	is "$RC:$(cat "$T/out")" "0:hello from python" "[$id] python3 hello world from a file"
	like "$(cat "$T/err")" "*unsafe mode*" "[$id] --unsafe says so on stderr"
	ljrun "$id" run --unsafe python3 -c 'print("hello", 6 * 7)'
	is "$RC:$(cat "$T/out")" "0:hello 42" "[$id] python3 -c"
	ljrun "$id" run --unsafe sh "$hello_sh"
	is "$RC:$(cat "$T/out")" "0:hello from sh" "[$id] sh hello world from a file"
	# shellcheck disable=SC2016 # expanded by the jailed shell
	ljrun "$id" run --unsafe sh -c 'echo "sh $((6 * 7))"'
	is "$RC:$(cat "$T/out")" "0:sh 42" "[$id] sh -c"

	ljrun "$id" run --unsafe --json python3 "$hello_py"
	is "$RC $(jget status) $(jget exit_code) $(jget stdout)" "0 ok 0 hello from python" \
		"[$id] JSON: status ok, exit_code 0, stdout"
	is "$(jget language) $(jget confinement.unsafe) $(jget confinement.dedicated_env)" \
		"python3 true false" "[$id] JSON: language, unsafe, no dedicated env (fallback)"
	is "$(jget error)" "null" "[$id] JSON: error is null"

	# --- standard input ---------------------------------------------------------
	# (a pipeline runs ljrun in a subshell: its RC comes back through a file)
	printf 'piped text\n' | {
		ljrun "$id" run --unsafe python3 -c \
			'import os, stat, sys; print(stat.S_ISFIFO(os.fstat(0).st_mode), sys.stdin.read().upper().strip())'
		echo "$RC" >"$T/rc"
	}
	RC=$(cat "$T/rc")
	is "$RC:$(cat "$T/out")" "0:True PIPED TEXT" "[$id] stdin from a pipe reaches the program (a pipe)"
	ljrun "$id" run --unsafe --stdin "$T/src/input.txt" python3 "$echo_stdin" </dev/null
	is "$RC:$(cat "$T/out")" "0:LINE ONE
LINE TWO" "[$id] --stdin FILE is the program's stdin"
	ljrun "$id" run --unsafe --json python3 "$echo_stdin" </dev/null
	is "$(jget status):$(jget stdout)" "ok:" "[$id] stdin /dev/null: empty input"

	# --- arguments ----------------------------------------------------------------
	ljrun "$id" run --unsafe python3 -c 'import sys, json; print(json.dumps(sys.argv[1:]))' \
		-- one 'two words' --three '' "quote'd"
	is "$RC:$(cat "$T/out")" "0:[\"one\", \"two words\", \"--three\", \"\", \"quote'd\"]" \
		"[$id] arguments after -- reach the program verbatim"
	ljrun "$id" run --unsafe sh -c 'printf "%s|" "$@"' -- a 'b c' -d
	is "$RC:$(cat "$T/out")" "0:a|b c|-d|" "[$id] sh: arguments after --"

	# --- exit status and signals --------------------------------------------------
	ljrun "$id" run --unsafe python3 -c 'import sys; sys.exit(3)'
	is "$RC" 3 "[$id] exit 3 passes through as rc 3"
	ljrun "$id" run --unsafe sh -c 'exit 42'
	is "$RC" 42 "[$id] sh exit 42 passes through"
	ljrun "$id" run --unsafe --json python3 -c 'import sys; sys.exit(3)'
	is "$RC $(jget status) $(jget exit_code) $(jget signal)" "0 exit 3 null" \
		"[$id] JSON: exit 3 is status exit, exit_code 3 (rc 0)"
	ljrun "$id" run --unsafe python3 -c 'import os, signal; os.kill(os.getpid(), signal.SIGSEGV)'
	is "$RC" 139 "[$id] SIGSEGV gives rc 139"
	ljrun "$id" run --unsafe --json python3 -c \
		'import os, signal; os.kill(os.getpid(), signal.SIGSEGV)'
	is "$(jget status) $(jget signal) $(jget exit_code) $(jget limit)" "signal 11 null null" \
		"[$id] JSON: status signal, signal 11, no limit"

	# --- output encodings -----------------------------------------------------------
	ljrun "$id" run --unsafe python3 -c 'print("héllo wörld ✓ 日本語 🐍")'
	is "$RC:$(cat "$T/out")" "0:héllo wörld ✓ 日本語 🐍" "[$id] unicode output, raw"
	ljrun "$id" run --unsafe --json python3 -c 'print("héllo wörld ✓ 日本語 🐍")'
	is "$(jget stdout_encoding):$(jget stdout)" "utf-8:héllo wörld ✓ 日本語 🐍" \
		"[$id] unicode output in JSON is utf-8 text"
	ljrun "$id" run --unsafe --json python3 -c \
		'import sys; sys.stdout.buffer.write(bytes(range(256)) * 4)'
	jstdout "$T/out" >"$T/binary.got" 2>&1
	is "$(jget stdout_encoding) $(jget stdout_bytes)" "base64 1024" \
		"[$id] binary output in JSON is base64"
	check "[$id] binary output round-trips byte for byte" cmp -s "$T/binary.got" "$T/binary.want"
	ljrun "$id" run --unsafe python3 -c \
		'import sys; sys.stdout.buffer.write(bytes(range(256)) * 4)'
	cmp -s "$T/out" "$T/binary.want"
	ok $? "[$id] binary output without --json is passed raw"
	ljrun "$id" run --unsafe --json python3 -c \
		'import sys; sys.stderr.buffer.write(b"\xff\xfe bad utf-8")'
	is "$(jget stderr_encoding)" "base64" "[$id] invalid UTF-8 on stderr is base64 in JSON"

	# --- extra files ------------------------------------------------------------------
	ljrun "$id" run --unsafe --file data.txt="$T/src/extra.txt" python3 -c \
		'import os; print(sorted(os.listdir(".")), open("data.txt").read().strip())'
	is "$RC:$(cat "$T/out")" "0:['data.txt', 'main.py'] extra file content" \
		"[$id] --file NAME=PATH appears in the workdir as NAME"
	for bad in a/b .x .. ../x /etc/x; do
		ljrun "$id" run --unsafe --file "$bad=$T/src/extra.txt" python3 -c 'print(1)'
		like "$RC:$(cat "$T/err")" "125:*not a plain file name*" \
			"[$id] --file name '$bad' is refused (125)"
	done
	ljrun "$id" run --unsafe --file main.py="$T/src/extra.txt" python3 -c 'print(1)'
	like "$RC:$(cat "$T/err")" "125:*clashes*" "[$id] --file may not replace the source file"

	# --- errors -------------------------------------------------------------------------
	ljrun "$id" run --unsafe python3 "$T/src/no-such-file.py"
	like "$RC:$(cat "$T/err")" "125:*no-such-file.py*No such file*" \
		"[$id] missing source: rc 125 naming the file"
	ljrun "$id" run --unsafe --json python3 "$T/src/no-such-file.py"
	is "$(jget status)" "error" "[$id] missing source in JSON: status error"
	ljrun "$id" run --unsafe cobol -c 'DISPLAY "HI"'
	like "$RC:$(cat "$T/err")" "125:*unknown language*" "[$id] unknown language: rc 125"
	ljrun "$id" run --unsafe --json ../python3 -c 'print(1)'
	is "$RC $(jget status)" "125 error" "[$id] a language name with a path is refused"
	ljrun "$id" run python3 -c 'print("must not run")'
	like "$RC:$(cat "$T/out"):$(cat "$T/err")" "125::*no MAC*--unsafe*" \
		"[$id] no MAC and no --unsafe: refused with 125"
	ljrun "$id" run --json python3 -c 'print("must not run")'
	is "$RC $(jget status) $(jget error.code)" "125 error no_mac" \
		"[$id] no MAC in JSON: error.code no_mac"

	# --- the program's starting state ---------------------------------------------------
	ljrun "$id" run --unsafe --json python3 "$probe"
	jstdout "$T/out" >"$T/probe.json"
	is "$(jget env "$T/probe.json")" \
		'["HOME", "LANG", "PATH", "PWD", "PYTHONIOENCODING", "TMPDIR", "USER"]' \
		"[$id] environment: only PATH HOME TMPDIR PWD LANG USER + the language's"
	is "$(jget secret "$T/probe.json")" "false" "[$id] the caller's SECRET_VAR is not leaked"
	is "$(jget fds "$T/probe.json")" "[0, 1, 2, 3]" \
		"[$id] fds: only 0 1 2 (and the listing's own)"
	is "$(jget fd7 "$T/probe.json")" "closed" "[$id] the test shell's fd 7 is not inherited"
	is "$(jget hostname "$T/probe.json")" "langjail" "[$id] hostname is langjail"
	cwd=$(jget cwd "$T/probe.json")
	like "$cwd" "$(wd_root "$id")/run-*" "[$id] cwd is a fresh workdir under workdir_root"
	is "$(jget home "$T/probe.json") $(jget tmpdir "$T/probe.json")" "$cwd $cwd" \
		"[$id] HOME and TMPDIR are the workdir"
	is "$(jget uid "$T/probe.json") $(jget gid "$T/probe.json")" \
		"[$juid, $juid] [$juid, $juid]" "[$id] the program runs as uid/gid $juid"
	is "$(jget confinement.uid) $(jget confinement.gid)" "$juid $juid" \
		"[$id] JSON confinement reports uid/gid $juid"
	if [ "$id" = root ]; then
		is "$(jget groups "$T/probe.json")" "[$juid]" "[$id] no supplementary groups but the jail's"
	fi
	ok_wd=$(wd_entries "$id")
	is "$ok_wd" "" "[$id] workdir_root is empty again"
done

# A workdir_root that langjail creates itself must be traversable by the jail
# user (it asks for 0711). With mountns off the program reaches its workdir
# (and its source, by absolute path) through it on the host.
if [ "$IS_ROOT" -eq 1 ]; then
	write_config "$T/auto.conf" "$T/auto/work"
	ljrun_conf root "$T/auto.conf" run --unsafe --json --sabotage mountns python3 -c 'print("auto ok")'
	is "$(stat -c %a "$T/auto/work" 2>&1) $(stat -c %a "$T/auto" 2>&1)" "711 711" \
		"[root] workdir_root directories langjail makes are mode 0711"
	is "$(jget status):$(jget stdout)" "ok:auto ok" \
		"[root] mountns off, workdir_root made by langjail: the program can open its source"
fi

# As 65534 with a workdir_root that is not its own: its own dir under /tmp.
if [ "$IS_ROOT" -eq 1 ]; then
	ljrun_conf nobody "$T/root.conf" run --unsafe --json python3 -c 'import os; print(os.getcwd())'
	like "$(jget stdout)" "/tmp/langjail-$NOBODY/run-*" \
		"[nobody] workdir_root not its own: /tmp/langjail-$NOBODY is used"
	wd=$(jget stdout)
	check "[nobody] that workdir is gone after the run" test ! -e "$wd"
fi

# As 65534 with a workdir_root of its own whose parent it may search but not
# list (the temp dir, 0711): that directory must be used, not the fallback.
if [ "$IS_ROOT" -eq 1 ]; then
	mkdir "$T/own-wd"
	chown "$NOBODY:$NOBODY" "$T/own-wd"
	chmod 0700 "$T/own-wd"
	write_config "$T/own-wd.conf" "$T/own-wd"
	ljrun_conf nobody "$T/own-wd.conf" run --unsafe --json python3 -c \
		'import os; print(os.getcwd())'
	like "$(jget stdout)" "$T/own-wd/run-*" \
		"[nobody] its own workdir_root under a search-only (0711) parent is used"
fi

exec 7<&-
done_testing
