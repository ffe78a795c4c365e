#!/bin/bash
# The escape corpus through the built langjail, as TAP:
#  1. every attack with every kernel layer (--unsafe: this kernel has no MAC);
#  2. the sabotage matrix: for each layer that is the only stopper named by
#     some cases, those cases again with that layer switched off; the runner
#     then requires them to ESCAPE, which shows the layer is what stopped
#     them and that the harness can fail. Resource attacks (fork bombs,
#     memory, disk) are left out of the matrix: without their limit they
#     would hurt the host.
set -u
src=${LANGJAIL_SRCDIR:-$(cd "$(dirname "$0")/../.." && pwd)}
bin=${LANGJAIL:-$src/src/langjail}
runner=$src/tests/escape/run-escape
n=0
fails=0
plan() { echo "1..$n"; }
trap plan EXIT

if [ "$(id -u)" -ne 0 ]; then
	n=$((n + 1))
	echo "ok $n # SKIP the escape corpus needs root (canaries, listeners, the jail user)"
	exit 0
fi

# Re-number the runner's TAP lines into ours.
relay() {
	local prefix=$1 line
	while IFS= read -r line; do
		case $line in
		"ok "*|"not ok "*)
			n=$((n + 1))
			local rest=${line#ok }
			local status=ok
			if [ "${line#not ok }" != "$line" ]; then
				status="not ok"
				rest=${line#not ok }
				# a known gap is a TAP TODO: an expected failure
				case $line in *"# TODO"*) ;; *) fails=$((fails + 1)) ;; esac
			fi
			rest=${rest#* }   # drop the runner's own number
			echo "$status $n $prefix$rest"
			;;
		"#"*) echo "$line" ;;
		*) ;;
		esac
	done
}

relay "" < <(bash "$runner" --langjail "$bin" --unsafe --tap 2>&1)

# Group the cases by their set of stopping layers; a set made only of
# layers that can be switched off is sabotaged as a whole (where layers
# overlap, they are sabotaged together).
sets=$(bash "$runner" --list 2>/dev/null | awk '
	NR > 1 {
		ok = 1; set = ""
		for (i = 5; i <= NF; i++) {
			if ($i !~ /^(seccomp|landlock|mountns|pidns|netns|utsns|ipcns|cgroup|rlimits)$/) ok = 0
			set = set (set == "" ? "" : ",") $i
		}
		# resource attacks are never run without their limits: a real fork
		# bomb or disk fill would hit the host, not prove anything new
		if ($1 ~ /^res-/) ok = 0
		if (ok && set != "") ids[set] = ids[set] " " $1
	}
	END { for (s in ids) print s ":" ids[s] }' | sort)
while IFS=: read -r set ids; do
	[ -n "$set" ] || continue
	# shellcheck disable=SC2086
	relay "[sabotage $set] " < <(bash "$runner" --langjail "$bin" --unsafe --tap \
		--sabotage "$set" --only $ids 2>&1)
done <<<"$sets"
echo "$((n - fails)) passed, $fails failed"
