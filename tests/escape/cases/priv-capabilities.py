# id: priv-capabilities
# category: privilege
# tries: find any capability left (effective, permitted, inheritable, ambient) and regain root with setresuid(0,0,0), setgid(0), setgroups([0])
# expect: blocked
# layers: uid
import os
import sys

A = dict(a.split("=", 1) for a in sys.argv[1:] if "=" in a)
HITS = []


def esc(msg):
    HITS.append(msg)
    print("LANGJAIL-ESCAPED: " + msg, flush=True)


notes = []
try:
    with open("/proc/self/status", encoding="utf-8") as f:
        status = dict(line.rstrip("\n").split(":\t", 1) for line in f if ":\t" in line)
except OSError as e:
    # no /proc: ask capget(2) directly (version 3 header, two data structs)
    import ctypes
    libc = ctypes.CDLL(None, use_errno=True)
    hdr = (ctypes.c_uint32 * 2)(0x20080522, 0)
    data = (ctypes.c_uint32 * 6)()
    if libc.capget(hdr, data) != 0:
        print("LANGJAIL-BLOCKED: no /proc (%s) and capget failed" % e.strerror, flush=True)
        sys.exit(0)
    eff, prm, inh = (data[0] | data[3] << 32, data[1] | data[4] << 32, data[2] | data[5] << 32)
    status = {"CapEff": "%x" % eff, "CapPrm": "%x" % prm, "CapInh": "%x" % inh}
    notes.append("no /proc: %s, used capget" % e.strerror)
for k in ("CapInh", "CapPrm", "CapEff", "CapAmb"):
    if int(status.get(k, "0"), 16):
        esc("%s is %s" % (k, status[k]))
notes.append("CapBnd %s NoNewPrivs %s Seccomp %s" % (status.get("CapBnd"),
             status.get("NoNewPrivs"), status.get("Seccomp")))
if os.getuid() == 0 or os.geteuid() == 0:
    esc("running as uid %d euid %d" % (os.getuid(), os.geteuid()))
for name, fn in (("setresuid(0,0,0)", lambda: os.setresuid(0, 0, 0)),
                 ("setresgid(0,0,0)", lambda: os.setresgid(0, 0, 0)),
                 ("setgroups([0])", lambda: os.setgroups([0])),
                 ("setuid(0)", lambda: os.setuid(0))):
    try:
        fn()
        esc("%s succeeded" % name)
    except OSError as e:
        notes.append("%s: %s" % (name, e.strerror))
groups = os.getgroups()
if 0 in groups or os.getgid() == 0:
    esc("member of group 0 (groups %s gid %d)" % (groups, os.getgid()))
if not HITS:
    print("LANGJAIL-BLOCKED: " + "; ".join(notes), flush=True)
