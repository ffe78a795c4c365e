# id: read-config
# category: read
# tries: read the langjail configuration file the supervisor uses
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


notes = []
paths = [A.get("config"), "/etc/langjail.conf", "/etc/langjail/langjail.conf",
         "/usr/local/etc/langjail.conf"]
for path in [p for p in paths if p]:
    try:
        with open(path, "rb") as f:
            esc("read %s: %r" % (path, f.read(2000)))
    except OSError as e:
        notes.append("%s: %s" % (path, e.strerror))
if not HITS:
    print("LANGJAIL-BLOCKED: " + "; ".join(notes), flush=True)
