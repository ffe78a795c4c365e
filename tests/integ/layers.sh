#!/bin/sh
# layers.sh - each kernel layer, alone, stops what it is there to stop.
#
# Every case runs the same probe twice or more: with only the layer(s) under
# test switched on (all others switched off with --sabotage, which the test
# config allows), where the attempt must fail; and with all of the relevant
# layers switched off, where the same attempt must succeed, so that each case
# can fail. Destructive cases (fork bomb, 2 GiB allocation) never run without
# their limiting layer: their "off" counterpart is a small, harmless version.
# Run as root and as uid 65534 (which keeps userns: it is what gives it the
# other namespaces). TAP.
#
#   LANGJAIL=/path/to/src/langjail LANGJAIL_SRCDIR=/path/to/src sh layers.sh

# shellcheck source-path=SCRIPTDIR source=lib.sh
. "$(dirname "$0")/lib.sh"

LAYERS="pidns netns mountns ipcns utsns seccomp landlock cgroup rlimits"

# off_but LAYER...: the --sabotage list that leaves only LAYER... on.
off_but() {
	_ob=""
	for _l in $LAYERS; do
		case " $* " in
		*" $_l "*) ;;
		*) _ob="$_ob${_ob:+,}$_l" ;;
		esac
	done
	echo "$_ob"
}
ALL_OFF=$(off_but)

# The probe: one attempt per run, "OK <detail>" or "ERR <errno name>".
probe_py=$(prog probe.py <<'EOF'
import ctypes, errno, os, signal, socket, sys, time

libc = ctypes.CDLL(None, use_errno=True)


def err(e):
    print("ERR", errno.errorcode.get(e, str(e)))
    sys.exit(0)


def check(ret):
    if ret == -1:
        err(ctypes.get_errno())
    return ret


act, args = sys.argv[1], sys.argv[2:]
try:
    if act == "read":
        with open(args[0]) as f:
            print("OK", f.read().strip())
    elif act == "write":
        with open(args[0], "w") as f:
            f.write("written from the jail\n")
        print("OK written")
    elif act == "connect":
        s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        s.settimeout(10)
        s.connect(("127.0.0.1", int(args[0])))
        print("OK", s.recv(100).decode().strip())
    elif act == "abstract":
        s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        s.settimeout(10)
        s.connect("\0" + args[0])
        print("OK", s.recv(100).decode().strip())
    elif act == "ptrace-child":
        pid = os.fork()
        if pid == 0:
            time.sleep(30)
            os._exit(0)
        try:
            check(libc.ptrace(16, pid, None, None))   # PTRACE_ATTACH
            os.waitpid(pid, 0)
            print("OK attached")
        finally:
            os.kill(pid, signal.SIGKILL)
    elif act == "ptrace-parent":
        check(libc.ptrace(16, os.getppid(), None, None))
        print("OK attached")
    elif act == "unshare-mount":
        check(libc.unshare(0x10000000 | 0x00020000))   # CLONE_NEWUSER | CLONE_NEWNS
        os.mkdir("m")
        check(libc.mount(b"none", b"m", b"tmpfs", 0, None))
        print("OK mounted")
    elif act == "keyctl":
        # add_key("user", "ljtest", "x", 1, KEY_SPEC_PROCESS_KEYRING)
        print("OK", check(libc.syscall(248, b"user", b"ljtest", b"x", 1, -2)))
    elif act == "io_uring":
        params = ctypes.create_string_buffer(120)
        print("OK fd", check(libc.syscall(425, 1, params)))
    elif act == "shm":
        print("OK id", check(libc.shmget(int(args[0]), 0, 0)))
    elif act == "ps":
        tok = args[0][::-1]   # given reversed: our own command line must not match
        found = []
        for p in os.listdir("/proc"):
            if p.isdigit():
                try:
                    with open("/proc/%s/cmdline" % p, "rb") as f:
                        if tok.encode() in f.read():
                            found.append(p)
                except OSError:
                    pass
        print("OK", "found" if found else "none")
    elif act == "kill":
        os.kill(int(args[0]), signal.SIGKILL)
        print("OK killed")
    elif act == "hostname":
        print("OK", socket.gethostname())
    elif act == "fork":
        n = 0
        try:
            for i in range(int(args[0])):
                if os.fork() == 0:
                    time.sleep(30)
                    os._exit(0)
                n += 1
            print("OK", n)
        except OSError as e:
            print("ERR", errno.errorcode[e.errno], "after", n)
    elif act == "alloc":
        x = b"x" * (int(args[0]) << 20)
        print("OK", len(x) >> 20)
    else:
        print("unknown action", act)
        sys.exit(2)
except OSError as e:
    err(e.errno)
EOF
)
bomb=$(prog bomb.py <<'EOF'
import os, sys, time
n = 0
try:
    while n < 1000:
        if os.fork() == 0:
            time.sleep(60)
            os._exit(0)
        n += 1
except OSError as e:
    print(n, e.errno, flush=True)
while True:
    try:
        os.fork()
    except OSError:
        pass
EOF
)

