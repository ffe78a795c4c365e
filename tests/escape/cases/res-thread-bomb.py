# id: res-thread-bomb
# category: resources
# tries: start threads until the kernel refuses, then hold them: the count must stay near the process limit
# expect: contained
# layers: cgroup rlimits
# destructive: yes
# args: --procs 64 --wall 10 -- procs=64
import sys
import threading
import time

A = dict(a.split("=", 1) for a in sys.argv[1:] if "=" in a)
limit = int(A.get("procs", "64"))
stop = threading.Event()
n = 0
err = "no error"
while n < 100000:
    try:
        t = threading.Thread(target=stop.wait, daemon=True)
        t.start()
        n += 1
    except (RuntimeError, MemoryError, OSError) as e:
        err = str(e)
        break
if n > 4 * limit + 64:
    print("LANGJAIL-ESCAPED: started %d threads with a process limit of %d" % (n, limit),
          flush=True)
else:
    print("LANGJAIL-BLOCKED: stopped after %d threads: %s" % (n, err), flush=True)
time.sleep(1)
