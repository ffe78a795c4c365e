# id: net-tcp6
# category: network
# tries: connect to a TCP listener the runner owns on ::1 and send data
# expect: blocked
# layers: netns landlock seccomp
# needs: listener
import socket
import sys

A = dict(a.split("=", 1) for a in sys.argv[1:] if "=" in a)
HITS = []


def esc(msg):
    HITS.append(msg)
    print("LANGJAIL-ESCAPED: " + msg, flush=True)


port = A.get("tcp6")
if not port:
    print("LANGJAIL-SETUP-ERROR: no tcp6= argument", flush=True)
    sys.exit(1)
addr = ("::1", int(port))
payload = ("ljx net-tcp6 %s\n" % A.get("run", "")).encode()
notes = []
try:
    s = socket.socket(socket.AF_INET6, socket.SOCK_STREAM)
    s.settimeout(3)
except OSError as e:
    print("LANGJAIL-BLOCKED: socket(): %s" % e.strerror, flush=True)
    sys.exit(0)
try:
    if s.type == socket.SOCK_STREAM:
        s.connect(addr)
        s.sendall(payload)
        esc("connected to [%s]:%s and sent %d bytes" % (addr[0], addr[1], len(payload)))
    else:
        for _ in range(3):
            s.sendto(payload, addr)
        # UDP needs no answer: the runner's listener log is the proof; an
        # error here (no route, EPERM) means the datagram never left
        notes.append("sendto [%s]:%s returned without error" % addr[:2])
except OSError as e:
    notes.append("%s" % (e.strerror or e))
if not HITS:
    print("LANGJAIL-BLOCKED: " + "; ".join(notes), flush=True)
