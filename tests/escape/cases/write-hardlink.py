# id: write-hardlink
# category: write
# tries: hard-link a host file (root-owned, 0666) into the workdir, directly and through an O_PATH fd, so a root cleanup would act on the host file
# expect: blocked
# layers: mountns landlock
# needs: cleanup
import os
import sys

A = dict(a.split("=", 1) for a in sys.argv[1:] if "=" in a)
HITS = []


def esc(msg):
    HITS.append(msg)
    print("LANGJAIL-ESCAPED: " + msg, flush=True)


target = A.get("hardlink")
if not target:
    print("LANGJAIL-SETUP-ERROR: no hardlink= argument", flush=True)
    sys.exit(1)
notes = []
try:
    os.link(target, "ljx-hardlink")
    esc("linked %s into the workdir (nlink now %d)" % (target, os.stat("ljx-hardlink").st_nlink))
except OSError as e:
    notes.append("link: %s" % e.strerror)
try:
    fd = os.open(target, os.O_PATH)
    os.link("/proc/self/fd/%d" % fd, "ljx-hardlink-opath", follow_symlinks=True)
    esc("linked %s through an O_PATH fd" % target)
except OSError as e:
    notes.append("linkat via O_PATH: %s" % e.strerror)
if not HITS:
    print("LANGJAIL-BLOCKED: " + "; ".join(notes), flush=True)
