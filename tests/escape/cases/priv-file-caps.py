# id: priv-file-caps
# category: privilege
# tries: gain capabilities by executing a binary with file capabilities (a copy of sleep with cap_net_raw,cap_sys_admin+ep the runner made, and any on the system)
# expect: blocked
# layers: nnp landlock mac
# needs: suid-fixture
import os
import subprocess
import sys
import time

A = dict(a.split("=", 1) for a in sys.argv[1:] if "=" in a)
HITS = []


def esc(msg):
    HITS.append(msg)
    print("LANGJAIL-ESCAPED: " + msg, flush=True)


def caps(pid, prog):
    """Capabilities of our child; {} when /proc/PID is some other process
    (a /proc that is not the jail's own shows host pids)."""
    out = {}
    name = ""
    try:
        with open("/proc/%d/status" % pid, encoding="utf-8") as f:
            for line in f:
                k, _, v = line.partition(":")
                if k == "Name":
                    name = v.strip()
                elif k in ("CapEff", "CapPrm", "CapAmb"):
                    out[k] = int(v.strip(), 16)
    except OSError:
        pass
    if name != os.path.basename(prog)[:15]:
        return {}
    return out


notes = []
progs = []
if A.get("capsleep"):
    progs.append(A["capsleep"])
for d in ("/usr/bin", "/usr/sbin", "/bin", "/sbin"):
    try:
        names = os.listdir(d)
    except OSError:
        continue
    for n in names:
        p = os.path.join(d, n)
        try:
            os.getxattr(p, "security.capability", follow_symlinks=False)
            progs.append(p)
        except OSError:
            pass
if not progs:
    notes.append("no binary with file capabilities found")
for prog in dict.fromkeys(progs):
    args = ["5"] if prog == A.get("capsleep") else ["--help"]
    try:
        p = subprocess.Popen([prog] + args, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                             stderr=subprocess.DEVNULL)
    except OSError as e:
        notes.append("%s: %s" % (prog, e.strerror))
        continue
    best = {}
    end = time.time() + 1.0
    while time.time() < end and p.poll() is None:
        c = caps(p.pid, prog)
        if c:
            best = c
            if c.get("CapPrm") or c.get("CapEff"):
                break
        time.sleep(0.002)
    p.kill()
    p.wait()
    if best.get("CapPrm") or best.get("CapEff"):
        esc("%s ran with CapPrm %x CapEff %x" % (prog, best["CapPrm"], best["CapEff"]))
    else:
        notes.append("%s: no capabilities" % os.path.basename(prog))
if not HITS:
    print("LANGJAIL-BLOCKED: " + "; ".join(notes), flush=True)
