# id: kern-bpf
# category: kernel
# tries: load an eBPF socket filter and create a BPF map with bpf(2)
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
NR_BPF = 321


class MapAttr(ctypes.Structure):
    _fields_ = [("map_type", ctypes.c_uint32), ("key_size", ctypes.c_uint32),
                ("value_size", ctypes.c_uint32), ("max_entries", ctypes.c_uint32),
                ("pad", ctypes.c_uint8 * 128)]


class ProgAttr(ctypes.Structure):
    _fields_ = [("prog_type", ctypes.c_uint32), ("insn_cnt", ctypes.c_uint32),
                ("insns", ctypes.c_uint64), ("license", ctypes.c_uint64),
                ("pad", ctypes.c_uint8 * 128)]


m = MapAttr(map_type=2, key_size=4, value_size=4, max_entries=1)  # BPF_MAP_TYPE_ARRAY
r, e = sc(NR_BPF, 0, ctypes.byref(m), ctypes.sizeof(m))  # BPF_MAP_CREATE
if r >= 0:
    esc("BPF_MAP_CREATE returned fd %d" % r)
else:
    notes.append("BPF_MAP_CREATE: %s" % os.strerror(e))
insns = (ctypes.c_uint64 * 2)(0x00000000000000b7, 0x0000000000000095)  # r0 = 0; exit
lic = ctypes.create_string_buffer(b"GPL")
p = ProgAttr(prog_type=1, insn_cnt=2, insns=ctypes.addressof(insns),  # SOCKET_FILTER
             license=ctypes.addressof(lic))
r, e = sc(NR_BPF, 5, ctypes.byref(p), ctypes.sizeof(p))  # BPF_PROG_LOAD
if r >= 0:
    esc("BPF_PROG_LOAD (socket filter) returned fd %d" % r)
else:
    notes.append("BPF_PROG_LOAD: %s" % os.strerror(e))
if not HITS:
    print("LANGJAIL-BLOCKED: " + "; ".join(notes), flush=True)
