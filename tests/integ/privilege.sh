#!/bin/sh
# privilege.sh - langjail's trust decisions: a sudo caller (SUDO_UID with
# euid 0) gets the installed configuration only, must be listed in
# [jail] callers, and can name only files it could read itself; the
# configuration and language files must be root-owned and strictly parsed;
# a setuid install refuses to run. TAP.
#
# The sudo path reads the installed langjail.conf. Nothing is created at that
# path on the host: the cases that need one run in a private mount namespace
# (unshare) where a tmpfs covers the directory.
#
#   LANGJAIL=/path/to/src/langjail LANGJAIL_SRCDIR=/path/to/src sh privilege.sh

# shellcheck source-path=SCRIPTDIR source=lib.sh
. "$(dirname "$0")/lib.sh"

# The compiled-in path of the installed configuration.
INSTALLED=$(grep -ao '/[[:print:]]*/langjail\.conf' "$LANGJAIL" | head -n 1)
SUDO_ENV="SUDO_UID=$NOBODY SUDO_GID=$NOBODY SUDO_USER=nobody SUDO_COMMAND=langjail"

ok_py=$(printf 'import os\nprint("ran as", os.getuid())\n' | prog ok.py)
# Files only root may read.
printf 'print("root-only secret source")\n' >"$T/secret.py"
if [ "$IS_ROOT" -eq 1 ]; then
	chmod 0600 "$T/secret.py"
else
	chmod 0000 "$T/secret.py"   # not even its owner may read it
fi
mkdir -m 0700 "$T/private"
printf 'print("in a root-only dir")\n' >"$T/private/hidden.py"
chmod 0644 "$T/private/hidden.py"
ln -s /etc/shadow "$T/src/shadow-link.py"
# The caller's own private file: readable by it only.
printf 'print("caller private file ok")\n' >"$T/src/mine.py"
chmod 0600 "$T/src/mine.py"
if [ "$IS_ROOT" -eq 1 ]; then
	chown "$NOBODY:$NOBODY" "$T/src/mine.py"
fi

# sudorun ARGS...: langjail as root with the environment sudo gives a caller
# of uid 65534 (the real installed configuration).
sudorun() {
	# shellcheck disable=SC2086 # SUDO_ENV is a list of words
	env $SUDO_ENV "$LANGJAIL" "$@" </dev/null >"$T/out" 2>"$T/err"
	RC=$?
}

# in_ns_run CONF ARGS...: sudorun in a private mount namespace whose
# installed configuration is CONF.
cat >"$T/in-ns.sh" <<'EOF'
#!/bin/sh
# in-ns.sh INSTALLED CONF CMD...: in this (private) mount namespace, put CONF
# at INSTALLED on a tmpfs, then exec CMD.
set -e
installed=$1
conf=$2
shift 2
dir=$(dirname "$installed")
if [ -d "$dir" ]; then mnt=$dir; else mnt=$(dirname "$dir"); fi
mount -t tmpfs -o mode=0755,size=64k langjail-test "$mnt"
mkdir -p "$dir"
cp "$conf" "$installed"
chmod 0644 "$installed"
exec "$@"
EOF
chmod 0755 "$T/in-ns.sh"
in_ns_run() {
	_conf=$1
	shift
	# shellcheck disable=SC2086 # SUDO_ENV is a list of words
	unshare --mount --propagation private sh "$T/in-ns.sh" "$INSTALLED" "$_conf" \
		env $SUDO_ENV "$LANGJAIL" "$@" </dev/null >"$T/out" 2>"$T/err"
	RC=$?
}

