# id: write-dev-shm
# category: write
# tries: create a file, a POSIX shared memory object and a named semaphore in the host's /dev/shm
# expect: blocked
# layers: mountns landlock mac
import ctypes
import os
import sys

A = dict(a.split("=", 1) for a in sys.argv[1:] if "=" in a)
HITS = []


def esc(msg):
    HITS.append(msg)
    print("LANGJAIL-ESCAPED: " + msg, flush=True)


run = A.get("run", "x")
notes = []
try:
    fd = os.open("/dev/shm/ljx-%s-file" % run, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o644)
    os.write(fd, b"ljx")
    esc("created /dev/shm/ljx-%s-file" % run)
except OSError as e:
    notes.append("open: %s" % e.strerror)
libc = ctypes.CDLL(None, use_errno=True)
fd = libc.shm_open(("/ljx-%s-shm" % run).encode(), os.O_CREAT | os.O_RDWR, 0o600)
if fd >= 0:
    esc("shm_open created /ljx-%s-shm" % run)
else:
    notes.append("shm_open: %s" % os.strerror(ctypes.get_errno()))
libc.sem_open.restype = ctypes.c_void_p
sem = libc.sem_open(("/ljx-%s-sem" % run).encode(), os.O_CREAT, 0o600, 1)
if sem not in (None, 0, ctypes.c_void_p(-1).value):
    esc("sem_open created /ljx-%s-sem" % run)
else:
    notes.append("sem_open: %s" % os.strerror(ctypes.get_errno()))
if not HITS:
    print("LANGJAIL-BLOCKED: " + "; ".join(notes), flush=True)
