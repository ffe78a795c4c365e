# id: proc-kill-victim
# category: process
# tries: SIGKILL two processes outside the jail: one of the caller, one running as the jail's own uid
# expect: blocked
# layers: pidns landlock
# needs: victim
import os
import signal
import sys

A = dict(a.split("=", 1) for a in sys.argv[1:] if "=" in a)
HITS = []


def esc(msg):
    HITS.append(msg)
    print("LANGJAIL-ESCAPED: " + msg, flush=True)


notes = []
targets = [(k, int(A[k])) for k in ("victim", "victim65534") if A.get(k, "").isdigit()]
if not targets:
    print("LANGJAIL-SETUP-ERROR: no victim pids given", flush=True)
    sys.exit(1)
for key, pid in targets:
    if pid == os.getpid():
        continue
    for sig in (signal.SIGTERM, signal.SIGKILL):
        try:
            os.kill(pid, sig)
            esc("sent signal %d to %s (pid %d)" % (sig, key, pid))
        except OSError as e:
            notes.append("%s signal %d: %s" % (key, sig, e.strerror))
if not HITS:
    print("LANGJAIL-BLOCKED: " + "; ".join(notes), flush=True)
