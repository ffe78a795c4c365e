# id: kern-cgroup
# category: kernel
# tries: leave the run's cgroup (write its pid to another cgroup.procs), mkdir a sub-cgroup, raise its own memory.max / pids.max
# expect: blocked
# layers: uid landlock mac
import ctypes
import os
import sys

A = dict(a.split("=", 1) for a in sys.argv[1:] if "=" in a)
HITS = []


def esc(msg):
    HITS.append(msg)
    print("LANGJAIL-ESCAPED: " + msg, flush=True)


libc = ctypes.CDLL(None, use_errno=True)
libc.syscall.restype = ctypes.c_long


def sc(nr, *args):
    """Raw syscall; returns (result, errno)."""
    r = libc.syscall(ctypes.c_long(nr), *args)
    return r, (ctypes.get_errno() if r < 0 else 0)


def in_child(fn):
    """Run fn() in a forked child; returns its exit status (or -signal)."""
    pid = os.fork()
    if pid == 0:
        try:
            os._exit(fn())
        except BaseException:
            os._exit(99)
    _, st = os.waitpid(pid, 0)
    return os.WEXITSTATUS(st) if os.WIFEXITED(st) else -os.WTERMSIG(st)


def why(st):
    if st < 0:
        return "killed by signal %d" % -st
    return "python exception" if st == 99 else os.strerror(st)


notes = []
run = A.get("run", "x")
cgs = []
try:
    with open("/proc/self/cgroup", encoding="utf-8") as f:
        for line in f:
            hid, ctrl, path = line.rstrip("\n").split(":", 2)
            cgs.append((ctrl, path))
except OSError as e:
    notes.append("/proc/self/cgroup: %s" % e.strerror)
bases = []
for ctrl, path in cgs:
    names = [c for c in ctrl.split(",") if c]
    if not names:
        base = "/sys/fs/cgroup/unified" if os.path.isdir("/sys/fs/cgroup/unified") else "/sys/fs/cgroup"
    else:
        base = "/sys/fs/cgroup/" + names[0].replace("name=", "")
    bases.append((base, path))
if not bases:
    bases.append(("/sys/fs/cgroup", "/"))
tried = set()
for base, path in bases:
    own = os.path.normpath(base + "/" + path)
    for target in (base, os.path.dirname(own), own):
        procs = os.path.join(target, "cgroup.procs")
        if procs in tried or target == own:
            continue
        tried.add(procs)
        try:
            with open(procs, "w") as f:
                f.write("%d\n" % os.getpid())
            esc("moved itself into %s" % target)
        except OSError as e:
            notes.append("%s: %s" % (procs, e.strerror))
    for d in (own, base):
        sub = os.path.join(d, "ljx-%s" % run)
        try:
            os.mkdir(sub)
            esc("created cgroup %s" % sub)
            os.rmdir(sub)
        except OSError as e:
            notes.append("mkdir %s: %s" % (sub, e.strerror))
    for knob in ("memory.max", "memory.limit_in_bytes", "pids.max", "memory.high"):
        p = os.path.join(own, knob)
        if not os.path.exists(p):
            continue
        try:
            with open(p, "w") as f:
                f.write("max\n" if not knob.endswith("bytes") else "-1\n")
            esc("raised %s" % p)
        except OSError as e:
            notes.append("%s: %s" % (p, e.strerror))
if not HITS:
    print("LANGJAIL-BLOCKED: " + "; ".join(notes), flush=True)