# probe ID SABOTAGE ACTION ARG...: run the probe; PROBE is its output line,
# PSTATUS the run's status. PROBE_OPTS: more options of run (words).
PROBE_OPTS=""
probe() {
	_pid=$1
	_psab=$2
	shift 2
	# shellcheck disable=SC2086 # PROBE_OPTS is a list of words
	ljrun "$_pid" run --unsafe --json ${_psab:+--sabotage "$_psab"} $PROBE_OPTS python3 \
		"$probe_py" -- "$@"
	# One python for all fields: status, the output line, the layer states.
	_pv=$("$PY" - "$T/out" <<'EOF'
import json, sys
try:
    with open(sys.argv[1], encoding="utf-8") as f:
        v = json.load(f)
except Exception as ex:
    print("<bad json: %s>" % ex)
    print("")
    print("")
    sys.exit(0)
print(v.get("status"))
print(" ".join((v.get("stdout") or "").split()))
layers = (v.get("confinement") or {}).get("layers") or {}
print(" ".join("%s=%s" % kv for kv in sorted(layers.items())))
EOF
)
	PSTATUS=$(printf '%s\n' "$_pv" | sed -n 1p)
	PROBE=$(printf '%s\n' "$_pv" | sed -n 2p)
	PLAYERS=$(printf '%s\n' "$_pv" | sed -n 3p)
}

# layer_states LAYER...: their states in the last probe's verdict.
layer_states() {
	_ls=""
	for _l in "$@"; do
		_st=$(printf '%s\n' "$PLAYERS" | tr ' ' '\n' | sed -n "s/^$_l=//p")
		_ls="$_ls${_ls:+ }${_st:-<missing>}"
	done
	echo "$_ls"
}

# --- host side: files, a TCP and an abstract unix listener, a SysV segment ---
printf 'outside-secret\n' >"$T/outside.txt"
chmod 0644 "$T/outside.txt"
mkdir "$T/drop"
chmod 0777 "$T/drop"

ABSTRACT="ljtok-abstract-$$-$(date +%s)"
"$PY" - "$T/port" "$ABSTRACT" <<'EOF' &
import os, select, socket, sys, time
tcp = socket.socket()
tcp.bind(("127.0.0.1", 0))
tcp.listen(16)
uds = socket.socket(socket.AF_UNIX)
uds.bind("\0" + sys.argv[2])
uds.listen(16)
with open(sys.argv[1] + ".tmp", "w") as f:
    f.write(str(tcp.getsockname()[1]))
os.rename(sys.argv[1] + ".tmp", sys.argv[1])
end = time.time() + 300   # bounded even if nobody kills us
while time.time() < end:
    r, _, _ = select.select([tcp, uds], [], [], 1.0)
    for s in r:
        c, _ = s.accept()
        c.sendall(b"hello-from-host\n")
        c.close()
EOF
BG_PIDS="$BG_PIDS $!"
if ! wait_for 20 test -s "$T/port"; then
	echo "Bail out! the test's TCP listener did not start"
	exit 1
fi
PORT=$(cat "$T/port")

