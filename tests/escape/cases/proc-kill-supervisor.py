# id: proc-kill-supervisor
# category: process
# tries: SIGKILL the langjail supervisor (its host pid is given as an argument)
# expect: blocked
# layers: pidns landlock uid
import os
import signal
import sys

A = dict(a.split("=", 1) for a in sys.argv[1:] if "=" in a)
HITS = []


def esc(msg):
    HITS.append(msg)
    print("LANGJAIL-ESCAPED: " + msg, flush=True)


sup = A.get("supervisor")
if not sup or not sup.isdigit():
    print("LANGJAIL-SETUP-ERROR: no supervisor= argument", flush=True)
    sys.exit(1)
pid = int(sup)
notes = []
if pid == os.getpid():
    notes.append("the supervisor's pid is our own pid here")
else:
    try:
        os.kill(pid, 0)
        notes.append("pid %d exists in our view" % pid)
    except OSError as e:
        notes.append("probe: %s" % e.strerror)
    # the whole point: if this works the run dies with SIGKILL and the runner
    # sees no result, which fails the case on the host side as well
    for sig in (signal.SIGSTOP, signal.SIGKILL):
        try:
            os.kill(pid, sig)
            esc("sent signal %d to the supervisor pid %d" % (sig, pid))
        except OSError as e:
            notes.append("signal %d: %s" % (sig, e.strerror))
if not HITS:
    print("LANGJAIL-BLOCKED: " + "; ".join(notes), flush=True)
