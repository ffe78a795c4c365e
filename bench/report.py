#!/usr/bin/env python3
"""bench/report.py RAW STEM [GNUPLOT]: turn bench/run's raw results into
STEM.md (tables, targets, exact command lines) and STEM-*.png (charts).

RAW holds meta.tsv, groups.tsv, skipped.tsv, <group>.cmds, <group>.r<N>.json
(hyperfine exports), throughput.tsv and rss.tsv, as bench/run writes them.
Latency statistics pool the runs of every round of a group; percentiles are
linear interpolations (numpy's default)."""

import json
import math
import os
import subprocess
import sys

RAW, STEM = os.path.abspath(sys.argv[1]), os.path.abspath(sys.argv[2])
GNUPLOT = sys.argv[3] if len(sys.argv) > 3 and sys.argv[3] else None
BASE = os.path.basename(STEM)


# ------------------------------------------------------------------ loading
def read_tsv(name, header=False):
    path = os.path.join(RAW, name)
    if not os.path.exists(path):
        return []
    with open(path) as f:
        rows = [line.rstrip("\n").split("\t") for line in f if line.strip()]
    if header and rows:
        keys = rows[0]
        return [dict(zip(keys, r)) for r in rows[1:]]
    return rows


def unescape(v):
    out, i = [], 0
    while i < len(v):
        if v[i] == "\\" and i + 1 < len(v):
            out.append("\n" if v[i + 1] == "n" else v[i + 1])
            i += 2
        else:
            out.append(v[i])
            i += 1
    return "".join(out)


META = {}
for row in read_tsv("meta.tsv"):
    if len(row) >= 2:
        META[row[0]] = unescape("\t".join(row[1:]))
SKIPPED = [r for r in read_tsv("skipped.tsv") if len(r) >= 2]


def pct(xs, p):
    xs = sorted(xs)
    if not xs:
        return float("nan")
    k = (len(xs) - 1) * p
    lo, hi = math.floor(k), math.ceil(k)
    return xs[lo] + (xs[hi] - xs[lo]) * (k - lo)


class Row:
    def __init__(self, name, expect, show):
        self.name, self.expect, self.show = name, int(expect), show
        self.times, self.codes = [], []

    @property
    def n(self):
        return len(self.times)

    @property
    def med(self):
        return pct(self.times, 0.5) * 1000

    @property
    def p25(self):
        return pct(self.times, 0.25) * 1000

    @property
    def p75(self):
        return pct(self.times, 0.75) * 1000

    @property
    def bad_exits(self):
        return sum(1 for c in self.codes if c != self.expect)


LOAD = []
for r in read_tsv("load.tsv"):
    try:
        LOAD.append((int(r[0]), float(r[1]), r[2] if len(r) > 2 else ""))
    except (ValueError, IndexError):
        pass


def background(t0, t1):
    """(samples, busy samples, {name: max %cpu}, min load, max load) in [t0, t1]"""
    xs = [x for x in LOAD if t0 <= x[0] <= t1 + 2]
    if not xs:
        return None
    names = {}
    busy = 0
    for x in xs:
        if x[2]:
            busy += 1
        for item in x[2].split():
            n, _, pc = item.rpartition("=")
            names[n] = max(names.get(n, 0), int(pc))
    return len(xs), busy, names, min(x[1] for x in xs), max(x[1] for x in xs)


def bg_text(b):
    if not b:
        return ""
    n, busy, names, lo, hi = b
    if not busy:
        return "no other process was busy (%d samples); load average %.2f–%.2f" % (n, lo, hi)
    return ("**another process was busy in %d of %d samples** (%s); load average %.2f–%.2f" %
            (busy, n, ", ".join("%s up to %d%% of a CPU" % (k, v) for k, v in sorted(names.items())), lo, hi))


def bg_busy(t0, t1):
    b = background(t0, t1)
    return bool(b and b[1])


GROUPS = {}
GROUP_ORDER = []
for g in read_tsv("groups.tsv"):
    gid, title = g[0], g[1]
    rows = {}
    order = []
    for c in read_tsv(gid + ".cmds"):
        rows[c[0]] = Row(c[0], c[1], c[2])
        order.append(c[0])
    # Rounds measured while another process was busy are left out of the pool
    # when enough clean ones remain (at least 2 and at least 30 %).
    spans = {int(x[0]): (int(x[1]), int(x[2])) for x in read_tsv(gid + ".rounds") if len(x) >= 3}
    present = []
    r = 1
    while os.path.exists(os.path.join(RAW, "%s.r%d.json" % (gid, r))):
        present.append(r)
        r += 1
    clean = [r for r in present if r in spans and not bg_busy(*spans[r])]
    use = clean if len(present) > 1 and len(clean) >= max(2, 0.3 * len(present)) else present
    for r in use:
        with open(os.path.join(RAW, "%s.r%d.json" % (gid, r))) as f:
            for res in json.load(f)["results"]:
                row = rows.get(res["command"])
                if row:
                    row.times += res["times"]
                    row.codes += res.get("exit_codes") or []
    GROUPS[gid] = {"pooled": (len(use), len(present), len(clean)),"title": title, "rows": [rows[n] for n in order if rows[n].n],
                   "by": {n: rows[n] for n in order if rows[n].n},
                   "rounds": g[2], "runs": g[3], "warmup": g[4],
                   "t0": int(g[5]) if len(g) > 6 else 0, "t1": int(g[6]) if len(g) > 6 else 0}
    GROUP_ORDER.append(gid)


def grp(gid):
    return GROUPS.get(gid, {"title": gid, "rows": [], "by": {}})


def get(gid, name):
    return grp(gid)["by"].get(name)


def f1(x, unit=""):
    if x is None or (isinstance(x, float) and math.isnan(x)):
        return "–"
    if abs(x) >= 100:
        return "%.0f%s" % (x, unit)
    if abs(x) >= 10:
        return "%.1f%s" % (x, unit)
    return "%.2f%s" % (x, unit)


def ratio(a, b):
    if a is None or b is None or b == 0 or math.isnan(a) or math.isnan(b):
        return None
    return a / b


def fx(x):
    return "–" if x is None else "%.2f×" % x


