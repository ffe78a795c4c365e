# id: read-host-file
# category: read
# tries: read a world-readable host file outside the paths the jail grants (only the jail stops this, not file permissions)
# expect: blocked
# layers: landlock mac
# needs: canary
import os
import sys

A = dict(a.split("=", 1) for a in sys.argv[1:] if "=" in a)
HITS = []


def esc(msg):
    HITS.append(msg)
    print("LANGJAIL-ESCAPED: " + msg, flush=True)


path = A.get("public")
if not path:
    print("LANGJAIL-SETUP-ERROR: no public= argument", flush=True)
    sys.exit(1)
notes = []
try:
    with open(path, "rb") as f:
        esc("read %s: %r" % (path, f.read(200)))
except OSError as e:
    notes.append("open: %s" % e.strerror)
try:
    esc("listed %s: %s" % (os.path.dirname(path), os.listdir(os.path.dirname(path))))
except OSError as e:
    notes.append("listdir: %s" % e.strerror)
if not HITS:
    print("LANGJAIL-BLOCKED: " + "; ".join(notes), flush=True)
