# id: proc-signal-all
# category: process
# tries: kill(-1, ...) to reach every process the uid may signal, with harmless signals (SIGCONT, SIGWINCH, SIGURG); a victim outside logs what it gets
# expect: blocked
# layers: pidns landlock
# needs: victim
import os
import signal
import sys

A = dict(a.split("=", 1) for a in sys.argv[1:] if "=" in a)
notes = []
# these three do nothing to a process that has no handler, so a jail that
# lets them through disturbs no one; the victim's log is the evidence
for sig in (signal.SIGCONT, signal.SIGWINCH, signal.SIGURG):
    try:
        os.kill(-1, sig)
        notes.append("kill(-1, %d) reached at least one process" % sig)
    except OSError as e:
        notes.append("kill(-1, %d): %s" % (sig, e.strerror))
print("LANGJAIL-DONE: " + "; ".join(notes) + " (the host checks the victims' logs)", flush=True)
