# id: net-unix-host
# category: network
# tries: connect to host unix sockets outside /tmp and /run: one the runner listens on under /var/lib, and well-known daemons' (D-Bus, systemd, docker, PostgreSQL, ...); connects only, sends data only to the runner's
# expect: blocked
# layers: mac mountns
# needs: listener
import glob
import socket
import sys

A = dict(a.split("=", 1) for a in sys.argv[1:] if "=" in a)
HITS = []


def esc(msg):
    HITS.append(msg)
    print("LANGJAIL-ESCAPED: " + msg, flush=True)


mine = A.get("unix")
if not mine:
    print("LANGJAIL-SETUP-ERROR: no unix= argument", flush=True)
    sys.exit(1)
notes = []
paths = [mine, "/run/dbus/system_bus_socket", "/var/run/dbus/system_bus_socket",
         "/run/systemd/private", "/run/systemd/journal/stdout", "/run/systemd/notify",
         "/run/docker.sock", "/var/run/docker.sock", "/run/containerd/containerd.sock",
         "/run/mysqld/mysqld.sock", "/var/lib/mysql/mysql.sock", "/dev/log", "/run/user/0/bus",
         "/var/spool/postfix/public/pickup", "/var/lib/libvirt/libvirt-sock"]
paths += sorted(glob.glob("/run/postgresql/.s.PGSQL.*"))
for path in paths:
    s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    s.settimeout(3)
    try:
        s.connect(path)
        if path == mine:
            s.sendall(("ljx net-unix-host %s\n" % A.get("run", "")).encode())
        esc("connected to host socket %s" % path)
    except OSError as e:
        if path == mine or e.errno not in (2,):
            notes.append("%s: %s" % (path, e.strerror or e))
    finally:
        s.close()
if not HITS:
    print("LANGJAIL-BLOCKED: " + "; ".join(notes), flush=True)
