# id: proc-kill-peer
# category: process
# tries: find the processes of another concurrent run (same uid) and SIGKILL them
# expect: blocked
# layers: pidns landlock
# needs: peer-run
import os
import signal
import sys

A = dict(a.split("=", 1) for a in sys.argv[1:] if "=" in a)
HITS = []


def esc(msg):
    HITS.append(msg)
    print("LANGJAIL-ESCAPED: " + msg, flush=True)


notes = []
mine = os.getcwd()
found = []
try:
    pids = [int(p) for p in os.listdir("/proc") if p.isdigit()]
except OSError as e:
    pids = []
    notes.append("/proc: %s" % e.strerror)
for pid in pids:
    if pid == os.getpid():
        continue
    try:
        with open("/proc/%d/cmdline" % pid, "rb") as f:
            cmd = f.read()
    except OSError:
        continue
    if b"ljx-peer" in cmd:
        found.append(pid)
if A.get("peerpid", "").isdigit():
    found.append(int(A["peerpid"]))
if not found:
    notes.append("no process of the peer run is visible")
for pid in sorted(set(found)):
    try:
        os.kill(pid, signal.SIGKILL)
        esc("killed pid %d of the peer run" % pid)
    except OSError as e:
        notes.append("kill %d: %s" % (pid, e.strerror))
if not HITS:
    print("LANGJAIL-BLOCKED: " + "; ".join(notes), flush=True)
