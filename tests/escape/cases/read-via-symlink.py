# id: read-via-symlink
# category: read
# tries: reach a host file through a symlink planted in the workdir, ../ traversal, /proc/self/root and /proc/self/cwd
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


target = A.get("public")
if not target:
    print("LANGJAIL-SETUP-ERROR: no public= argument", flush=True)
    sys.exit(1)
notes = []
paths = []
try:
    os.symlink(target, "ljx-link")
    paths.append(("symlink in workdir", "ljx-link"))
except OSError as e:
    notes.append("symlink: %s" % e.strerror)
try:
    os.symlink(os.path.dirname(target), "ljx-dirlink")
    paths.append(("dir symlink", os.path.join("ljx-dirlink", os.path.basename(target))))
except OSError as e:
    notes.append("dir symlink: %s" % e.strerror)
depth = os.getcwd().count("/")
paths.append(("../ traversal", "../" * (depth + 2) + target.lstrip("/")))
paths.append(("/proc/self/root", "/proc/self/root" + target))
paths.append(("/proc/self/cwd", "/proc/self/cwd/" + "../" * (depth + 2) + target.lstrip("/")))
paths.append(("/proc/1/root", "/proc/1/root" + target))
paths.append(("/proc/thread-self/root", "/proc/thread-self/root" + target))
for label, p in paths:
    try:
        with open(p, "rb") as f:
            esc("%s (%s): %r" % (label, p, f.read(200)))
    except OSError as e:
        notes.append("%s: %s" % (label, e.strerror))
try:
    rootfd = os.open("/", os.O_PATH | os.O_DIRECTORY)
    fd = os.open(target.lstrip("/"), os.O_RDONLY, dir_fd=rootfd)
    esc("openat from an O_PATH fd of /: %r" % os.read(fd, 200))
except OSError as e:
    notes.append("openat O_PATH: %s" % e.strerror)
if not HITS:
    print("LANGJAIL-BLOCKED: " + "; ".join(notes), flush=True)
