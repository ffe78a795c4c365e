# gen.py N: write N bytes of 'x' to standard output in 64 KiB writes.
import os
import sys

n = int(sys.argv[1])
block = b"x" * 65536
while n > 0:
    n -= os.write(1, block if n >= len(block) else block[:n])
