# id: write-lang-files
# category: write
# tries: open the interpreter, its standard library and the language file for writing, or add files beside them (nothing is changed: opened with O_APPEND, new files removed at once)
# expect: blocked
# layers: landlock mac uid
# needs: canary
import os
import sys
import sysconfig

A = dict(a.split("=", 1) for a in sys.argv[1:] if "=" in a)
HITS = []


def esc(msg):
    HITS.append(msg)
    print("LANGJAIL-ESCAPED: " + msg, flush=True)


run = A.get("run", "x")
notes = []
files = [os.path.realpath(sys.executable), os.path.realpath(os.__file__),
         os.path.realpath("/bin/sh"), A.get("langfile")]
for p in [f for f in files if f]:
    try:
        fd = os.open(p, os.O_WRONLY | os.O_APPEND)
        os.close(fd)
        esc("opened %s for writing" % p)
    except OSError as e:
        notes.append("%s: %s" % (p, e.strerror))
dirs = [os.path.dirname(os.path.realpath(os.__file__)),
        os.path.join(os.path.dirname(os.path.realpath(os.__file__)), "__pycache__"),
        sysconfig.get_paths().get("purelib"), sysconfig.get_paths().get("platlib"),
        os.path.dirname(os.path.realpath(sys.executable))]
if A.get("langfile"):
    dirs.append(os.path.dirname(A["langfile"]))
for d in [d for d in dirs if d and os.path.isdir(d)]:
    p = os.path.join(d, "ljx-%s.py" % run)
    try:
        fd = os.open(p, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o644)
        os.close(fd)
        os.unlink(p)
        esc("created (and removed) %s" % p)
    except OSError as e:
        notes.append("%s: %s" % (d, e.strerror))
if not HITS:
    print("LANGJAIL-BLOCKED: " + "; ".join(notes), flush=True)