if [ "$IS_ROOT" -eq 1 ]; then
	# --- sudo: what the caller may not choose ------------------------------------------
	sudorun --config "$T/root.conf" run --unsafe python3 "$ok_py"
	like "$RC:$(cat "$T/out"):$(cat "$T/err")" "125::*--config*refused through sudo*" \
		"[sudo] --config is refused (125, says sudo)"
	sudorun --languages-dir "$LANGJAIL_SRCDIR/languages" run --unsafe python3 "$ok_py"
	like "$RC:$(cat "$T/err")" "125:*--languages-dir*sudo*" "[sudo] --languages-dir is refused"
	sudorun run --unsafe --config "$T/root.conf" python3 "$ok_py"
	like "$RC:$(cat "$T/out")" "125:" "[sudo] run --config (after the command) is refused too"
	sudorun --config "$T/root.conf" run --json --unsafe python3 "$ok_py"
	is "$RC $(jget status) $(jget error.code)" "125 error usage" "[sudo] --config refusal in JSON"
	env SUDO_UID=abc SUDO_GID=abc "$LANGJAIL" --config "$T/root.conf" run --unsafe python3 \
		"$ok_py" </dev/null >"$T/out" 2>"$T/err"
	RC=$?
	like "$RC:$(cat "$T/err")" "125:*SUDO_UID*" "[sudo] a SUDO_UID that is not a number is refused"
	nouid=4242420
	while getent passwd "$nouid" >/dev/null; do nouid=$((nouid + 1)); done
	env SUDO_UID=$nouid SUDO_GID=$nouid "$LANGJAIL" run --unsafe python3 "$ok_py" \
		</dev/null >"$T/out" 2>"$T/err"
	RC=$?
	like "$RC:$(cat "$T/err")" "125:*$nouid*passwd*" "[sudo] a SUDO_UID without a passwd entry is refused"

	# --- sudo without an installed configuration ------------------------------------------
	if [ -z "$INSTALLED" ]; then
		fail "the installed configuration path is compiled into langjail"
	elif [ -e "$INSTALLED" ]; then
		skip "[sudo] no installed config: refused, no built-in defaults" \
			"an installed configuration exists at $INSTALLED"
		skip "[root] no installed config: built-in defaults" \
			"an installed configuration exists at $INSTALLED"
	else
		sudorun run --unsafe python3 "$ok_py"
		like "$RC:$(cat "$T/out"):$(cat "$T/err")" "125::*$INSTALLED*No such file*" \
			"[sudo] no installed config: refused (125), no built-in defaults"
		"$LANGJAIL" status </dev/null >"$T/out" 2>"$T/err"
		RC=$?
		like "$RC:$(cat "$T/out")" "0:*configuration:*built-in defaults*" \
			"[root] no installed config, not sudo: built-in defaults (status)"
	fi

	# --- sudo with an installed configuration (private mount namespace) -----------------
	if ! unshare --mount --propagation private true 2>/dev/null; then
		reason="unshare --mount is not available"
	elif [ -z "$INSTALLED" ] || ! [ -d "$(dirname "$(dirname "$INSTALLED")")" ]; then
		reason="no directory to cover for the installed configuration"
	else
		reason=""
	fi
	installed_before=""
	if [ -n "$INSTALLED" ] && [ -e "$INSTALLED" ]; then
		installed_before=1
	fi
	ns_cases="callers-empty callers-other callers-uid callers-name callers-group
		root-only-source root-only-dir shadow-link root-only-file root-only-stdin
		own-private-file readable-file-ok host-untouched"
	if [ -n "$reason" ]; then
		for c in $ns_cases; do
			skip "[sudo] $c" "$reason"
		done
	else
		write_config "$T/callers-none.conf" "$(wd_root root)"
		write_config "$T/callers-other.conf" "$(wd_root root)" "callers = 4242 @4242 root"
		write_config "$T/callers-uid.conf" "$(wd_root root)" "callers = 4242 $NOBODY"
		write_config "$T/callers-name.conf" "$(wd_root root)" "callers = nobody"
		write_config "$T/callers-group.conf" "$(wd_root root)" "callers = @$NOBODY"

		in_ns_run "$T/callers-none.conf" run --unsafe python3 "$ok_py"
		like "$RC:$(cat "$T/out"):$(cat "$T/err")" "125::*may not use langjail through sudo*" \
			"[sudo] no [jail] callers: uid $NOBODY is refused"
		in_ns_run "$T/callers-other.conf" run --unsafe --json python3 "$ok_py"
		is "$RC $(jget error.code)" "125 not_allowed" \
			"[sudo] callers lists others (and root): uid $NOBODY is refused"
		in_ns_run "$T/callers-uid.conf" run --unsafe python3 "$ok_py"
		is "$RC:$(cat "$T/out")" "0:ran as $NOBODY" "[sudo] callers lists uid $NOBODY: it runs"
		in_ns_run "$T/callers-name.conf" run --unsafe python3 "$ok_py"
		is "$RC:$(cat "$T/out")" "0:ran as $NOBODY" "[sudo] callers lists the name nobody: it runs"
		in_ns_run "$T/callers-group.conf" run --unsafe python3 "$ok_py"
		is "$RC:$(cat "$T/out")" "0:ran as $NOBODY" "[sudo] callers lists @$NOBODY: it runs"

		# Files are opened with the caller's identity, though langjail is root.
		in_ns_run "$T/callers-uid.conf" run --unsafe python3 "$T/secret.py"
		like "$RC:$(cat "$T/out"):$(cat "$T/err")" "125::*secret.py*Permission denied*" \
			"[sudo] a root-only (0600) source is refused"
		in_ns_run "$T/callers-uid.conf" run --unsafe python3 "$T/private/hidden.py"
		like "$RC:$(cat "$T/out"):$(cat "$T/err")" "125::*Permission denied*" \
			"[sudo] a source in a directory the caller cannot search is refused"
		in_ns_run "$T/callers-uid.conf" run --unsafe python3 "$T/src/shadow-link.py"
		like "$RC:$(cat "$T/out"):$(cat "$T/err")" "125::*Permission denied*" \
			"[sudo] a source symlinked to /etc/shadow is refused"
		in_ns_run "$T/callers-uid.conf" run --unsafe --file data="$T/secret.py" python3 "$ok_py"
		like "$RC:$(cat "$T/out"):$(cat "$T/err")" "125::*secret.py*Permission denied*" \
			"[sudo] --file with a root-only file is refused"
		in_ns_run "$T/callers-uid.conf" run --unsafe --stdin "$T/secret.py" python3 "$ok_py"
		like "$RC:$(cat "$T/out"):$(cat "$T/err")" "125::*secret.py*Permission denied*" \
			"[sudo] --stdin with a root-only file is refused"
		in_ns_run "$T/callers-uid.conf" run --unsafe python3 "$T/src/mine.py"
		is "$RC:$(cat "$T/out")" "0:caller private file ok" \
			"[sudo] the caller's own 0600 file is accepted"
		in_ns_run "$T/callers-uid.conf" run --unsafe --json python3 "$ok_py"
		is "$RC $(jget status) $(jget confinement.uid) $(jget stdout)" "0 ok $NOBODY ran as $NOBODY" \
			"[sudo] an allowed caller's readable program runs as uid $NOBODY"
		if [ -n "$installed_before" ]; then
			pass "the host's installed configuration was there before and is untouched"
		else
			check "nothing was created at $INSTALLED on the host" test ! -e "$INSTALLED"
		fi
	fi

	# --- the configuration file itself ------------------------------------------------------
	cp "$T/root.conf" "$T/gw.conf"
	chmod 0664 "$T/gw.conf"
	ljrun_conf root "$T/gw.conf" run --unsafe python3 "$ok_py"
	like "$RC:$(cat "$T/out"):$(cat "$T/err")" "125::*gw.conf*owned by root*not writable*" \
		"[root] a group-writable config is refused"
	cp "$T/root.conf" "$T/ow.conf"
	chmod 0646 "$T/ow.conf"
	ljrun_conf root "$T/ow.conf" run --unsafe python3 "$ok_py"
	like "$RC:$(cat "$T/err")" "125:*ow.conf*not writable*" "[root] an other-writable config is refused"
	cp "$T/root.conf" "$T/notroot.conf"
	chown "$NOBODY:$NOBODY" "$T/notroot.conf"
	ljrun_conf root "$T/notroot.conf" run --unsafe python3 "$ok_py"
	like "$RC:$(cat "$T/err")" "125:*notroot.conf*owned by root*" \
		"[root] a config not owned by root is refused"
	ln -s "$T/root.conf" "$T/link.conf"
	ljrun_conf root "$T/link.conf" run --unsafe python3 "$ok_py"
	like "$RC:$(cat "$T/out"):$(cat "$T/err")" "125::*link.conf*" \
		"[root] a config that is a symlink (to a good config) is refused"
	mkfifo "$T/fifo.conf"
	ljrun_conf root "$T/fifo.conf" run --unsafe python3 "$ok_py"
	like "$RC:$(cat "$T/err")" "125:*fifo.conf*not a regular file*" "[root] a FIFO config is refused"

	write_config "$T/langs-gw.conf" "$(wd_root root)"
	mkdir "$T/langs"
	cp "$LANGJAIL_SRCDIR/languages/python3.ini" "$LANGJAIL_SRCDIR/languages/sh.ini" "$T/langs/"
	chmod 0664 "$T/langs/python3.ini"
	chmod 0644 "$T/langs/sh.ini"
	sed "s|^languages_dir = .*|languages_dir = $T/langs|" "$T/root.conf" >"$T/langs.conf"
	chmod 0644 "$T/langs.conf"
	ljrun_conf root "$T/langs.conf" run --unsafe python3 "$ok_py"
	like "$RC:$(cat "$T/out"):$(cat "$T/err")" "125::*python3.ini*not writable*" \
		"[root] a group-writable language file is refused"
	ljrun_conf root "$T/langs.conf" run --unsafe sh -c 'echo sh ok'
	is "$RC:$(cat "$T/out")" "0:sh ok" "[root] a good language file next to it still works"
	ljrun root --languages-dir "$T/langs" run --unsafe python3 "$ok_py"
	like "$RC:$(cat "$T/err")" "125:*python3.ini*not writable*" \
		"[root] --languages-dir: a group-writable language file is refused"

	write_config "$T/rootuser.conf" "$(wd_root root)"
	sed -i 's/^user = .*/user = 0/; s/^group = .*/group = 0/' "$T/rootuser.conf"
	ljrun_conf root "$T/rootuser.conf" run --unsafe python3 "$ok_py"
	like "$RC:$(cat "$T/out"):$(cat "$T/err")" "125::*must not be root*" \
		"[root] a configured jail user root is refused"
	write_config "$T/nouser.conf" "$(wd_root root)"
	sed -i 's/^user = .*/user = no-such-user-lj/; /^group = /d' "$T/nouser.conf"
	ljrun_conf root "$T/nouser.conf" run --unsafe python3 "$ok_py"
	like "$RC:$(cat "$T/err")" "125:*no-such-user-lj*" "[root] a jail user that does not exist is refused"
