# id: write-workdir-persist
# category: write
# tries: leave files in the workdir, $HOME and $TMPDIR for the next run (run twice: the second run looks for them)
# expect: blocked
# layers: supervisor
# runs: 2
import os
import sys

A = dict(a.split("=", 1) for a in sys.argv[1:] if "=" in a)
HITS = []


def esc(msg):
    HITS.append(msg)
    print("LANGJAIL-ESCAPED: " + msg, flush=True)


places = [os.getcwd(), os.environ.get("HOME", ""), os.environ.get("TMPDIR", ""),
          os.path.join(os.environ.get("HOME", os.getcwd()), ".cache")]
places = [p for p in dict.fromkeys(places) if p]
notes = []
if A.get("pass", "1") == "1":
    for d in places:
        try:
            os.makedirs(d, exist_ok=True)
            with open(os.path.join(d, "ljx-persist"), "w") as f:
                f.write("left by an earlier run\n")
        except OSError as e:
            notes.append("%s: %s" % (d, e.strerror))
    print("LANGJAIL-DONE: wrote ljx-persist in %s" % places, flush=True)
else:
    for d in places:
        if os.path.lexists(os.path.join(d, "ljx-persist")):
            esc("found the previous run's file in %s" % d)
    extra = [n for n in os.listdir(".") if n not in ("main.py", "main.sh")]
    if extra:
        notes.append("workdir also holds %s" % extra)
    if not HITS:
        print("LANGJAIL-BLOCKED: nothing left from the first run; " + "; ".join(notes),
              flush=True)
