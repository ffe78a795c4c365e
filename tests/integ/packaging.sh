#!/bin/bash
# packaging.sh - the .deb and the .rpm build, hold what they must, and pass
# lintian and visudo.  TAP.
#
# Builds, from the source tree (packaging/make-tarball: a "make dist"-like
# tarball made without touching the tree), the .deb with packaging/build-deb
# and the .rpm with packaging/build-rpm, in parallel, then checks:
#   - the .deb's files (dpkg-deb -c): the binary, the conffiles (langjail.conf,
#     languages.d/*.ini, the abstraction, the sudo rule root:root 0440), the
#     man pages, the templates, the binary's own profile kept out of
#     /etc/apparmor.d (the postinst installs it only where it compiles);
#     its control fields and maintainer scripts; visudo -cf on the sudo rule
#     it ships; that the packaged binary runs and names the installed paths;
#   - lintian: no errors, and no warnings that are not overridden (each
#     override is explained in packaging/README);
#   - the .rpm: rpm -qlp, the %config(noreplace) files, the sudo rule's mode
#     and content (visudo -cf), and rpm -qp --scripts;
#   - apparmor.d/usr.bin.langjail compiles with this apparmor_parser, or, on
#     a parser older than AppArmor 4.0, fails only for its "userns" rule.
# Installing the .deb for real (postinst, sudo, purge) is tests/vm/in-guest-deb.
#
# Skips, saying so, only what this machine lacks: dpkg-buildpackage or
# debhelper (the whole .deb part), lintian, rpmbuild, visudo, apparmor_parser
# (scripts/install-deps installs them all).
# Environment: LANGJAIL_SRCDIR (default ../.. of this script);
# LANGJAIL_PKG_OUT: a directory to keep the built packages in (e.g. for
# tests/vm/in-guest-deb); TMPDIR.
set -u
umask 022
SRCDIR=${LANGJAIL_SRCDIR:-$(cd "$(dirname "$0")/../.." && pwd)}
SRCDIR=$(cd "$SRCDIR" && pwd -P)
T0=$(date +%s)

n=0
fails=0
pass() { n=$((n + 1)); echo "ok $n - $*"; }
fail() { n=$((n + 1)); fails=$((fails + 1)); echo "not ok $n - $*"; }
skip() { n=$((n + 1)); echo "ok $n # SKIP $1 ($2)"; echo "# SKIPPED: $1: $2" >&2; }
diag() { sed 's/^/# /'; }
check() {
	local d=$1
	shift
	if "$@"; then pass "$d"; else fail "$d"; echo "# command failed: $*"; fi
}
done_testing() {
	echo "# packaging.sh: $(($(date +%s) - T0)) s"
	echo "1..$n"
	[ "$fails" -eq 0 ]
	exit $?
}
has() { command -v "$1" >/dev/null 2>&1; }

# The language files the packages must ship: every one in the source tree.
LANG_INIS=""
for f in "$SRCDIR"/languages/*.ini; do
	LANG_INIS="$LANG_INIS /etc/langjail/languages.d/$(basename "$f")"
done
LANG_INIS=${LANG_INIS# }
# The conffiles, sorted as sort(1) sorts them, space-separated.
# shellcheck disable=SC2086 # LANG_INIS is a list of paths
CONFFILES=$(printf '%s\n' /etc/apparmor.d/abstractions/langjail /etc/langjail/langjail.conf \
	$LANG_INIS /etc/sudoers.d/01-langjail | sort | tr '\n' ' ')

T=$(mktemp -d "${TMPDIR:-/tmp}/lj-pkg.XXXXXX") || { echo "Bail out! mktemp -d failed"; exit 1; }
trap 'rm -rf "$T"' EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

for f in make-tarball build-deb build-rpm package-setup debian/control rpm/langjail.spec; do
	if [ ! -f "$SRCDIR/packaging/$f" ]; then
		echo "Bail out! $SRCDIR/packaging/$f is missing (is packaging/ in EXTRA_DIST?)"
		exit 1
	fi
done
version=$(sed -n 's/^AC_INIT(\[langjail\], *\[\([^]]*\)\].*/\1/p' "$SRCDIR/configure.ac")

