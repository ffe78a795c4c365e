# id: write-fifo-tmp
# category: write
# tries: leave a FIFO, a unix socket and a file in /tmp, /var/tmp and /dev/shm for the next run (run twice: the second run looks for them)
# expect: blocked
# layers: mountns landlock mac
# runs: 2
import os
import socket
import sys

A = dict(a.split("=", 1) for a in sys.argv[1:] if "=" in a)
HITS = []


def esc(msg):
    HITS.append(msg)
    print("LANGJAIL-ESCAPED: " + msg, flush=True)


notes = []
names = []
for d in ("/tmp", "/var/tmp", "/dev/shm"):
    names.append((d, "ljx-persist-fifo", "fifo"))
    names.append((d, "ljx-persist-sock", "sock"))
    names.append((d, "ljx-persist-file", "file"))
if A.get("pass", "1") == "1":
    for d, n, kind in names:
        p = os.path.join(d, n)
        try:
            if kind == "fifo":
                os.mkfifo(p, 0o666)
            elif kind == "sock":
                s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
                s.bind(p)
            else:
                with open(p, "w") as f:
                    f.write("left by an earlier run\n")
            esc("created %s %s" % (kind, p))
        except OSError as e:
            notes.append("%s: %s" % (p, e.strerror))
else:
    for d, n, kind in names:
        p = os.path.join(d, n)
        if os.path.lexists(p):
            esc("the previous run's %s %s is still there" % (kind, p))
        else:
            notes.append("%s gone" % p)
if not HITS:
    print("LANGJAIL-BLOCKED: " + "; ".join(notes), flush=True)
