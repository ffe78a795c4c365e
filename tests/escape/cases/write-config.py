# id: write-config
# category: write
# tries: open the langjail configuration for writing or create a file in its directory (nothing is changed)
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


cfg = A.get("config")
if not cfg:
    print("LANGJAIL-SETUP-ERROR: no config= argument", flush=True)
    sys.exit(1)
run = A.get("run", "x")
notes = []
try:
    os.close(os.open(cfg, os.O_WRONLY | os.O_APPEND))
    esc("opened %s for writing" % cfg)
except OSError as e:
    notes.append("open: %s" % e.strerror)
p = os.path.join(os.path.dirname(cfg), "ljx-%s.conf" % run)
try:
    os.close(os.open(p, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o644))
    os.unlink(p)
    esc("created (and removed) %s" % p)
except OSError as e:
    notes.append("create beside it: %s" % e.strerror)
try:
    os.chmod(cfg, os.stat(cfg).st_mode & 0o7777)
    esc("chmod of %s allowed (same mode)" % cfg)
except OSError as e:
    notes.append("chmod: %s" % e.strerror)
if not HITS:
    print("LANGJAIL-BLOCKED: " + "; ".join(notes), flush=True)
