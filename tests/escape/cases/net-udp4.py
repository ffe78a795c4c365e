# id: net-udp4
# category: network
# tries: send UDP datagrams to a listener the runner owns on 127.0.0.1
# expect: blocked
# layers: netns seccomp
# needs: listener
import socket
import sys

A = dict(a.split("=", 1) for a in sys.argv[1:] if "=" in a)
HITS = []


def esc(msg):
    HITS.append(msg)
    print("LANGJAIL-ESCAPED: " + msg, flush=True)


port = A.get("udp4")
if not port:
    print("LANGJAIL-SETUP-ERROR: no udp4= argument", flush=True)
    sys.exit(1)
addr = ("127.0.0.1", int(port))
payload = ("ljx net-udp4 %s\n" % A.get("run", "")).encode()
notes = []
try:
    s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
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
        # the runner's listener answers "ljx-ack"; its log is the real proof
        notes.append("sendto [%s]:%s returned without error" % addr[:2])
        try:
            data, peer = s.recvfrom(100)
            if data.startswith(b"ljx-ack"):
                esc("the listener on [%s]:%s answered %r" % (addr[0], addr[1], data))
        except OSError as e:
            notes.append("no answer: %s" % (e.strerror or e))
except OSError as e:
    notes.append("%s" % (e.strerror or e))
if not HITS:
    print("LANGJAIL-BLOCKED: " + "; ".join(notes), flush=True)
