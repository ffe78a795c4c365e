# id: proc-ptrace
# category: process
# tries: PTRACE_ATTACH / PTRACE_SEIZE, process_vm_readv and pidfd_getfd on the supervisor, the runner, victims and PID 1
# expect: blocked
# layers: seccomp pidns landlock
# needs: victim
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
libc.ptrace.restype = ctypes.c_long
libc.ptrace.argtypes = [ctypes.c_long, ctypes.c_long, ctypes.c_void_p, ctypes.c_void_p]
PTRACE_ATTACH, PTRACE_DETACH, PTRACE_SEIZE = 16, 17, 0x4206
NR_PROCESS_VM_READV, NR_PIDFD_OPEN, NR_PIDFD_GETFD = 310, 434, 438


class IOVec(ctypes.Structure):
    _fields_ = [("base", ctypes.c_void_p), ("len", ctypes.c_size_t)]


def uid_of(pid):
    try:
        with open("/proc/%d/status" % pid, encoding="utf-8") as f:
            for line in f:
                if line.startswith("Uid:"):
                    return int(line.split()[1])
    except OSError:
        return None
    return None


notes = []
targets = []
for key in ("supervisor", "runner", "victim", "victim65534"):
    if A.get(key, "").isdigit():
        targets.append((key, int(A[key])))
if uid_of(1) not in (None, os.getuid()):
    targets.append(("pid1", 1))
if not targets:
    print("LANGJAIL-SETUP-ERROR: no pids given", flush=True)
    sys.exit(1)
for key, pid in targets:
    if pid == os.getpid():
        continue
    for name, req in (("PTRACE_ATTACH", PTRACE_ATTACH), ("PTRACE_SEIZE", PTRACE_SEIZE)):
        r = libc.ptrace(req, pid, None, None)
        if r == 0:
            libc.ptrace(PTRACE_DETACH, pid, None, None)
            esc("%s of %s (pid %d) succeeded" % (name, key, pid))
        else:
            notes.append("%s %s: %s" % (name, key, os.strerror(ctypes.get_errno())))
    buf = ctypes.create_string_buffer(16)
    local = IOVec(ctypes.cast(buf, ctypes.c_void_p), 16)
    remote = IOVec(0x400000, 16)
    r = libc.syscall(NR_PROCESS_VM_READV, pid, ctypes.byref(local), 1, ctypes.byref(remote), 1, 0)
    e = ctypes.get_errno()
    if r >= 0 or e == 14:  # EFAULT: the permission check passed
        esc("process_vm_readv on %s (pid %d) passed the permission check (%s)"
            % (key, pid, "read" if r >= 0 else "EFAULT"))
    else:
        notes.append("process_vm_readv %s: %s" % (key, os.strerror(e)))
    pfd = libc.syscall(NR_PIDFD_OPEN, pid, 0)
    if pfd >= 0:
        r = libc.syscall(NR_PIDFD_GETFD, pfd, 0, 0)
        if r >= 0:
            esc("pidfd_getfd took fd 0 of %s (pid %d)" % (key, pid))
        else:
            notes.append("pidfd_getfd %s: %s" % (key, os.strerror(ctypes.get_errno())))
        os.close(pfd)
    else:
        notes.append("pidfd_open %s: %s" % (key, os.strerror(ctypes.get_errno())))
if not HITS:
    print("LANGJAIL-BLOCKED: " + "; ".join(notes), flush=True)
