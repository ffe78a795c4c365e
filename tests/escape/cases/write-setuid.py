# id: write-setuid
# category: write
# tries: make a setuid executable in the workdir on a mount that honours setuid bits (the runner inspects it from the host while the run is live)
# expect: blocked
# layers: mountns
# needs: inspect-live
import os
import shutil
import stat
import sys
import time

A = dict(a.split("=", 1) for a in sys.argv[1:] if "=" in a)
HITS = []


def esc(msg):
    HITS.append(msg)
    print("LANGJAIL-ESCAPED: " + msg, flush=True)


notes = []
try:
    shutil.copyfile(os.path.realpath("/bin/true"), "ljx-suid")
    os.chmod("ljx-suid", 0o4755)
    mode = os.stat("ljx-suid").st_mode
    nosuid = bool(os.statvfs(".").f_flag & os.ST_NOSUID)
    if mode & stat.S_ISUID and not nosuid:
        esc("ljx-suid is mode %o on a mount without nosuid" % (mode & 0o7777))
    else:
        notes.append("mode %o, nosuid mount: %s" % (mode & 0o7777, nosuid))
except OSError as e:
    notes.append("copy/chmod: %s" % e.strerror)
try:
    os.mkdir("ljx-sgid-dir")
    os.chmod("ljx-sgid-dir", 0o2777)
except OSError as e:
    notes.append("setgid dir: %s" % e.strerror)
# let the runner look at the file from the host, then finish
print("LANGJAIL-LIVE: ljx-suid", flush=True)
deadline = time.time() + 10
while time.time() < deadline and not os.path.exists("ljx-release"):
    time.sleep(0.1)
if not HITS:
    print("LANGJAIL-BLOCKED: " + "; ".join(notes), flush=True)
