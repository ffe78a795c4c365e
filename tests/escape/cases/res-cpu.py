# id: res-cpu
# category: resources
# tries: spin on the CPU forever with a 1 s CPU limit
# expect: status: timeout
# limit: cpu
# layers: rlimits supervisor
# args: --cpu 1 --wall 10
import time

start = time.process_time()
x = 0
while True:
    x += 1
    if x % 5000000 == 0 and time.process_time() - start > 30:
        print("LANGJAIL-ESCAPED: used %.0f s of CPU" % (time.process_time() - start), flush=True)
        break
