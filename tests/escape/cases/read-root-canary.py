# id: read-root-canary
# category: read
# tries: read a root-only (0600) canary file the runner made outside the jail
# expect: blocked
# layers: landlock mac uid
# needs: canary
import os
import sys

A = dict(a.split("=", 1) for a in sys.argv[1:] if "=" in a)
HITS = []


def esc(msg):
    HITS.append(msg)
    print("LANGJAIL-ESCAPED: " + msg, flush=True)


path = A.get("canary")
if not path:
    print("LANGJAIL-SETUP-ERROR: no canary= argument", flush=True)
    sys.exit(1)
notes = []
attempts = [("open", lambda: open(path, "rb").read())]
# O_PATH is not checked by Landlock; re-opening it through /proc/self/fd is
attempts.append(("O_PATH reopen", lambda: open("/proc/self/fd/%d" % os.open(path, os.O_PATH),
                                                "rb").read()))
for name, fn in attempts:
    try:
        data = fn()
        esc("%s of %s gave: %r" % (name, path, data[:200]))
    except OSError as e:
        notes.append("%s: %s" % (name, e.strerror))
if not HITS:
    print("LANGJAIL-BLOCKED: " + "; ".join(notes), flush=True)
