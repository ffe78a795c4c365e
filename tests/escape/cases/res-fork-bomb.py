# id: res-fork-bomb
# category: resources
# tries: fork bomb: every process forks forever; the run must end and the host stay usable
# expect: contained
# layers: cgroup rlimits
# destructive: yes
# args: --procs 32 --wall 10
import os
import time

n = 0
while True:
    try:
        if os.fork() == 0:
            n = 0
        n += 1
    except OSError:
        time.sleep(0.01)
