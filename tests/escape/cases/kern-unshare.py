# id: kern-unshare
# category: kernel
# tries: create user, mount, net and pid namespaces with unshare(2) and clone(2) (a user namespace hands out capabilities over new namespaces)
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

CLONE_NEWNS, CLONE_NEWUSER, CLONE_NEWPID, CLONE_NEWNET = 0x20000, 0x10000000, 0x20000000, 0x40000000
NR_UNSHARE, NR_CLONE = 272, 56
for label, flags in (("CLONE_NEWUSER", CLONE_NEWUSER),
                     ("CLONE_NEWUSER|CLONE_NEWNS|CLONE_NEWNET", CLONE_NEWUSER | CLONE_NEWNS | CLONE_NEWNET),
                     ("CLONE_NEWNS", CLONE_NEWNS), ("CLONE_NEWNET", CLONE_NEWNET)):
    def child(flags=flags):
        r, e = sc(NR_UNSHARE, ctypes.c_ulong(flags))
        return 0 if r == 0 else min(e, 98)
    st = in_child(child)
    if st == 0:
        esc("unshare(%s) succeeded" % label)
    else:
        notes.append("unshare(%s): %s" % (label, why(st)))
# clone(2) with a NULL stack behaves like fork: the child returns 0 and leaves
r, e = sc(NR_CLONE, ctypes.c_ulong(CLONE_NEWUSER | 17), None, None, None, ctypes.c_ulong(0))
if r == 0:
    os._exit(0)
if r > 0:
    os.waitpid(r, 0)
    esc("clone(CLONE_NEWUSER) created pid %d" % r)
else:
    notes.append("clone(CLONE_NEWUSER): %s" % os.strerror(e))
if not HITS:
    print("LANGJAIL-BLOCKED: " + "; ".join(notes), flush=True)
