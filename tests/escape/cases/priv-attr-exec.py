# id: priv-attr-exec
# category: privilege
# tries: make the next exec leave the jail's MAC label: "exec unconfined" (AppArmor) and an unconfined SELinux context written to /proc/self/attr/exec, then exec cat
# expect: blocked
# layers: mac
# needs: mac
import os
import subprocess
import sys

A = dict(a.split("=", 1) for a in sys.argv[1:] if "=" in a)
HITS = []


def esc(msg):
    HITS.append(msg)
    print("LANGJAIL-ESCAPED: " + msg, flush=True)


notes = []
for path, value in (("/proc/self/attr/apparmor/exec", b"exec unconfined"),
                    ("/proc/self/attr/exec", b"exec unconfined"),
                    ("/proc/self/attr/exec", b"unconfined_u:unconfined_r:unconfined_t:s0")):
    try:
        with open(path, "wb", buffering=0) as f:
            f.write(value)
    except OSError as e:
        notes.append("%s %r: %s" % (path, value, e.strerror))
        continue
    try:
        out = subprocess.run(["cat", "/proc/self/attr/current"], capture_output=True,
                             timeout=10).stdout.strip(b"\0\n ").decode(errors="replace")
    except (OSError, subprocess.SubprocessError) as e:
        out = "? (%s)" % e
    if "unconfined" in out:
        esc("%s accepted %r: child runs as %s" % (path, value, out))
    else:
        notes.append("%s accepted %r but the child runs as %s" % (path, value, out))
if not HITS:
    print("LANGJAIL-BLOCKED: " + "; ".join(notes), flush=True)
