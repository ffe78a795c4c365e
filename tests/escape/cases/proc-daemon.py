# id: proc-daemon
# category: process
# tries: double-fork and setsid a daemon that outlives the program, keeps writing heartbeats (in its workdir) and tries to leave the run's cgroup
# expect: contained
# layers: pidns cgroup
import os
import sys
import time

A = dict(a.split("=", 1) for a in sys.argv[1:] if "=" in a)
run = A.get("run", "x")
r, w = os.pipe()
if os.fork() == 0:
    os.setsid()
    if os.fork() == 0:
        os.close(r)
        os.write(w, b"%d" % os.getpid())
        os.close(w)
        for fd in (0, 1, 2):
            try:
                os.close(fd)
            except OSError:
                pass
        workdir = os.getcwd()
        # try to move into the root cgroup of every hierarchy (needs root)
        for procs in ("/sys/fs/cgroup/cgroup.procs", "/sys/fs/cgroup/pids/cgroup.procs",
                      "/sys/fs/cgroup/unified/cgroup.procs"):
            try:
                with open(procs, "w") as f:
                    f.write("0")
            except OSError:
                pass
        os.chdir("/")
        end = time.time() + 60
        while time.time() < end:
            try:
                with open(os.path.join(workdir, "ljx-%s-heartbeat" % run), "a") as f:
                    f.write("%.0f\n" % time.time())
            except OSError:
                pass
            time.sleep(0.5)
        os._exit(0)
    os._exit(0)
os.close(w)
pid = os.read(r, 32).decode()
os.wait()
print("LANGJAIL-DONE: daemon pid %s started; the host checks that nothing outlives the run" % pid,
      flush=True)
