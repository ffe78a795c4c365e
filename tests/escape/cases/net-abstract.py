# id: net-abstract
# category: network
# tries: connect to an abstract unix socket the runner listens on (abstract names live in the network namespace, not the file system)
# expect: blocked
# layers: netns landlock
# needs: listener
import socket
import sys

A = dict(a.split("=", 1) for a in sys.argv[1:] if "=" in a)
HITS = []


def esc(msg):
    HITS.append(msg)
    print("LANGJAIL-ESCAPED: " + msg, flush=True)


name = A.get("abstract")
if not name:
    print("LANGJAIL-SETUP-ERROR: no abstract= argument", flush=True)
    sys.exit(1)
notes = []
s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
s.settimeout(3)
try:
    s.connect(b"\0" + name.encode())
    s.sendall(("ljx net-abstract %s\n" % A.get("run", "")).encode())
    esc("connected to abstract socket @%s" % name)
except OSError as e:
    notes.append("@%s: %s" % (name, e.strerror or e))
# well-known abstract sockets of a desktop or container host
for other in ("/tmp/.X11-unix/X0", "/org/freedesktop/systemd1/notify"):
    s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    s.settimeout(2)
    try:
        s.connect(b"\0" + other.encode())
        esc("connected to abstract socket @%s" % other)
    except OSError:
        pass
    finally:
        s.close()
if not HITS:
    print("LANGJAIL-BLOCKED: " + "; ".join(notes), flush=True)
