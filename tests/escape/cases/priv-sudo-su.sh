# id: priv-sudo-su
# category: privilege
# tries: become root with sudo -n, su, pkexec and doas (no password is given; success means a passwordless rule or a broken jail)
# expect: blocked
# layers: nnp uid
hits=0
notes=""
for cmd in "sudo -n id -u" "su -c 'id -u' root" "su root -c 'id -u'" "pkexec id -u" "doas -n id -u"; do
	prog=${cmd%% *}
	if ! command -v "$prog" >/dev/null 2>&1; then notes="$notes $prog: not installed;"; continue; fi
	out=$(eval "$cmd" </dev/null 2>&1)
	if [ "$(printf '%s\n' "$out" | tail -n 1)" = 0 ]; then
		echo "LANGJAIL-ESCAPED: '$cmd' ran as root"; hits=1
	else
		notes="$notes $prog: $(printf '%s' "$out" | tr '\n' ' ' | cut -c1-80);"
	fi
done
[ "$hits" = 0 ] && echo "LANGJAIL-BLOCKED:$notes"
exit 0
