# id: write-peer-workdir
# category: write
# tries: overwrite the secret file in another concurrent run's workdir and drop a file there (directly and via /proc/PID/cwd)
# expect: blocked
# layers: landlock mountns+pidns
# needs: peer-run
import os
import sys

A = dict(a.split("=", 1) for a in sys.argv[1:] if "=" in a)
HITS = []


def esc(msg):
    HITS.append(msg)
    print("LANGJAIL-ESCAPED: " + msg, flush=True)


peer = A.get("peer")
if not peer:
    print("LANGJAIL-SETUP-ERROR: no peer= argument", flush=True)
    sys.exit(1)
mine = os.getcwd()
notes = []
dirs = [("direct", peer)]
try:
    pids = [p for p in os.listdir("/proc") if p.isdigit()]
except OSError as e:
    pids = []
    notes.append("/proc: %s" % e.strerror)
for pid in pids:
    # only the peer run's processes: never write into anyone else's directory
    try:
        with open("/proc/%s/cmdline" % pid, "rb") as f:
            if b"ljx-peer" not in f.read():
                continue
        cwd = os.readlink("/proc/%s/cwd" % pid)
    except OSError:
        continue
    if cwd != mine:
        dirs.append(("/proc/%s/cwd" % pid, "/proc/%s/cwd" % pid))
for label, d in dirs:
    try:
        with open(os.path.join(d, "peer-secret.txt"), "a") as f:
            f.write("tampered\n")
        esc("%s: wrote %s/peer-secret.txt, outside its own workdir" % (label, d))
    except OSError as e:
        notes.append("%s append: %s" % (label, e.strerror))
    try:
        with open(os.path.join(d, "ljx-dropped"), "w") as f:
            f.write("dropped by another run\n")
        esc("%s: created %s/ljx-dropped, outside its own workdir" % (label, d))
    except OSError as e:
        notes.append("%s create: %s" % (label, e.strerror))
if not HITS:
    print("LANGJAIL-BLOCKED: " + "; ".join(notes), flush=True)
