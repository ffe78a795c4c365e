#!/bin/sh
# languages.sh - every language runs the same small programs with the same
# verdicts: the per-language test matrix. TAP.
#
# The languages are the union of the language files (languages/*.ini) and
# the snippet directories (tests/integ/lang-snippets/LANG/), so a language
# file added later is covered as soon as its snippets exist, and snippets
# written ahead of their language file are skipped, not forgotten. Each
# language directory holds one program per question, named KIND.EXT:
#
#   hello          prints "hello world"                 status ok, that stdout
#   stdin          copies stdin to stdout               the same bytes back
#   exit3          exits with status 3                  status exit, exit_code 3
#   error          a runtime error                      status exit, exit_code
#                                                       not 0, something on stderr
#   loop           loops forever, run with --cpu 1      status timeout, limit cpu
#   memory         allocates and touches memory without end, run with
#                  --memory 64M                         status memory (a cgroup);
#                                                       without a cgroup (the
#                                                       limit is RLIMIT_AS) only
#                                                       "not ok"
#   compile_error  does not compile (compiled languages only; run when the
#                  language file has a [compile] section)  status compile_error
#
# and, optionally, a file "heap-limit" holding the message of a runtime
# whose heap follows the memory limit (its own out-of-memory error ends the
# program before the cgroup does), a file "no-cgroup-memory" holding the --memory value the
# language needs to start at all when no cgroup counts memory and the limit
# is RLIMIT_AS (node reserves 512 MiB of address space at startup); it is
# passed to every run but the memory one of an identity without a cgroup.
#
# Runs use --unsafe (the test configuration wants a MAC this machine may
# lack), so the language's fallback interpreter runs. As root, each language
# whose file says env_create also gets its dedicated environment built in a
# scratch envs_dir, and hello world must then run from it.
#
# Skips ("ok N # SKIP LANG: reason"): a snippet directory without a language
# file, a language file without snippets, a toolchain that is not installed,
# compile_error for a language file without a [compile] section.

# shellcheck source-path=SCRIPTDIR source=lib.sh
. "$(dirname "$0")/lib.sh"

SNIPPETS=$LANGJAIL_SRCDIR/tests/integ/lang-snippets
LANGDIR=$LANGJAIL_SRCDIR/languages
KINDS="hello stdin exit3 error loop memory compile_error"

# ext LANG: the file extension of the language's snippets.
ext() {
	case $1 in
	python3) echo py ;;
	sh) echo sh ;;
	javascript) echo js ;;
	php) echo php ;;
	ruby) echo rb ;;
	c) echo c ;;
	cpp) echo cpp ;;
	java) echo java ;;
	csharp) echo cs ;;
	objc) echo m ;;
	*) echo "$1" ;;
	esac
}

# ini_values FILE KEY: the values of KEY in every section of FILE.
ini_values() {
	sed -n "s/^[[:space:]]*$2[[:space:]]*=[[:space:]]*\\(.*[^[:space:]]\\)[[:space:]]*\$/\\1/p" "$1"
}

# has_section FILE NAME
has_section() {
	grep -q "^[[:space:]]*\\[$2\\][[:space:]]*\$" "$1"
}

# missing_tool LANG: why the language cannot run here (printed), or nothing.
# An --unsafe run without the dedicated environment executes the fallback
# (of every section that has one, so a compile phase's compiler counts).
missing_tool() {
	_mt_any=0
	for _mt_p in $(ini_values "$LANGDIR/$1.ini" fallback); do
		_mt_any=1
		if [ ! -x "$_mt_p" ]; then
			echo "$_mt_p is not installed"
			return 0
		fi
	done
	if [ "$_mt_any" -eq 0 ]; then
		echo "the language file names no fallback interpreter"
	fi
	return 0
}

# The languages, each once, in order.
LANGS=$({
	for f in "$LANGDIR"/*.ini; do
		[ -f "$f" ] && basename "$f" .ini
	done
	for d in "$SNIPPETS"/*/; do
		[ -d "$d" ] && basename "$d"
	done
} | sort -u)

# A run per identity tells whether memory is counted by a cgroup.
for id in $IDS; do
	ljrun "$id" run --unsafe --json sh -c true
	eval "CG_$id=\$(jget confinement.layers.cgroup)"
done

printf 'line one\nline two, with UTF-8: \303\251\303\240\n\ttabbed\n' >"$T/stdin.txt"
chmod 0644 "$T/stdin.txt"

