#!/usr/bin/env python3
"""bench/loadmon.py ROOT_PID [INTERVAL]: print, every INTERVAL seconds
(default 2), a line "unix-time<TAB>1-min-loadavg<TAB>name=%cpu ..." listing
the processes that used at least 25% of one CPU in the interval and are not
ROOT_PID or its descendants (the benchmark, its runners and the programs
they jail) nor kernel threads (which also do the benchmark's deferred work).
bench/run keeps it running in the background; the report flags the tables
that were measured while another process was busy."""

import os
import sys
import time

root = sys.argv[1]
interval = float(sys.argv[2]) if len(sys.argv) > 2 else 2.0
hz = os.sysconf("SC_CLK_TCK")
me = str(os.getpid())


def snapshot():
    """pid -> (name, ppid, cpu ticks)"""
    out = {}
    for pid in os.listdir("/proc"):
        if not pid.isdigit():
            continue
        try:
            with open("/proc/%s/stat" % pid) as f:
                s = f.read()
        except OSError:
            continue
        name = s[s.index("(") + 1:s.rindex(")")]
        fields = s[s.rindex(")") + 2:].split()
        out[pid] = (name, fields[1], int(fields[11]) + int(fields[12]))
    return out


def foreign(pid, snap):
    seen = 0
    p = pid
    while p in snap and seen < 64:
        if p in (root, me):
            return False
        if p == "2" or snap[p][1] == "2":
            return False  # a kernel thread
        p = snap[p][1]
        seen += 1
    return p not in (root, me)


prev, t_prev = snapshot(), time.monotonic()
while True:
    time.sleep(interval)
    cur, t_cur = snapshot(), time.monotonic()
    dt = t_cur - t_prev
    busy = {}
    for pid, (name, _, ticks) in cur.items():
        if not foreign(pid, cur):
            continue
        before = prev.get(pid)
        used = ticks - before[2] if before and before[0] == name else ticks
        if used > 0:
            busy[name] = busy.get(name, 0) + used / hz / dt * 100
    with open("/proc/loadavg") as f:
        load = f.read().split()[0]
    print("%d\t%s\t%s" % (time.time(), load,
                          " ".join("%s=%.0f" % (n, p) for n, p in sorted(busy.items()) if p >= 25)),
          flush=True)
    prev, t_prev = cur, t_cur
