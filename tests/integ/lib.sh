# shellcheck shell=sh
# lib.sh - sourced by the integration tests (tests/integ/*.sh).
#
# What it gives a test:
#   - TAP output: ok/is/isnt/like/skip/diag, and done_testing for the plan
#     (printed last, so a script that dies early is reported as broken);
#   - a private temp dir $T (mode 0711, root-owned when run as root) removed
#     by a trap, with one configuration per identity the test runs as;
#   - ljrun ID ARGS...: langjail run as "root" or as uid 65534 ("nobody",
#     via setpriv), or as the invoking user ("self") when not started as root;
#   - jget KEY: a field of the JSON verdict langjail printed (host python3).
#
# Environment (from make check, or given by hand):
#   LANGJAIL          the langjail binary to test (required)
#   LANGJAIL_SRCDIR   the source tree (languages/); default: ../.. of the test
#   LANGJAIL_BUILDDIR the build tree (unused here; fixtures live there)
#
# Nothing here is a shell "set -e" script: each case checks its own result.

# Variables set here (IS_ROOT, IDS, T, ...) are for the scripts that source it.
# shellcheck disable=SC2034

set -u
umask 022

if [ -z "${LANGJAIL:-}" ] || [ ! -x "${LANGJAIL:-}" ]; then
	echo "Bail out! LANGJAIL is not set to an executable langjail (got '${LANGJAIL:-}')"
	exit 1
