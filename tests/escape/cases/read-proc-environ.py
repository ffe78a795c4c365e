# id: read-proc-environ
# category: read
# tries: read /proc/PID/environ, cmdline and cwd of the supervisor, the runner and processes outside (pids given as args)
# expect: blocked
# layers: pidns+mountns landlock
# needs: victim
import os
import sys

A = dict(a.split("=", 1) for a in sys.argv[1:] if "=" in a)
HITS = []


def esc(msg):
    HITS.append(msg)
    print("LANGJAIL-ESCAPED: " + msg, flush=True)


def status_uid(pid):
    try:
        with open("/proc/%d/status" % pid, encoding="utf-8") as f:
            for line in f:
                if line.startswith("Uid:"):
                    return int(line.split()[1])
    except OSError:
        return None
    return None


notes = []
targets = []
for key in ("supervisor", "runner", "victim", "victim65534"):
    if A.get(key, "").isdigit():
        targets.append((key, int(A[key])))
targets.append(("parent", os.getppid()))
if not targets:
    print("LANGJAIL-SETUP-ERROR: no pids given", flush=True)
    sys.exit(1)
for key, pid in targets:
    if pid in (0, os.getpid()):
        continue
    try:
        with open("/proc/%d/environ" % pid, "rb") as f:
            env = f.read(65536)
    except OSError as e:
        notes.append("%s %d: %s" % (key, pid, e.strerror))
        continue
    uid = status_uid(pid)
    if b"LANGJAIL_CANARY_ENV" in env or (uid is not None and uid != os.getuid()):
        esc("read environ of %s pid %d (uid %s): %r" % (key, pid, uid, env[:4000]))
    elif key != "parent":
        esc("read environ of %s pid %d, a pid the runner gave from outside: %r"
            % (key, pid, env[:4000]))
    else:
        notes.append("parent %d is inside the jail" % pid)
if not HITS:
    print("LANGJAIL-BLOCKED: " + "; ".join(notes), flush=True)
