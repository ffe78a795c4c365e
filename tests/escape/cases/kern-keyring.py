# id: kern-keyring
# category: kernel
# tries: use the kernel keyrings: add a key, join a session keyring, and read a key the runner stored in the jail uid's user keyring outside
# expect: blocked
# layers: seccomp
# needs: keyring
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
NR_ADD_KEY, NR_KEYCTL = 248, 250
KEY_SPEC_SESSION_KEYRING, KEY_SPEC_USER_KEYRING = -3, -4
KEYCTL_JOIN_SESSION_KEYRING, KEYCTL_READ, KEYCTL_SEARCH = 1, 11, 10
r, e = sc(NR_ADD_KEY, b"user", b"ljx-probe", b"x", ctypes.c_size_t(1),
          ctypes.c_int(KEY_SPEC_SESSION_KEYRING))
if r >= 0:
    esc("add_key to the session keyring returned key %d" % r)
else:
    notes.append("add_key: %s" % os.strerror(e))
r, e = sc(NR_KEYCTL, KEYCTL_JOIN_SESSION_KEYRING, b"ljx-session")
if r >= 0:
    esc("keyctl(JOIN_SESSION_KEYRING) returned %d" % r)
else:
    notes.append("join session keyring: %s" % os.strerror(e))
kid, e = sc(NR_KEYCTL, KEYCTL_SEARCH, ctypes.c_long(KEY_SPEC_USER_KEYRING), b"user",
            b"ljx-canary", ctypes.c_long(0))
if kid >= 0:
    buf = ctypes.create_string_buffer(256)
    n, e = sc(NR_KEYCTL, KEYCTL_READ, ctypes.c_long(kid), buf, ctypes.c_size_t(256))
    esc("found the runner's key %d in the user keyring: %r"
        % (kid, buf.raw[:max(n, 0)] if n >= 0 else os.strerror(e)))
else:
    notes.append("search user keyring: %s" % os.strerror(e))
if not HITS:
    print("LANGJAIL-BLOCKED: " + "; ".join(notes), flush=True)
