# id: info-dmesg
# category: information
# tries: read the kernel log with syslog(2) (klogctl) and /dev/kmsg
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


notes = []
libc = ctypes.CDLL(None, use_errno=True)
buf = ctypes.create_string_buffer(4096)
r = libc.klogctl(3, buf, 4096)  # SYSLOG_ACTION_READ_ALL
if r > 0:
    esc("klogctl(READ_ALL) returned %d bytes: %r" % (r, buf.raw[:60]))
else:
    notes.append("klogctl: %s" % (os.strerror(ctypes.get_errno()) if r < 0 else "empty"))
try:
    fd = os.open("/dev/kmsg", os.O_RDONLY | os.O_NONBLOCK)
    try:
        data = os.read(fd, 4096)
        esc("read /dev/kmsg: %r" % data[:60])
    except OSError as e:
        notes.append("/dev/kmsg read: %s" % e.strerror)
except OSError as e:
    notes.append("/dev/kmsg: %s" % e.strerror)
if not HITS:
    print("LANGJAIL-BLOCKED: " + "; ".join(notes), flush=True)
