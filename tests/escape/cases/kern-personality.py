# id: kern-personality
# category: kernel
# tries: set dangerous personalities: READ_IMPLIES_EXEC, MMAP_PAGE_ZERO, PER_LINUX32, legacy personas
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
libc.personality.restype = ctypes.c_int
libc.personality.argtypes = [ctypes.c_ulong]
QUERY = 0xffffffff
orig = libc.personality(QUERY)
for name, persona in (("READ_IMPLIES_EXEC", 0x0400000), ("MMAP_PAGE_ZERO", 0x0100000),
                      ("PER_LINUX32", 0x0008), ("PER_SVR4", 0x0001 | 0x0100000 | 0x4000000),
                      ("ADDR_COMPAT_LAYOUT", 0x0200000)):
    r = libc.personality(persona)
    if r >= 0:
        now = libc.personality(QUERY)
        libc.personality(orig)
        if now == persona:
            esc("personality(%s) took effect" % name)
        else:
            notes.append("personality(%s): accepted, persona now %#x" % (name, now))
    else:
        notes.append("personality(%s): %s" % (name, os.strerror(ctypes.get_errno())))
if not HITS:
    print("LANGJAIL-BLOCKED: " + "; ".join(notes), flush=True)
