# id: proc-kill-pid1
# category: process
# tries: signal the host's PID 1 (SIGTERM, SIGKILL) when PID 1 is not the jail's own init
# expect: blocked
# layers: pidns uid
import os
import signal
import sys

A = dict(a.split("=", 1) for a in sys.argv[1:] if "=" in a)
HITS = []


def esc(msg):
    HITS.append(msg)
    print("LANGJAIL-ESCAPED: " + msg, flush=True)


def uid_of(pid):
    with open("/proc/%d/status" % pid, encoding="utf-8") as f:
        for line in f:
            if line.startswith("Uid:"):
                return int(line.split()[1])
    return None


notes = []
try:
    uid1 = uid_of(1)
except OSError as e:
    uid1 = None
    notes.append("cannot see pid 1: %s" % e.strerror)
if os.getpid() == 1 or uid1 == os.getuid():
    # the jail's own init: signalling it only ends our own run
    print("LANGJAIL-BLOCKED: pid 1 is the jail's own (uid %s); the host's init is out of reach"
          % uid1, flush=True)
    sys.exit(0)
# PID 1 ignores signals it has no handler for, and the kernel never lets a
# signal kill the global init, so this probe cannot hurt the machine
for sig in (signal.SIGCONT, signal.SIGTERM, signal.SIGKILL):
    try:
        os.kill(1, sig)
        esc("sent signal %d to pid 1 (uid %s), which is outside the jail" % (sig, uid1))
    except OSError as e:
        notes.append("signal %d: %s" % (sig, e.strerror))
if not HITS:
    print("LANGJAIL-BLOCKED: " + "; ".join(notes), flush=True)
