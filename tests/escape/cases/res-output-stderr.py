# id: res-output-stderr
# category: resources
# tries: write to stderr without end, with a 1 MiB output limit
# expect: status: output_limit
# limit: output
# layers: supervisor
# destructive: yes
# args: --output 1M --wall 20
import os

line = b"ljx flood on stderr " * 10 + b"\n"
n = 0
while n < 100000000:
    os.write(2, line)
    n += 1
os.write(1, b"LANGJAIL-ESCAPED: wrote %d lines to stderr without being stopped\n" % n)
