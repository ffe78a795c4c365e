# id: info-network
# category: information
# tries: see the host's network: interfaces other than lo, the runner's listening ports in /proc/net/tcp*, its unix sockets in /proc/net/unix
# expect: blocked
# layers: netns+mountns landlock
# needs: listener
import os
import sys

A = dict(a.split("=", 1) for a in sys.argv[1:] if "=" in a)
HITS = []


def esc(msg):
    HITS.append(msg)
    print("LANGJAIL-ESCAPED: " + msg, flush=True)


notes = []
ifaces = set()
try:
    ifaces.update(os.listdir("/sys/class/net"))
except OSError as e:
    notes.append("/sys/class/net: %s" % e.strerror)
try:
    with open("/proc/net/dev", encoding="utf-8") as f:
        for line in list(f)[2:]:
            ifaces.add(line.split(":")[0].strip())
except OSError as e:
    notes.append("/proc/net/dev: %s" % e.strerror)
if ifaces - {"lo"}:
    esc("host interfaces visible: %s" % sorted(ifaces - {"lo"}))
ports = {}
for key in ("tcp4", "tcp6", "udp4", "udp6"):
    if A.get(key, "").isdigit():
        ports["%04X" % int(A[key])] = key
for table in ("tcp", "tcp6", "udp", "udp6"):
    try:
        with open("/proc/net/" + table, encoding="utf-8") as f:
            for line in list(f)[1:]:
                port = line.split()[1].split(":")[1]
                if port in ports:
                    esc("the runner's %s listener (port %d) shows in /proc/net/%s"
                        % (ports[port], int(port, 16), table))
    except (OSError, IndexError) as e:
        notes.append("/proc/net/%s: %s" % (table, e))
try:
    with open("/proc/net/unix", encoding="utf-8") as f:
        for line in f:
            if "ljx" in line and (A.get("abstract", "-") in line or "ljx.sock" in line):
                esc("the runner's unix socket shows in /proc/net/unix: %s" % line.split()[-1])
except OSError as e:
    notes.append("/proc/net/unix: %s" % e.strerror)
if not HITS:
    print("LANGJAIL-BLOCKED: interfaces %s; " % sorted(ifaces) + "; ".join(notes), flush=True)
