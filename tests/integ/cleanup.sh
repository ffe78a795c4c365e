#!/bin/sh
# cleanup.sh - nothing outlives a run: no process (daemons, setsid double
# forks), no workdir (however hostile its contents), no cgroup; concurrent
# runs do not disturb each other; the host files a program points at are
# untouched. Run as root and as uid 65534. TAP.
#
#   LANGJAIL=/path/to/src/langjail LANGJAIL_SRCDIR=/path/to/src sh cleanup.sh

# shellcheck source-path=SCRIPTDIR source=lib.sh
. "$(dirname "$0")/lib.sh"

# A root-owned canary outside the workdir that planted links point at.
printf 'canary: must never change\n' >"$T/canary"
chmod 0644 "$T/canary"
fileinfo() {
	printf '%s %s\n' "$(stat -c '%u:%g:%a:%s:%h' "$1")" "$(sha256sum <"$1" | cut -d' ' -f1)"
}
canary0=$(fileinfo "$T/canary")
passwd0=$(fileinfo /etc/passwd)
etc0=$(stat -c '%u:%g:%a' /etc)
tdir0=$(stat -c '%u:%g:%a' "$T")

# Double fork + setsid: a daemon that holds stdout and sleeps 60 s; the
# program exits once the daemon is up.
daemon=$(prog daemon.py <<'EOF'
import os, sys, time
r, w = os.pipe()
if os.fork() == 0:
    os.setsid()
    if os.fork() == 0:
        os.close(r)
        os.write(w, b"up")
        os.close(w)
        time.sleep(int(sys.argv[2]) if len(sys.argv) > 2 else 60)
        os._exit(0)
    os._exit(0)
os.close(w)
os.wait()
print("daemon", os.read(r, 2).decode(), flush=True)
EOF
)