SHM_KEY=$((0x4c4a0000 + $$ % 65536))
SHM_ID=$("$PY" - "$SHM_KEY" <<'EOF'
import ctypes, sys
libc = ctypes.CDLL(None, use_errno=True)
print(libc.shmget(int(sys.argv[1]), 4096, 0o1000 | 0o2000 | 0o644))  # IPC_CREAT|IPC_EXCL
EOF
)
lj_cleanup_hook() {
	if [ "${SHM_ID:--1}" -ge 0 ]; then
		ipcrm -m "$SHM_ID" 2>/dev/null
	fi
}

HOST_HOSTNAME=$("$PY" -c 'import socket; print(socket.gethostname())')
ljrun "$(echo "$IDS" | cut -d' ' -f1)" status --json
LL_ABI=$(jget landlock_abi)
case $LL_ABI in
'' | *[!0-9]*) LL_ABI=0 ;;
esac

for id in $IDS; do
	juid=$(jail_uid "$id")

	# --- files: landlock and the mount namespace --------------------------------------
	probe "$id" "$(off_but landlock)" read "$T/outside.txt"
	is "$(layer_states landlock mountns) $PROBE" "applied sabotaged ERR EACCES" \
		"[$id] landlock alone: a world-readable file outside the workdir cannot be read"
	probe "$id" "$(off_but mountns)" read "$T/outside.txt"
	is "$(layer_states mountns landlock) $PROBE" "applied sabotaged ERR ENOENT" \
		"[$id] mountns alone: a file under the host's /tmp is not even there"
	probe "$id" "$ALL_OFF" read "$T/outside.txt"
	is "$PROBE" "OK outside-secret" "[$id] landlock and mountns off: the same file is read"

	probe "$id" "$(off_but landlock)" read /etc/hostname
	is "$(layer_states landlock) $PROBE" "applied ERR EACCES" \
		"[$id] landlock alone: /etc/hostname (not in the allowed paths) cannot be read"
	probe "$id" "$ALL_OFF" read /etc/hostname
	like "$PROBE" "OK *" "[$id] landlock off: /etc/hostname is read"
	probe "$id" "" read /etc/shadow
	like "$PSTATUS $PROBE" "ok ERR E*" "[$id] all layers on: /etc/shadow cannot be read"

	rm -f "$T/drop/from-jail"
	probe "$id" "$(off_but landlock)" write "$T/drop/from-jail"
	is "$(layer_states landlock) $PROBE" "applied ERR EACCES" \
		"[$id] landlock alone: no write into a 0777 directory outside the workdir"
	probe "$id" "$(off_but mountns)" write "$T/drop/from-jail"
	is "$(layer_states mountns) $PROBE" "applied ERR ENOENT" \
		"[$id] mountns alone: the host's /tmp is covered, nothing to write into"
	check "[$id] nothing was written to the host while a layer was on" test ! -e "$T/drop/from-jail"
	probe "$id" "$ALL_OFF" write "$T/drop/from-jail"
	is "$PROBE $(stat -c %u "$T/drop/from-jail" 2>&1)" "OK written $juid" \
		"[$id] landlock and mountns off: the write lands on the host (as uid $juid)"
	rm -f "$T/drop/from-jail"

	# --- network: netns, seccomp, landlock ------------------------------------------------
	probe "$id" "$(off_but netns)" connect "$PORT"
	is "$(layer_states netns) $PROBE" "applied ERR ECONNREFUSED" \
		"[$id] netns alone: the host's 127.0.0.1 listener is unreachable"
	probe "$id" "$(off_but seccomp)" connect "$PORT"
	is "$(layer_states seccomp) $PROBE" "applied ERR EPERM" \
		"[$id] seccomp alone: no AF_INET socket"
	if [ "$LL_ABI" -ge 4 ]; then
		probe "$id" "$(off_but landlock)" connect "$PORT"
		is "$(layer_states landlock) $PROBE" "applied ERR EACCES" \
			"[$id] landlock alone: TCP connect is denied"
	else
		skip "[$id] landlock alone: TCP connect is denied" "Landlock ABI $LL_ABI < 4 (no TCP rules)"
	fi
	probe "$id" "$ALL_OFF" connect "$PORT"
	is "$PROBE" "OK hello-from-host" "[$id] netns, seccomp, landlock off: the connection works"

	probe "$id" "$(off_but netns)" abstract "$ABSTRACT"
	is "$(layer_states netns) $PROBE" "applied ERR ECONNREFUSED" \
		"[$id] netns alone: the host's abstract unix socket is unreachable"
	if [ "$LL_ABI" -ge 6 ]; then
		probe "$id" "$(off_but landlock)" abstract "$ABSTRACT"
		is "$(layer_states landlock) $PROBE" "applied ERR EPERM" \
			"[$id] landlock alone: abstract unix sockets outside are scoped away"
	else
		skip "[$id] landlock alone: abstract unix sockets outside are scoped away" \
			"Landlock ABI $LL_ABI < 6 (no scopes)"
	fi
	probe "$id" "$ALL_OFF" abstract "$ABSTRACT"
	is "$PROBE" "OK hello-from-host" "[$id] netns and landlock off: the abstract socket answers"

	# --- seccomp: ptrace, namespaces and mounts, keyrings, io_uring ---------------------
	probe "$id" "" ptrace-parent
	is "$PROBE" "ERR EPERM" "[$id] all layers on: ptrace of the parent fails"
	probe "$id" "$(off_but seccomp)" ptrace-child
	is "$(layer_states seccomp) $PROBE" "applied ERR EPERM" \
		"[$id] seccomp alone: ptrace (even of its own child) fails"
	probe "$id" "$ALL_OFF" ptrace-child
	is "$PROBE" "OK attached" "[$id] seccomp off: ptrace of its own child works"

	probe "$id" "$(off_but seccomp)" unshare-mount
	is "$(layer_states seccomp) $PROBE" "applied ERR EPERM" \
		"[$id] seccomp alone: unshare(CLONE_NEWUSER|CLONE_NEWNS) fails"
	probe "$id" "$(off_but landlock)" unshare-mount
	is "$(layer_states landlock) $PROBE" "applied ERR EPERM" \
		"[$id] landlock alone: a mount, even in a new namespace, fails"
	probe "$id" "$ALL_OFF" unshare-mount
	is "$PROBE" "OK mounted" "[$id] seccomp and landlock off: unshare and mount work"

	probe "$id" "$(off_but seccomp)" keyctl
	is "$(layer_states seccomp) $PROBE" "applied ERR EPERM" "[$id] seccomp alone: add_key fails"
	probe "$id" "$ALL_OFF" keyctl
	like "$PROBE" "OK [0-9]*" "[$id] seccomp off: add_key works"
	probe "$id" "$(off_but seccomp)" io_uring
	is "$(layer_states seccomp) $PROBE" "applied ERR EPERM" \
		"[$id] seccomp alone: io_uring_setup fails"
	probe "$id" "$ALL_OFF" io_uring
	if [ "$(cat /proc/sys/kernel/io_uring_disabled 2>/dev/null || echo 0)" = 0 ]; then
		like "$PROBE" "OK fd *" "[$id] seccomp off: io_uring_setup works"
	else
		skip "[$id] seccomp off: io_uring_setup works" "io_uring is disabled on this kernel"
	fi

	# --- ipcns, utsns -----------------------------------------------------------------------
	if [ "${SHM_ID:--1}" -ge 0 ]; then
		probe "$id" "$(off_but ipcns)" shm "$SHM_KEY"
		is "$(layer_states ipcns) $PROBE" "applied ERR ENOENT" \
			"[$id] ipcns alone: the host's SysV shared memory is not there"
		probe "$id" "$ALL_OFF" shm "$SHM_KEY"
		is "$PROBE" "OK id $SHM_ID" "[$id] ipcns off: the host's SysV segment is found"
	else
		skip "[$id] ipcns alone: the host's SysV shared memory is not there" \
			"cannot create a SysV segment on the host"
		skip "[$id] ipcns off: the host's SysV segment is found" \
			"cannot create a SysV segment on the host"
	fi
	probe "$id" "$(off_but utsns)" hostname
	is "$(layer_states utsns) $PROBE" "applied OK langjail" "[$id] utsns alone: hostname langjail"
	probe "$id" "$ALL_OFF" hostname
	is "$PROBE" "OK $HOST_HOSTNAME" "[$id] utsns off: the host's hostname shows"

	# --- pidns: another run is invisible and unkillable -----------------------------------
	tok=$(token)
	rtok=$(printf '%s' "$tok" | rev)
	ljstart "$id" "$T/other" run --unsafe --json --wall 30 python3 -c \
		'import time; time.sleep(30)' -- "$tok"
	other=$LJPID
	wait_for 10 procs_seen "$juid" "$tok"
	ok $? "[$id] another run is running (seen from the host)"
	opid=$(procs_left "$juid" "$tok")
	probe "$id" "$(off_but pidns mountns)" ps "$rtok"
	is "$(layer_states pidns mountns) $PROBE" "applied applied OK none" \
		"[$id] pidns (with its /proc): the other run's processes are invisible"
	probe "$id" "$ALL_OFF" ps "$rtok"
	is "$PROBE" "OK found" "[$id] pidns off: the other run's processes are visible"
	probe "$id" "$(off_but pidns)" kill "${opid:-1}"
	is "$(layer_states pidns) $PROBE" "applied ERR ESRCH" \
		"[$id] pidns alone: the other run's program cannot be signalled"
	if [ "$LL_ABI" -ge 6 ]; then
		probe "$id" "$(off_but landlock)" kill "${opid:-1}"
		is "$(layer_states landlock) $PROBE" "applied ERR EPERM" \
			"[$id] landlock alone: signals outside the jail are scoped away"
	else
		skip "[$id] landlock alone: signals outside the jail are scoped away" \
			"Landlock ABI $LL_ABI < 6 (no scopes)"
	fi
	probe "$id" "$ALL_OFF" kill "${opid:-1}"
	is "$PROBE" "OK killed" "[$id] pidns and landlock off: the other run's program is killed"
	ljwait "$other"
	is "$(jget status "$T/other") $(jget signal "$T/other")" "signal 9" \
		"[$id] the other run survived until then and reports SIGKILL"

	# --- cgroup (root) or rlimits (65534): processes and memory -----------------------------
	if [ "$id" = root ]; then
		limiter=cgroup
	else
		limiter=rlimits
	fi
	tok=$(token)
	ljrun "$id" run --unsafe --json --sabotage "$(off_but "$limiter")" --procs 10 --wall 1 \
		python3 "$bomb" -- "$tok"
	like "$(jget "confinement.layers.$limiter") $(jget stdout)" "applied [0-9] 11" \
		"[$id] $limiter alone: a fork bomb gets EAGAIN before 10 processes"
	is "$(jget status) $(procs_left "$juid" "$tok")" "timeout " \
		"[$id] $limiter alone: the fork bomb run ends and nothing of it is left"
	PROBE_OPTS="--procs 10"
	probe "$id" "$ALL_OFF" fork 20
	PROBE_OPTS=""
	is "$PROBE" "OK 20" "[$id] $limiter off (--procs 10): 20 forks work (a harmless bomb)"

	ljrun "$id" run --unsafe --json --sabotage "$(off_but "$limiter")" --memory 64M \
		python3 -c 'x = b"x" * (2 << 30); print("allocated", len(x))'
	if [ "$limiter" = cgroup ]; then
		is "$(jget confinement.layers.cgroup) $(jget status) $(jget limit)" "applied memory memory" \
			"[$id] cgroup alone: a 2 GiB allocation under --memory 64M is killed, status memory"
	else
		like "$(jget confinement.layers.rlimits) $(jget status):$(jget stdout)" "applied exit:" \
			"[$id] rlimits alone: a 2 GiB allocation under --memory 64M fails (RLIMIT_AS)"
	fi
	PROBE_OPTS="--memory 64M"
	probe "$id" "$ALL_OFF" alloc 128
	PROBE_OPTS=""
	is "$PROBE" "OK 128" "[$id] $limiter off (--memory 64M): 128 MiB can be allocated"

	is "$(wd_entries "$id")" "" "[$id] workdir_root is empty after the layer runs"
done

done_testing