# run_kind ID LANG KIND SNIPPET EXTRA...: one snippet, one verdict.
run_kind() {
	_id=$1
	_lang=$2
	_kind=$3
	_src=$4
	shift 4
	_d="[$_id] $_lang $_kind"
	case $_kind in
	hello)
		ljrun "$_id" run --unsafe --json "$@" "$_lang" "$_src"
		is "$RC $(jget status) $(jget stdout)" "0 ok hello world" "$_d: status ok, 'hello world'"
		;;
	stdin)
		ljrun "$_id" run --unsafe --json "$@" "$_lang" "$_src" <"$T/stdin.txt"
		jstdout "$T/out" >"$T/stdin.got" 2>/dev/null
		if [ "$RC $(jget status)" = "0 ok" ] && cmp -s "$T/stdin.txt" "$T/stdin.got"; then
			pass "$_d: stdin comes back byte for byte"
		else
			fail "$_d: stdin comes back byte for byte"
			diag_run
		fi
		;;
	exit3)
		ljrun "$_id" run --unsafe --json "$@" "$_lang" "$_src"
		is "$RC $(jget status) $(jget exit_code)" "0 exit 3" "$_d: status exit, exit_code 3"
		;;
	error)
		ljrun "$_id" run --unsafe --json "$@" "$_lang" "$_src"
		_st="$RC $(jget status) $(jget exit_code) $(jget stderr_bytes)"
		like "$_st" "0 exit [1-9]* [1-9]*" \
			"$_d: status exit, a non-zero exit_code, the error on stderr"
		;;
	loop)
		ljrun "$_id" run --unsafe --json --cpu 1 "$@" "$_lang" "$_src"
		is "$RC $(jget status) $(jget limit)" "0 timeout cpu" "$_d: --cpu 1 ends it: status timeout, limit cpu"
		;;
	memory)
		ljrun "$_id" run --unsafe --json --memory 64M "$_lang" "$_src"
		if [ "$(eval "echo \$CG_$_id")" = applied ] &&
			[ -f "$SNIPPETS/$_lang/heap-limit" ]; then
			# A runtime whose heap langjail sizes from the limit
			# ({memory_mb}) stops the program itself, before the
			# cgroup has to: either ending is the limit working.
			_st="$RC $(jget status) $(jget limit)"
			if [ "$_st" = "0 memory memory" ]; then
				pass "$_d: --memory 64M ends it: status memory (cgroup)"
			else
				like "$_st $(jget stderr)" "0 exit null *$(cat "$SNIPPETS/$_lang/heap-limit")*" \
					"$_d: --memory 64M ends it: the runtime's heap limit (status exit)"
			fi
		elif [ "$(eval "echo \$CG_$_id")" = applied ]; then
			is "$RC $(jget status) $(jget limit)" "0 memory memory" \
				"$_d: --memory 64M ends it: status memory (cgroup)"
		else
			_st="$RC $(jget status)"
			case $_st in
			"0 ok" | "0 error" | "0 <bad json"* | "125 "*)
				fail "$_d: --memory 64M without a cgroup (RLIMIT_AS) stops it"
				diag_run
				;;
			*) pass "$_d: --memory 64M without a cgroup (RLIMIT_AS) stops it ($_st)" ;;
			esac
		fi
		;;
	compile_error)
		ljrun "$_id" run --unsafe --json "$@" "$_lang" "$_src"
		is "$RC $(jget status)" "0 compile_error" "$_d: status compile_error"
		;;
	esac
}

for id in $IDS; do
	for lang in $LANGS; do
		e=$(ext "$lang")
		why=""
		if [ ! -f "$LANGDIR/$lang.ini" ]; then
			why="$lang: no language file"
		elif [ ! -d "$SNIPPETS/$lang" ]; then
			why="$lang: no snippets in tests/integ/lang-snippets/$lang"
		else
			why=$(missing_tool "$lang")
			[ -n "$why" ] && why="$lang: $why"
		fi
		# Without a cgroup, the language's own address-space floor.
		extra=""
		if [ "$(eval "echo \$CG_$id")" != applied ] &&
			[ -f "$SNIPPETS/$lang/no-cgroup-memory" ]; then
			extra="--memory $(cat "$SNIPPETS/$lang/no-cgroup-memory")"
		fi
		if [ -n "$why" ]; then
			skip "[$id] $lang: $KINDS" "$why"
			continue
		fi
		for kind in $KINDS; do
			src=$SNIPPETS/$lang/$kind.$e
			# Interpreted languages have no compile_error snippet: no line.
			if [ "$kind" = compile_error ] && [ ! -f "$src" ]; then
				continue
			fi
			if [ ! -f "$src" ]; then
				skip "[$id] $lang $kind" "$lang: no $kind.$e snippet yet"
			elif [ "$kind" = compile_error ] && ! has_section "$LANGDIR/$lang.ini" compile; then
				skip "[$id] $lang $kind" "$lang: the language file has no [compile] section"
			else
				cp "$src" "$T/src/$kind.$e"
				chmod 0644 "$T/src/$kind.$e"
				# shellcheck disable=SC2086 # extra is an option and its value
				run_kind "$id" "$lang" "$kind" "$T/src/$kind.$e" $extra
			fi
		done
	done
done

# --- dedicated environments -------------------------------------------------------
# env create needs root; the environment is built in a scratch envs_dir from
# the system interpreter, and a run must then execute it (dedicated_env).
if [ "$IS_ROOT" -eq 1 ]; then
	mkdir "$T/envs"
	write_config "$T/env.conf" "$(wd_root root)" "envs_dir = $T/envs"
	for lang in $LANGS; do
		e=$(ext "$lang")
		d="[root] $lang: env create, then hello world from the dedicated environment"
		if [ ! -f "$LANGDIR/$lang.ini" ]; then
			skip "$d" "$lang: no language file"
			continue
		fi
		if [ -z "$(ini_values "$LANGDIR/$lang.ini" env_create)" ]; then
			skip "$d" "$lang: the language file has no env_create"
			continue
		fi
		why=$(missing_tool "$lang")
		if [ -n "$why" ]; then
			skip "$d" "$lang: $why"
			continue
		fi
		if [ ! -f "$SNIPPETS/$lang/hello.$e" ]; then
			skip "$d" "$lang: no hello.$e snippet yet"
			continue
		fi
		cp "$SNIPPETS/$lang/hello.$e" "$T/src/hello.$e"
		chmod 0644 "$T/src/hello.$e"
		"$LANGJAIL" --config "$T/env.conf" env create "$lang" >"$T/out" 2>"$T/err"
		RC=$?
		if [ "$RC" -ne 0 ]; then
			fail "$d"
			diag_run
			continue
		fi
		ljrun_conf root "$T/env.conf" run --unsafe --json "$lang" "$T/src/hello.$e"
		is "$RC $(jget status) $(jget confinement.dedicated_env) $(jget stdout)" \
			"0 ok true hello world" "$d"
	done
fi

done_testing
