# id: proc-tiocsti
# category: process
# tries: push keystrokes into the caller's terminal with TIOCSTI (also with high bits set, CVE-2019-10063) on fds 0-2 and /dev/tty, and TIOCLINUX
# expect: blocked
# layers: seccomp supervisor
# needs: tty
import ctypes
import os
import sys

A = dict(a.split("=", 1) for a in sys.argv[1:] if "=" in a)
HITS = []


def esc(msg):
    HITS.append(msg)
    print("LANGJAIL-ESCAPED: " + msg, flush=True)


libc = ctypes.CDLL(None, use_errno=True)
libc.ioctl.argtypes = [ctypes.c_int, ctypes.c_ulong, ctypes.c_void_p]
TIOCSTI, TIOCLINUX = 0x5412, 0x541C
notes = []
fds = [(0, "fd 0"), (1, "fd 1"), (2, "fd 2")]
try:
    fds.append((os.open("/dev/tty", os.O_RDWR), "/dev/tty"))
except OSError as e:
    notes.append("/dev/tty: %s" % e.strerror)
payload = b"\n# ljx-injected\n"
for fd, label in fds:
    for req, name in ((TIOCSTI, "TIOCSTI"), (TIOCSTI | (1 << 32), "TIOCSTI|1<<32")):
        ok = 0
        for ch in payload:
            c = ctypes.c_char(bytes([ch]))
            if libc.ioctl(fd, req, ctypes.byref(c)) == 0:
                ok += 1
            else:
                notes.append("%s %s: %s" % (name, label, os.strerror(ctypes.get_errno())))
                break
        if ok:
            esc("%s on %s pushed %d bytes into the terminal" % (name, label, ok))
    arg = ctypes.c_char(b"\x0c")  # TIOCL_GETKMSGREDIRECT-ish query, harmless
    if libc.ioctl(fd, TIOCLINUX, ctypes.byref(arg)) == 0:
        esc("TIOCLINUX on %s accepted" % label)
if not HITS:
    print("LANGJAIL-BLOCKED: " + "; ".join(sorted(set(notes))), flush=True)