fi
case $LANGJAIL in
/*) ;;
*) LANGJAIL=$(pwd)/$LANGJAIL ;;
esac
if [ -z "${LANGJAIL_SRCDIR:-}" ]; then
	LANGJAIL_SRCDIR=$(cd "$(dirname "$0")/../.." && pwd)
fi
# Canonical (a VPATH build gives .../sub/../..): langjail refuses paths
# with '..' in a configuration.
LANGJAIL_SRCDIR=$(cd "$LANGJAIL_SRCDIR" && pwd -P)
export LANGJAIL LANGJAIL_SRCDIR

# The real interpreter behind a pyenv-style shim: a shim costs ~100 ms a call.
PY=$(python3 -c 'import sys; print(sys.executable)' 2>/dev/null)
if [ -z "$PY" ] || [ ! -x "$PY" ]; then
	echo "Bail out! the tests need python3 on the host to read langjail's JSON"
	exit 1
fi

# --- TAP ------------------------------------------------------------------------
_tap_n=0
_tap_failed=0

# The body of a description may not hold '#' (a TAP directive) or a newline.
_tap_desc() {
	printf '%s' "$*" | tr '\n#' ' _'
}

diag() {
	printf '%s\n' "$*" | sed 's/^/# /'
}

# Show what the last langjail run printed, for a failed case.
diag_run() {
	[ -f "$T/out" ] && diag "langjail rc=${RC:-?} stdout: $(head -c 1500 "$T/out")"
	[ -f "$T/err" ] && diag "langjail stderr: $(head -c 1500 "$T/err")"
	return 0
}

pass() {
	_tap_n=$((_tap_n + 1))
	echo "ok $_tap_n - $(_tap_desc "$*")"
}

fail() {
	_tap_n=$((_tap_n + 1))
	_tap_failed=$((_tap_failed + 1))
	echo "not ok $_tap_n - $(_tap_desc "$*")"
}

# ok STATUS DESC: pass when STATUS is 0 (e.g. ok $? "..."); diag_run on failure.
ok() {
	_ok_st=$1
	shift
	if [ "$_ok_st" -eq 0 ]; then
		pass "$@"
	else
		fail "$@"
		diag_run
	fi
}

# check DESC CMD...: pass when CMD succeeds.
check() {
	_ck_desc=$1
	shift
	if "$@"; then
		pass "$_ck_desc"
	else
		fail "$_ck_desc"
		diag "command failed: $*"
		diag_run
	fi
}

# is GOT WANT DESC
is() {
	if [ "$1" = "$2" ]; then
		pass "$3"
	else
		fail "$3"
		diag "got:  '$1'"
		diag "want: '$2'"
		diag_run
	fi
}

# isnt GOT UNWANTED DESC
isnt() {
	if [ "$1" != "$2" ]; then
		pass "$3"
	else
		fail "$3"
		diag "got '$1', which it must not be"
		diag_run
	fi
}

# like GOT GLOB DESC: GOT matches the shell pattern GLOB (case syntax).
like() {
	# shellcheck disable=SC2254 # the pattern is meant to be a pattern
	case $1 in
	$2) pass "$3" ;;
	*)
		fail "$3"
		diag "got:  '$(printf '%s' "$1" | head -c 1500)'"
		diag "want: a match for '$2'"
		diag_run
		;;
	esac
}

# skip DESC REASON: only for something this machine lacks.
skip() {
	_tap_n=$((_tap_n + 1))
	echo "ok $_tap_n # SKIP $(_tap_desc "$2") ($(_tap_desc "$1"))"
}

# The plan, last. The exit status stays 0 with failures: the "not ok" lines
# report them (automake's tap-driver would count a non-zero exit as one more
# error); a script that dies before its plan is reported as broken.
done_testing() {
	echo "1..$_tap_n"
	if [ "$_tap_failed" -ne 0 ]; then
		diag "$_tap_failed of $_tap_n failed"
	fi
	return 0
}

# --- temp dir and cleanup ---------------------------------------------------------
T=$(mktemp -d "${TMPDIR:-/tmp}/lj-integ.XXXXXX") || {
	echo "Bail out! mktemp -d failed"
	exit 1
}
chmod 0711 "$T"
mkdir -m 0700 "$T/state"
BG_PIDS=""

lj_cleanup() {
	for _p in $BG_PIDS; do
		kill "$_p" 2>/dev/null
	done
	if command -v lj_cleanup_hook >/dev/null 2>&1; then
		lj_cleanup_hook
	fi
	# the network namespaces of the test's pool are mounts: unmount them
	for _f in "$T"/state/net-*; do
		case $_f in *.lock) ;; *) umount "$_f" 2>/dev/null ;; esac
	done
	# A failed run may leave a hostile tree behind (mode 000 dirs): make it
	# removable, never following links (chmod -R does not follow them).
	chmod -R u+rwx "$T" ${WD_UNPRIV:+"$WD_UNPRIV"} 2>/dev/null
	rm -rf "$T" ${WD_UNPRIV:+"$WD_UNPRIV"}
}
trap 'lj_cleanup' EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# --- identities ---------------------------------------------------------------------
NOBODY=65534
if [ "$(id -u)" -eq 0 ]; then
	IS_ROOT=1
	IDS="root nobody"
else
	IS_ROOT=0
	IDS="self"
fi

# The uid the program runs as for an identity.
jail_uid() {
	case $1 in
	root | nobody) echo "$NOBODY" ;;
	*) id -u ;;
	esac
}

# The uid langjail itself runs as.
caller_uid() {
	case $1 in
	root) echo 0 ;;
	nobody) echo "$NOBODY" ;;
	*) id -u ;;
	esac
}

# Where the runs of an identity make their workdirs. An unprivileged
# caller's is a sibling of $T (its own, mode 0700): langjail walks to
# workdir_root opening every component for reading, which $T (0711) does not
# allow it (run-basic.sh has the case).
WD_UNPRIV=""
wd_root() {
	case $1 in
	root) echo "$T/work-$1" ;;
	*) echo "$WD_UNPRIV" ;;
	esac
}

# write_config FILE WORKDIR_ROOT [EXTRA LINES]: the test configuration. Its
# state_dir (locks, the network namespace pool) is the test's own, unless
# the extra lines set one.
write_config() {
	{
		echo "[jail]"
		echo "user = $NOBODY"
		echo "group = $NOBODY"
		echo "workdir_root = $2"
		echo "languages_dir = $LANGJAIL_SRCDIR/languages"
		echo "require_mac = yes"
		echo "allow_sabotage = yes"
		case ${3:-} in
		*state_dir*) ;;
		*) echo "state_dir = $T/state" ;;
		esac
		if [ $# -ge 3 ]; then
			printf '%s\n' "$3"
		fi
	} >"$1"
	chmod 0644 "$1"
}

for _id in $IDS; do
	case $_id in
	root)
		mkdir "$(wd_root "$_id")"
		chmod 0711 "$(wd_root "$_id")"
		;;
	*)
		WD_UNPRIV=$(mktemp -d "$T.w$(caller_uid "$_id").XXXXXX") || {
			echo "Bail out! mktemp -d failed"
			exit 1
		}
		chmod 0700 "$WD_UNPRIV"
		if [ "$_id" = nobody ]; then
			chown "$NOBODY:$NOBODY" "$WD_UNPRIV"
		fi
		;;
	esac
	write_config "$T/$_id.conf" "$(wd_root "$_id")"
done
mkdir "$T/src"

# as ID CMD...: run CMD as the identity (root runs it as is).
as() {
	_as_id=$1
	shift
	case $_as_id in
	nobody) setpriv --reuid="$NOBODY" --regid="$NOBODY" --clear-groups -- "$@" ;;
	*) "$@" ;;
	esac
}

# ljrun ID ARGS...: langjail --config <ID's config> ARGS as ID. Sets RC and
# LJPID (the supervisor's pid: its cgroups are named run-LJPID-*); stdout in
# $T/out, stderr in $T/err. The caller's stdin is passed on (fd 3 carries it
# past the /dev/null an asynchronous list gets).
ljrun() {
	_lj_id=$1
	shift
	ljrun_conf "$_lj_id" "$T/$_lj_id.conf" "$@"
}

# ljrun_conf ID CONFIG ARGS...: the same with another configuration.
ljrun_conf() {
	_lj_id=$1
	_lj_conf=$2
	shift 2
	# Simple commands only (no function in between), so that $! is
	# langjail's own pid: setpriv execs it.
	{
		case $_lj_id in
		nobody)
			setpriv --reuid="$NOBODY" --regid="$NOBODY" --clear-groups -- \
				"$LANGJAIL" --config "$_lj_conf" "$@" <&3 3<&- >"$T/out" 2>"$T/err" &
			;;
		*)
			"$LANGJAIL" --config "$_lj_conf" "$@" <&3 3<&- >"$T/out" 2>"$T/err" &
			;;
		esac
		LJPID=$!
		wait "$LJPID"
		RC=$?
	} 3<&0
	return 0
}

# ljstart ID OUT ARGS...: start langjail in the background (stdin
# /dev/null), stdout in OUT, stderr in OUT.err; sets LJPID. Reap it with
# ljwait, which sets RC.
ljstart() {
	_lj_id=$1
	_lj_out=$2
	shift 2
	case $_lj_id in
	nobody)
		setpriv --reuid="$NOBODY" --regid="$NOBODY" --clear-groups -- \
			"$LANGJAIL" --config "$T/$_lj_id.conf" "$@" </dev/null >"$_lj_out" \
			2>"$_lj_out.err" &
		;;
	*)
		"$LANGJAIL" --config "$T/$_lj_id.conf" "$@" </dev/null >"$_lj_out" \
			2>"$_lj_out.err" &
		;;
	esac
	LJPID=$!
	BG_PIDS="$BG_PIDS $LJPID"
}

ljwait() {
	wait "$1"
	RC=$?
	BG_PIDS=$(echo "$BG_PIDS" | tr ' ' '\n' | grep -vx "$1" | tr '\n' ' ')
	return 0
}

# wait_for SECONDS CMD...: retry CMD every 0.1 s until it succeeds or the
# (generous) time is up.
wait_for() {
	_wf_n=$(($1 * 10))
	shift
	while [ "$_wf_n" -gt 0 ]; do
		if "$@"; then
			return 0
		fi
		sleep 0.1
		_wf_n=$((_wf_n - 1))
	done
	return 1
}

# jget KEY [FILE]: a field of a JSON object (dotted path); strings raw,
# true/false/null as in JSON, a missing key prints <missing>.
jget() {
	"$PY" - "$1" "${2:-$T/out}" <<'EOF'
import json, sys
key, path = sys.argv[1], sys.argv[2]
try:
    with open(path, encoding="utf-8") as f:
        v = json.loads(f.read())
except Exception as ex:
    print("<bad json: %s>" % ex)
    sys.exit(0)
for k in key.split("."):
    if isinstance(v, dict) and k in v:
        v = v[k]
    else:
        print("<missing>")
        sys.exit(0)
if isinstance(v, bool) or v is None:
    print(json.dumps(v))
elif isinstance(v, (dict, list)):
    print(json.dumps(v, sort_keys=True))
else:
    sys.stdout.write(str(v) + "\n")
EOF
}

# jstdout: the program's stdout from the JSON verdict, decoded, written raw.
jstdout() {
	"$PY" - "${1:-$T/out}" "${2:-stdout}" <<'EOF'
import base64, json, sys
with open(sys.argv[1], encoding="utf-8") as f:
    v = json.load(f)
s, enc = v[sys.argv[2]], v[sys.argv[2] + "_encoding"]
data = base64.b64decode(s) if enc == "base64" else s.encode("utf-8")
sys.stdout.buffer.write(data)
EOF
}

# prog NAME: write stdin to $T/src/NAME (readable by the jail user's caller)
# and print the path.
prog() {
	cat >"$T/src/$1"
	chmod 0644 "$T/src/$1"
	echo "$T/src/$1"
}

# A token unique to this test process, put on the command line of jailed
# programs so that their leftovers can be found with pgrep -f among processes
# of other tests running at the same time.
_tok_n=0
token() {
	_tok_n=$((_tok_n + 1))
	echo "ljtok-$$-$_tok_n-$(date +%s)"
}

# procs_left UID TOKEN: the pids of jailed python programs (main.py) of UID
# whose arguments hold TOKEN. (langjail's own command line holds TOKEN too,
# but not "main.py".)
procs_left() {
	pgrep -u "$1" -f "main\.py .*$2" | tr '\n' ' ' | sed 's/ $//'
}

procs_seen() {
	test -n "$(procs_left "$1" "$2")"
}

# cgroups_left PID: cgroups langjail made for the supervisor PID and left.
cgroups_left() {
	find /sys/fs/cgroup -path '*langjail*' -name "run-$1-*" 2>/dev/null | tr '\n' ' ' |
		sed 's/ $//'
}

cgroups_seen() {
	test -n "$(cgroups_left "$1")"
}

# wd_entries ID: what is left in the identity's workdir root.
wd_entries() {
	find "$(wd_root "$1")" -mindepth 1 -maxdepth 1 -printf '%f ' 2>&1 | sed 's/ $//'
}

# now_ms: CLOCK_MONOTONIC in milliseconds, for generous time bounds.
now_ms() {
	"$PY" -c 'import time; print(int(time.monotonic() * 1000))'
}
