# id: kern-privileged-syscalls
# category: kernel
# tries: kexec_load, kexec_file_load, init_module, finit_module, delete_module, iopl, ioperm, reboot, swapon, acct, open_by_handle_at, vhangup with arguments that fail harmlessly once past the permission check
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
class FileHandle(ctypes.Structure):
    _fields_ = [("handle_bytes", ctypes.c_uint), ("handle_type", ctypes.c_int),
                ("f_handle", ctypes.c_ubyte * 128)]


# a well-formed but meaningless handle: ESTALE once past the capability check
handle = FileHandle(handle_bytes=8, handle_type=1)
calls = [
    # name, nr, args; an errno other than EPERM (or ENOSYS) means the call got
    # past both the filter and the capability check, and only failed on the
    # deliberately invalid argument
    ("kexec_load", 246, (ctypes.c_ulong(0), ctypes.c_ulong(0), None, ctypes.c_ulong(0xdead0000))),
    ("kexec_file_load", 320, (-1, -1, ctypes.c_ulong(0), None, ctypes.c_ulong(0xdead0000))),
    ("init_module", 175, (None, ctypes.c_ulong(0), b"")),
    ("finit_module", 313, (-1, b"", 0)),
    ("delete_module", 176, (b"ljx_no_such_module", 0o4000)),
    ("iopl", 172, (3,)),
    ("ioperm", 173, (ctypes.c_ulong(0x80), ctypes.c_ulong(1), 1)),
    ("reboot", 169, (0, 0, 0, None)),
    ("swapon", 167, (None, 0)),
    ("acct", 163, (None,)),
    ("open_by_handle_at", 304, (-100, ctypes.byref(handle), 0)),
    ("vhangup", 153, ()),
]
for name, nr, args in calls:
    r, e = sc(nr, *args)
    if r >= 0 or e not in (1, 38):  # EPERM, ENOSYS
        esc("%s got past the permission check (%s)" % (name, "ok" if r >= 0 else os.strerror(e)))
    else:
        notes.append("%s: %s" % (name, os.strerror(e)))
if not HITS:
    print("LANGJAIL-BLOCKED: " + "; ".join(notes), flush=True)
