# id: res-output-sh
# category: resources
# tries: yes(1) to stdout and a loop to stderr at the same time, with a 1 MiB output limit
# expect: status: output_limit
# limit: output
# layers: supervisor
# destructive: yes
# args: --output 1M --wall 20
( while :; do echo "ljx flood on stderr" >&2; done ) &
yes "ljx flood"
