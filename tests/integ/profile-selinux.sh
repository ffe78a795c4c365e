#!/bin/sh
# profile-selinux.sh - `langjail profile` with the SELinux backend. TAP.
#
# What runs everywhere (the compilers are all it needs):
#   - build-selinux compiles the module of every configured language with
#     the real checkmodule and semodule_package, exactly as install does,
#     and writes langjail.te, langjail.fc and langjail.pp: the package must
#     unpack (semodule_unpackage) to the same file contexts, name the module
#     langjail, and be the same bytes when built twice;
#   - a broken template: exit 125, the compiler's own message in langjail's,
#     nothing written, no build directory left behind;
#   - the usage rules (--output, --mac, no language for build-selinux,
#     remove LANG refused);
#   - without SELinux: install compiles the module and refuses with exit 125,
#     remove refuses, list says no-selinux, and the policy store is not
#     touched (semodule is never run).
# What needs an SELinux kernel (skipped here, with that reason): install
# loading the module, list showing the domains loaded, remove.

. "$(dirname "$0")/lib.sh"

TPL=$LANGJAIL_SRCDIR/selinux
CONF=$T/root.conf

find_tool() {
	for _d in /usr/sbin /usr/bin; do
		if [ -x "$_d/$1" ]; then
			echo "$_d/$1"
			return 0
		fi
	done
	return 1
}

selinux_enabled() {
	if command -v selinuxenabled >/dev/null 2>&1; then
		selinuxenabled
	else
		[ -e /sys/fs/selinux/enforce ]
	fi
}

# lj ARGS...: langjail as root with the test configuration; RC, $T/out, $T/err.
lj() {
	"$LANGJAIL" --config "$CONF" --templates-dir "$TPL" "$@" >"$T/out" 2>"$T/err"
	RC=$?
}

# Private build directories langjail may have left in /run or /tmp.
leftovers() {
	find /run /tmp -maxdepth 1 -name '.langjail-selinux.*' 2>/dev/null | wc -l
}
# The policy store, as a listing (semodule -l would create one).
store() {
	find /var/lib/selinux /etc/selinux -maxdepth 3 2>/dev/null | sort
}

