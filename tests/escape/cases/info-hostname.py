# id: info-hostname
# category: information
# tries: learn the host's name (uname, /proc/sys/kernel/hostname, /etc/hostname): the runner passes the real one to compare
# expect: blocked
# layers: utsns
import os
import socket
import sys

A = dict(a.split("=", 1) for a in sys.argv[1:] if "=" in a)
HITS = []


def esc(msg):
    HITS.append(msg)
    print("LANGJAIL-ESCAPED: " + msg, flush=True)


host = A.get("hostname")
if not host:
    print("LANGJAIL-SETUP-ERROR: no hostname= argument", flush=True)
    sys.exit(1)
seen = {"uname": os.uname().nodename, "gethostname": socket.gethostname()}
try:
    with open("/proc/sys/kernel/hostname", encoding="utf-8") as f:
        seen["/proc/sys/kernel/hostname"] = f.read().strip()
except OSError as e:
    seen["/proc/sys/kernel/hostname"] = "(%s)" % e.strerror
for k, v in seen.items():
    if v == host:
        esc("%s gives the host's name %s" % (k, v))
if not HITS:
    print("LANGJAIL-BLOCKED: names seen: %s" % seen, flush=True)
