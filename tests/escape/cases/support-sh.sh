# id: support-sh
# category: support
# tries: ordinary shell work: pipes, command substitution, loops, files in the workdir, sort, wc, sed
# expect: works
set -e
i=0
while [ "$i" -lt 5 ]; do echo "line $i"; i=$((i + 1)); done > ljx-lines
[ "$(wc -l < ljx-lines)" -eq 5 ]
[ "$(sort -r ljx-lines | head -n 1)" = "line 4" ]
[ "$(sed -n 's/line //p' ljx-lines | tr -d '\n')" = "01234" ]
mkdir -p d/e && echo ok > d/e/f && [ "$(cat d/e/f)" = ok ]
rm -r d ljx-lines
[ "$HOME" = "$(pwd)" ] || [ -n "$HOME" ]
echo "LANGJAIL-SUPPORT-OK"
