# mkfiles.py N [DIR]: leave N empty files in DIR (default: the working directory).
import os
import sys

n = int(sys.argv[1])
d = sys.argv[2] if len(sys.argv) > 2 else "."
os.makedirs(d, exist_ok=True)
for i in range(n):
    os.close(os.open(os.path.join(d, "f%d" % i), os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644))
