#!/bin/sh
# netpool.sh - the pool of empty network namespaces ([jail] netns_pool,
# state_dir): runs one after another reuse a namespace, runs at the same time
# never share one, nothing a run leaves listening reaches the next run (even
# with seccomp and Landlock off: the pid namespace ends every process of the
# run before its slot is free), a hostile or broken state directory falls
# back to a fresh namespace, never to the host's, and gc removes idle ones.
# Root only (an unprivileged caller's runs never use the pool). TAP.

# shellcheck source-path=SCRIPTDIR source=lib.sh
. "$(dirname "$0")/lib.sh"

if [ "$IS_ROOT" -ne 1 ]; then
	skip "the pool is used by runs as root only" "not root"
	done_testing
	exit 0
fi

lj_cleanup_hook() {
	for f in "$S"/net-[0-9]* "$T"/st-*/net-[0-9]*; do
		umount "$f" 2>/dev/null
	done
	return 0
}
S=$T/state
# pool_conf FILE SIZE [STATE_DIR]
pool_conf() {
	write_config "$1" "$(wd_root root)" "state_dir = ${3:-$S}
netns_pool = $2"
}
pool_conf "$T/pool1.conf" 1
pool_conf "$T/pool2.conf" 2
pool_conf "$T/pool0.conf" 0

# The namespace the program is in, its interfaces, and a note of the verdict.
probe=$(prog netprobe.py <<'EOF'
import os, socket, sys, time
print("ns", os.readlink("/proc/self/ns/net"))
with open("/proc/self/net/dev") as f:
    print("ifs", ",".join(sorted(l.split(":")[0].strip() for l in f.readlines()[2:])))
if len(sys.argv) > 1:
    time.sleep(float(sys.argv[1]))
EOF
)
host_ns=$(readlink /proc/self/ns/net)

field() { # field KEY: the value of "KEY value" in the program's stdout
	jstdout | sed -n "s/^$1 //p"
}
note() { jget confinement.notes.netns; }
unmounted() { ! grep -q " $S/net-$1 " /proc/self/mountinfo; }

# --- one run after another ----------------------------------------------------------
ljrun_conf root "$T/pool1.conf" run --unsafe --json python3 "$probe"
ns1=$(field ns)
is "$RC $(jget status)" "0 ok" "a run with the pool succeeds"
like "$(note)" "empty namespace net-0 of the pool (made for this run)" \
	"the first run makes net-0 and says so"
is "$(field ifs)" "lo" "the pool's namespace has only lo"
isnt "$ns1" "$host_ns" "it is not the host's namespace"
check "net-0 is an nsfs mount in the state directory" \
	grep -q " $S/net-0 .* - nsfs " /proc/self/mountinfo
is "$(stat -c '%U %a' "$S/net-0.lock")" "root 600" "its lock file is root's, mode 0600"

ljrun_conf root "$T/pool1.conf" run --unsafe --json python3 "$probe"
is "$(note)" "empty namespace net-0 of the pool" "the next run reuses net-0"
is "$(field ns)" "$ns1" "... the same namespace"

# loopback works in it (seccomp and Landlock off: with them, TCP is refused outright)
lo=$(prog lo.py <<'EOF'
import socket
s = socket.socket(); s.bind(("127.0.0.1", 0)); s.listen()
c = socket.create_connection(s.getsockname(), timeout=2)
print("lo up")
EOF
)
ljrun_conf root "$T/pool1.conf" run --unsafe --json --sabotage seccomp,landlock python3 "$lo"
is "$(jstdout)" "lo up" "loopback is up in a namespace of the pool"