# ---- the source tarball --------------------------------------------------------
t=$(date +%s)
if tarball=$("$SRCDIR/packaging/make-tarball" "$T" 2>"$T/tarball.err"); then
	pass "packaging/make-tarball: langjail-$version.tar.gz ($(($(date +%s) - t)) s)"
else
	fail "packaging/make-tarball"
	diag <"$T/tarball.err"
	done_testing
fi
check "the tarball carries the spec (rpmbuild -tb finds it) and configure" \
	sh -c "tar -tzf '$tarball' | grep -qx 'langjail-$version/packaging/rpm/langjail.spec' &&
		tar -tzf '$tarball' | grep -qx 'langjail-$version/configure'"

# ---- both builds, in parallel ----------------------------------------------------
mkdir -p "$T/out"
deb_tools=yes
for tool in dpkg-buildpackage dh dpkg-deb; do
	has "$tool" || deb_tools="no ($tool missing)"
done
if [ "$deb_tools" = yes ] && ! dpkg-query -W -f='${Version}' debhelper 2>/dev/null | grep -q '^1[3-9]'; then
	deb_tools="no (debhelper >= 13 missing)"
fi
jobs=1
[ "$(nproc 2>/dev/null || echo 1)" -ge 2 ] && jobs=2
t=$(date +%s)
deb_pid=
rpm_pid=
if [ "$deb_tools" = yes ]; then
	BUILD_JOBS=$jobs "$SRCDIR/packaging/build-deb" --tarball "$tarball" "$T/out" \
		>"$T/deb.out" 2>"$T/deb.err" &
	deb_pid=$!
fi
if has rpmbuild; then
	BUILD_JOBS=$jobs "$SRCDIR/packaging/build-rpm" --tb --tarball "$tarball" "$T/out" \
		>"$T/rpm.out" 2>"$T/rpm.err" &
	rpm_pid=$!
fi
deb_rc=1
rpm_rc=1
[ -n "$deb_pid" ] && { wait "$deb_pid"; deb_rc=$?; }
[ -n "$rpm_pid" ] && { wait "$rpm_pid"; rpm_rc=$?; }
echo "# both builds took $(($(date +%s) - t)) s"

# ---- the .deb -------------------------------------------------------------------
deb=$T/out/langjail_${version}-1_$(dpkg --print-architecture 2>/dev/null || echo amd64).deb
if [ "$deb_tools" != yes ]; then
	skip "the .deb: dpkg-buildpackage -us -uc -b" "dpkg-buildpackage/debhelper not installed: $deb_tools; scripts/install-deps installs them"
elif [ "$deb_rc" -ne 0 ] || [ ! -f "$deb" ]; then
	fail "packaging/build-deb builds $(basename "$deb")"
	diag <"$T/deb.err"
