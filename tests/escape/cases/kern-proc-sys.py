# id: kern-proc-sys
# category: kernel
# tries: open sysctls and /proc/sysrq-trigger for writing (nothing is written), lower its own oom_score_adj, write its uid_map
# expect: blocked
# layers: uid landlock mac
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
for p in ("/proc/sys/kernel/core_pattern", "/proc/sys/kernel/modprobe", "/proc/sys/vm/drop_caches",
          "/proc/sys/kernel/hostname", "/proc/sysrq-trigger", "/proc/sys/fs/protected_symlinks",
          "/sys/kernel/mm/transparent_hugepage/enabled", "/sys/kernel/uevent_helper"):
    try:
        fd = os.open(p, os.O_WRONLY)
        os.close(fd)
        esc("opened %s for writing" % p)
    except OSError as e:
        notes.append("%s: %s" % (p, e.strerror))
try:
    with open("/proc/self/oom_score_adj", encoding="utf-8") as f:
        cur = int(f.read())
    with open("/proc/self/oom_score_adj", "w") as f:
        f.write("%d\n" % -1000)
    with open("/proc/self/oom_score_adj", encoding="utf-8") as f:
        now = int(f.read())
    if now < cur:
        esc("lowered oom_score_adj from %d to %d" % (cur, now))
except (OSError, ValueError) as e:
    notes.append("oom_score_adj: %s" % e)
for p, v in (("/proc/self/uid_map", "0 0 1\n"), ("/proc/self/setgroups", "allow\n")):
    try:
        with open(p, "w") as f:
            f.write(v)
        esc("wrote %s" % p)
    except OSError as e:
        notes.append("%s: %s" % (p, e.strerror))
if not HITS:
    print("LANGJAIL-BLOCKED: " + "; ".join(notes), flush=True)
