# id: res-output-stdout
# category: resources
# tries: print to stdout without end, with a 1 MiB output limit
# expect: status: output_limit
# limit: output
# layers: supervisor
# destructive: yes
# args: --output 1M --wall 20
import sys

line = "ljx flood " * 10 + "\n"
n = 0
while n < 100000000:
    sys.stdout.write(line)
    n += 1
print("LANGJAIL-ESCAPED: wrote %d lines without being stopped" % n, file=sys.stderr, flush=True)