# Everything a hostile program can leave in its workdir.
hostile=$(prog hostile.py <<'EOF'
import errno, os, sys
canary = sys.argv[1]
deep = int(sys.argv[2]) if len(sys.argv) > 2 else 0
nfiles = int(sys.argv[3]) if len(sys.argv) > 3 else 0
res = []
os.symlink("/etc/passwd", "passwd-link")
os.symlink(canary, "canary-link")
os.symlink("canary-link", "chain-link")
os.symlink("/etc", "etc-link")
os.symlink("/", "root-link")
os.symlink(os.path.dirname(canary), "testdir-link")
for src, dst in (("/etc/passwd", "hard-passwd"), (canary, "hard-canary")):
    try:
        os.link(src, dst)
        res.append(dst + "=linked")
    except OSError as e:
        res.append(dst + "=" + errno.errorcode[e.errno])
os.mkdir("locked")
for i in range(5):
    with open("locked/f%d" % i, "w") as f:
        f.write("x")
os.mkdir("locked/sub")
open("locked/sub/g", "w").close()
os.symlink("/etc/passwd", "locked/sub/passwd-link")
os.chmod("locked/sub", 0)
os.chmod("locked", 0)
os.mkfifo("fifo")
with open("new\nline", "w") as f:
    f.write("x")
os.mkdir("dir\nwith\nnewlines")
open("dir\nwith\nnewlines/f\n", "w").close()
open("noperm", "w").close()
os.chmod("noperm", 0)
os.mkdir(".deep-0")   # a name the remover uses for deep directories
for i in range(nfiles):
    open("f%05d" % i, "w").close()
if deep:
    path = "/".join(["d"] * deep)
    os.makedirs(path)
    os.symlink("/etc/passwd", path + "/passwd-link")
    os.chmod("/".join(["d"] * (deep // 2)), 0)
os.chmod(".", 0)
print(" ".join(res))
EOF
)

# After a failed cleanup check: remove what langjail left, so that the next
# cases start from an empty workdir_root again.
wd_clear() {
	if [ -n "$(wd_entries "$1")" ]; then
		chmod -R u+rwx "$(wd_root "$1")"
		find "$(wd_root "$1")" -mindepth 1 -delete
	fi
}

host_intact() {
	is "$(fileinfo "$T/canary")" "$canary0" "$1: the canary's content, owner and mode are unchanged"
	is "$(fileinfo /etc/passwd)" "$passwd0" "$1: /etc/passwd is unchanged"
	is "$(stat -c '%u:%g:%a' /etc) $(stat -c '%u:%g:%a' "$T")" "$etc0 $tdir0" \
		"$1: /etc and the test dir keep owner and mode"
}

no_cgroup() {
	if [ "$(jget confinement.layers.cgroup)" = applied ]; then
		is "$(cgroups_left "$LJPID")" "" "$1: no cgroup run-$LJPID-* is left"
	fi
}

for id in $IDS; do
	juid=$(jail_uid "$id")

	# --- a daemon is killed with the run --------------------------------------------------
	tok=$(token)
	t0=$(now_ms)
	ljrun "$id" run --unsafe --json python3 "$daemon" -- "$tok"
	t1=$(now_ms)
	is "$(jget status):$(jget stdout)" "ok:daemon up" "[$id] double-fork setsid daemon was started"
	is "$(procs_left "$juid" "$tok")" "" "[$id] the daemon is gone when langjail returns"
	check "[$id] the run did not wait for the daemon (<20 s)" test $((t1 - t0)) -lt 20000
	"$PY" -c 'import sys; sys.exit(not float(sys.argv[1]) < 10)' "$(jget wall_time)"
	ok $? "[$id] wall_time is small ($(jget wall_time))"
	is "$(wd_entries "$id")" "" "[$id] workdir_root is empty after the daemon run"
	no_cgroup "[$id] daemon run"
	pkill -KILL -u "$juid" -f "$tok" 2>/dev/null

	if [ "$id" = root ]; then
		# Without the pid namespace, the cgroup alone must take the daemon down.
		tok=$(token)
		ljrun "$id" run --unsafe --json --sabotage pidns python3 "$daemon" -- "$tok"
		is "$(jget status):$(jget stdout):$(jget confinement.layers.cgroup)" \
			"ok:daemon up:applied" "[$id] pidns off: the daemon was started (cgroup on)"
		is "$(procs_left "$juid" "$tok")" "" \
			"[$id] pidns off: the cgroup killed the daemon with the run"
		no_cgroup "[$id] pidns off"
		is "$(wd_entries "$id")" "" "[$id] pidns off: workdir_root is empty"
		pkill -KILL -u "$juid" -f "$tok" 2>/dev/null
	else
		# Without pid namespace and cgroup nothing can kill a setsid daemon,
		# but the supervisor must not wait for it (it gives stragglers 200 ms).
		tok=$(token)
		t0=$(now_ms)
		ljrun "$id" run --unsafe --json --sabotage pidns python3 "$daemon" -- "$tok" 6
		t1=$(now_ms)
		is "$(jget status):$(jget stdout)" "ok:daemon up" "[$id] pidns off: the daemon was started"
		check "[$id] pidns off, no cgroup: the run returns without waiting for the daemon's 6 s (<3 s, took $((t1 - t0)) ms)" \
			test $((t1 - t0)) -lt 3000
		pkill -KILL -u "$juid" -f "$tok" 2>/dev/null
	fi

	# --- a hostile workdir is removed without following anything ------------------------
	for sab in "" mountns; do
		what="[$id]${sab:+ --sabotage $sab}"
		ljrun "$id" run --unsafe --json ${sab:+--sabotage "$sab"} python3 "$hostile" -- "$T/canary"
		is "$(jget status)" "ok" "$what hostile workdir planted"
		like "$(jget stdout)" "hard-passwd=E* hard-canary=E*" \
			"$what hardlinks to /etc/passwd and the canary are refused"
		is "$(wd_entries "$id")" "" "$what workdir_root is empty (symlinks, FIFO, 000 dirs, newlines)"
		host_intact "$what"
		no_cgroup "$what"
		wd_clear "$id"
	done

	# --- many files, and a deep tree, on the host disk --------------------------------------
	t0=$(now_ms)
	ljrun "$id" run --unsafe --json --sabotage mountns --wall 60 python3 "$hostile" -- \
		"$T/canary" 0 5000
	t1=$(now_ms)
	is "$(jget status):$(jget confinement.layers.mountns)" "ok:sabotaged" \
		"[$id] mountns off: 5000 files made on the host disk and removed"
	is "$(wd_entries "$id")" "" "[$id] mountns off: workdir_root is empty after 5000 files"
	check "[$id] the run with 5000 files took a reasonable time (<30 s)" \
		test $((t1 - t0)) -lt 30000
	wd_clear "$id"
	ljrun "$id" run --unsafe --json --sabotage mountns --wall 60 python3 "$hostile" -- \
		"$T/canary" 200 0
	is "$(jget status):$(jget confinement.layers.mountns)" "ok:sabotaged" \
		"[$id] mountns off: a 200-deep tree (000 at depth 100) made on the host disk and removed"
	is "$(wd_entries "$id")" "" "[$id] mountns off: workdir_root is empty after the 200-deep tree"
	host_intact "[$id] deep tree"
	wd_clear "$id"

	# --- concurrent runs ---------------------------------------------------------------------
	tok=$(token)
	pids=""
	for i in 1 2 3 4 5; do
		ljstart "$id" "$T/conc$i" run --unsafe --json python3 -c \
			'import os, sys, time; time.sleep(1.5); print(sys.argv[1], os.getcwd())' -- "$i" "$tok"
		pids="$pids $LJPID"
	done
	wait_for 10 procs_seen "$juid" "$tok"
	ok $? "[$id] the 5 concurrent runs are seen running (the process check works)"
	if [ "$id" = root ]; then
		first=${pids# }
		first=${first%% *}
		wait_for 10 cgroups_seen "$first"
		ok $? "[$id] a concurrent run's cgroup is seen while it runs (the cgroup check works)"
	fi
	i=0
	cwds=""
	left_cg=""
	for p in $pids; do
		i=$((i + 1))
		ljwait "$p"
		is "$RC $(jget status "$T/conc$i") $(jget stdout "$T/conc$i" | cut -d' ' -f1)" "0 ok $i" \
			"[$id] concurrent run $i is ok"
		cwds="$cwds $(jget stdout "$T/conc$i" | cut -d' ' -f2)"
		left_cg="$left_cg$(cgroups_left "$p")"
	done
	is "$(echo "$cwds" | tr ' ' '\n' | grep -c . | tr -d ' ') $(echo "$cwds" | tr ' ' '\n' | sort -u | grep -c . | tr -d ' ')" \
		"5 5" "[$id] the 5 runs had 5 different workdirs"
	is "$(wd_entries "$id")" "" "[$id] workdir_root is empty after the 5 concurrent runs"
	is "$left_cg" "" "[$id] no cgroup of the 5 concurrent runs is left"
	is "$(procs_left "$juid" "$tok")" "" "[$id] no process of the 5 concurrent runs is left"
done

done_testing
