#!/bin/sh
# cli.sh - the command line and the man pages agree. TAP.
#
# What it checks, without running any program in a jail:
#   - every command of `langjail --help` has a section in COMMANDS of
#     langjail(1), and every option its --help texts print is documented in
#     OPTIONS; every option documented there is one a --help text prints;
#   - every key of the config key table (src/lib/config.c), every limit (as
#     `run --help` prints it and as src/lib/limits.c names it) and every layer
#     is documented in langjail.conf(5);
#   - every key of the language key table (src/lib/lang.c) and every argv
#     placeholder is documented in langjail-languages(5);
#   - the JSON fields of a verdict (src/lib/result.c) and the exit codes of
#     `run --help` are in langjail(1);
#   - groff -ww renders each page without a warning;
#   - --version, a missing or unknown command (exit 125), help COMMAND.
#
#   LANGJAIL=/path/to/src/langjail LANGJAIL_SRCDIR=/path/to/src sh cli.sh
#   MANDIR=/some/copy/of/man ...   checks the pages there instead of
#                                  $LANGJAIL_SRCDIR/man

# shellcheck source-path=SCRIPTDIR source=lib.sh
. "$(dirname "$0")/lib.sh"

MANDIR=${MANDIR:-$LANGJAIL_SRCDIR/man}
PAGE1=$MANDIR/langjail.1
PAGE_CONF=$MANDIR/langjail.conf.5
PAGE_LANG=$MANDIR/langjail-languages.5

for _p in "$PAGE1" "$PAGE_CONF" "$PAGE_LANG"; do
	if [ ! -r "$_p" ]; then
		echo "Bail out! no man page $_p"
		exit 1
	fi
done

# --- helpers ------------------------------------------------------------------

# roff source on stdin -> text without the escapes that hide words:
# \- \fB \fI \fR \fP \f(XX \& \(aq \e.
deroff() {
	sed -e 's/\\-/-/g' -e 's/\\f(..//g' -e 's/\\f[BIRP1-4]//g' -e 's/\\&//g' \
		-e "s/\\\\(aq/'/g" -e 's/\\e/\\/g'
}