else
	pass "packaging/build-deb builds $(basename "$deb"): $(stat -c %s "$deb") bytes"
	diag <"$T/deb.out"
	grep -v '^build-deb: built in' "$T/deb.err" | diag
	dpkg-deb -c "$deb" | awk '{ print $1, $2, $6 }' >"$T/deb.list"
	mode() { awk -v f="./${1#/}" '$3 == f { print $1, $2 }' "$T/deb.list"; }
	check "dpkg-deb -c: /usr/bin/langjail, root:root 0755" \
		test "$(mode /usr/bin/langjail)" = "-rwxr-xr-x root/root"
	# shellcheck disable=SC2086 # LANG_INIS is a list of paths
	for f in /etc/langjail/langjail.conf $LANG_INIS /etc/apparmor.d/abstractions/langjail \
		/usr/share/man/man1/langjail.1.gz /usr/share/man/man5/langjail.conf.5.gz \
		/usr/share/man/man5/langjail-languages.5.gz \
		/usr/share/langjail/apparmor.d/templates/run.profile.in \
		/usr/share/langjail/apparmor.d/templates/compile.profile.in \
		/usr/share/langjail/selinux/langjail.te.in \
		/usr/share/langjail/apparmor.d/usr.bin.langjail; do
		check "dpkg-deb -c: $f, root:root 0644" test "$(mode "$f")" = "-rw-r--r-- root/root"
	done
	check "dpkg-deb -c: /usr/lib/langjail/package-setup, 0755" \
		test "$(mode /usr/lib/langjail/package-setup)" = "-rwxr-xr-x root/root"
	check "dpkg-deb -c: /etc/sudoers.d/01-langjail, root:root 0440" \
		test "$(mode /etc/sudoers.d/01-langjail)" = "-r--r----- root/root"
	check "dpkg-deb -c: nothing in /etc/apparmor.d but the abstraction (profiles are made by the postinst)" \
		test "$(awk '$3 ~ /^\.\/etc\/apparmor\.d\/./ && $1 !~ /^d/ { print $3 }' "$T/deb.list")" = \
		./etc/apparmor.d/abstractions/langjail
	check "dpkg-deb -c: nothing under /var, /usr/local or /usr/sbin" \
		sh -c "! grep -qE ' \./(var|usr/local|usr/sbin)/' '$T/deb.list'"

	mkdir "$T/ctl" "$T/deb"
	dpkg-deb -e "$deb" "$T/ctl"
	dpkg-deb -x "$deb" "$T/deb"
	check "conffiles: langjail.conf, languages.d/*.ini, the abstraction, the sudo rule" \
		test "$(sort "$T/ctl/conffiles" | tr '\n' ' ')" = "$CONFFILES"
	depends=$(dpkg-deb -f "$deb" Depends)
	missing=
	for d in adduser python3 python3-venv sudo libapparmor1 libselinux1 libcap2 libiniparser1; do
		grep -qE "(^|, )$d( |,|$)" <<<"$depends" || missing="$missing $d"
	done
	check "Depends has adduser python3 python3-venv sudo and the libraries${missing:+ (missing:$missing)}" \
		test -z "$missing"
	check "Recommends: apparmor" test "$(dpkg-deb -f "$deb" Recommends)" = apparmor
	check "Version is configure.ac's ($version) plus a revision" \
		test "$(dpkg-deb -f "$deb" Version)" = "$version-1"
	for s in postinst prerm postrm; do
		check "the $s is valid sh, #DEBHELPER# filled in" \
			sh -c "sh -n '$T/ctl/$s' && ! grep -q '#DEBHELPER#' '$T/ctl/$s'"
	done
	check "postinst creates sandbox and langjail, then runs package-setup configure" \
		sh -c "grep -q 'adduser --system' '$T/ctl/postinst' && grep -q 'addgroup --system --quiet langjail' '$T/ctl/postinst' &&
			grep -q '/usr/lib/langjail/package-setup configure' '$T/ctl/postinst'"
	check "prerm unconfigures on remove; postrm purges state and users" \
		sh -c "grep -q 'package-setup unconfigure' '$T/ctl/prerm' && grep -q 'rm -rf --one-file-system /var/lib/langjail' '$T/ctl/postrm' &&
			grep -q 'deluser --system' '$T/ctl/postrm'"
	check "triggers: interest-noawait /usr/bin and /bin; postinst refreshes the environments" \
		sh -c "grep -qx 'interest-noawait /usr/bin' '$T/ctl/triggers' && grep -qx 'interest-noawait /bin' '$T/ctl/triggers' &&
			grep -q 'package-setup refresh-envs' '$T/ctl/postinst'"
	check "the sudo rule names /usr/bin/langjail run, nothing else, for %langjail" \
		sh -c "grep -v '^#' '$T/deb/etc/sudoers.d/01-langjail' | grep -q '^%langjail ALL=(root) NOPASSWD: /usr/bin/langjail run \*\$' &&
			! grep -q '@' '$T/deb/etc/sudoers.d/01-langjail'"
	if has visudo; then
		check "visudo -cf accepts the packaged sudo rule" visudo -qcf "$T/deb/etc/sudoers.d/01-langjail"
	else
		skip "visudo -cf on the packaged sudo rule" "visudo not installed (package sudo)"
	fi
	out=$("$T/deb/usr/bin/langjail" --version 2>&1)
	check "the packaged binary runs (--version: $out)" sh -c "printf '%s' '$out' | grep -q '$version'"
	check "the packaged binary uses /etc/langjail, /var/lib/langjail, /usr/share/langjail, /sbin/apparmor_parser" \
		sh -c "for s in /etc/langjail/langjail.conf /var/lib/langjail/envs /usr/share/langjail/apparmor.d/templates /sbin/apparmor_parser; do
			grep -qaF \"\$s\" '$T/deb/usr/bin/langjail' || { echo \"# no \$s\"; exit 1; }; done"

	if has lintian; then
		t=$(date +%s)
		lintian --pedantic --info "$deb" >"$T/lintian" 2>"$T/lintian.err"
		grep -E '^[EWIPX]: ' "$T/lintian" | diag
		echo "# lintian: $(($(date +%s) - t)) s"
		check "lintian: no errors" sh -c "! grep -q '^E: ' '$T/lintian'"
		check "lintian: no warnings that are not overridden (see packaging/README)" \
			sh -c "! grep -q '^W: ' '$T/lintian'"
	else
		skip "lintian on the .deb" "lintian not installed: apt-get install lintian"
	fi
	if [ -n "${LANGJAIL_PKG_OUT:-}" ]; then
		mkdir -p "$LANGJAIL_PKG_OUT" && cp -f "$deb" "$LANGJAIL_PKG_OUT/" &&
			echo "# kept $LANGJAIL_PKG_OUT/$(basename "$deb")"
	fi
