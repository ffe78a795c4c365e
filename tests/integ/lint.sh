#!/bin/sh
# Privileged calls live only in priv.c, child.c, env.c and layer-*.c (the
# parts a reviewer reads as root code), and no code uses what STYLE forbids.
set -u
src=${LANGJAIL_SRCDIR:-$(cd "$(dirname "$0")/../.." && pwd)}
n=0
fails=0
ok() { n=$((n + 1)); echo "ok $n - $1"; }
notok() { n=$((n + 1)); fails=$((fails + 1)); echo "not ok $n - $1"; }

echo "1..4"
priv='\b(setres[ug]id|setgroups|setfsuid|setfsgid|setuid|setgid|chown|fchown|fchownat|mount|umount2|capset|sethostname|pivot_root)[[:space:]]*\('
bad=$(grep -nE "$priv" "$src"/src/*.c "$src"/src/lib/*.c |
	grep -vE '^[^:]*/(priv|child|env|layer-[a-z]+)\.c:' || true)
if [ -z "$bad" ]; then
	ok "root-only calls only in priv.c, child.c, env.c, layer-*.c"
else
	notok "root-only calls outside the privileged files"
	echo "$bad" | sed 's/^/# /'
fi
bad=$(grep -nE '\b(system|popen|atoi|atol|iniparser_getint|iniparser_getboolean|realpath)[[:space:]]*\(' \
	"$src"/src/*.c "$src"/src/lib/*.c || true)
if [ -z "$bad" ]; then ok "no system/popen/atoi/realpath/iniparser_getint"; else
	notok "forbidden calls"; echo "$bad" | sed 's/^/# /'; fi
bad=$(grep -nE '\bgetenv[[:space:]]*\(' "$src"/src/*.c "$src"/src/lib/*.c || true)
if [ -z "$bad" ]; then ok "no getenv in langjail (sudo callers control the environment)"; else
	notok "getenv used"; echo "$bad" | sed 's/^/# /'; fi
bad=$(grep -nE '\b(sleep|usleep)[[:space:]]*\(' "$src"/src/*.c "$src"/src/lib/*.c || true)
if [ -z "$bad" ]; then ok "no sleep() used as synchronisation"; else
	notok "sleep used"; echo "$bad" | sed 's/^/# /'; fi
echo "$((n - fails)) passed, $fails failed"
[ "$fails" -eq 0 ]
