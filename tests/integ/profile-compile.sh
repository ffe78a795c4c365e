#!/bin/sh
# profile-compile.sh - the policy langjail generates must compile with the
# real policy compilers.  TAP.
#
# Renders, with tests/fixtures/profile-gen (profile.c without the CLI), the
# AppArmor profiles of python3 and sh (run phase) and of c (compile and run
# phases) from apparmor.d/templates, and compiles each with
#   apparmor_parser -Q -K -I SRCDIR/apparmor.d
# (-Q: no kernel load, -K: no cache; -I finds <abstractions/langjail> in the
# source tree, <tunables/global> and <abi/3.0> come from /etc/apparmor.d).
# Where the parser supports it, the target kernel's feature set is fixed to
# the one the apparmor package ships and a rule the kernel would not enforce
# is an error, so the result does not depend on the machine's kernel.
# A deliberately broken profile must fail to compile: the test can fail.
# Then every language file in languages/, rendered by the langjail binary
# itself ("profile generate", run phase, and compile phase for a file with a
# [compile] section), must compile too: a new language's read_paths and
# exec_paths reach the parser.
# Then the SELinux module: checkmodule -M -m and semodule_package, a broken
# module that must fail, and, where the reference-policy development files
# are installed, langjail.if through their Makefile.
#
# Environment:
#   PROFILE_GEN       the profile-gen fixture (default: LANGJAIL_BUILDDIR/
#                     tests/fixtures/profile-gen, else next to this script)
#   LANGJAIL_SRCDIR   the source tree (default: ../.. of this script)
#   LANGJAIL_BUILDDIR the build tree
#   LANGJAIL          the langjail binary (for the language files; skipped
#                     without it)
# Skips ("ok N # SKIP") only when a compiler is not installed.

set -u
umask 022

here=$(cd "$(dirname "$0")" && pwd)
SRCDIR=${LANGJAIL_SRCDIR:-$(cd "$here/../.." && pwd)}
# Canonical (a VPATH build gives .../sub/../..): langjail refuses paths
# with '..' in a configuration.
SRCDIR=$(cd "$SRCDIR" && pwd -P)
if [ -z "${PROFILE_GEN:-}" ]; then
	if [ -n "${LANGJAIL_BUILDDIR:-}" ]; then
		PROFILE_GEN=$LANGJAIL_BUILDDIR/tests/fixtures/profile-gen
	else
		PROFILE_GEN=$here/../fixtures/profile-gen
	fi
fi
if [ ! -x "$PROFILE_GEN" ]; then
	echo "Bail out! profile-gen fixture not found at $PROFILE_GEN (set PROFILE_GEN)"
	exit 1
fi

# --- TAP ------------------------------------------------------------------------
n=0
failed=0
desc() { printf '%s' "$*" | tr '\n#' ' _'; }
diag() { printf '%s\n' "$*" | sed 's/^/# /'; }
pass() { n=$((n + 1)); echo "ok $n - $(desc "$*")"; }
fail() { n=$((n + 1)); failed=$((failed + 1)); echo "not ok $n - $(desc "$*")"; }
skip() { n=$((n + 1)); echo "ok $n # SKIP $(desc "$2") ($(desc "$1"))"; }
# diag_file FILE: the first lines of a command's output, for a failed case.
diag_file() { [ -s "$1" ] && diag "$(head -c 2000 "$1")"; return 0; }

T=$(mktemp -d "${TMPDIR:-/tmp}/lj-profile-compile.XXXXXX") || {
	echo "Bail out! mktemp -d failed"
	exit 1
}
trap 'rm -rf "$T"' EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# find_tool NAME: NAME on PATH or in the system directories root uses.
find_tool() {
	for _d in $(printf '%s' "${PATH:-}" | tr ':' ' ') /usr/sbin /sbin /usr/bin /bin; do
		if [ -x "$_d/$1" ]; then
			echo "$_d/$1"
			return 0
		fi
	done
	return 1
}

W=/var/lib/langjail/work
E=/var/lib/langjail/envs
AA_TEMPLATES=$SRCDIR/apparmor.d/templates
SE_TEMPLATES=$SRCDIR/selinux

# The languages: the run of python3 and sh, the compile and run of c.
PYTHON3="--lang python3 --ini python3.ini --interpreter $E/python3/bin/python3
	--env-dir $E/python3 --profile langjail-python3 --selinux-type langjail_python3_t
	--argv0 {interpreter} --read /etc/python3.11 --read /usr/share/python3"
