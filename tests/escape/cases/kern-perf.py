# id: kern-perf
# category: kernel
# tries: open a perf event on itself (a user-space-only software counter, allowed by perf_event_paranoid=2)
# expect: blocked
# layers: seccomp
import ctypes
import os
import sys

A = dict(a.split("=", 1) for a in sys.argv[1:] if "=" in a)
HITS = []


def esc(msg):
    HITS.append(msg)
    print("LANGJAIL-ESCAPED: " + msg, flush=True)


libc = ctypes.CDLL(None, use_errno=True)
libc.syscall.restype = ctypes.c_long


def sc(nr, *args):
    """Raw syscall; returns (result, errno)."""
    r = libc.syscall(ctypes.c_long(nr), *args)
    return r, (ctypes.get_errno() if r < 0 else 0)


def in_child(fn):
    """Run fn() in a forked child; returns its exit status (or -signal)."""
    pid = os.fork()
    if pid == 0:
        try:
            os._exit(fn())
        except BaseException:
            os._exit(99)
    _, st = os.waitpid(pid, 0)
    return os.WEXITSTATUS(st) if os.WIFEXITED(st) else -os.WTERMSIG(st)


def why(st):
    if st < 0:
        return "killed by signal %d" % -st
    return "python exception" if st == 99 else os.strerror(st)


notes = []
NR_PERF_EVENT_OPEN = 298


class PerfAttr(ctypes.Structure):
    _fields_ = [("type", ctypes.c_uint32), ("size", ctypes.c_uint32),
                ("config", ctypes.c_uint64), ("sample_period", ctypes.c_uint64),
                ("sample_type", ctypes.c_uint64), ("read_format", ctypes.c_uint64),
                ("flags", ctypes.c_uint64), ("pad", ctypes.c_uint8 * 64)]


# PERF_TYPE_SOFTWARE, PERF_COUNT_SW_TASK_CLOCK; disabled | exclude_kernel | exclude_hv
a = PerfAttr(type=1, size=112, config=1, flags=1 | (1 << 5) | (1 << 6))
r, e = sc(NR_PERF_EVENT_OPEN, ctypes.byref(a), 0, -1, -1, ctypes.c_ulong(0))
if r >= 0:
    esc("perf_event_open(self, task-clock) returned fd %d" % r)
else:
    notes.append("perf_event_open self: %s" % os.strerror(e))
# system-wide (pid -1, cpu 0) needs CAP_PERFMON; try it too
r, e = sc(NR_PERF_EVENT_OPEN, ctypes.byref(a), -1, 0, -1, ctypes.c_ulong(0))
if r >= 0:
    esc("perf_event_open(all processes, cpu 0) returned fd %d" % r)
else:
    notes.append("perf_event_open cpu-wide: %s" % os.strerror(e))
if not HITS:
    print("LANGJAIL-BLOCKED: " + "; ".join(notes), flush=True)
