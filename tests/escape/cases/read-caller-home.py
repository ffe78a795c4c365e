# id: read-caller-home
# category: read
# tries: list and read the caller's home directory (the real $HOME and a world-readable home the runner made)
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
for key in ("fakehome", "home"):
    home = A.get(key)
    if not home:
        continue
    try:
        names = os.listdir(home)
        esc("listed %s (%s): %s" % (key, home, names[:20]))
    except OSError as e:
        notes.append("%s: %s" % (home, e.strerror))
        continue
    for dirpath, dirnames, filenames in os.walk(home):
        for n in filenames[:20]:
            p = os.path.join(dirpath, n)
            try:
                with open(p, "rb") as f:
                    data = f.read(200)
                # the runner's fake home holds its secret: print it so the host sees it
                esc("read %s: %r" % (p, data if key == "fakehome" else data[:16]))
            except OSError as e:
                notes.append("%s: %s" % (p, e.strerror))
        if dirpath.count(os.sep) - home.count(os.sep) > 2:
            break
if not HITS:
    print("LANGJAIL-BLOCKED: " + "; ".join(notes), flush=True)
