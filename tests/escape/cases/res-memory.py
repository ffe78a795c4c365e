# id: res-memory
# category: resources
# tries: allocate and touch 2 GiB with a 128 MiB memory limit
# expect: status: memory
# limit: memory
# layers: cgroup rlimits
# destructive: yes
# args: --memory 128M --wall 20
import sys

chunks = []
total = 0
try:
    while total < 2 << 30:
        chunks.append(b"\x01" * (32 << 20))  # filled, so every page is touched
        total += 32 << 20
except MemoryError:
    print("LANGJAIL-BLOCKED: MemoryError after %d MiB" % (total >> 20), flush=True)
    sys.exit(1)
print("LANGJAIL-ESCAPED: allocated and touched %d MiB" % (total >> 20), flush=True)
