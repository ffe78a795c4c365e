# id: priv-setuid-exec
# category: privilege
# tries: gain euid 0 by executing setuid-root binaries: a setuid copy of id(1) the runner made, and the system's passwd, su, mount, newgrp, chsh, ...
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


def ids(pid, prog):
    """Uid and caps of our child; {} when /proc/PID is some other process
    (a /proc that is not the jail's own shows host pids)."""
    out = {}
    try:
        with open("/proc/%d/status" % pid, encoding="utf-8") as f:
            for line in f:
                k, _, v = line.partition(":")
                if k in ("Name", "Uid", "CapEff", "CapPrm"):
                    out[k] = v.split()
    except OSError:
        pass
    if out.get("Name", [""])[0] != os.path.basename(prog)[:15]:
        return {}
    return out


notes = []
suid_id = A.get("suidid")
if suid_id:
    try:
        out = subprocess.run([suid_id], capture_output=True, timeout=10).stdout.decode()
        if "euid=0" in out or out.startswith("uid=0"):
            esc("setuid id(1) reports: %s" % out.strip())
        else:
            notes.append("setuid id(1): %s" % out.strip())
    except (OSError, subprocess.SubprocessError) as e:
        notes.append("setuid id(1): %s" % e)
for prog, args in (("/usr/bin/passwd", []), ("/usr/bin/su", []), ("/usr/bin/mount", ["--help"]),
                   ("/usr/bin/newgrp", []), ("/usr/bin/chsh", []), ("/usr/bin/chfn", []),
                   ("/usr/bin/gpasswd", ["--help"]), ("/usr/bin/umount", ["--help"]),
                   ("/usr/bin/sudo", ["-v"]), ("/usr/bin/pkexec", ["--version"]),
                   ("/usr/bin/fusermount3", ["-V"]), ("/usr/bin/fusermount", ["-V"])):
    if not os.path.exists(prog) or not os.stat(prog).st_mode & 0o4000:
        continue
    try:
        p = subprocess.Popen([prog] + args, stdin=subprocess.PIPE, stdout=subprocess.DEVNULL,
                             stderr=subprocess.DEVNULL)
    except OSError as e:
        notes.append("%s: %s" % (prog, e.strerror))
        continue
    seen = set()
    end = time.time() + 1.0
    while time.time() < end and p.poll() is None:
        st = ids(p.pid, prog)
        if st.get("Uid") and len(st["Uid"]) > 1:
            seen.add(st["Uid"][1])
            if st["Uid"][1] == "0":
                break
        time.sleep(0.002)
    p.kill()
    p.wait()
    if "0" in seen:
        esc("%s ran with euid 0" % prog)
    else:
        notes.append("%s euid %s" % (os.path.basename(prog), ",".join(sorted(seen)) or "?"))
if not HITS:
    print("LANGJAIL-BLOCKED: " + "; ".join(notes), flush=True)