# --- nothing a run leaves reaches the next one ----------------------------------------
# Run A: a daemon (double fork, setsid) listening on 127.0.0.1 and on an
# abstract unix socket; A itself connects to both once they are up (the
# control: the probe does reach a listener that is alive). Run B in the same
# namespace tries the same addresses.
# reach.py TOKEN [PORT]: without PORT, first leave the daemon and print its
# port; then try both addresses and print what each gave.
reach=$(prog reach.py <<'EOF'
import os, socket, sys, time
tok = sys.argv[1]
if len(sys.argv) > 2:
    port = int(sys.argv[2])
else:
    r, w = os.pipe()
    if os.fork() == 0:
        os.setsid()
        if os.fork() == 0:
            t = socket.socket(); t.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            t.bind(("127.0.0.1", 0)); t.listen()
            u = socket.socket(socket.AF_UNIX); u.bind("\0" + tok); u.listen()
            os.write(w, str(t.getsockname()[1]).encode())
            os.close(w)
            time.sleep(60)
            os._exit(0)
        os._exit(0)
    os.close(w)
    port = int(os.read(r, 16))
    print("port", port)
res = []
for fam, addr in ((socket.AF_INET, ("127.0.0.1", port)), (socket.AF_UNIX, "\0" + tok)):
    s = socket.socket(fam)
    try:
        s.connect(addr); res.append("connected")
    except OSError as e:
        res.append("refused")
print("reach", ",".join(res))
print("ns", os.readlink("/proc/self/ns/net"))
EOF
)
tok=$(token)
ljrun_conf root "$T/pool1.conf" run --unsafe --json --sabotage seccomp,landlock \
	python3 "$reach" -- "$tok"
port=$(field port)
nsA=$(field ns)
is "$(field reach)" "connected,connected" \
	"control: a run reaches its own daemon's TCP and abstract unix listeners"
ljrun_conf root "$T/pool1.conf" run --unsafe --json --sabotage seccomp,landlock \
	python3 "$reach" -- "$tok" "${port:-1}"
is "$(field ns)" "$nsA" "the next run is in the same namespace"
is "$(field reach)" "refused,refused" \
	"... and reaches neither listener: the daemon died with the run (seccomp and Landlock off)"
is "$(pgrep -f "$tok" | grep -vx "$$" | wc -l)" "0" "no process of the first run is left"

# --- runs at the same time --------------------------------------------------------------
ljstart_conf() { # ljstart_conf CONF OUT ARGS...
	_c=$1
	_o=$2
	shift 2
	"$LANGJAIL" --config "$_c" "$@" </dev/null >"$_o" 2>"$_o.err" &
	LJPID=$!
	BG_PIDS="$BG_PIDS $LJPID"
}
two_at_once() { # two_at_once CONF: two runs at once; N1, N2 their namespaces
	ljstart_conf "$1" "$T/c1" run --unsafe --json python3 "$probe" -- 1.5
	_p1=$LJPID
	ljstart_conf "$1" "$T/c2" run --unsafe --json python3 "$probe" -- 1.5
	ljwait "$LJPID"
	ljwait "$_p1"
	N1=$(jstdout "$T/c1" | sed -n 's/^ns //p')
	N2=$(jstdout "$T/c2" | sed -n 's/^ns //p')
}
two_at_once "$T/pool2.conf"
isnt "$N1" "$N2" "two runs at once are in different namespaces"
like "$(jget confinement.notes.netns "$T/c1") $(jget confinement.notes.netns "$T/c2")" \
	"*of the pool*of the pool*" "... both of the pool (two slots)"
two_at_once "$T/pool1.conf"
isnt "$N1" "$N2" "a pool of one: the second run at once is in another namespace"
like "$(jget confinement.notes.netns "$T/c1")|$(jget confinement.notes.netns "$T/c2")" \
	"*a fresh one: all 1 namespaces of the pool are in use*" \
	"... a fresh one, and the note says why"

# --- the pool off ----------------------------------------------------------------------
# (a freed namespace's inode number is reused at once: compare with net-0, alive)
ljrun_conf root "$T/pool0.conf" run --unsafe --json python3 "$probe"
isnt "$(field ns)" "$ns1" "netns_pool = 0: the run is not in the pool's namespace"
like "$(note)" "a fresh one: the pool is off*" "... and the note says the pool is off"

# --- hostile or broken state ------------------------------------------------------------
bad_state() { # bad_state DIR DESC: a run falls back to a fresh namespace
	pool_conf "$T/bad.conf" 4 "$1"
	ljrun_conf root "$T/bad.conf" run --unsafe --json python3 "$probe"
	is "$RC $(jget status)" "0 ok" "$2: the run still works"
	like "$(note)" "a fresh one: *" "$2: a fresh namespace, with the reason"
	_ns=$(field ns)
	isnt "$_ns" "$host_ns" "$2: not the host's namespace"
}
mkdir "$T/st-open"
chmod 0755 "$T/st-open"
bad_state "$T/st-open" "state directory of mode 0755"
mkdir "$T/st-nobody"
chmod 0700 "$T/st-nobody"
chown "$NOBODY" "$T/st-nobody"
bad_state "$T/st-nobody" "state directory owned by another user"
mkdir "$T/st-link"
chmod 0700 "$T/st-link"
ln -s /proc/1/ns/net "$T/st-link/net-0"
for i in 1 2 3; do ln -s /proc/1/ns/net "$T/st-link/net-$i"; done
bad_state "$T/st-link" "net-N symbolic links to the host's namespace"
mkdir "$T/st-host"
chmod 0700 "$T/st-host"
: >"$T/st-host/net-0"
mount --bind /proc/self/ns/net "$T/st-host/net-0"
pool_conf "$T/bad.conf" 1 "$T/st-host"
ljrun_conf root "$T/bad.conf" run --unsafe --json python3 "$probe"
like "$(note)" "a fresh one: *is the host's network namespace*" \
	"net-0 bound to the host's namespace is refused"