fi

# ---- the .rpm -------------------------------------------------------------------
rpm=$T/out/langjail-$version-1.$(uname -m).rpm
if ! has rpmbuild; then
	skip "the .rpm: rpmbuild -tb" "rpmbuild not installed: apt-get install rpm"
elif [ "$rpm_rc" -ne 0 ] || [ ! -f "$rpm" ]; then
	fail "packaging/build-rpm --tb (rpmbuild -tb --nodeps) builds $(basename "$rpm")"
	diag <"$T/rpm.err"
else
	pass "packaging/build-rpm --tb (rpmbuild -tb --nodeps) builds $(basename "$rpm"): $(stat -c %s "$rpm") bytes"
	diag <"$T/rpm.out"
	grep -v '^build-rpm: built in' "$T/rpm.err" | diag
	rpm -qlp "$rpm" >"$T/rpm.list" 2>/dev/null
	missing=
	# shellcheck disable=SC2086 # LANG_INIS is a list of paths
	for f in /usr/bin/langjail /etc/langjail/langjail.conf $LANG_INIS \
		/etc/apparmor.d/abstractions/langjail \
		/etc/sudoers.d/01-langjail /usr/share/langjail/apparmor.d/templates/run.profile.in \
		/usr/share/langjail/apparmor.d/templates/compile.profile.in \
		/usr/share/langjail/apparmor.d/usr.bin.langjail /usr/share/langjail/selinux/langjail.te.in \
		/usr/lib/langjail/package-setup; do
		grep -qx "$f" "$T/rpm.list" || missing="$missing $f"
	done
	grep -qE '^/usr/share/man/man1/langjail\.1' "$T/rpm.list" || missing="$missing langjail.1"
	grep -qE '^/usr/share/man/man5/langjail\.conf\.5' "$T/rpm.list" || missing="$missing langjail.conf.5"
	grep -qE '^/usr/share/man/man5/langjail-languages\.5' "$T/rpm.list" || missing="$missing langjail-languages.5"
	check "rpm -qlp: binary, configuration, templates, man pages${missing:+ (missing:$missing)}" test -z "$missing"
	check "rpm -qlp: no /etc/apparmor.d file but the abstraction" \
		test "$(grep '^/etc/apparmor.d/.' "$T/rpm.list" | grep -v '^/etc/apparmor.d/abstractions$')" = \
		/etc/apparmor.d/abstractions/langjail
	rpm -qp --qf '[%{FILEFLAGS:fflags} %{FILEMODES:perms} %{FILEUSERNAME}:%{FILEGROUPNAME} %{FILENAMES}\n]' \
		"$rpm" >"$T/rpm.flags" 2>/dev/null
	cfg=$(awk '$1 ~ /c/ && $1 ~ /n/ { print $4 }' "$T/rpm.flags" | sort | tr '\n' ' ')
	check "%config(noreplace): langjail.conf, languages.d/*.ini, the abstraction, the sudo rule" \
		test "$cfg" = "$CONFFILES"
	check "the sudo rule is root:root 0440 in the .rpm" \
		test "$(awk '$4 == "/etc/sudoers.d/01-langjail" { print $2, $3 }' "$T/rpm.flags")" = "-r--r----- root:root"
	if has rpm2cpio && has cpio && has visudo; then
		mkdir "$T/rpmx"
		(cd "$T/rpmx" && rpm2cpio "$rpm" | cpio -id --quiet ./etc/sudoers.d/01-langjail) 2>/dev/null
		check "visudo -cf accepts the sudo rule of the .rpm" visudo -qcf "$T/rpmx/etc/sudoers.d/01-langjail"
	else
		skip "visudo -cf on the .rpm's sudo rule" "rpm2cpio, cpio or visudo not installed"
	fi
	rpm -qp --scripts "$rpm" >"$T/rpm.scripts" 2>/dev/null
	sed 's/^/  /' "$T/rpm.scripts" | diag
	check "rpm -qp --scripts: %pre creates the groups and the sandbox user (no login shell)" \
		sh -c "sed -n '/^preinstall/,/^postinstall/p' '$T/rpm.scripts' | grep -q 'groupadd -r langjail' &&
			sed -n '/^preinstall/,/^postinstall/p' '$T/rpm.scripts' | grep -q 'useradd -r -g sandbox -M -d /nonexistent -s /usr/sbin/nologin'"
	check "rpm -qp --scripts: %post runs package-setup configure and cannot fail the install" \
		sh -c "sed -n '/^postinstall/,/^preuninstall/p' '$T/rpm.scripts' | grep -qF '/usr/lib/langjail/package-setup configure || :'"
	check "rpm -qp --scripts: %preun unconfigures only on erase" \
		sh -c "sed -n '/^preuninstall/,/^postuninstall/p' '$T/rpm.scripts' | tr '\n' ' ' | grep -q 'if \[ \"\$1\" -eq 0 \]; then.*package-setup unconfigure'"
	check "rpm -qp --scripts: %postun removes /var/lib/langjail only on erase" \
		sh -c "sed -n '/^postuninstall/,\$p' '$T/rpm.scripts' | tr '\n' ' ' | grep -q 'if \[ \"\$1\" -eq 0 \]; then.*rm -rf --one-file-system /var/lib/langjail'"
	check "rpm -qp --filetriggers: python3/dash updates refresh the environments" \
		sh -c "rpm -qp --filetriggers '$rpm' 2>/dev/null | grep -q 'package-setup refresh-envs'"
	for s in PREIN POSTIN PREUN POSTUN; do
		rpm -qp --qf "%{$s}" "$rpm" >"$T/rpm.$s" 2>/dev/null
		check "the .rpm's %{$s} is valid sh" sh -n "$T/rpm.$s"
	done
	if [ -n "${LANGJAIL_PKG_OUT:-}" ]; then
		mkdir -p "$LANGJAIL_PKG_OUT" && cp -f "$rpm" "$LANGJAIL_PKG_OUT/"
	fi
