#!/bin/sh
# limits.sh - every resource limit is hit, stops the program and is reported;
# limits can be lowered but not raised, and bad values are refused. Run as
# root (cgroup + rlimits) and as uid 65534 (no cgroup: rlimits only). TAP.
#
#   LANGJAIL=/path/to/src/langjail LANGJAIL_SRCDIR=/path/to/src sh limits.sh

# shellcheck source-path=SCRIPTDIR source=lib.sh
. "$(dirname "$0")/lib.sh"

cpu_tree=$(prog cpu-tree.py <<'EOF'
import os
for i in range(4):
    if os.fork() == 0:
        while True:
            pass
for i in range(4):
    os.wait()
print("all children done")
EOF
)
# Count the forks the limit allows (each child holds its slot), then bomb.
bomb=$(prog bomb.py <<'EOF'
import os, sys, time
n = 0
try:
    while n < 1000:
        pid = os.fork()
        if pid == 0:
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
write_err=$(prog write.py <<'EOF'
import errno, os, sys
# usage: write.py NAME MiB [dfl]: write NAME in 1 MiB steps, print the error
import signal
if len(sys.argv) > 3:
    signal.signal(signal.SIGXFSZ, signal.SIG_DFL)
try:
    with open(sys.argv[1], "wb") as f:
        for i in range(int(sys.argv[2])):
            f.write(b"x" * (1 << 20))
            f.flush()
except OSError as e:
    print(errno.errorcode[e.errno], os.path.getsize(sys.argv[1]))
    sys.exit(1)
print("wrote", os.path.getsize(sys.argv[1]))
EOF
)
inodes=$(prog inodes.py <<'EOF'
import errno, sys
n = 0
try:
    for i in range(1000):
        open("f%d" % i, "w").close()
        n += 1
except OSError as e:
    print(n, errno.errorcode[e.errno])
    sys.exit(1)
print(n, "no error")
EOF
)
KiB10=10240

for id in $IDS; do
	juid=$(jail_uid "$id")

	# --- time ---------------------------------------------------------------------
	t0=$(now_ms)
	ljrun "$id" run --unsafe --wall 1 python3 -c 'import time; time.sleep(60)'
	t1=$(now_ms)
	is "$RC" 124 "[$id] --wall 1 with sleep 60: rc 124"
	like "$(cat "$T/err")" "*time limit (wall)*" "[$id] --wall: the verdict names the wall limit"
	check "[$id] --wall 1: killed long before the sleep ends (<20 s)" test $((t1 - t0)) -lt 20000
	ljrun "$id" run --unsafe --json --wall 0.5 sh -c 'sleep 60'
	is "$(jget status) $(jget limit) $(jget signal)" "timeout wall 9" \
		"[$id] JSON: --wall 0.5 gives status timeout, limit wall"

	ljrun "$id" run --unsafe --json --cpu 1 --wall 30 python3 -c 'while True: pass'
	is "$(jget status) $(jget limit)" "timeout cpu" "[$id] --cpu 1 busy loop: timeout, limit cpu"
	"$PY" -c 'import sys; t = float(sys.argv[1]); sys.exit(not 0.5 <= t < 10)' "$(jget cpu_time)"
	ok $? "[$id] --cpu 1: cpu_time reported about 1 s ($(jget cpu_time))"

	ljrun "$id" run --unsafe --json --cpu 1 --wall 30 python3 "$cpu_tree"
	is "$(jget status) $(jget limit)" "timeout cpu" \
		"[$id] --cpu 1 counts the whole tree: 4 busy children end in timeout/cpu"
	"$PY" -c 'import sys; t = float(sys.argv[1]); sys.exit(not t < 2.5)' "$(jget cpu_time)"
	ok $? "[$id] --cpu 1 with 4 busy children: the tree gets well under 4 CPU s ($(jget cpu_time))"

	# --- memory ---------------------------------------------------------------------
	ljrun "$id" run --unsafe --json --memory 64M python3 -c \
		'x = b"x" * (2 << 30); print("allocated", len(x))'
	if [ "$(jget confinement.layers.cgroup)" = applied ]; then
		is "$(jget status) $(jget limit)" "memory memory" \
			"[$id] --memory 64M, 2 GiB allocation: status memory (cgroup)"
		"$PY" -c 'import sys; sys.exit(not 0 < int(sys.argv[1]) <= 80 * 1024)' \
			"$(jget memory_peak_kb)"
		ok $? "[$id] memory_peak_kb is at most the limit plus slack ($(jget memory_peak_kb))"
		ljrun "$id" run --unsafe --memory 64M python3 -c 'x = b"x" * (2 << 30)'
		is "$RC" 137 "[$id] memory limit without --json: rc 137"
	else
		isnt "$(jget status)" "ok" \
			"[$id] --memory 64M without a cgroup (RLIMIT_AS): the allocation is stopped"
		like "$(jget stdout)" "" "[$id] the 2 GiB allocation never succeeded"
	fi

	# --- output -----------------------------------------------------------------------
	ljrun "$id" run --unsafe --json --output 10K python3 -c \
		'import sys
while True: sys.stdout.write("y" * 1000)'
	is "$(jget status) $(jget limit) $(jget stdout_truncated) $(jget stderr_truncated)" \
		"output_limit output true false" "[$id] --output 10K stdout flood: output_limit, truncated"
	is "$(jget stdout_bytes) $(jstdout "$T/out" | wc -c)" "$KiB10 $KiB10" \
		"[$id] exactly 10240 bytes of stdout kept"
	ljrun "$id" run --unsafe --json --output 10K python3 -c \
		'import sys
while True: sys.stderr.write("e" * 999)'
	is "$(jget status) $(jget stderr_truncated) $(jget stdout_truncated)" \
		"output_limit true false" "[$id] --output 10K stderr flood: output_limit, truncated"
	is "$(jget stderr_bytes) $(jstdout "$T/out" stderr | wc -c)" "$KiB10 $KiB10" \
		"[$id] exactly 10240 bytes of stderr kept"
	# Past 256 KiB a capture is kept in a memfd: what comes back is still
	# every byte, UTF-8 across its 64 KiB pieces, binary as base64, and an
	# output limit inside the memfd part still cuts at exactly its size.
	ljrun "$id" run --unsafe --json --output 4M python3 -c \
		'import sys
sys.stdout.buffer.write(("\u20ac" * 400000).encode())
sys.stderr.buffer.write(bytes(range(256)) * 3000)'
	is "$(jget status) $(jget stdout_encoding) $(jget stderr_encoding)" "ok utf-8 base64" \
		"[$id] --json, 1.2 MB of UTF-8 and 768 KB of binary: utf-8 and base64"
	is "$(jstdout "$T/out" | sha256sum | cut -c1-16) $(jstdout "$T/out" stderr | sha256sum | cut -c1-16)" \
		"$("$PY" -c 'import hashlib; print(hashlib.sha256(("\u20ac" * 400000).encode()).hexdigest()[:16], hashlib.sha256(bytes(range(256)) * 3000).hexdigest()[:16])')" \
		"[$id] ... every byte of both comes back"
	ljrun "$id" run --unsafe --json --output 300K python3 -c \
		'import sys
while True: sys.stdout.write("z" * 4096)'
	is "$(jget status) $(jget stdout_bytes) $(jstdout "$T/out" | wc -c)" "output_limit 307200 307200" \
		"[$id] --output 300K flood under --json: exactly 307200 bytes kept"
	ljrun "$id" run --unsafe --output 10K sh -c 'while :; do echo 0123456789abcdef; done'
	is "$RC $(wc -c <"$T/out")" "137 $KiB10" "[$id] --output without --json: rc 137, 10240 bytes"
	like "$(cat "$T/err")" "*output limit reached on stdout*" "[$id] the output verdict on stderr"

	# --- files ------------------------------------------------------------------------
	ljrun "$id" run --unsafe --json --file-size 1M python3 "$write_err" -- big 2 dfl
	is "$(jget status) $(jget signal) $(jget limit)" "signal 25 file_size" \
		"[$id] --file-size 1M, writing 2M: SIGXFSZ, limit file_size"
	ljrun "$id" run --unsafe --json --file-size 1M python3 "$write_err" -- big 2
	is "$(jget stdout)" "EFBIG 1048576" \
		"[$id] --file-size 1M: a program ignoring SIGXFSZ gets EFBIG at 1M"
	ljrun "$id" run --unsafe --json --disk 1M python3 "$write_err" -- big 5
	like "$(jget stdout)" "ENOSPC *" "[$id] --disk 1M, writing 5M: the program sees ENOSPC"
	is "$(jget status) $(jget exit_code) $(jget limit)" "exit 1 disk" \
		"[$id] --disk: the non-zero exit is reported with limit disk"
	ljrun "$id" run --unsafe --json --inodes 100 python3 "$inodes"
	like "$(jget stdout)" "[0-9]* ENOSPC" "[$id] --inodes 100, creating 1000 files: ENOSPC"
	n=$(jget stdout | cut -d' ' -f1)
	check "[$id] --inodes 100: at most 100 files were made ($n)" test "${n:-1000}" -le 100

	# --- processes --------------------------------------------------------------------
	tok=$(token)
	t0=$(now_ms)
	ljrun "$id" run --unsafe --json --procs 10 --wall 1 python3 "$bomb" -- "$tok"
	t1=$(now_ms)
	left=$(procs_left "$juid" "$tok")
	like "$(jget stdout)" "[0-9]* 11" "[$id] --procs 10 fork bomb: fork fails with EAGAIN"
	n=$(jget stdout | cut -d' ' -f1)
	check "[$id] --procs 10: fewer than 10 forks succeeded ($n)" test "${n:-1000}" -lt 10
	is "$(jget status) $(jget limit)" "timeout wall" "[$id] the fork bomb run ends at its wall limit"
	check "[$id] the fork bomb run ended in time (<20 s)" test $((t1 - t0)) -lt 20000
	is "$left" "" "[$id] no process of the fork bomb is left running as uid $juid"

	# --- requests above the maxima, bad values --------------------------------------------
	ljrun "$id" run --unsafe --cpu 1000 python3 -c 'print(1)'
	like "$RC:$(cat "$T/out"):$(cat "$T/err")" "125::*--cpu*maximum*" \
		"[$id] --cpu 1000 (above max_cpu) is refused, naming --cpu"
	ljrun "$id" run --unsafe --json --memory 5G python3 -c 'print(1)'
	like "$RC:$(jget status):$(jget error.message)" "125:error:*--memory*maximum*" \
		"[$id] --memory 5G (above max_memory) is refused in JSON too"
	for bad in "--memory 64Q" "--cpu -1" "--cpu 0" "--wall abc" "--procs 1.5" \
		"--output -1K" "--disk 1M1" "--inodes 0x10" "--cpu 1e9"; do
		opt=${bad%% *}
		val=${bad#* }
		ljrun "$id" run --unsafe "$opt" "$val" python3 -c 'print("ran")'
		like "$RC:$(cat "$T/out"):$(cat "$T/err")" "125::*$opt*" \
			"[$id] $opt '$val' is refused (125), naming $opt"
	done
	ljrun "$id" run --unsafe --cpu python3 -c 'print("ran")'
	is "$RC:$(cat "$T/out")" "125:" "[$id] --cpu without a value (eats LANG) is refused"

	is "$(wd_entries "$id")" "" "[$id] workdir_root is empty after the limit runs"
done

# --- cgroup v1 hierarchies not where they usually are ----------------------------------
# langjail guesses /sys/fs/cgroup/memory (and pids, cpuacct) and checks each
# guess by a file only that controller has. In a private mount namespace,
# the memory hierarchy moved elsewhere and the pids one mounted in its place
# make the guess wrong: the run must notice, find the hierarchies in the
# mount table, and still end the 2 GiB allocation at the memory limit.
if [ "$IS_ROOT" -eq 1 ] && [ -f /sys/fs/cgroup/memory/memory.limit_in_bytes ] &&
	[ -d /sys/fs/cgroup/pids ] && command -v unshare >/dev/null; then
	mkdir "$T/memcg"
	printf '%s\n' 'umount -l /sys/fs/cgroup/memory || exit 99' \
		"mount -t cgroup -o memory langjail-test $T/memcg || exit 99" \
		'mount --bind /sys/fs/cgroup/pids /sys/fs/cgroup/memory || exit 99' \
		'exec "$@"' >"$T/swap.sh"
	unshare -m --propagation private sh "$T/swap.sh" "$LANGJAIL" --config "$T/root.conf" \
		run --unsafe --json --memory 64M python3 -c \
		'x = b"x" * (2 << 30); print("allocated", len(x))' >"$T/out" 2>"$T/err"
	RC=$?
	is "$(jget status) $(jget limit) $(jget confinement.layers.cgroup)" "memory memory applied" \
		"[root] memory over a wrong guess of its mount point: found in the mount table, limit holds"
	check "[root] ... and the host's memory hierarchy is untouched" \
		test -f /sys/fs/cgroup/memory/memory.limit_in_bytes
else
	skip "[root] cgroup v1 hierarchies found in the mount table" \
		"needs root and cgroup v1 memory and pids hierarchies"
fi

done_testing