isnt "$(field ns)" "$host_ns" "... the run is not in the host's namespace"
umount "$T/st-host/net-0"
# a namespace owned by another user namespace: the run's init could not
# enter it (setns needs CAP_SYS_ADMIN over its owner)
if unshare --user --net true 2>/dev/null; then
	mkdir "$T/st-userns"
	chmod 0700 "$T/st-userns"
	: >"$T/st-userns/net-0"
	unshare --user --net sleep 30 &
	un=$!
	BG_PIDS="$BG_PIDS $un"
	wait_for 10 test "$(readlink /proc/$un/ns/net 2>/dev/null)" != "$host_ns"
	mount --bind "/proc/$un/ns/net" "$T/st-userns/net-0"
	pool_conf "$T/bad2.conf" 1 "$T/st-userns"
	ljrun_conf root "$T/bad2.conf" run --unsafe --json python3 "$probe"
	is "$RC $(jget status)" "0 ok" "a namespace of another user namespace: the run still works"
	like "$(note)" "a fresh one: *belongs to another user namespace*" \
		"... in a fresh namespace, and the note says why"
	umount "$T/st-userns/net-0"
	kill "$un" 2>/dev/null
else
	skip "a namespace of another user namespace is refused" "no user namespaces here"
fi
ljrun_conf root "$T/bad.conf" run --unsafe --json python3 "$probe"
like "$(note)" "empty namespace net-0 of the pool (made for this run)" \
	"a plain file as net-0 becomes a namespace of the pool"

# --- status and gc ----------------------------------------------------------------------
"$LANGJAIL" --config "$T/pool2.conf" status >"$T/out" 2>&1
like "$(grep '^netns' "$T/out")" "*a pool of up to 2 empty namespaces in $S: 2 made, 0 in use*" \
	"status shows the pool"
ljstart_conf "$T/pool2.conf" "$T/c1" run --unsafe --json python3 "$probe" -- 3
p1=$LJPID
in_use() {
	"$LANGJAIL" --config "$T/pool2.conf" status 2>&1 | grep -q ": [0-9]* made, 1 in use"
}
check "status counts the namespace a run holds" wait_for 10 in_use
"$LANGJAIL" --config "$T/pool2.conf" gc >"$T/out" 2>&1
like "$(cat "$T/out")" "*and 1 idle network namespace(s) of the pool*" \
	"gc removes the idle namespace, not the one a run holds"
check "... the busy one is still mounted" grep -q " $S/net-0 " /proc/self/mountinfo
ljwait "$p1"
is "$RC $(jget status "$T/c1")" "0 ok" "the run whose namespace gc left alone ends well"
"$LANGJAIL" --config "$T/pool2.conf" gc >"$T/out" 2>&1
like "$(cat "$T/out")" "*and 1 idle network namespace(s) of the pool*" "a second gc removes it"
check "nothing of the pool is mounted after gc" unmounted 0
check "... net-1 neither" unmounted 1
for c in "$T/bad.conf"; do "$LANGJAIL" --config "$c" gc >/dev/null 2>&1; done

# --- an unprivileged caller ------------------------------------------------------------
write_config "$T/nb.conf" "$(wd_root nobody)" "state_dir = $S"
ljrun_conf nobody "$T/nb.conf" run --unsafe --json python3 "$probe"
if [ "$(jget confinement.layers.netns)" = applied ]; then
	case $(note) in
	*"of the pool"*) fail "an unprivileged run does not use the pool" ;;
	*) pass "an unprivileged run does not use the pool" ;;
	esac
else
	skip "an unprivileged run does not use the pool" "no user namespaces for uid $NOBODY"
fi

done_testing