fi

# ---- the profile of the langjail binary ---------------------------------------------
prof=$SRCDIR/apparmor.d/usr.bin.langjail
parser=${APPARMOR_PARSER:-}
if [ -z "$parser" ]; then
	for p in "$(command -v apparmor_parser)" /sbin/apparmor_parser /usr/sbin/apparmor_parser; do
		[ -n "$p" ] && [ -x "$p" ] && { parser=$p; break; }
	done
fi
if [ -z "$parser" ] || [ ! -x "$parser" ]; then
	skip "usr.bin.langjail compiles" "apparmor_parser not installed (package apparmor)"
elif "$parser" -Q -K "$prof" >"$T/aa.out" 2>&1; then
	pass "usr.bin.langjail compiles with $("$parser" --version | head -n 1) (the postinst installs it)"
else
	# An AppArmor 3 parser knows neither abi/4.0 nor "userns": without those
	# two lines the rest of the profile must compile.
	sed -e '/^abi <abi\/4\.0>,$/d' -e '/^[[:space:]]*userns,$/d' "$prof" >"$T/usr.bin.langjail"
	check "usr.bin.langjail: $("$parser" --version | head -n 1) rejects only abi 4.0 and userns (the postinst then skips it)" \
		sh -c "'$parser' -Q -K '$T/usr.bin.langjail' >'$T/aa3.out' 2>&1" || diag <"$T/aa3.out"
	diag <"$T/aa.out"
fi
check "package-setup is valid sh" sh -n "$SRCDIR/packaging/package-setup"
done_testing