fi

# --- strict parsing (every identity) ----------------------------------------------------
for id in $IDS; do
	write_config "$T/unknown-key-$id.conf" "$(wd_root "$id")" "workdir_rot = /tmp"
	line=$(grep -n '^workdir_rot' "$T/unknown-key-$id.conf" | cut -d: -f1)
	ljrun_conf "$id" "$T/unknown-key-$id.conf" run --unsafe python3 "$ok_py"
	like "$RC:$(cat "$T/out"):$(cat "$T/err")" "125::*unknown-key-$id.conf:$line:*workdir_rot*unknown key*" \
		"[$id] an unknown key is refused, naming file:line and key"
	write_config "$T/unknown-sect-$id.conf" "$(wd_root "$id")" "[limitz]
cpu = 1"
	ljrun_conf "$id" "$T/unknown-sect-$id.conf" run --unsafe python3 "$ok_py"
	like "$RC:$(cat "$T/err")" "125:*unknown-sect-$id.conf:*limitz*" \
		"[$id] an unknown section is refused, naming it"
	write_config "$T/bad-bool-$id.conf" "$(wd_root "$id")"
	sed -i 's/^require_mac = .*/require_mac = yess/' "$T/bad-bool-$id.conf"
	ljrun_conf "$id" "$T/bad-bool-$id.conf" run --unsafe python3 "$ok_py"
	like "$RC:$(cat "$T/err")" "125:*bad-bool-$id.conf:*require_mac*yess*" \
		"[$id] a bad boolean is refused, naming key and value"
	write_config "$T/bad-limit-$id.conf" "$(wd_root "$id")" "[limits]