# sh_section PAGE TITLE: the lines of the .SH whose title is TITLE (quotes
# around the title are optional), up to the next .SH; de-roffed.
sh_section() {
	awk -v want="$2" '
		/^\.SH[ \t]/ {
			t = $0
			sub(/^\.SH[ \t]+/, "", t)
			gsub(/"/, "", t)
			on = (t == want)
			next
		}
		on { print }
	' "$1" | deroff
}

# tags: the tag line of every .TP in the roff text on stdin, without the
# macro name (".BI --cpu \" seconds\"" -> "--cpu \" seconds\"").
tags() {
	awk '
		tp && !/^\.\\"/ { sub(/^\.[A-Z]+[ \t]*/, ""); print; tp = 0; next }
		/^\.TP/ { tp = 1 }
	'
}

# words: one token per line (letters, digits, _ - + { } $ .).
words() {
	tr -cs 'A-Za-z0-9_+{}$.-' '\n' | sed -e 's/^[.]*//' -e 's/[.]*$//' | grep -v '^$'
}

# has_word WORD: WORD is one of the lines on stdin.
has_word() {
	grep -qxF -- "$1"
}

# help texts -----------------------------------------------------------------

HELP_MAIN=$("$LANGJAIL" --help 2>&1)
rc=$?
is "$rc" 0 "langjail --help exits 0"
like "$HELP_MAIN" "Usage: langjail*" "langjail --help prints a usage line"
is "$("$LANGJAIL" -h 2>&1)" "$HELP_MAIN" "langjail -h prints the same as --help"
is "$("$LANGJAIL" help 2>&1)" "$HELP_MAIN" "langjail help prints the same as --help"

# The commands: the first word of each line indented by exactly two spaces in
# the "Commands:" block of the overview.
COMMANDS=$(printf '%s\n' "$HELP_MAIN" | awk '
	/^Commands:/ { on = 1; next }
	on && /^$/ { exit }
	on && /^  [a-z]/ { print $1 }
')
isnt "$COMMANDS" "" "langjail --help lists commands"

HELP_ALL=$HELP_MAIN
for c in $COMMANDS; do
	[ "$c" = help ] && continue
	h=$("$LANGJAIL" help "$c" 2>&1)
	rc=$?
	is "$rc" 0 "langjail help $c exits 0"
	h2=$("$LANGJAIL" "$c" --help 2>&1)
	is "$h" "$h2" "langjail help $c prints the same as langjail $c --help"
	like "$h" "Usage: langjail $c*" "langjail $c --help starts with its usage"
	HELP_ALL=$(printf '%s\n\n%s' "$HELP_ALL" "$h")
done
HELP_RUN=$("$LANGJAIL" run --help 2>&1)

# Options a help text offers: the option column of option lines ("  -c,
# --code CODE", "      --unsafe") and every --option in usage lines
# ("Usage: ...", their continuation lines, and the command lines of the
# overview). Option names in prose ("a venv made with --copies") are not ours.
help_long_options() {
	awk '
		/^Usage:/ || /^       langjail / || /^  [a-z]/ {
			s = $0
			while (match(s, /--[a-z][a-z0-9-]*/)) {
				print substr(s, RSTART, RLENGTH)
				s = substr(s, RSTART + RLENGTH)
			}
			next
		}
		/^ +(-[A-Za-z], +)?--[a-z]/ {
			if (match($0, /--[a-z][a-z0-9-]*/))
				print substr($0, RSTART, RLENGTH)
		}
	' | sort -u
}
help_short_options() {
	awk '
		/^ +-[A-Za-z], +--[a-z]/ {
			if (match($0, /-[A-Za-z],/))
				print substr($0, RSTART, RLENGTH - 1)
		}
	' | sort -u
}

HELP_LONG=$(printf '%s\n' "$HELP_ALL" | help_long_options)
HELP_SHORT=$(printf '%s\n' "$HELP_ALL" | help_short_options)
isnt "$HELP_LONG" "" "the --help texts offer long options"

# man page: commands and options -------------------------------------------------

MAN_COMMANDS=$(sh_section "$PAGE1" COMMANDS | awk '/^\.SS[ \t]/ {
	sub(/^\.SS[ \t]+/, ""); gsub(/"/, ""); print $1 }')
for c in $COMMANDS; do
	if printf '%s\n' "$MAN_COMMANDS" | has_word "$c"; then
		pass "langjail.1 COMMANDS has a section for '$c'"
	else
		fail "langjail.1 COMMANDS has a section for '$c'"
		diag "langjail --help lists '$c'; no '.SS $c' under .SH COMMANDS of $PAGE1"
	fi
done
for c in $MAN_COMMANDS; do
	if printf '%s\n' "$COMMANDS" | has_word "$c"; then
		pass "command '$c' of langjail.1 is in langjail --help"
	else
		fail "command '$c' of langjail.1 is in langjail --help"
	fi
done

OPT_TAGS=$(sh_section "$PAGE1" OPTIONS | tags)
MAN_LONG=$(printf '%s\n' "$OPT_TAGS" | awk '{
	s = $0
	while (match(s, /--[a-z][a-z0-9-]*/)) {
		print substr(s, RSTART, RLENGTH)
		s = substr(s, RSTART + RLENGTH)
	} }' | sort -u)
MAN_SHORT=$(printf '%s\n' "$OPT_TAGS" | awk '{
	s = " " $0
	while (match(s, /[ ,]-[A-Za-z]([ ,"]|$)/)) {
		print substr(s, RSTART + 1, 2)
		s = substr(s, RSTART + 3)
	} }' | sort -u)

for o in $HELP_LONG; do
	if printf '%s\n' "$MAN_LONG" | has_word "$o"; then
		pass "option $o is documented in OPTIONS of langjail.1"
	else
		fail "option $o is documented in OPTIONS of langjail.1"
		diag "a --help text prints $o; no .TP tag under .SH OPTIONS of $PAGE1 names it"
	fi
done
for o in $HELP_SHORT; do
	if printf '%s\n' "$MAN_SHORT" | has_word "$o"; then
		pass "option $o is documented in OPTIONS of langjail.1"
	else
		fail "option $o is documented in OPTIONS of langjail.1"
	fi
done
for o in $MAN_LONG $MAN_SHORT; do
	if printf '%s\n%s\n' "$HELP_LONG" "$HELP_SHORT" | has_word "$o"; then
		pass "option $o of langjail.1 OPTIONS is in a --help text"
	else
		fail "option $o of langjail.1 OPTIONS is in a --help text"
		diag "$PAGE1 documents $o, which no --help text of $LANGJAIL offers"
	fi
done

# langjail.1: sections, exit codes, JSON fields ------------------------------------

for s in NAME SYNOPSIS DESCRIPTION COMMANDS OPTIONS "EXIT STATUS" "JSON OUTPUT" FILES \
	SECURITY EXAMPLES; do
	if sh_section "$PAGE1" "$s" | grep -q .; then
		pass "langjail.1 has a section $s"
	else
		fail "langjail.1 has a section $s"
	fi
done

EXIT_TAGS=$(sh_section "$PAGE1" "EXIT STATUS" | tags | tr + ' ' | words)
CODES=$(printf '%s\n' "$HELP_RUN" | sed -n '/^Exit status/,$p' | grep -oE '[0-9]{3}' | sort -u)
isnt "$CODES" "" "run --help names exit codes"
for n in $CODES; do
	if printf '%s\n' "$EXIT_TAGS" | has_word "$n"; then
		pass "exit code $n of run --help is in EXIT STATUS of langjail.1"
	else
		fail "exit code $n of run --help is in EXIT STATUS of langjail.1"
	fi
done

# The verdict's keys: every lj_json_*(&j, "key", ...) of result.c, and
# KEY_encoding for every stream(&j, "KEY", ...).
RESULT_C=$LANGJAIL_SRCDIR/src/lib/result.c
JSON_KEYS=$( {
	grep -oE 'lj_json_[a-z_]+\(&?[a-z]+, "[a-z_]+"' "$RESULT_C" | sed 's/.*"\(.*\)"/\1/'
	grep -oE 'stream\(&?[a-z]+, "[a-z_]+"' "$RESULT_C" | sed 's/.*"\(.*\)"/\1_encoding/'
} | sort -u)
JSON_WORDS=$(sh_section "$PAGE1" "JSON OUTPUT" | words)
isnt "$JSON_KEYS" "" "result.c has JSON keys"
for k in $JSON_KEYS; do
	if printf '%s\n' "$JSON_WORDS" | has_word "$k"; then
		pass "JSON key $k is in JSON OUTPUT of langjail.1"
	else
		fail "JSON key $k is in JSON OUTPUT of langjail.1"
	fi
done

# langjail.conf.5 ---------------------------------------------------------------

CONFIG_C=$LANGJAIL_SRCDIR/src/lib/config.c
CONF_KEYS=$(sed -n 's/^[[:space:]]*{ "\([a-z_]*\)", "\([a-z_]*\)", K_[A-Z]*,.*/\1:\2/p' "$CONFIG_C")
isnt "$CONF_KEYS" "" "config.c has a key table"
for sk in $CONF_KEYS; do
	s=${sk%%:*}
	k=${sk#*:}
	if sh_section "$PAGE_CONF" "THE [$s] SECTION" | tags | words | has_word "$k"; then
		pass "[$s] $k is documented in langjail.conf.5"
	else
		fail "[$s] $k is documented in langjail.conf.5"
		diag "no .TP tag names '$k' under '.SH THE [$s] SECTION' of $PAGE_CONF"
	fi
done
# and the other way: the first word of every tag of [jail] is a key
for k in $(sh_section "$PAGE_CONF" "THE [jail] SECTION" | tags | awk '{ print $1 }'); do
	if printf '%s\n' "$CONF_KEYS" | has_word "jail:$k"; then
		pass "[jail] $k of langjail.conf.5 is in the key table"
	else
		fail "[jail] $k of langjail.conf.5 is in the key table"
	fi
done

# Limits: as run --help offers them (options with a SECONDS, SIZE or N value)
# and as limits.c names them; both lists must be the same.
LIMITS_HELP=$(printf '%s\n' "$HELP_RUN" |
	sed -n 's/^ *--\([a-z][a-z-]*\) \(SECONDS\|SIZE\|N\) .*/\1/p' | tr - _ | sort -u)
LIMITS_C=$(sed -n 's/^[[:space:]]*\[LJ_LIMIT_[A-Z_]*\] *= *{ *"\([a-z_]*\)", *"--.*/\1/p' \
	"$LANGJAIL_SRCDIR/src/lib/limits.c" | sort -u)
isnt "$LIMITS_C" "" "limits.c has a limit table"
is "$(printf '%s\n' "$LIMITS_HELP" | tr '\n' ' ')" "$(printf '%s\n' "$LIMITS_C" | tr '\n' ' ')" \
	"run --help offers an option for every limit"
LIMIT_WORDS=$(sh_section "$PAGE_CONF" "THE [limits] SECTION" | tags | words)
LANG_LIMIT_WORDS=$(sh_section "$PAGE_LANG" "THE [limits] SECTION" | words)
for l in $(printf '%s\n%s\n' "$LIMITS_HELP" "$LIMITS_C" | sort -u); do
	for k in "$l" "max_$l"; do
		if printf '%s\n' "$LIMIT_WORDS" | has_word "$k"; then
			pass "[limits] $k is documented in langjail.conf.5"
		else
			fail "[limits] $k is documented in langjail.conf.5"
		fi
	done
	if printf '%s\n' "$LANG_LIMIT_WORDS" | has_word "$l"; then
		pass "limit $l is named in [limits] of langjail-languages.5"
	else
		fail "limit $l is named in [limits] of langjail-languages.5"
	fi
done

LAYERS=$(sed -n 's/^[[:space:]]*\[LJ_LAYER_[A-Z_]*\] *= *"\([a-z]*\)",.*/\1/p' \
	"$LANGJAIL_SRCDIR/src/lib/layer.c")
isnt "$LAYERS" "" "layer.c names the layers"
LAYER_WORDS=$(sh_section "$PAGE_CONF" "THE [layers] SECTION" | tags | words)
for l in $LAYERS; do
	if printf '%s\n' "$LAYER_WORDS" | has_word "$l"; then
		pass "[layers] $l is documented in langjail.conf.5"
	else
		fail "[layers] $l is documented in langjail.conf.5"
	fi
done

# langjail-languages.5 ----------------------------------------------------------

LANG_C=$LANGJAIL_SRCDIR/src/lib/lang.c
LANG_KEYS=$(sed -n 's/^[[:space:]]*{ "\([a-z_]*\)", "\([a-z_]*\)", K_[A-Z]*, offsetof(struct lj_lang,.*/\1:\2/p' "$LANG_C")
PLACEHOLDERS=$(grep -oE '"\{[a-z_]+\}"' "$LANG_C" | tr -d '"' | sort -u)
isnt "$LANG_KEYS" "" "lang.c has a key table"
for sk in $LANG_KEYS; do
	s=${sk%%:*}
	k=${sk#*:}
	if sh_section "$PAGE_LANG" "THE [$s] SECTION" | tags | words | has_word "$k"; then
		pass "[$s] $k is documented in langjail-languages.5"
	else
		fail "[$s] $k is documented in langjail-languages.5"
		diag "no .TP tag names '$k' under '.SH THE [$s] SECTION' of $PAGE_LANG"
	fi
done
LANG_TAGS=$(sh_section "$PAGE_LANG" "THE [language] SECTION" | tags)
for k in $PLACEHOLDERS; do
	if printf '%s\n' "$LANG_TAGS" | words | has_word "$k"; then
		pass "placeholder $k is documented in langjail-languages.5"
	else
		fail "placeholder $k is documented in langjail-languages.5"
		diag "no .TP tag names '$k' under '.SH THE [language] SECTION' of $PAGE_LANG"
	fi
done
# and the other way: the first word of every tag is a key of its section (or
# a placeholder)
for s in language compile; do
	for k in $(sh_section "$PAGE_LANG" "THE [$s] SECTION" | tags | awk '{ print $1 }' |
		tr -d ,); do
		if printf '%s\n' "$LANG_KEYS" | has_word "$s:$k" ||
			printf '%s\n' "$PLACEHOLDERS" | has_word "$k"; then
			pass "[$s] $k of langjail-languages.5 is in lang.c"
		else
			fail "[$s] $k of langjail-languages.5 is in lang.c"
		fi
	done
done
# shellcheck disable=SC2016 # the literal text ${envs_dir}
ENVS_VAR='${envs_dir}'
if grep -qF "$ENVS_VAR" "$LANG_C"; then
	if deroff <"$PAGE_LANG" | grep -qF "$ENVS_VAR"; then
		pass "langjail-languages.5 explains \${envs_dir}"
	else
		fail "langjail-languages.5 explains \${envs_dir}"
	fi
else
	fail "lang.c still expands \${envs_dir}"
fi

# groff -ww ----------------------------------------------------------------------

for p in "$PAGE1" "$PAGE_CONF" "$PAGE_LANG"; do
	if ! command -v groff >/dev/null 2>&1; then
		skip "groff -ww renders $(basename "$p") without warnings" "no groff on this machine"
		continue
	fi
	w=$(LC_ALL=C groff -ww -man -Tutf8 "$p" 2>&1 >/dev/null)
	is "$w" "" "groff -ww renders $(basename "$p") without warnings"
done

# the command line ---------------------------------------------------------------

out=$("$LANGJAIL" --version 2>&1)
rc=$?
is "$rc" 0 "langjail --version exits 0"
like "$out" "langjail [0-9]*.[0-9]*" "langjail --version prints a version"
is "$("$LANGJAIL" -V 2>&1)" "$out" "langjail -V prints the same as --version"

"$LANGJAIL" >"$T/out" 2>"$T/err"
is "$?" 125 "langjail without a command exits 125"
like "$(cat "$T/err")" "*langjail --help*" "langjail without a command points to the usage"
is "$(cat "$T/out")" "" "langjail without a command prints nothing on stdout"

"$LANGJAIL" bogus >"$T/out" 2>"$T/err"
is "$?" 125 "langjail bogus exits 125"
like "$(cat "$T/err")" "*unknown command*bogus*" "langjail bogus names the unknown command"

"$LANGJAIL" help bogus >"$T/out" 2>"$T/err"
is "$?" 125 "langjail help bogus exits 125"

"$LANGJAIL" --bogus-option >"$T/out" 2>"$T/err"
is "$?" 125 "langjail --bogus-option exits 125"

"$LANGJAIL" run --json >"$T/out" 2>"$T/err"
is "$?" 125 "langjail run --json without a language exits 125"
is "$(jget status)" error "a usage error with --json is a JSON verdict with status error"
is "$(jget error.code)" usage "a usage error with --json has error code usage"

is "$("$LANGJAIL" help run 2>&1)" "$HELP_RUN" "langjail help run equals langjail run --help"

done_testing
