# id: res-file-size
# category: resources
# tries: write one 64 MiB file with a 1 MiB file-size limit
# expect: contained
# limit: file_size
# layers: rlimits
# destructive: yes
# args: --file-size 1M --wall 20
import os

block = b"\x55" * (1 << 16)
written = 0
err = None
with open("ljx-big", "wb", buffering=0) as f:
    try:
        while written < 64 << 20:
            written += f.write(block)
    except OSError as e:
        err = e
size = os.stat("ljx-big").st_size
if size > 2 << 20:
    print("LANGJAIL-ESCAPED: wrote a %d KiB file with a 1 MiB limit" % (size >> 10), flush=True)
else:
    print("LANGJAIL-BLOCKED: file stopped at %d KiB: %s" % (size >> 10, err), flush=True)
