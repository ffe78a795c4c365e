# id: priv-aa-changeprofile
# category: privilege
# tries: leave the jail's AppArmor profile: "changeprofile unconfined" and "changehat" to /proc/self/attr/apparmor/current and /proc/self/attr/current
# expect: blocked
# layers: mac
# needs: mac
import os
import sys

A = dict(a.split("=", 1) for a in sys.argv[1:] if "=" in a)
HITS = []


def esc(msg):
    HITS.append(msg)
    print("LANGJAIL-ESCAPED: " + msg, flush=True)


def label():
    for p in ("/proc/self/attr/apparmor/current", "/proc/self/attr/current"):
        try:
            with open(p, "rb") as f:
                return f.read().strip(b"\0\n ").decode(errors="replace")
        except OSError:
            continue
    return "?"


notes = ["label before: %s" % label()]
for path in ("/proc/self/attr/apparmor/current", "/proc/self/attr/current"):
    for cmd in (b"changeprofile unconfined", b"changehat ljx^0000000000000001",
                b"permprofile unconfined"):
        try:
            fd = os.open(path, os.O_WRONLY)
            try:
                os.write(fd, cmd)
            finally:
                os.close(fd)
            after = label()
            if after.startswith("unconfined") or "^" in after:
                esc("%s accepted %r: now %s" % (path, cmd, after))
            else:
                notes.append("%s accepted %r but label is %s" % (path, cmd, after))
        except OSError as e:
            notes.append("%s %r: %s" % (path, cmd, e.strerror))
if not HITS:
    print("LANGJAIL-BLOCKED: " + "; ".join(notes), flush=True)
