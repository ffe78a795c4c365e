# id: info-processes
# category: information
# tries: see processes outside the jail in /proc (other users', the runner's victims)
# expect: blocked
# layers: pidns+mountns
# needs: victim
import os
import sys

A = dict(a.split("=", 1) for a in sys.argv[1:] if "=" in a)
HITS = []


def esc(msg):
    HITS.append(msg)
    print("LANGJAIL-ESCAPED: " + msg, flush=True)


me = os.getuid()
others = []
total = 0
try:
    pids = os.listdir("/proc")
except OSError as e:
    pids = []
    print("cannot list /proc: %s" % e.strerror, flush=True)
for p in pids:
    if not p.isdigit():
        continue
    total += 1
    try:
        with open("/proc/%s/status" % p, encoding="utf-8") as f:
            uid = next(int(l.split()[1]) for l in f if l.startswith("Uid:"))
        with open("/proc/%s/cmdline" % p, "rb") as f:
            cmd = f.read(80).replace(b"\0", b" ").decode(errors="replace").strip()
    except (OSError, StopIteration):
        continue
    if uid != me:
        others.append("%s uid %d %s" % (p, uid, cmd))
if others:
    esc("%d processes of other users visible, e.g. %s" % (len(others), others[:5]))
for key in ("victim", "victim65534", "runner", "supervisor"):
    pid = A.get(key, "")
    if pid.isdigit() and os.path.exists("/proc/%s/cmdline" % pid):
        try:
            with open("/proc/%s/cmdline" % pid, "rb") as f:
                cmd = f.read(200).replace(b"\0", b" ").decode(errors="replace")
        except OSError:
            cmd = "?"
        if "python3 main.py" not in cmd and "main.sh" not in cmd:
            esc("the %s (pid %s) is visible: %s" % (key, pid, cmd))
if not HITS:
    print("LANGJAIL-BLOCKED: %d processes visible, all the jail's own" % total, flush=True)
