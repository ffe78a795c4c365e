# id: res-rlimit-raise
# category: resources
# tries: raise its own hard resource limits (CPU, address space, processes, files, file size) and change the limits of its parent with prlimit
# expect: blocked
# layers: uid
import os
import resource
import sys

A = dict(a.split("=", 1) for a in sys.argv[1:] if "=" in a)
HITS = []


def esc(msg):
    HITS.append(msg)
    print("LANGJAIL-ESCAPED: " + msg, flush=True)


notes = []
INF = resource.RLIM_INFINITY
for name in ("RLIMIT_CPU", "RLIMIT_AS", "RLIMIT_NPROC", "RLIMIT_NOFILE", "RLIMIT_FSIZE",
             "RLIMIT_STACK", "RLIMIT_CORE"):
    res = getattr(resource, name)
    soft, hard = resource.getrlimit(res)
    if hard == INF:
        notes.append("%s hard limit is unlimited" % name)
        continue
    new = INF if name != "RLIMIT_NOFILE" else hard * 2
    try:
        resource.setrlimit(res, (soft, new))
        esc("raised %s hard limit from %d to %s" % (name, hard, new))
    except (OSError, ValueError) as e:
        notes.append("%s: %s" % (name, e))
for label, pid in (("parent", os.getppid()), ("supervisor", int(A.get("supervisor", "0") or 0))):
    if pid in (0, os.getpid()):
        continue
    try:
        soft, hard = resource.prlimit(pid, resource.RLIMIT_CORE)
        resource.prlimit(pid, resource.RLIMIT_CORE, (soft, hard))
        if label == "supervisor" or os.stat("/proc/%d" % pid).st_uid != os.getuid():
            esc("prlimit on the %s (pid %d) allowed" % (label, pid))
        else:
            notes.append("prlimit on the %s (pid %d, inside the jail) allowed" % (label, pid))
    except (OSError, ValueError) as e:
        notes.append("prlimit %s: %s" % (label, e))
if not HITS:
    print("LANGJAIL-BLOCKED: " + "; ".join(notes), flush=True)