cpu = 5x"
	ljrun_conf "$id" "$T/bad-limit-$id.conf" run --unsafe python3 "$ok_py"
	like "$RC:$(cat "$T/err")" "125:*bad-limit-$id.conf:*cpu*5x*" "[$id] a bad limit value is refused"
	write_config "$T/above-$id.conf" "$(wd_root "$id")" "[limits]
cpu = 100
max_cpu = 60"
	ljrun_conf "$id" "$T/above-$id.conf" run --unsafe python3 "$ok_py"
	like "$RC:$(cat "$T/err")" "125:*above-$id.conf*cpu*max_cpu*" \
		"[$id] a default above its maximum is refused"
	write_config "$T/relpath-$id.conf" "$(wd_root "$id")"
	sed -i 's|^languages_dir = .*|languages_dir = languages|' "$T/relpath-$id.conf"
	ljrun_conf "$id" "$T/relpath-$id.conf" run --unsafe python3 "$ok_py"
	like "$RC:$(cat "$T/err")" "125:*languages_dir*absolute*" "[$id] a relative languages_dir is refused"
	write_config "$T/nosab-$id.conf" "$(wd_root "$id")"
	sed -i 's/^allow_sabotage = .*/allow_sabotage = no/' "$T/nosab-$id.conf"
	ljrun_conf "$id" "$T/nosab-$id.conf" run --unsafe --sabotage seccomp python3 "$ok_py"
	like "$RC:$(cat "$T/out"):$(cat "$T/err")" "125::*--sabotage*allow_sabotage*" \
		"[$id] --sabotage is refused without allow_sabotage"