LEFT0=$(leftovers)
STORE0=$(store)
LANGS=$(cd "$LANGJAIL_SRCDIR/languages" && ls ./*.ini | sed 's|^\./||; s|\.ini$||' | sort)
NLANGS=$(printf '%s\n' "$LANGS" | wc -l)
CHECKMODULE=$(find_tool checkmodule) || CHECKMODULE=
PACKAGE=$(find_tool semodule_package) || PACKAGE=

# --- usage ------------------------------------------------------------------------
lj profile build-selinux
like "$RC:$(cat "$T/err")" "125:*--output*" "build-selinux without --output is a usage error"
lj profile build-selinux python3 --output "$T"
like "$RC:$(cat "$T/err")" "125:*takes no language*" "build-selinux takes no language"
lj profile build-selinux --all --output "$T"
is "$RC" 125 "build-selinux takes no --all"
lj profile build-selinux --mac apparmor --output "$T"
is "$RC" 125 "build-selinux --mac apparmor is refused"
lj profile install python3 --output "$T"
like "$RC:$(cat "$T/err")" "125:*--output is for profile build-selinux*" \
	"--output with install is refused"
lj profile list --mac smack
like "$RC:$(cat "$T/err")" "125:*--mac is apparmor or selinux*" "--mac smack is refused"
lj status --mac selinux
is "$RC" 125 "--mac belongs to profile only"
lj profile generate python3 --mac selinux
like "$RC:$(cat "$T/err")" "125:*build-selinux*" \
	"generate --mac selinux points to build-selinux"
lj profile install python3 --mac selinux --phase run
like "$RC:$(cat "$T/err")" "125:*--phase is for AppArmor*" "--phase with the SELinux backend"
lj profile remove python3 --mac selinux
like "$RC:$(cat "$T/err")" "125:*remove --all*" \
	"remove LANG with SELinux is refused: the module holds every language"

# --- build-selinux with the real compilers ------------------------------------------
if [ -z "$CHECKMODULE" ] || [ -z "$PACKAGE" ]; then
	for c in "build-selinux writes the module" "the package unpacks" \
		"the package is the same twice" "a broken template fails with the compiler's message" \
		"build-selinux as uid $NOBODY" "install without SELinux compiles, then refuses"; do
		skip "checkmodule or semodule_package is not installed" "$c"
	done
else
	mkdir "$T/out1" "$T/out2"
	lj profile build-selinux --output "$T/out1"
	if [ "$RC" -eq 0 ] && [ -s "$T/out1/langjail.pp" ] && [ -s "$T/out1/langjail.te" ] &&
		[ -s "$T/out1/langjail.fc" ]; then
		pass "build-selinux writes langjail.te, langjail.fc and langjail.pp"
	else
		fail "build-selinux writes langjail.te, langjail.fc and langjail.pp"
		diag_run
	fi
	like "$(cat "$T/out")" "langjail: $NLANGS language(s); wrote *" \
		"build-selinux says how many languages the module holds"
	missing=""
	for l in $LANGS; do
		grep -q "^type langjail_${l}_t, langjail_domain, domain;\$" "$T/out1/langjail.te" ||
			missing="$missing $l"
	done
	is "$missing" "" "the module declares the domain of every configured language"
	is "$(stat -c '%a' "$T/out1/langjail.pp")" 644 "langjail.pp is mode 0644"

	UNPACK=$(find_tool semodule_unpackage) || UNPACK=
	if [ -z "$UNPACK" ]; then
		skip "semodule_unpackage is not installed" "the package unpacks"
	elif "$UNPACK" "$T/out1/langjail.pp" "$T/un.mod" "$T/un.fc" >"$T/un.out" 2>&1 &&
		cmp -s "$T/un.fc" "$T/out1/langjail.fc" && [ -s "$T/un.mod" ]; then
		pass "the package unpacks to a module and the same file contexts"
	else
		fail "the package unpacks to a module and the same file contexts"
		diag "$(cat "$T/un.out")"
	fi
	if command -v file >/dev/null 2>&1; then
		like "$(file -b "$T/out1/langjail.pp")" "SE Linux modular policy*module name langjail*" \
			"file(1) sees an SELinux policy package of module langjail"
	else
		skip "file is not installed" "file(1) sees an SELinux policy package"
	fi

	lj profile build-selinux --output "$T/out2"
	if [ "$RC" -eq 0 ] && cmp -s "$T/out1/langjail.pp" "$T/out2/langjail.pp"; then
		pass "the package is the same bytes when built twice"
	else
		fail "the package is the same bytes when built twice"
		diag_run
	fi
	# Replacing: the files are rewritten, nothing else appears.
	lj profile build-selinux --output "$T/out2"
	is "$RC:$(ls -A "$T/out2" | tr '\n' ' ')" "0:langjail.fc langjail.pp langjail.te " \
		"building again replaces the three files, leaving no temporary file"

	# A broken template: a rule naming a type nobody declares.
	mkdir "$T/tpl" "$T/out3"
	cp "$TPL/langjail.te.in" "$TPL/langjail.fc.in" "$T/tpl/"
	sed 's/^allow @@TYPE@@ self:fd use;$/&\nallow @@TYPE@@ lj_nosuch_t:file read;/' \
		"$TPL/langjail.te.in" >"$T/tpl/langjail.te.in"
	if cmp -s "$TPL/langjail.te.in" "$T/tpl/langjail.te.in"; then
		fail "make the broken template (rule not found)"
	fi
	"$LANGJAIL" --config "$CONF" --templates-dir "$T/tpl" profile build-selinux \
		--output "$T/out3" >"$T/out" 2>"$T/err"
	RC=$?
	like "$RC:$(cat "$T/err")" "125:*checkmodule -M -m -o langjail.mod langjail.te failed*lj_nosuch_t*" \
		"a broken module: exit 125, with checkmodule's own message"
	is "$(ls -A "$T/out3")" "" "a module that does not compile writes nothing"

	# An unprivileged caller builds in /tmp (sticky), into its own directory,
	# the same package as root from the same configuration.
	mkdir "$T/out4" "$T/out5"
	chown "$NOBODY:$NOBODY" "$T/out4"
	as nobody "$LANGJAIL" --config "$T/nobody.conf" --templates-dir "$TPL" \
		profile build-selinux --output "$T/out4" >"$T/out" 2>"$T/err"
	RC=$?
	"$LANGJAIL" --config "$T/nobody.conf" --templates-dir "$TPL" \
		profile build-selinux --output "$T/out5" >/dev/null 2>&1
	if [ "$RC" -eq 0 ] && [ -s "$T/out4/langjail.pp" ] &&
		cmp -s "$T/out5/langjail.pp" "$T/out4/langjail.pp"; then
		pass "build-selinux as uid $NOBODY gives the same package"
	else
		fail "build-selinux as uid $NOBODY gives the same package"
		diag_run
	fi

	if selinux_enabled; then
		skip "SELinux is enabled on this kernel" \
			"install without SELinux compiles, then refuses"
	else
		lj profile install --all --mac selinux
		like "$RC:$(cat "$T/err")" "125:*SELinux is not enabled on this kernel*compiles but was not installed*" \
			"install without SELinux compiles the module, then refuses (exit 125)"
		"$LANGJAIL" --config "$CONF" --templates-dir "$T/tpl" profile install --all \
			--mac selinux >"$T/out" 2>"$T/err"
		RC=$?
		like "$RC:$(cat "$T/err")" "125:*checkmodule*lj_nosuch_t*" \
			"install without SELinux still reports a module that does not compile"
	fi
fi

# --- without SELinux: nothing touches the policy store ----------------------------------
if selinux_enabled; then
	for c in "remove without SELinux" "list without SELinux" "the policy store is untouched"; do
		skip "SELinux is enabled on this kernel" "$c"
	done
else
	lj profile remove --all --mac selinux
	like "$RC:$(cat "$T/err")" "125:*SELinux is not enabled on this kernel*" \
		"remove --all without SELinux: exit 125"
	lj profile list --mac selinux
	want=$(printf '%s\n' "$LANGS" | while read -r l; do
		printf '%-10s %-28s %-10s %s\n' "$l" "langjail_${l}_t" unknown no-selinux
	done)
	is "$RC:$(tail -n +2 "$T/out")" "0:$want" \
		"list without SELinux: every language, module unknown, policy no-selinux"
	is "$(store)" "$STORE0" "the policy store is untouched (semodule never ran)"
	# Without --mac and without SELinux, profile stays with AppArmor.
	lj profile list
	like "$RC:$(head -n 1 "$T/out")" "0:LANGUAGE*PHASE*PROFILE*MODE*FILE" \
		"without SELinux, profile list is about AppArmor profiles, as before"
fi

# --- with SELinux: the real thing -----------------------------------------------------
if ! selinux_enabled; then
	for c in "install loads the module" "list shows every domain loaded" \
		"remove --all removes the module" "list shows the module absent"; do
		skip "SELinux is not enabled on this kernel" "$c"
	done
elif [ "$(id -u)" -ne 0 ]; then
	skip "not root" "install, list, remove with SELinux"
else
	lj profile install --all
	ok "$RC" "install loads the module"
	lj profile list
	is "$(tail -n +2 "$T/out" | awk '$3 != "installed" || $4 != "loaded"')" "" \
		"list shows every domain loaded"
	lj profile remove --all
	ok "$RC" "remove --all removes the module"
	lj profile list
	is "$(tail -n +2 "$T/out" | awk '$3 != "absent"')" "" "list shows the module absent"
fi

is "$(leftovers)" "$LEFT0" "no private build directory left in /run or /tmp"

done_testing