def size_label(b):
    for unit, div in (("G", 1 << 30), ("M", 1 << 20), ("K", 1 << 10)):
        if b >= div and b % div == 0:
            return "%d %sB" % (b // div, unit)
    return "%d B" % b


def mark(gid):
    g = GROUPS.get(gid)
    return " \\*" if g and g.get("t1") and bg_busy(g["t0"], g["t1"]) else ""


def busy_footnote(gids):
    b = [GROUPS[g] for g in gids if mark(g)]
    if b:
        P("\\* measured while another process was busy: " + "; ".join(
            "%s: %s" % (g["title"], bg_text(background(g["t0"], g["t1"]))) for g in b) + ".")
        P("")


def size_of(tag):
    n = int(tag[:-1]) if tag[-1] in "KMG" else int(tag)
    return n << {"K": 10, "M": 20, "G": 30}.get(tag[-1], 0)


md = []
P = md.append
charts = []
notes = []  # anomalies and caveats found while building the tables

# ------------------------------------------------------------------ header
P("# langjail benchmark: %s" % BASE)
P("")
P("Produced by `bench/run%s` in one invocation (%s s). All ratios compare rows of the "
  "same run on the same machine; absolute times differ several-fold between machines."
  % (" --quick" if META.get("mode") == "quick" else "", META.get("duration_s", "?")))
P("")
P("| | |")
P("|---|---|")
for k, label in (("host", "Host"), ("cpu", "CPU"), ("memory", "Memory"), ("os", "OS"),
                 ("kernel", "Kernel"), ("cgroup", "cgroup"), ("apparmor", "AppArmor"),
                 ("langjail_version", "langjail"), ("git", "Tree (git describe)"),
                 ("langjail", "Binary measured"), ("langjail_mtime", "Binary built"), ("build", "Build"),
                 ("hyperfine", "hyperfine"), ("bwrap", "bubblewrap"), ("firejail", "firejail"),
                 ("unshare", "unshare"), ("python", "Python"), ("gnuplot", "gnuplot"),
                 ("jail_uid", "Jail uid"), ("mode", "Mode"), ("finished", "Finished")):
    if k in META:
        P("| %s | %s |" % (label, META[k].replace("|", "\\|")))
if LOAD:
    allb = background(0, 1 << 62)
    P("| Background load | %s |" % bg_text(allb))
P("| Latency method | hyperfine -N --output=pipe, %s warm-up runs, %s round(s) of %s runs per command, "
  "every command of a workload in the same call, order reversed every other round; median and "
  "p25–p75 over the pooled runs of the rounds during which `bench/loadmon.py` saw no other process "
  "busy (all rounds when fewer than 2 or 30 %% were clean) |" % (META.get("warmup"), META.get("rounds"), META.get("runs_per_round")))
P("")

# ------------------------------------------------------------------ latency
def overhead(row, bare):
    return None if row is None or bare is None else row.med - bare.med


LAT = [("true", "/bin/true (pure overhead)"),
       ("spaced", "/bin/true, runs 200 ms apart (sporadic submissions)"),
       ("python", "python3 -c pass"), ("print1mb", "Python program printing 1 MB"),
       ("c_hello", "C hello: gcc, then the program it built"),
       ("java_hello", "Java hello: javac, then java")]
COMPILED = {"c_hello": "c", "java_hello": "java"}


def reference_row(name):
    """rows that are parts of the bare command, not ways of running it"""
    return name != "bare" and (name.startswith("bare ") or name.startswith("then.c"))


def latency_table(gid):
    g = grp(gid)
    bare = g["by"].get("bare")
    floor = g["by"].get("floor (fork+setrlimit+exec)")
    bwrap = g["by"].get("bwrap")
    o_floor = overhead(floor, bare)
    o_bwrap = overhead(bwrap, bare)
    P("| Runner | median ms | p25–p75 ms | overhead over bare ms | × floor overhead | ÷ bwrap overhead | runs |")
    P("|---|--:|--:|--:|--:|--:|--:|")
    for row in g["rows"]:
        if row.name.startswith("langjail, only") or row.name.startswith("langjail, all but"):
            continue
        o = overhead(row, bare)
        bad = " (%d unexpected exit codes)" % row.bad_exits if row.bad_exits else ""
        ref = row.name == "bare" or reference_row(row.name)
        P("| %s%s | %s | %s–%s | %s | %s | %s | %d |" % (
            row.name, bad, f1(row.med), f1(row.p25), f1(row.p75),
            "–" if ref else ("%+.2f" % o if o is not None else "–"),
            "–" if ref else fx(ratio(o, o_floor)),
            "–" if ref else fx(ratio(o, o_bwrap)), row.n))
        if row.bad_exits:
            notes.append("%s / %s: %d runs ended with an unexpected exit code"
                         % (g["title"], row.name, row.bad_exits))
    P("")
    if LOAD and g.get("t1"):
        used, total, nclean = g["pooled"]
        P("Background while measuring: %s. Rounds pooled: %s." % (
            bg_text(background(g["t0"], g["t1"])),
            "all %d" % total if used == total and nclean == total else
            ("the %d of %d with no other busy process" % (used, total) if used < total else
             "all %d (only %d without another busy process: too few to pool alone)" % (total, nclean))))
        P("")


PHASES = {}
for r in read_tsv("phases.tsv", header=True):
    PHASES.setdefault(r["workload"], []).append(r)


def phase_table(gid):
    """langjail's compile and run phases as its --json verdicts give them"""
    rs = [r for r in PHASES.get(gid, []) if r["status"] == "ok"]
    bad = len(PHASES.get(gid, [])) - len(rs)
    if bad:
        notes.append("%s: %d of the --json phase runs gave no ok verdict"
                     % (grp(gid)["title"], bad))
    if not rs:
        return
    g = grp(gid)["by"]

    def med(key):
        xs = [float(r[key]) * 1000 for r in rs if r[key] != "NA"]
        return pct(xs, 0.5) if xs else None

    P("The two phases apart: langjail's own figures from %d `langjail --json` runs after the table "
      "(`compile.wall_time`, `compile.cpu_time`, `wall_time`, `cpu_time`, millisecond resolution; "
      "wall is from the phase's start to its end as the supervisor sees them, so it leaves out the "
      "jail's setup and teardown), next to the bare halves measured above (whole processes, "
      "through then.c). Medians in ms." % len(rs))
    P("")
    P("| Phase | bare (hyperfine) | langjail wall (--json) | langjail CPU (--json) |")
    P("|---|--:|--:|--:|")
    for phase, name, wall, cpu in (("compile", "bare compile only", "compile_wall", "compile_cpu"),
                                   ("run", "bare run only", "run_wall", "run_cpu")):
        b = g.get(name)
        P("| %s | %s | %s | %s |" % (phase, f1(b.med) if b else "–", f1(med(wall)), f1(med(cpu))))
    b, lj = g.get("bare"), g.get("langjail --unsafe")
    cw, rw = med("compile_wall"), med("run_wall")
    P("| whole run | %s | %s (hyperfine: %s) | %s |" % (
        f1(b.med) if b else "–", f1(cw + rw) if cw is not None and rw is not None else "–",
        f1(lj.med) if lj else "–",
        f1(med("compile_cpu") + med("run_cpu")) if med("compile_cpu") is not None and med("run_cpu") is not None else "–"))
    P("")


P("## Per-run latency")
P("")
P("Overhead = median − bare median. *× floor overhead*: against `bench/floor.c` (fork, four "
  "setrlimit, exec, wait). *÷ bwrap overhead*: the issue's target is ≤ 0.6 for `langjail --unsafe`. "
  "`langjail --version` is the langjail binary starting and exiting (dynamic loading included), "
  "no run at all.")
P("")
for gid, title in LAT:
    if not grp(gid)["rows"]:
        continue
    P("### %s" % title)
    P("")
    if gid == "spaced":
        P("The table above runs each command back to back, as benchmarks do. Here hyperfine sleeps "
          "200 ms before every run (`--prepare 'sleep 0.2'`, untimed), as when submissions arrive "
          "now and then: state the kernel keeps warm between back-to-back runs has gone cold.")
        P("")
    if gid in COMPILED:
        lang = COMPILED[gid]
        P("One run compiles `bench/workloads/%s` and runs what it built. *bare* runs the command lines "
          "of `languages/%s.ini` (its fallback compiler and interpreter, `{memory_mb}` from its limits, "
          "its environment variables) in a directory laid out like langjail's workdir, one after the "
          "other through `bench/then.c` (fork, exec, wait; no shell, as langjail starts none); *bwrap* "
          "runs the same `then` command with a writable bind of that directory. *bare compile only* "
          "and *bare run only* are the two halves of the bare row; *then.c alone* is the wrapper's own "
          "cost. langjail runs the whole of it in the jail: two phases, each with its own limits."
          % ("hello.c" if lang == "c" else "Main.java", lang))
        P("")
    latency_table(gid)
    if gid in COMPILED:
        phase_table(gid)

# ------------------------------------------------------------------ layers
g = grp("true")
none = g["by"].get("langjail, every layer off")
allon = g["by"].get("langjail --unsafe")
bare = g["by"].get("bare")
layer_rows = []
if none and allon:
    P("## Cost of each kernel layer (/bin/true)")
    P("")
    P("*Only X*: `--sabotage` everything but X; its cost is the difference to *every layer off*. "
      "*All but X*: `--sabotage X` alone; what X costs inside the full set is what switching it off "
      "saves against `langjail --unsafe`. %s" % META.get("layers_note", ""))
    P("")
    gpy = grp("python")["by"]
    py_all = gpy.get("langjail --unsafe")
    P("| Layer | only X: median ms | added over every-layer-off ms | all but X: median ms | saved vs all layers ms "
      "| python3 -c pass, all but X: saved vs all layers ms |")
    P("|---|--:|--:|--:|--:|--:|")
    P("| (none: langjail's own work) | %s | – | – | – | – |" % f1(none.med))
    for l in ("pidns", "netns", "mountns", "ipcns", "utsns", "seccomp", "landlock", "cgroup", "rlimits"):
        only = g["by"].get("langjail, only " + l)
        but = g["by"].get("langjail, all but " + l)
        add = only.med - none.med if only else None
        saved = allon.med - but.med if but else None
        pybut = gpy.get("langjail, all but " + l)
        pysaved = py_all.med - pybut.med if pybut and py_all else None
        layer_rows.append((l, add, only, saved, but, pysaved))
        P("| %s | %s | %s | %s | %s | %s |" % (l, f1(only.med) if only else "–",
                                               "%+.2f" % add if add is not None else "–",
                                               f1(but.med) if but else "–",
                                               "%+.2f" % saved if saved is not None else "–",
                                               "%+.2f" % pysaved if pysaved is not None else "–"))
    P("| all (`langjail --unsafe`) | %s | %+.2f | – | – | – |" % (f1(allon.med), allon.med - none.med))
    P("")
    ver = g["by"].get("langjail --version (binary start only)")
    if bare:
        P("Where the time of a `langjail --unsafe` /bin/true run goes (medians): bare /bin/true %s ms; "
          "langjail binary start%s; langjail's own run machinery with every layer off +%.2f ms over bare; "
          "all kernel layers together +%.2f ms over that."
          % (f1(bare.med), (" +%.2f ms over bare" % (ver.med - bare.med)) if ver else "",
             none.med - bare.med, allon.med - none.med))
        P("")

# ------------------------------------------------------------------ throughput
tp = read_tsv("throughput.tsv", header=True)
TP = {}
TP_BUSY = set()
for r in tp:
    busy = "start" in r and bg_busy(int(r["start"]), int(r["end"]))
    TP.setdefault((r["runner"], int(r["workers"])), []).append(
        (int(r["runs"]) / float(r["seconds"]), int(r["failed"]), r["command"],
         float(r.get("cpu_ms_per_run") or "nan"), busy))
    if busy:
        TP_BUSY.add((r["runner"], int(r["workers"]), r["rep"]))
tp_runners = []
for r in tp:
    if r["runner"] not in tp_runners:
        tp_runners.append(r["runner"])
tp_workers = sorted({w for (_, w) in TP})


def tp_use(runner, w):
    """the repetitions of a point without another busy process, or all of them"""
    v = TP.get((runner, w)) or []
    clean = [x for x in v if not x[4]]
    return clean or v


def tp_rate(runner, w):
    v = tp_use(runner, w)
    return pct([x[0] for x in v], 0.5) if v else None


if TP:
    P("## Throughput and concurrency (/bin/true)")
    P("")
    P("Runs per second for a fixed count (%s runs per point, median of %s repetitions) with W "
      "workers (`seq N | xargs -P W -n 1 CMD`); wall time. The machine has %s. Latency per run "
      "under load = W / rate."
      % (META.get("throughput_runs"), META.get("throughput_reps"), META.get("cpu", "?").split("(")[-1].rstrip(")")))
    P("")
    P("| Runner | " + " | ".join("W=%d runs/s" % w for w in tp_workers) + " | " +
      " | ".join("W=%d ms/run" % w for w in tp_workers) + " |")
    P("|---|" + "--:|" * (2 * len(tp_workers)))
    for rn in tp_runners:
        cells = [f1(tp_rate(rn, w)) for w in tp_workers]
        lat = [f1(w * 1000 / tp_rate(rn, w)) if tp_rate(rn, w) else "–" for w in tp_workers]
        fails = sum(x[1] for w in tp_workers for x in TP.get((rn, w), []))
        cells = [c + (" \\*" if all(x[4] for x in TP.get((rn, w), [])) and TP.get((rn, w)) else "")
                 for c, w in zip(cells, tp_workers)]
        P("| %s%s | %s | %s |" % (rn, " (some runs failed)" if fails else "", " | ".join(cells), " | ".join(lat)))
        if fails:
            notes.append("throughput: %s had failed runs" % rn)
    P("")
    P("CPU time per run, whole machine (all processes and kernel threads, from /proc/stat; it "
      "includes work the kernel defers to its own threads, such as tearing down namespaces, which "
      "no per-process timing shows), median over repetitions, ms:")
    P("")
    P("| Runner | " + " | ".join("W=%d" % w for w in tp_workers) + " |")
    P("|---|" + "--:|" * len(tp_workers))
    for rn in tp_runners:
        P("| %s | %s |" % (rn, " | ".join(f1(pct([x[3] for x in tp_use(rn, w)], 0.5)) if TP.get((rn, w)) else "–"
                                         for w in tp_workers)))
    if "langjail --unsafe" in tp_runners and "bwrap" in tp_runners:
        P("")
        P("langjail ÷ bwrap throughput: " + ", ".join(
            "W=%d %s" % (w, fx(ratio(tp_rate("langjail --unsafe", w), tp_rate("bwrap", w))))
            for w in tp_workers) + " (target at W=2: ≥ 1.50×).")
    P("")
    if TP_BUSY:
        P("Each point is the median of its repetitions measured while no other process was busy; "
          "\\* marks points where every repetition had another busy process (%d of %d "
          "measurements were disturbed)." % (len(TP_BUSY), len(tp)))
        P("")

# ------------------------------------------------------------------ scaling: output
out_groups = sorted([gid for gid in GROUP_ORDER if gid.startswith("out_")], key=lambda x: size_of(x[4:]))
OUT_MODES = ["bare (to a pipe)", "langjail stream", "langjail stream, cap 64K", "langjail --json",
             "langjail --json, cap 64K"]


def fit(points):
    """least squares t = a + b*x; returns (a, b)"""
    if len(points) < 2:
        return None
    n = len(points)
    sx = sum(p[0] for p in points)
    sy = sum(p[1] for p in points)
    sxx = sum(p[0] * p[0] for p in points)
    sxy = sum(p[0] * p[1] for p in points)
    d = n * sxx - sx * sx
    if d == 0:
        return None
    b = (n * sxy - sx * sy) / d
    return ((sy - b * sx) / n, b)


capture = {}
if out_groups:
    P("## Scaling: output size through the capture path")
    P("")
    P("A Python program (`gen.py N`) writes N bytes in 64 KiB writes. *Bare* writes into "
      "hyperfine's pipe; *stream* is langjail relaying it to its own stdout (the same kind of "
      "pipe); *--json* keeps it in memory and prints one JSON verdict; *cap 64K* is "
      "`--output 64K` (the run is ended at the cap: exit 137 when streaming, a verdict with "
      "--json). Medians in ms; MB/s columns are bytes ÷ (langjail − bare), the speed of the "
      "extra path.")
    P("")
    P("| Output | " + " | ".join(OUT_MODES) + " | stream MB/s | --json MB/s |")
    P("|---|" + "--:|" * (len(OUT_MODES) + 2))
    for gid in out_groups:
        b = size_of(gid[4:])
        cells = []
        for m in OUT_MODES:
            row = get(gid, m)
            cells.append(f1(row.med) if row else "–")
            if row:
                capture.setdefault(m, []).append((b, row.med))
            if row and row.bad_exits:
                notes.append("output %s / %s: %d runs with an unexpected exit code"
                             % (gid[4:], m, row.bad_exits))
        bare = get(gid, OUT_MODES[0])
        speeds = []
        for m in ("langjail stream", "langjail --json"):
            row = get(gid, m)
            d = (row.med - bare.med) / 1000 if row and bare else None
            speeds.append(f1(b / 1e6 / d) if d and d > 0 and b >= (1 << 20) else "–")
        P("| %s%s | %s | %s |" % (size_label(b), mark(gid), " | ".join(cells), " | ".join(speeds)))
    P("")
    busy_footnote(out_groups)
    P("Slopes (least squares over sizes ≥ 1 MB, time = a + size / rate):")
    P("")
    P("| Series | intercept ms | rate MB/s | extra cost over bare, MB/s |")
    P("|---|--:|--:|--:|")
    bare_fit = fit([(b / 1e6, t) for b, t in capture.get(OUT_MODES[0], []) if b >= (1 << 20)])
    slopes = {}
    for m in OUT_MODES:
        f = fit([(b / 1e6, t) for b, t in capture.get(m, []) if b >= (1 << 20)])
        if not f:
            continue
        slopes[m] = f
        extra = None
        if bare_fit and m != OUT_MODES[0] and f[1] - bare_fit[1] > 0:
            extra = 1000 / (f[1] - bare_fit[1])
        span = max(b for b, _ in capture.get(m, [])) / 1e6
        is_flat = f[1] <= 0 or f[1] * span < 0.5 * max(f[0], 1)
        P("| %s | %s | %s | %s |" % (m, f1(f[0]), f1(1000 / f[1]) if not is_flat else "flat",
                                    f1(extra) if extra else ("–" if m == OUT_MODES[0] else "flat")))
    P("")

# ------------------------------------------------------------------ scaling: files
file_groups = sorted([gid for gid in GROUP_ORDER if gid.startswith("files_")], key=lambda x: int(x[6:]))
FILE_MODES = ["bare create (tmpfs)", "langjail (tmpfs workdir)", "bare rm -rf (tmpfs)", "bare rm -rf (disk)"]
files = {}
TD_ROWS = read_tsv("teardown.tsv", header=True)
TD = {}
for r in TD_ROWS:
    if r["teardown_ms"] != "NA" and r["exit"] in ("0", ""):
        TD.setdefault((r["mode"], int(r["files"])), []).append(float(r["teardown_ms"]))
if file_groups:
    P("## Scaling: files left in the workdir at cleanup")
    P("")
    P("The program (`mkfiles.py N`) leaves N empty files in its workdir. With the mount namespace "
      "the workdir is a tmpfs that goes away with the run's mount namespace; with `--sabotage mountns` "
      "it is a directory on disk (the workdir_root, %s) that langjail removes file by file. "
      "*Teardown* is measured directly: `perf trace -e exit_group` timestamps from the program's "
      "exit to langjail's exit (reaping, namespaces and tmpfs released, disk workdir removed, "
      "cgroup removed, verdict), median (min–max) of up to %s runs; its growth over the smallest N "
      "is what the files cost, to compare with `rm -rf` of as many files (bare rows, the files "
      "made beforehand, untimed). *bare create (tmpfs)* makes them in /dev/shm; with *langjail "
      "(tmpfs workdir)* it is the whole run. Whole runs on disk are not shown: making the files "
      "on this disk varies several-fold from run to run and would drown the cleanup."
      % (META.get("workdir_fs", "?"), "/".join(sorted({r["rep"] for r in TD_ROWS}, key=int)[-1:]) or "?"))
    P("")
    P("| Files | " + " | ".join(FILE_MODES) + " | teardown tmpfs | teardown disk |")
    P("|---|" + "--:|" * (len(FILE_MODES) + 2))
    for gid in file_groups:
        n = int(gid[6:])
        row = {m: get(gid, m) for m in FILE_MODES}
        for m, r in row.items():
            if r:
                files.setdefault(m, []).append((n, r.med))
        tds = []
        for mode, key in (("langjail (tmpfs workdir)", "teardown tmpfs"),
                          ("langjail --sabotage mountns (disk workdir)", "teardown disk")):
            v = TD.get((mode, n))
            if v:
                files.setdefault(key, []).append((n, pct(v, 0.5)))
            tds.append("%s (%s–%s)" % (f1(pct(v, 0.5)), f1(min(v)), f1(max(v))) if v else "–")
        P("| %d%s | %s | %s |" % (n, mark(gid), " | ".join(f1(row[m].med) if row[m] else "–" for m in FILE_MODES),
                                 " | ".join(tds)))
    P("")
    busy_footnote(file_groups)
    for key in ("teardown tmpfs", "teardown disk"):
        s_ = sorted(files.get(key, []))
        if len(s_) >= 2:
            P("%s: %s ms at %d files → %s ms at %d files (+%s ms, %.1f µs per file)." % (
                key.capitalize(), f1(s_[0][1]), s_[0][0], f1(s_[-1][1]), s_[-1][0], f1(s_[-1][1] - s_[0][1]),
                (s_[-1][1] - s_[0][1]) * 1000 / (s_[-1][0] - s_[0][0])))
            P("")
    bad = [r for r in TD_ROWS if r["exit"] not in ("0", "") or r["teardown_ms"] == "NA"]
    if bad:
        notes.append("teardown: %d perf-trace runs had no usable timestamps or a non-zero exit (%s)"
                     % (len(bad), ", ".join(sorted({"%s N=%s exit %s" % (r["mode"], r["files"], r["exit"]) for r in bad}))))

# ------------------------------------------------------------------ scaling: argv, input
argv_groups = sorted([gid for gid in GROUP_ORDER if gid.startswith("argv_")], key=lambda x: int(x[5:]))
in_groups = sorted([gid for gid in GROUP_ORDER if gid.startswith("input_")], key=lambda x: size_of(x[6:]))
argv_series, in_series = {}, {}
if argv_groups:
    P("## Scaling: argv size")
    P("")
    P("/bin/true with K arguments of 1000 bytes each (langjail passes them after `--`). Medians in ms.")
    P("")
    P("| argv | bare | floor | langjail --unsafe | langjail overhead |")
    P("|---|--:|--:|--:|--:|")
    for gid in argv_groups:
        kb = int(gid[5:])
        b, fl, lj = (get(gid, "bare"), get(gid, "floor (fork+setrlimit+exec)"), get(gid, "langjail --unsafe"))
        for name, r in (("bare", b), ("floor", fl), ("langjail --unsafe", lj)):
            if r:
                argv_series.setdefault(name, []).append((kb * 1000, r.med))
        P("| %s%s | %s | %s | %s | %s |" % ("%d × 1000 B" % kb, mark(gid),
                                          f1(b.med) if b else "–", f1(fl.med) if fl else "–",
                                          f1(lj.med) if lj else "–",
                                          "%+.2f" % (lj.med - b.med) if lj and b else "–"))
    P("")
    busy_footnote(argv_groups)
if in_groups:
    P("## Scaling: input size")
    P("")
    P("`cat` reads the input: bare from a file on stdin; `langjail -i FILE` hands the file to "
      "the program as its stdin; `langjail -f data=FILE` copies it into the workdir first "
      "(sendfile into the tmpfs). Both langjail rows run `sh main.sh`. Medians in ms.")
    P("")
    P("| Input | bare (stdin) | langjail -i | langjail -f | -i overhead | -f overhead | -f copy MB/s |")
    P("|---|--:|--:|--:|--:|--:|--:|")
    for gid in in_groups:
        b = size_of(gid[6:])
        r0, ri, rf = (get(gid, "bare (stdin)"), get(gid, "langjail -i (stdin)"),
                      get(gid, "langjail -f (copied into the workdir)"))
        for name, r in (("bare (stdin)", r0), ("langjail -i", ri), ("langjail -f", rf)):
            if r:
                in_series.setdefault(name, []).append((b, r.med))
        cp = (rf.med - ri.med) / 1000 if rf and ri else None
        P("| %s%s | %s | %s | %s | %s | %s | %s |" % (
            size_label(b), mark(gid), f1(r0.med) if r0 else "–", f1(ri.med) if ri else "–", f1(rf.med) if rf else "–",
            "%+.2f" % (ri.med - r0.med) if ri and r0 else "–", "%+.2f" % (rf.med - r0.med) if rf and r0 else "–",
            f1(b / 1e6 / cp) if cp and cp > 0 and b >= (1 << 20) else "–"))
    P("")
    busy_footnote(in_groups)

# ------------------------------------------------------------------ memory
rss = read_tsv("rss.tsv", header=True)
RSS = {}
for r in rss:
    RSS.setdefault(r["case"], []).append(r)
mem_series = {}
if RSS:
    P("## Supervisor memory")
    P("")
    P("*Supervisor (own)*: peak RSS (VmHWM) of the langjail process alone, read at its exit "
      "(`bench/rss.c` stops it with PTRACE_O_TRACEEXIT; its children are not traced). "
      "*/usr/bin/time*: `Maximum resident set size` (`%%M` of `/usr/bin/time -v`), which is "
      "wait4's ru_maxrss: the largest of langjail **and every descendant it reaped** (the run's "
      "init, and through it the program; a forked child also starts at its parent's RSS), so it "
      "shows the program's peak once the program is bigger than langjail. Maximum over %s "
      "repetition(s), kB." % (rss[0]["rep"] and max(int(r["rep"]) for r in rss)))
    P("")
    P("| Case | supervisor (own) kB | /usr/bin/time kB | exit |")
    P("|---|--:|--:|--:|")
    for case, rs in RSS.items():
        own = max(int(r["self_kb"]) for r in rs)
        tm = max(int(r["time_kb"]) for r in rs)
        exits = sorted({r["exit"] for r in rs})
        P("| %s | %d | %s | %s |" % (case, own, tm if tm >= 0 else "–", ",".join(exits)))
        for mode in ("stream", "--json"):
            if case.startswith("prints ") and case.endswith(", " + mode) and "cap" not in case:
                try:
                    b = size_of(case.split()[1].rstrip(","))
                except ValueError:
                    continue
                mem_series.setdefault(mode, []).append((b, own))
    P("")

# ------------------------------------------------------------------ targets
P("## Targets of issue 5")
P("")
P("| Target | Measured | Met |")
P("|---|---|---|")


def target(name, measured, ok):
    P("| %s | %s | %s |" % (name, measured, "n/a" if ok is None else ("yes" if ok else "**no**")))


gt = grp("true")["by"]
bare, lj, fl, bw = gt.get("bare"), gt.get("langjail --unsafe"), gt.get("floor (fork+setrlimit+exec)"), gt.get("bwrap")
if bare and lj and bw:
    o, ob = lj.med - bare.med, bw.med - bare.med
    target("/bin/true: langjail --unsafe overhead ≤ 0.6 × bwrap's",
           "%+.2f ms vs bwrap %+.2f ms = %.2f×" % (o, ob, o / ob), o <= 0.6 * ob)
if bare and lj and fl:
    o, of = lj.med - bare.med, fl.med - bare.med
    target("/bin/true: overhead ≤ 2 × the fork+setrlimit+exec floor's",
           "%+.2f ms vs floor %+.2f ms = %.2f×" % (o, of, o / of), o <= 2 * of)
FRESH = "langjail --unsafe, fresh netns (netns_pool = 0)"
lf = gt.get(FRESH)
if bare and lf and bw:
    o, ob = lf.med - bare.med, bw.med - bare.med
    target("… the same with a fresh network namespace per run (no pool)",
           "%+.2f ms vs bwrap %+.2f ms = %.2f×" % (o, ob, o / ob), o <= 0.6 * ob)
iso = gt.get("isolate --run")
target("/bin/true: overhead ≤ isolate --run's",
       ("%+.2f vs %+.2f ms" % (lj.med - bare.med, iso.med - bare.med)) if iso and lj and bare else "isolate not installed",
       (lj.med <= iso.med) if iso and lj else None)
gs = grp("spaced")["by"]
if gs.get("bare") and gs.get("langjail --unsafe") and gs.get("bwrap"):
    o, ob = gs["langjail --unsafe"].med - gs["bare"].med, gs["bwrap"].med - gs["bare"].med
    target("/bin/true, runs 200 ms apart: overhead ≤ 0.6 × bwrap's (same target, sporadic runs)",
           "%+.2f ms vs bwrap %+.2f ms = %.2f×" % (o, ob, o / ob), o <= 0.6 * ob)
gp = grp("python")["by"]
if gp.get("bare") and gp.get("langjail --unsafe"):
    a, b = gp["langjail --unsafe"].med, gp["bare"].med
    target("python3 -c pass under langjail ≤ 1.2 × bare", "%.2f / %.2f ms = %.2f×" % (a, b, a / b), a <= 1.2 * b)
r_lj, r_bw = tp_rate("langjail --unsafe", 2), tp_rate("bwrap", 2)
if r_lj and r_bw:
    target("throughput, 2 workers ≥ 1.5 × bwrap's", "%.0f vs %.0f runs/s = %.2f×" % (r_lj, r_bw, r_lj / r_bw),
           r_lj >= 1.5 * r_bw)
r_lf = tp_rate(FRESH, 2)
if r_lf and r_bw:
    target("… the same with a fresh network namespace per run (no pool)",
           "%.0f vs %.0f runs/s = %.2f×" % (r_lf, r_bw, r_lf / r_bw), r_lf >= 1.5 * r_bw)
if RSS:
    stream = [max(int(r["self_kb"]) for r in rs) for c, rs in RSS.items() if "stream" in c or "no output" in c]
    capt = [(c, max(int(r["self_kb"]) for r in rs)) for c, rs in RSS.items() if "--json" in c and "cap" not in c]
    if stream:
        target("supervisor peak RSS ≤ 4 MiB whatever the program prints (streaming)",
               "max %d kB over the streaming cases" % max(stream), max(stream) <= 4096)
    if capt:
        c, v = max(capt, key=lambda x: x[1])
        target("… and with --json capture", "%d kB (%s)" % (v, c), v <= 4096)
if "langjail --json" in slopes and "langjail stream" in slopes:
    for m in ("langjail stream", "langjail --json"):
        a, b = slopes[m]
        target("capture path ≥ 500 MB/s uncapped (%s)" % m.replace("langjail ", ""),
               "%.0f MB/s end to end (slope)" % (1000 / b), 1000 / b >= 500)
for key, label in (("teardown tmpfs", "tmpfs workdir"), ("teardown disk", "disk workdir, --sabotage mountns")):
    s_ = sorted(files.get(key, []))
    if s_ and s_[-1][0] >= 100000:
        target("cleanup of 100 000 files well under a second (%s)" % label,
               "teardown %.0f ms (%.0f ms at %d files)" % (s_[-1][1], s_[0][1], s_[0][0]), s_[-1][1] < 500)
target("MAC attach < 1 ms", "AppArmor: %s" % META.get("apparmor", "?"), None)
P("")

# ------------------------------------------------------------------ charts
def write(name, text):
    with open(os.path.join(RAW, name), "w") as f:
        f.write(text)


def gp_run(script_name, script):
    write(script_name, script)
    try:
        subprocess.run([GNUPLOT, os.path.join(RAW, script_name)], check=True, cwd=RAW,
                       stderr=subprocess.PIPE, timeout=120)
        return True
    except (subprocess.CalledProcessError, OSError, subprocess.TimeoutExpired) as e:
        err = getattr(e, "stderr", b"") or b""
        notes.append("gnuplot failed for %s: %s" % (script_name, err.decode(errors="replace")[-300:]))
        return False


def esc(s):
    return s.replace("_", "\\_").replace('"', "'")


TERM = 'set terminal pngcairo size %d,%d font "DejaVu Sans,11" noenhanced\n'
COLORS = {"bare": "#555555", "floor": "#8c564b", "langjail": "#d62728", "bwrap": "#1f77b4",
          "firejail": "#9467bd", "unshare": "#2ca02c", "isolate": "#ff7f0e", "nsjail": "#17becf"}


def color(name):
    special = {"langjail, every layer off": "#ff9896", "langjail, all but netns": "#ff7f0e",
               "langjail --version (binary start only)": "#f7b6d2"}
    if name in special:
        return special[name]
    for k, c in COLORS.items():
        if name.startswith(k):
            return c
    return "#7f7f7f"


if GNUPLOT:
    # 1. latency per runner, one panel per workload (log scale: firejail is 10x the rest)
    parts = []
    for gid, title in LAT:
        rows = [r for r in grp(gid)["rows"] if not r.name.startswith("langjail, only")
                and not r.name.startswith("langjail, all but")]
        if not rows:
            continue
        lines = []
        for i, r in enumerate(reversed(rows)):
            lines.append('%d\t%.4f\t%.4f\t%.4f\t"%s"\t%d\t"%s ms"' % (
                i, r.med, r.p25, r.p75, esc(r.name), int(color(r.name)[1:], 16), f1(r.med)))
        write("lat_%s.dat" % gid, "\n".join(lines) + "\n")
        parts.append((gid, title, rows))
    if parts:
        H = sum(30 * len(rows) + 90 for _, _, rows in parts)
        s = TERM % (1100, H)
        s += 'set output "%s-latency.png"\n' % os.path.abspath(STEM)
        s += "set multiplot\nset logscale x\nset grid xtics mxtics\nset style fill solid 0.8 border -1\n"
        s += 'set xlabel "median ms per run, log scale (whiskers: p25-p75)"\nunset key\n'
        s += "set lmargin 42\nset rmargin 4\nset tmargin 2.5\nset bmargin 3.2\n"
        y = 1.0
        for gid, title, rows in parts:
            n = len(rows)
            h = (30 * n + 90) / H
            lo = min(r.p25 for r in rows) / 2
            hi = max(r.p75 for r in rows) * 3
            s += "set size 1,%.4f\nset origin 0,%.4f\n" % (h, y - h)
            s += 'set title "%s"\n' % esc(title)
            s += "set yrange [-0.6:%f]\nset xrange [%f:%f]\n" % (n - 0.4, lo, hi)
            s += ("plot 'lat_%s.dat' using 2:1:(%f):2:($1-0.35):($1+0.35):6:ytic(5) with boxxyerror lc rgb variable,"
                  " '' using 2:1:3:4 with xerrorbars pt 0 lc rgb 'black',"
                  " '' using ($4*1.08):1:7 with labels left font ',9'\n") % (gid, lo)
            y -= h
        s += "unset multiplot\n"
        if gp_run("latency.gp", s):
            charts.append(("Per-run latency by runner", "%s-latency.png" % BASE))

    # 2. layers
    if layer_rows:
        lines = []
        for i, (l, add, only, saved, but, pysaved) in enumerate(layer_rows):
            lines.append("%d\t%s\t%.4f\t%.4f\t%.4f" % (i, l, add if add is not None else 0.0,
                                                         saved if saved is not None else 0.0,
                                                         pysaved if pysaved is not None else 0.0))
        write("layers.dat", "\n".join(lines) + "\n")
        plots = ["'layers.dat' using 3:xtic(2) title 'only this layer: added over every layer off' lc rgb '#d62728'"]
        if any(r[3] is not None for r in layer_rows):
            plots.append("'' using 4 title 'all but this layer: saved vs all layers' lc rgb '#1f77b4'")
        if any(r[5] is not None for r in layer_rows):
            plots.append("'' using 5 title 'python3 -c pass, all but this layer: saved vs all layers' lc rgb '#2ca02c'")
        s = TERM % (1000, 520)
        s += 'set output "%s-layers.png"\n' % os.path.abspath(STEM)
        s += ('set title "What each kernel layer costs per run (medians; /bin/true unless marked)"\n'
              'set ylabel "ms per run"\nset grid ytics\nset style data histograms\n'
              'set style histogram clustered gap 1\nset style fill solid 0.8 border -1\n'
              'set key top left\nset xtics nomirror\nset xzeroaxis lt -1\n')
        s += "plot " + ", ".join(plots) + "\n"
        if gp_run("layers.gp", s):
            charts.append(("Cost of each kernel layer", "%s-layers.png" % BASE))

    # 3. throughput
    if TP:
        cols = []
        lines = ["# workers " + " ".join('"%s"' % r for r in tp_runners)]
        for w in tp_workers:
            lines.append("%d\t" % w + "\t".join("%.2f" % (tp_rate(r, w) or float("nan")) for r in tp_runners))
        write("throughput.dat", "\n".join(lines) + "\n")
        s = TERM % (1100, 480)
        s += 'set output "%s-throughput.png"\n' % os.path.abspath(STEM)
        s += "set multiplot layout 1,2\nset grid\nset logscale x 2\nset xtics (%s)\n" % ",".join(str(w) for w in tp_workers)
        s += "set xrange [0.8:%g]\n" % (max(tp_workers) * 1.25)
        s += 'unset xlabel\nset key bmargin center horizontal Left reverse maxrows 3 width -2\n'
        s += 'set title "Throughput: /bin/true runs per second vs concurrent workers"\nset ylabel "runs/s (log scale)"\nset logscale y\n'
        s += "plot " + ", ".join("'throughput.dat' using 1:%d with linespoints lw 2 pt 7 lc rgb '%s' title '%s'"
                                 % (i + 2, color(r), esc(r)) for i, r in enumerate(tp_runners)) + "\n"
        s += 'set title "Latency per run under load (workers / rate)"\nset ylabel "ms per run (log scale)"\nset logscale y\n'
        s += "plot " + ", ".join("'throughput.dat' using 1:($1*1000/$%d) with linespoints lw 2 pt 7 lc rgb '%s' title '%s'"
                                 % (i + 2, color(r), esc(r)) for i, r in enumerate(tp_runners)) + "\n"
        s += "unset multiplot\n"
        if gp_run("throughput.gp", s):
            charts.append(("Throughput and concurrency", "%s-throughput.png" % BASE))

    def series_plot(fname, title, xlabel, ylabel, series, logx=True, logy=True, extra="", xbytes=False):
        """series: list of (label, [(x, y)...], color); labels starting with "bare" are dashed"""
        blocks = []
        for label, pts, c in series:
            blocks.append("\n".join("%g\t%g" % p for p in sorted(pts)))
        write(fname + ".dat", "\n\n\n".join(blocks) + "\n")
        # no x label: the key sits below the plot, the title names the x axis
        s = ("set title \"%s\"\nunset xlabel\nset ylabel \"%s\"\nset grid\n"
             "set key bmargin center horizontal Left reverse maxrows 3 width -2\n") % (esc(title), ylabel)
        s += 'set format x "%.0s%cB"\n' if xbytes else 'set format x "%g"\n'
        s += ("set logscale x\n" if logx else "unset logscale x\n") + ("set logscale y\n" if logy else "unset logscale y\n")
        s += extra
        s += "plot " + ", ".join("'%s.dat' index %d using 1:2 with linespoints lw 2 pt 7 dt %d lc rgb '%s' title '%s'"
                                 % (fname, i, 2 if label.startswith("bare") else 1, c, esc(label))
                                 for i, (label, pts, c) in enumerate(series)) + "\n"
        return s

    palette = ["#555555", "#d62728", "#ff9896", "#1f77b4", "#aec7e8", "#2ca02c", "#98df8a", "#9467bd"]
    FILE_COLORS = {"bare create (tmpfs)": "#d62728", "langjail (tmpfs workdir)": "#d62728",
                   "bare rm -rf (tmpfs)": "#ff7f0e", "bare rm -rf (disk)": "#2ca02c"}
    # 4. output + memory
    if capture:
        s = TERM % (1100, 480)
        s += 'set output "%s-scaling-output.png"\nset multiplot layout 1,2\n' % os.path.abspath(STEM)
        OUT_COLORS = ["#555555", "#d62728", "#ff9896", "#1f77b4", "#aec7e8"]
        s += series_plot("output", "Run time vs bytes the program writes", "bytes written by the program", "median ms",
                         [(m, capture[m], OUT_COLORS[i]) for i, m in enumerate(OUT_MODES) if m in capture],
                         xbytes=True)
        if mem_series:
            s += series_plot("memory", "Supervisor peak RSS vs bytes the program writes", "bytes written by the program",
                             "kB (langjail process alone)",
                             [("stream", mem_series.get("stream", []), "#d62728"),
                              ("--json (capture)", mem_series.get("--json", []), "#1f77b4")], xbytes=True)
        s += "unset multiplot\n"
        if gp_run("scaling-output.gp", s):
            charts.append(("Output size: time and supervisor memory", "%s-scaling-output.png" % BASE))
    # 5. files
    if files:
        s = TERM % (1100, 480)
        s += 'set output "%s-scaling-files.png"\nset multiplot layout 1,2\n' % os.path.abspath(STEM)
        s += series_plot("files", "Run time vs files left in the workdir", "files", "median ms",
                         [(m, files[m], FILE_COLORS[m]) for m in FILE_MODES if m in files])
        cl = []
        for key, label, c in (("teardown tmpfs", "langjail teardown (tmpfs workdir)", "#d62728"),
                              ("teardown disk", "langjail teardown (disk workdir)", "#1f77b4")):
            if files.get(key):
                cl.append((label, files[key], c))
        s += series_plot("cleanup", "Removing the files: langjail teardown vs rm -rf",
                         "files", "ms", [x for x in cl if x[1]])
        s += "unset multiplot\n"
        if gp_run("scaling-files.gp", s):
            charts.append(("Files left at cleanup", "%s-scaling-files.png" % BASE))
    # 6. argv + input
    if argv_series or in_series:
        s = TERM % (1100, 480)
        s += 'set output "%s-scaling-inputs.png"\nset multiplot layout 1,2\n' % os.path.abspath(STEM)
        if argv_series:
            s += series_plot("argv", "Time vs argv size, /bin/true", "argv bytes", "median ms",
                             [(k, v, color(k)) for k, v in argv_series.items()], logy=False,
                             extra="set yrange [0:*]\n", xbytes=True)
        if in_series:
            s += series_plot("input", "Time vs input size, cat", "input bytes", "median ms",
                             [(k, v, {"langjail -i": "#d62728", "langjail -f": "#ff7f0e"}.get(k, color(k)))
                              for k, v in in_series.items()], xbytes=True, extra="set yrange [*:*]\n")
        s += "unset multiplot\n"
        if gp_run("scaling-inputs.gp", s):
            charts.append(("argv and input size", "%s-scaling-inputs.png" % BASE))

if charts:
    P("## Charts")
    P("")
    for title, f in charts:
        P("### %s" % title)
        P("")
        P("![%s](%s)" % (title, f))
        P("")

# ------------------------------------------------------------------ skipped, notes
if SKIPPED or notes:
    P("## Skipped and notes")
    P("")
    for name, why in SKIPPED:
        P("- skipped **%s**: %s" % (name, why))
    for n in notes:
        P("- %s" % n)
    P("")

# ------------------------------------------------------------------ commands
P("## Exact command lines")
P("")
P("Scratch directory of this run: `%s` (removed afterwards); `%s/langjail` in the commands is a copy "
  "of `%s` (sha256 %s…) taken at the start, so a rebuild during the run cannot change what is "
  "measured. Configuration (`bench.conf`, root-owned 0644):"
  % (META.get("tmp", "?"), META.get("tmp", "?"), META.get("langjail", "?"), META.get("langjail_sha256", "?")))
P("")
P("```ini")
P(META.get("conf", "").rstrip())
P("```")
P("")
P("Language files (from `bench/languages/`, and `c.ini` and `java.ini` from `languages/`, "
  "installed root-owned into `langs/`):")
P("")
for k in sorted(META):
    if k.startswith("language "):
        P("```ini")
        P("; %s" % k.split(" ", 1)[1])
        P(META[k].strip())
        P("```")
P("")
P("Latency and scaling: each table is one hyperfine call per round, "
  "`hyperfine -N --style basic --output=pipe -w WARMUP -r RUNS [-i] --export-json RAW/<id>.r<round>.json "
  "-n NAME... [--prepare CMD...] COMMAND...` (`-i` only for the output series, whose capped "
  "runs exit 137). Commands per table:")
P("")
for gid in GROUP_ORDER:
    g = GROUPS[gid]
    rows = read_tsv(gid + ".cmds")
    P("<details><summary>%s (%s round(s) × %s runs, %s warm-up)</summary>" % (g["title"], g["rounds"], g["runs"], g["warmup"]))
    P("")
    P("```sh")
    for r in rows:
        P("# %s%s" % (r[0], "" if r[1] == "0" else " (expected exit %s)" % r[1]))
        P(r[2])
    P("```")
    P("")
    P("</details>")
    P("")
ph_cmds = []
for rs in PHASES.values():
    for r in rs:
        if r["command"] not in ph_cmds:
            ph_cmds.append(r["command"])
if ph_cmds:
    P("<details><summary>compile and run phases (--json)</summary>")
    P("")
    P("```sh")
    for c in ph_cmds:
        P(c)
    P("```")
    P("")
    P("</details>")
    P("")
if tp:
    P("<details><summary>throughput</summary>")
    P("")
    P("```sh")
    seen = set()
    for r in tp:
        if r["command"] not in seen:
            seen.add(r["command"])
            P(r["command"])
    P("```")
    P("")
    P("</details>")
    P("")
if rss:
    P("<details><summary>memory</summary>")
    P("")
    P("```sh")
    seen = set()
    for r in rss:
        if r["command"] not in seen:
            seen.add(r["command"])
            P("bench/rss OUT %s    # and: /usr/bin/time -f %%M -o OUT %s" % (r["command"], r["command"]))
    P("```")
    P("")
    P("</details>")
    P("")

with open(STEM + ".md", "w") as f:
    f.write("\n".join(md))
print(STEM + ".md")
