# id: kern-userfaultfd
# category: kernel
# tries: create a userfaultfd (user-mode only, allowed unprivileged) and open /dev/userfaultfd: the tool of many kernel race exploits
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
NR_USERFAULTFD = 323
UFFD_USER_MODE_ONLY, O_CLOEXEC = 1, 0o2000000
r, e = sc(NR_USERFAULTFD, O_CLOEXEC | UFFD_USER_MODE_ONLY)
if r >= 0:
    esc("userfaultfd(UFFD_USER_MODE_ONLY) returned fd %d" % r)
else:
    notes.append("userfaultfd: %s" % os.strerror(e))
try:
    fd = os.open("/dev/userfaultfd", os.O_RDWR)
    esc("opened /dev/userfaultfd (fd %d)" % fd)
except OSError as e:
    notes.append("/dev/userfaultfd: %s" % e.strerror)
if not HITS:
    print("LANGJAIL-BLOCKED: " + "; ".join(notes), flush=True)
