# id: net-dns
# category: network
# tries: exfiltrate data in a DNS query to a resolver on loopback (the runner's UDP listener plays the resolver; no other address is ever contacted)
# expect: blocked
# layers: netns seccomp
# needs: listener
import socket
import struct
import sys

A = dict(a.split("=", 1) for a in sys.argv[1:] if "=" in a)
HITS = []


def esc(msg):
    HITS.append(msg)
    print("LANGJAIL-ESCAPED: " + msg, flush=True)


def query(name):
    q = struct.pack(">HHHHHH", 0x1234, 0x0100, 1, 0, 0, 0)
    for label in name.split("."):
        q += bytes([len(label)]) + label.encode()
    return q + b"\0" + struct.pack(">HH", 1, 1)


notes = []
name = "ljx-%s.exfil.invalid" % A.get("run", "x").replace("_", "-")[:50]
for fam, host, key in ((socket.AF_INET, "127.0.0.1", "udp4"), (socket.AF_INET6, "::1", "udp6")):
    if not A.get(key):
        continue
    try:
        s = socket.socket(fam, socket.SOCK_DGRAM)
        s.settimeout(2)
        s.sendto(query(name), (host, int(A[key])))
        data, _ = s.recvfrom(512)
        esc("DNS query for %s reached the resolver on [%s]:%s (answer %r)"
            % (name, host, A[key], data[:20]))
    except OSError as e:
        notes.append("[%s]: %s" % (host, e.strerror or e))
if not HITS:
    print("LANGJAIL-BLOCKED: " + "; ".join(notes), flush=True)
