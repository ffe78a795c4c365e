# id: kern-mount
# category: kernel
# tries: mount a tmpfs, detach /tmp and /proc, and use the new mount API (fsopen, open_tree, fspick)
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

NR_UMOUNT2, NR_FSOPEN, NR_OPEN_TREE, NR_FSPICK = 166, 430, 428, 433
r = libc.mount(b"none", os.getcwd().encode(), b"tmpfs", ctypes.c_ulong(0), None)
if r == 0:
    esc("mount(tmpfs) on the workdir succeeded")
else:
    notes.append("mount: %s" % os.strerror(ctypes.get_errno()))
for path in (b"/tmp", b"/proc", os.getcwd().encode()):
    r, e = sc(NR_UMOUNT2, path, 2)  # MNT_DETACH
    if r == 0:
        esc("umount2(%s, MNT_DETACH) succeeded" % path.decode())
    else:
        notes.append("umount2 %s: %s" % (path.decode(), os.strerror(e)))
r, e = sc(NR_FSOPEN, b"tmpfs", 0)
if r >= 0:
    esc("fsopen(tmpfs) returned fd %d" % r)
else:
    notes.append("fsopen: %s" % os.strerror(e))
r, e = sc(NR_OPEN_TREE, -100, b"/", 1 | 0x80000)  # OPEN_TREE_CLONE | O_CLOEXEC
if r >= 0:
    esc("open_tree(/, OPEN_TREE_CLONE) returned fd %d" % r)
else:
    notes.append("open_tree: %s" % os.strerror(e))
r, e = sc(NR_FSPICK, -100, b"/", 0)
if r >= 0:
    esc("fspick(/) returned fd %d" % r)
else:
    notes.append("fspick: %s" % os.strerror(e))
if not HITS:
    print("LANGJAIL-BLOCKED: " + "; ".join(notes), flush=True)
