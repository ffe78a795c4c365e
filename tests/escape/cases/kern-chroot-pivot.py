# id: kern-chroot-pivot
# category: kernel
# tries: chroot(2) and pivot_root(2) (with capabilities these undo the jail's file system view)
# expect: blocked
# layers: seccomp uid
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

NR_PIVOT_ROOT = 155
try:
    os.chroot(".")
    esc("chroot(.) succeeded")
except OSError as e:
    notes.append("chroot: %s" % e.strerror)
r, e = sc(NR_PIVOT_ROOT, b".", b".")
if r == 0:
    esc("pivot_root(., .) succeeded")
else:
    notes.append("pivot_root: %s" % os.strerror(e))
if not HITS:
    print("LANGJAIL-BLOCKED: " + "; ".join(notes), flush=True)
