# id: read-shadow
# category: read
# tries: read /etc/shadow and /etc/gshadow (password hashes)
# expect: blocked
# layers: landlock mac uid
import os
import sys

A = dict(a.split("=", 1) for a in sys.argv[1:] if "=" in a)
HITS = []


def esc(msg):
    HITS.append(msg)
    print("LANGJAIL-ESCAPED: " + msg, flush=True)


notes = []
for path in ("/etc/shadow", "/etc/gshadow", "/etc/shadow-", "/etc/gshadow-"):
    try:
        with open(path, "rb") as f:
            data = f.read(4096)
        # never print the hashes themselves: the length is proof enough
        esc("read %d bytes of %s" % (len(data), path))
    except OSError as e:
        notes.append("%s: %s" % (path, e.strerror))
if not HITS:
    print("LANGJAIL-BLOCKED: " + "; ".join(notes), flush=True)
