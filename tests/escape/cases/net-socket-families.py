# id: net-socket-families
# category: network
# tries: create raw, packet, netlink, vsock, AF_ALG, AF_KEY, ... sockets (anything but AF_UNIX)
# expect: blocked
# layers: seccomp
import socket
import sys

A = dict(a.split("=", 1) for a in sys.argv[1:] if "=" in a)
HITS = []


def esc(msg):
    HITS.append(msg)
    print("LANGJAIL-ESCAPED: " + msg, flush=True)


notes = []
tries = [
    ("AF_INET SOCK_STREAM", 2, 1, 0), ("AF_INET SOCK_DGRAM", 2, 2, 0),
    ("AF_INET6 SOCK_STREAM", 10, 1, 0), ("AF_INET SOCK_RAW icmp", 2, 3, 1),
    ("AF_INET SOCK_DGRAM icmp (ping socket)", 2, 2, 1), ("AF_PACKET", 17, 3, 0x0300),
    ("AF_NETLINK route", 16, 3, 0), ("AF_NETLINK audit", 16, 3, 9),
    ("AF_NETLINK kobject_uevent", 16, 2, 15), ("AF_VSOCK", 40, 1, 0),
    ("AF_ALG", 38, 5, 0), ("AF_KEY", 15, 3, 2), ("AF_TIPC", 30, 2, 0),
    ("AF_RDS", 21, 5, 0), ("AF_XDP", 44, 3, 0), ("AF_BLUETOOTH", 31, 3, 1),
    ("AF_CAN", 29, 3, 1), ("AF_LLC", 26, 2, 0), ("AF_APPLETALK", 5, 2, 0),
    ("AF_X25", 9, 5, 0), ("AF_PPPOX", 24, 1, 0), ("AF_SMC", 43, 1, 0),
]
for label, fam, typ, proto in tries:
    try:
        s = socket.socket(fam, typ, proto)
        s.close()
        esc("created a %s socket" % label)
    except OSError as e:
        notes.append("%s: %s" % (label, e.strerror))
try:
    a, b = socket.socketpair(socket.AF_INET, socket.SOCK_STREAM)
    esc("socketpair(AF_INET) worked")
except OSError as e:
    notes.append("socketpair AF_INET: %s" % e.strerror)
if not HITS:
    print("LANGJAIL-BLOCKED: " + "; ".join(notes), flush=True)
