# id: read-proc1-environ
# category: read
# tries: read the environment, command line and root of the host's PID 1 through /proc/1
# expect: blocked
# layers: pidns mountns uid
import os
import sys

A = dict(a.split("=", 1) for a in sys.argv[1:] if "=" in a)
HITS = []


def esc(msg):
    HITS.append(msg)
    print("LANGJAIL-ESCAPED: " + msg, flush=True)


def uid_of(pid):
    with open("/proc/%d/status" % pid, encoding="utf-8") as f:
        for line in f:
            if line.startswith("Uid:"):
                return int(line.split()[1])
    return None


notes = []
try:
    uid1 = uid_of(1)
except OSError as e:
    uid1 = None
    notes.append("status: %s" % e.strerror)
outside = uid1 is not None and uid1 != os.getuid()
try:
    with open("/proc/1/cmdline", "rb") as f:
        cmd = f.read(200)
    notes.append("pid 1 is %r (uid %s)" % (cmd, uid1))
except OSError as e:
    notes.append("cmdline: %s" % e.strerror)
for what in ("environ", "root/etc/hostname", "maps"):
    try:
        with open("/proc/1/" + what, "rb") as f:
            data = f.read(300)
        if outside:
            esc("read /proc/1/%s of a process outside the jail (uid %s): %r"
                % (what, uid1, data[:120]))
        else:
            notes.append("/proc/1/%s readable, but pid 1 is the jail's own" % what)
    except OSError as e:
        notes.append("/proc/1/%s: %s" % (what, e.strerror))
if not HITS:
    print("LANGJAIL-BLOCKED: " + "; ".join(notes), flush=True)
