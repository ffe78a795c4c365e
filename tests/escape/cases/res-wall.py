# id: res-wall
# category: resources
# tries: sleep forever (no CPU used) with a 2 s wall-clock limit
# expect: status: timeout
# limit: wall
# layers: supervisor
# args: --wall 2
import time

time.sleep(60)
print("LANGJAIL-ESCAPED: slept 60 s past a 2 s wall limit", flush=True)