SH="--lang sh --ini sh.ini --interpreter $E/sh/bin/sh --env-dir $E/sh --profile langjail-sh
	--selinux-type langjail_sh_t --argv0 {interpreter} --exec /usr/bin/cat --exec /usr/bin/ls"
C="--lang c --ini c.ini --interpreter $E/c/bin/gcc --env-dir $E/c --profile langjail-c
	--selinux-type langjail_c_t --argv0 {workdir}/main --compiler {interpreter}"

# render NAME PHASE LANG...: the profile in $T/NAME.
render() {
	_name=$1
	_phase=$2
	shift 2
	if "$PROFILE_GEN" apparmor --templates "$AA_TEMPLATES" --phase "$_phase" \
		--workdir-root "$W" "$@" >"$T/$_name" 2>"$T/$_name.err"; then
		if grep -q '@@' "$T/$_name"; then
			fail "render $_name: placeholder left"
			diag_file "$T/$_name"
		else
			pass "render $_name ($_phase)"
		fi
	else
		fail "render $_name ($_phase)"
		diag_file "$T/$_name.err"
	fi
}

# The language option lists are split into words on purpose.
# shellcheck disable=SC2086
{
	render python3.run run $PYTHON3
	render sh.run run $SH
	render c.compile compile $C
	render c.run run $C
}

# A hostile value never reaches a profile: the generator refuses it by key.
# shellcheck disable=SC2086
if "$PROFILE_GEN" apparmor --templates "$AA_TEMPLATES" --phase run --workdir-root "$W" \
	$PYTHON3 --read '/usr/lib/x, /etc/shadow' >"$T/hostile" 2>"$T/hostile.err"; then
	fail "a read path with ', ' is refused"
	diag_file "$T/hostile"
elif grep -q 'python3.ini: \[language\] read_paths: ' "$T/hostile.err"; then
	pass "a read path with ', ' is refused, naming the INI key"
else
	fail "a read path with ', ' is refused, naming the INI key"
	diag_file "$T/hostile.err"
fi

# A broken profile: a rule without its closing comma.
sed 's/^\(  owner .*run-\*\/\*\* rwk\),$/\1/' "$T/python3.run" >"$T/broken.run"
if cmp -s "$T/python3.run" "$T/broken.run"; then
	fail "make the broken profile (workdir rule not found)"
fi

# --- AppArmor -------------------------------------------------------------------
PARSER=$(find_tool apparmor_parser) || PARSER=
if [ -z "$PARSER" ]; then
	for f in python3.run sh.run c.compile c.run broken names language-files complain; do
		skip "apparmor_parser $f" "apparmor_parser is not installed"
	done