done

# --- an unprivileged caller ------------------------------------------------------------
for id in $IDS; do
	[ "$id" = root ] && continue
	as "$id" env SUDO_UID=0 SUDO_GID=0 "$LANGJAIL" --config "$T/$id.conf" run --unsafe \
		python3 "$ok_py" </dev/null >"$T/out" 2>"$T/err"
	RC=$?
	is "$RC:$(cat "$T/out")" "0:ran as $(jail_uid "$id")" \
		"[$id] SUDO_UID from a caller that is not root is ignored (no privilege, --config allowed)"
	ljrun "$id" run --unsafe python3 "$T/secret.py"
	like "$RC:$(cat "$T/out"):$(cat "$T/err")" "125::*Permission denied*" \
		"[$id] a source the caller cannot read is refused"
done

# --- installed setuid: refused ----------------------------------------------------------
if [ "$IS_ROOT" -eq 1 ]; then
	mkdir "$T/suid"
	chown "0:$NOBODY" "$T/suid"
	chmod 0750 "$T/suid"
	cp "$LANGJAIL" "$T/suid/langjail"
	chmod 4755 "$T/suid/langjail"
	as nobody "$T/suid/langjail" --config "$T/nobody.conf" run --unsafe python3 "$ok_py" \
		</dev/null >"$T/out" 2>"$T/err"
	RC=$?
	# shellcheck disable=SC2016 # expanded by the inner shell
	if as nobody sh -c 'test -u "$1"' sh "$T/suid/langjail" &&
		! findmnt -no OPTIONS -T "$T/suid" | grep -q nosuid; then
		like "$RC:$(cat "$T/out"):$(cat "$T/err")" "125::*setuid*" \
			"[nobody] a setuid-root copy of langjail refuses to run"
	else
		skip "[nobody] a setuid-root copy of langjail refuses to run" \
			"the temp dir is mounted nosuid"
	fi
	rm -f "$T/suid/langjail"
fi

done_testing
