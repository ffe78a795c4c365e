# id: kern-io-uring
# category: kernel
# tries: set up an io_uring instance (io_uring_setup; its rings count against RLIMIT_MEMLOCK), which bypasses syscall filtering for the operations it performs
# expect: blocked
# layers: seccomp rlimits
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
NR_IO_URING_SETUP = 425
params = (ctypes.c_uint8 * 120)()
r, e = sc(NR_IO_URING_SETUP, 4, ctypes.byref(params))
if r >= 0:
    esc("io_uring_setup returned fd %d" % r)
else:
    notes.append("io_uring_setup: %s" % os.strerror(e))
if not HITS:
    print("LANGJAIL-BLOCKED: " + "; ".join(notes), flush=True)
