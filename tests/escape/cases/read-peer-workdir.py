# id: read-peer-workdir
# category: read
# tries: read the secret file in another concurrent run's workdir (directly, via the workdir root, via /proc/PID/cwd)
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
notes = []


def try_read(label, path):
    try:
        with open(path, "rb") as f:
            esc("%s: read %s: %r" % (label, path, f.read(200)))
    except OSError as e:
        notes.append("%s: %s" % (label, e.strerror))


try_read("direct", os.path.join(peer, "peer-secret.txt"))
try:
    names = os.listdir(peer)
    # the bare mount point on the host is no secret; the peer's files are
    if names:
        esc("listed peer workdir %s: %s" % (peer, names))
    else:
        notes.append("%s lists empty (the host's mount point)" % peer)
except OSError as e:
    notes.append("listdir peer: %s" % e.strerror)
root = os.path.dirname(peer)
mine = os.getcwd()
try:
    others = [d for d in os.listdir(root) if os.path.join(root, d) != mine]
    if others:
        notes.append("workdir root %s lists other runs: %s" % (root, others))
        for d in others:
            try_read("via root", os.path.join(root, d, "peer-secret.txt"))
except OSError as e:
    notes.append("listdir root: %s" % e.strerror)
try:
    pids = [p for p in os.listdir("/proc") if p.isdigit()]
except OSError as e:
    pids = []
    notes.append("/proc: %s" % e.strerror)
for pid in pids:
    if int(pid) == os.getpid():
        continue
    try:
        with open("/proc/%s/cmdline" % pid, "rb") as f:
            if b"ljx-peer" not in f.read():
                continue
        cwd = os.readlink("/proc/%s/cwd" % pid)
    except OSError:
        continue
    if cwd != mine:
        try_read("/proc/%s/cwd" % pid, "/proc/%s/cwd/peer-secret.txt" % pid)
if not HITS:
    print("LANGJAIL-BLOCKED: " + "; ".join(sorted(set(notes))), flush=True)
