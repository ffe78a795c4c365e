# id: res-disk-fill
# category: resources
# tries: fill the workdir with data (up to 1 GiB) with a 16 MiB disk limit
# expect: contained
# limit: disk file_size
# layers: mountns
# destructive: yes
# args: --disk 16M --file-size 512M --wall 20 -- disk=16
import errno
import os
import sys

A = dict(a.split("=", 1) for a in sys.argv[1:] if "=" in a)
limit = int(A.get("disk", "16")) << 20
block = b"\xaa" * (1 << 20)
total = 0
err = None
i = 0
while total < 1 << 30 and err is None:
    try:
        with open("ljx-fill-%d" % i, "wb") as f:
            for _ in range(64):
                f.write(block)
                f.flush()
                total += len(block)
    except OSError as e:
        err = e
    i += 1
if total > 4 * limit:
    print("LANGJAIL-ESCAPED: wrote %d MiB with a %d MiB disk limit" % (total >> 20, limit >> 20),
          flush=True)
elif err is not None and err.errno in (errno.ENOSPC, errno.EDQUOT, errno.EFBIG):
    print("LANGJAIL-BLOCKED: %s after %d MiB" % (err.strerror, total >> 20), flush=True)
else:
    print("LANGJAIL-BLOCKED: stopped after %d MiB: %s" % (total >> 20, err), flush=True)
