# id: net-unix-tmp
# category: network
# tries: connect to a unix stream socket the runner listens on under the host's /tmp
# expect: blocked
# layers: mountns mac
# needs: listener
import socket
import sys

A = dict(a.split("=", 1) for a in sys.argv[1:] if "=" in a)
HITS = []


def esc(msg):
    HITS.append(msg)
    print("LANGJAIL-ESCAPED: " + msg, flush=True)


path = A.get("unixtmp")
if not path:
    print("LANGJAIL-SETUP-ERROR: no unixtmp= argument", flush=True)
    sys.exit(1)
notes = []
s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
s.settimeout(3)
try:
    s.connect(path)
    s.sendall(("ljx net-unix-tmp %s\n" % A.get("run", "")).encode())
    esc("connected to %s" % path)
except OSError as e:
    notes.append("%s: %s" % (path, e.strerror or e))
if not HITS:
    print("LANGJAIL-BLOCKED: " + "; ".join(notes), flush=True)