else
	FEATURES=/usr/share/apparmor-features/features
	AAFLAGS="-Q -K -I $SRCDIR/apparmor.d"
	printf 'profile lj-probe {\n  deny mount,\n  signal peer=@{profile_name},\n}\n' \
		>"$T/probe"
	# The target kernel's features and warnings as errors, when supported.
	# shellcheck disable=SC2086
	if [ -r "$FEATURES" ] && "$PARSER" $AAFLAGS --kernel-features "$FEATURES" \
		--Werror=rule-not-enforced "$T/probe" >/dev/null 2>&1; then
		AAFLAGS="$AAFLAGS --kernel-features $FEATURES --Werror=rule-not-enforced"
	else
		diag "apparmor_parser without --kernel-features/--Werror: plain compile"
	fi
	diag "$PARSER $AAFLAGS"

	for f in python3.run sh.run c.compile c.run; do
		# shellcheck disable=SC2086
		if "$PARSER" $AAFLAGS "$T/$f" >"$T/$f.out" 2>&1; then
			pass "apparmor_parser compiles $f"
		else
			fail "apparmor_parser compiles $f"
			diag_file "$T/$f.out"
		fi
	done
	# shellcheck disable=SC2086
	if "$PARSER" $AAFLAGS "$T/broken.run" >"$T/broken.out" 2>&1; then
		fail "apparmor_parser rejects the broken profile"
	else
		pass "apparmor_parser rejects the broken profile"
	fi

	# One profile per file, named as profile.c says.
	names=""
	for f in python3.run sh.run c.compile c.run; do
		# shellcheck disable=SC2086
		names="$names $("$PARSER" $AAFLAGS -N "$T/$f" 2>/dev/null | tr '\n' ' ')"
	done
	names=$(printf '%s' "$names" | tr -s ' ' | sed 's/^ //; s/ $//')
	if [ "$names" = "langjail-python3 langjail-sh langjail-c-compile langjail-c" ]; then
		pass "profile names: $names"
	else
		fail "profile names"
		diag "got:  '$names'"
		diag "want: 'langjail-python3 langjail-sh langjail-c-compile langjail-c'"
	fi

	# Every language file shipped in languages/, rendered by langjail itself
	# from the real templates: each phase it has compiles.
	if [ -z "${LANGJAIL:-}" ] || [ ! -x "${LANGJAIL:-}" ]; then
		skip "the profiles of every file in languages/" "LANGJAIL is not set"
	else
		printf '[jail]\nworkdir_root = %s\nenvs_dir = %s\nlanguages_dir = %s\n' \
			"$W" "$E" "$SRCDIR/languages" >"$T/lj.conf"
		for ini in "$SRCDIR"/languages/*.ini; do
			lang=$(basename "$ini" .ini)
			phases=run
			if grep -q '^\[compile\]' "$ini"; then
				phases="compile run"
			fi
			for ph in $phases; do
				if ! "$LANGJAIL" --config "$T/lj.conf" --templates-dir "$AA_TEMPLATES" \
					profile generate "$lang" --phase "$ph" >"$T/l-$lang.$ph" \
					2>"$T/l-$lang.$ph.err"; then
					fail "langjail profile generate $lang --phase $ph"
					diag_file "$T/l-$lang.$ph.err"
				# shellcheck disable=SC2086
				elif "$PARSER" $AAFLAGS "$T/l-$lang.$ph" >"$T/l-$lang.$ph.out" 2>&1; then
					pass "apparmor_parser compiles languages/$lang.ini ($ph)"
				else
					fail "apparmor_parser compiles languages/$lang.ini ($ph)"
					diag_file "$T/l-$lang.$ph.out"
				fi
			done
		done
	fi

	# The administrator's tools work on the installed file: aa-complain and
	# aa-enforce rewrite its flags (no kernel: --no-reload).  The directory
	# stands in for /etc/apparmor.d, with the system's tunables and abi.
	COMPLAIN=$(find_tool aa-complain) || COMPLAIN=
	ENFORCE=$(find_tool aa-enforce) || ENFORCE=
	# shellcheck disable=SC2086
	fname=$("$PROFILE_GEN" file-name --phase run $PYTHON3 2>/dev/null)
	if [ -z "$COMPLAIN" ] || [ -z "$ENFORCE" ] || [ ! -d /etc/apparmor.d/tunables ]; then
		skip "aa-complain and aa-enforce on $fname" "apparmor-utils is not installed"
	else
		D=$T/apparmor.d
		mkdir -p "$D/abstractions"
		ln -s /etc/apparmor.d/tunables "$D/tunables"
		[ -d /etc/apparmor.d/abi ] && ln -s /etc/apparmor.d/abi "$D/abi"
		for a in /etc/apparmor.d/abstractions/*; do
			ln -s "$a" "$D/abstractions/"
		done
		rm -f "$D/abstractions/langjail"
		cp "$SRCDIR/apparmor.d/abstractions/langjail" "$D/abstractions/langjail"
		cp "$T/python3.run" "$D/$fname"
		# shellcheck disable=SC2086
		if "$COMPLAIN" --no-reload -d "$D" "$D/$fname" >"$T/complain.out" 2>&1 &&
			grep -q "^profile langjail-python3 $E/python3/bin/python3 flags=(complain) {\$" \
				"$D/$fname" &&
			"$PARSER" $AAFLAGS "$D/$fname" >>"$T/complain.out" 2>&1 &&
			"$ENFORCE" --no-reload -d "$D" "$D/$fname" >>"$T/complain.out" 2>&1 &&
			cmp -s "$T/python3.run" "$D/$fname"; then
			pass "aa-complain and aa-enforce on $fname"
		else
			fail "aa-complain and aa-enforce on $fname"
			diag_file "$T/complain.out"
			diag "$(grep '^profile' "$D/$fname")"
		fi
	fi
fi

# --- SELinux --------------------------------------------------------------------
# shellcheck disable=SC2086
if "$PROFILE_GEN" selinux --templates "$SE_TEMPLATES" --workdir-root "$W" --envs-dir "$E" \
	--te "$T/langjail.te" --fc "$T/langjail.fc" $PYTHON3 $SH $C 2>"$T/se.err" &&
	! grep -q '@@' "$T/langjail.te" "$T/langjail.fc"; then
	pass "render the SELinux module (python3, sh, c)"
else
	fail "render the SELinux module (python3, sh, c)"
	diag_file "$T/se.err"
fi
# A broken module: a rule naming a type nobody declares or requires.
sed 's/^\(allow langjail_python3_t self:fd use;\)$/\1\nallow langjail_python3_t lj_nosuch_t:file read;/' \
	"$T/langjail.te" >"$T/broken.te"
if cmp -s "$T/langjail.te" "$T/broken.te"; then
	fail "make the broken module (rule not found)"
fi

CHECKMODULE=$(find_tool checkmodule) || CHECKMODULE=
PACKAGE=$(find_tool semodule_package) || PACKAGE=
if [ -z "$CHECKMODULE" ] || [ -z "$PACKAGE" ]; then
	skip "checkmodule and semodule_package" "checkpolicy/semodule-utils are not installed"
	skip "checkmodule rejects the broken module" "checkpolicy is not installed"
else
	if (cd "$T" && "$CHECKMODULE" -M -m -o langjail.mod langjail.te &&
		"$PACKAGE" -o langjail.pp -m langjail.mod -f langjail.fc) >"$T/se.out" 2>&1 &&
		[ -s "$T/langjail.pp" ]; then
		pass "checkmodule and semodule_package build langjail.pp"
	else
		fail "checkmodule and semodule_package build langjail.pp"
		diag_file "$T/se.out"
	fi
	if (cd "$T" && "$CHECKMODULE" -M -m -o broken.mod broken.te) >"$T/se-broken.out" 2>&1
	then
		fail "checkmodule rejects the broken module"
	else
		pass "checkmodule rejects the broken module"
	fi
fi

# Linked with the reference policy (Debian's selinux-policy-default modules,
# or the directory in LJ_SELINUX_PP_DIR): every required type, attribute,
# class and role exists, and no neverallow rule of the base policy is broken.
PPDIR=${LJ_SELINUX_PP_DIR:-/usr/share/selinux/default}
LINK=$(find_tool semodule_link) || LINK=
EXPAND=$(find_tool semodule_expand) || EXPAND=
# base_pp NAME: the module NAME from PPDIR, decompressed into $T/ref.
base_pp() {
	mkdir -p "$T/ref"
	if [ -r "$PPDIR/$1.pp" ]; then
		cp "$PPDIR/$1.pp" "$T/ref/$1.pp"
	elif [ -r "$PPDIR/$1.pp.bz2" ] && find_tool bunzip2 >/dev/null; then
		bunzip2 -c "$PPDIR/$1.pp.bz2" >"$T/ref/$1.pp"
	else
		return 1
	fi
}
if [ -z "$LINK" ] || [ -z "$EXPAND" ] || [ ! -s "$T/langjail.pp" ]; then
	skip "langjail.pp links with the reference policy" "semodule-utils are not installed"
elif ! base_pp base || ! base_pp unconfined; then
	skip "langjail.pp links with the reference policy" \
		"no base.pp and unconfined.pp in $PPDIR (selinux-policy-default)"
elif "$LINK" -o "$T/ref/linked.lnk" "$T/ref/base.pp" "$T/ref/unconfined.pp" \
	"$T/langjail.pp" >"$T/link.out" 2>&1 &&
	"$EXPAND" "$T/ref/linked.lnk" "$T/ref/policy.bin" >>"$T/link.out" 2>&1; then
	pass "langjail.pp links with the reference policy ($PPDIR)"
else
	fail "langjail.pp links with the reference policy ($PPDIR)"
	diag_file "$T/link.out"
fi

# langjail.if, for policies built with the reference-policy tools: a module
# that calls its interface must build.
DEVEL=/usr/share/selinux/devel/Makefile
if [ ! -r "$DEVEL" ] || [ -z "$CHECKMODULE" ] || ! find_tool make >/dev/null ||
	! find_tool m4 >/dev/null; then
	skip "langjail.if builds with $DEVEL" "selinux-policy-dev is not installed"
else
	mkdir "$T/if"
	cp "$SE_TEMPLATES/langjail.if" "$T/langjail.te" "$T/langjail.fc" "$T/if/"
	printf 'policy_module(ljsup, 1.0)\ntype ljsup_t;\ndomain_type(ljsup_t)\nlangjail_run_all(ljsup_t)\n' \
		>"$T/if/ljsup.te"
	: >"$T/if/ljsup.if"
	: >"$T/if/ljsup.fc"
	if (cd "$T/if" && make -f "$DEVEL" ljsup.pp) >"$T/if.out" 2>&1 && [ -s "$T/if/ljsup.pp" ]
	then
		pass "langjail.if builds with $DEVEL"
	else
		fail "langjail.if builds with $DEVEL"
		diag "$(grep -v '^#line' "$T/if.out" | tail -n 15)"
	fi
fi

echo "1..$n"
[ "$failed" -eq 0 ]
