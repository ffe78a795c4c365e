# id: proc-signal-caller
# category: process
# tries: send harmless signals (SIGWINCH, SIGURG) to the caller: the runner's pid and process group, our parent, our own process group and session
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


notes = []
targets = []
if A.get("runner", "").isdigit():
    targets.append(("runner", int(A["runner"])))
if A.get("runnerpg", "").isdigit():
    targets.append(("runner's process group", -int(A["runnerpg"])))
for label, pid in targets:
    for sig in (signal.SIGWINCH, signal.SIGURG):
        try:
            os.kill(pid, sig)
            esc("sent signal %d to the %s (%d)" % (sig, label, pid))
        except OSError as e:
            notes.append("%s: %s" % (label, e.strerror))
# these reach only our own jail if langjail put us in a new session; the
# runner's signal log shows whether they went further
for label, pid in (("parent", os.getppid()), ("own process group", 0),
                   ("own session's group", -os.getsid(0))):
    if pid in (1, -1):
        continue
    try:
        os.kill(pid, signal.SIGWINCH)
        notes.append("%s (%d) accepted the signal" % (label, pid))
    except OSError as e:
        notes.append("%s: %s" % (label, e.strerror))
if not HITS:
    print("LANGJAIL-BLOCKED: " + "; ".join(notes), flush=True)
