# id: kern-clone3
# category: kernel
# tries: create a user namespace with clone3(2), whose flags sit in memory a seccomp filter cannot read
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

NR_CLONE3 = 435


class CloneArgs(ctypes.Structure):
    _fields_ = [(n, ctypes.c_uint64) for n in ("flags", "pidfd", "child_tid", "parent_tid",
                                                 "exit_signal", "stack", "stack_size", "tls")]


for label, flags in (("CLONE_NEWUSER", 0x10000000), ("CLONE_NEWUSER|CLONE_NEWNS", 0x10020000),
                     ("none (plain fork)", 0)):
    args = CloneArgs(flags=flags, exit_signal=17)
    r, e = sc(NR_CLONE3, ctypes.byref(args), ctypes.c_size_t(ctypes.sizeof(args)))
    if r == 0:
        os._exit(0)
    if r > 0:
        os.waitpid(r, 0)
        if flags:
            esc("clone3(%s) created pid %d" % (label, r))
        else:
            notes.append("clone3 plain fork allowed")
    else:
        notes.append("clone3(%s): %s" % (label, os.strerror(e)))
if not HITS:
    print("LANGJAIL-BLOCKED: " + "; ".join(notes), flush=True)
