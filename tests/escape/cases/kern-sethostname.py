# id: kern-sethostname
# category: kernel
# tries: change the host name and NIS domain name (sethostname, setdomainname)
# expect: blocked
# layers: seccomp uid utsns
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
before = os.uname().nodename
r = libc.sethostname(b"ljx-hostname", 12)
if r == 0:
    esc("sethostname succeeded (was %s, now %s)" % (before, os.uname().nodename))
    libc.sethostname(before.encode(), len(before))
else:
    notes.append("sethostname: %s" % os.strerror(ctypes.get_errno()))
r = libc.setdomainname(b"ljx-domain", 10)
if r == 0:
    esc("setdomainname succeeded")
else:
    notes.append("setdomainname: %s" % os.strerror(ctypes.get_errno()))
if not HITS:
    print("LANGJAIL-BLOCKED: " + "; ".join(notes), flush=True)
