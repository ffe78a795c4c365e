# id: kern-seccomp-arch
# category: kernel
# tries: bypass a number-based seccomp filter: unshare(CLONE_NEWUSER) through the i386 ABI (int 0x80, nr 310) and the x32 ABI (nr | 0x40000000)
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

import mmap

CLONE_NEWUSER = 0x10000000
X32_BIT = 0x40000000


def int80_unshare():
    # push rbx; mov eax, 310; mov ebx, CLONE_NEWUSER; int 0x80; pop rbx; ret
    code = (b"\x53" + b"\xb8" + (310).to_bytes(4, "little") + b"\xbb"
            + CLONE_NEWUSER.to_bytes(4, "little") + b"\xcd\x80" + b"\x5b\xc3")
    m = mmap.mmap(-1, mmap.PAGESIZE, prot=mmap.PROT_READ | mmap.PROT_WRITE | mmap.PROT_EXEC)
    m.write(code)
    addr = ctypes.addressof(ctypes.c_char.from_buffer(m))
    fn = ctypes.CFUNCTYPE(ctypes.c_int)(addr)
    r = fn()
    return 0 if r == 0 else min(-r, 98)


def x32_unshare():
    r, e = sc(X32_BIT | 272, ctypes.c_ulong(CLONE_NEWUSER))
    return 0 if r == 0 else min(e, 98)


for label, fn in (("i386 int 0x80 unshare", int80_unshare), ("x32 unshare", x32_unshare)):
    st = in_child(fn)
    if st == 0:
        esc("%s(CLONE_NEWUSER) succeeded" % label)
    else:
        notes.append("%s: %s" % (label, why(st)))
if not HITS:
    print("LANGJAIL-BLOCKED: " + "; ".join(notes), flush=True)
