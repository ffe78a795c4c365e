# id: read-leaked-fds
# category: read
# tries: use file descriptors inherited from the supervisor (a host directory or file) to read outside the jail
# expect: blocked
# layers: supervisor
import os
import stat
import sys

A = dict(a.split("=", 1) for a in sys.argv[1:] if "=" in a)
HITS = []


def esc(msg):
    HITS.append(msg)
    print("LANGJAIL-ESCAPED: " + msg, flush=True)


notes = []
mine = os.getcwd()
try:
    fds = sorted(int(n) for n in os.listdir("/proc/self/fd"))
except OSError as e:
    notes.append("/proc/self/fd: %s; probing fds 0-1023" % e.strerror)
    fds = []
    for fd in range(1024):
        try:
            os.fstat(fd)
            fds.append(fd)
        except OSError:
            pass
for fd in fds:
    try:
        where = os.readlink("/proc/self/fd/%d" % fd)
    except OSError:
        try:
            st = os.fstat(fd)
        except OSError:
            continue
        if fd > 2:
            esc("fd %d is open (mode %o, dev %d ino %d) though the program opened nothing"
                % (fd, st.st_mode, st.st_dev, st.st_ino))
        continue
    if fd <= 2:
        notes.append("fd %d -> %s" % (fd, where))
        continue
    if where.startswith("/proc/") and str(os.getpid()) in where:
        continue  # the listdir above
    try:
        st = os.fstat(fd)
    except OSError:
        continue
    if where.endswith("/fd") or where == "/proc/%d/fd" % os.getpid():
        continue
    if stat.S_ISDIR(st.st_mode):
        if where != mine and not where.startswith(mine + "/"):
            try:
                names = os.listdir(os.open("..", os.O_RDONLY | os.O_DIRECTORY, dir_fd=fd))
                esc("inherited directory fd %d (%s): parent lists %s" % (fd, where, names[:10]))
            except OSError as e:
                esc("inherited directory fd %d outside the workdir: %s (%s)"
                    % (fd, where, e.strerror))
    elif stat.S_ISREG(st.st_mode) and not where.startswith(mine):
        esc("inherited file fd %d: %s" % (fd, where))
    elif where.startswith(("pipe:", "socket:", "anon_inode:")):
        esc("inherited fd %d from outside the program: %s" % (fd, where))
    else:
        notes.append("fd %d -> %s" % (fd, where))
if not HITS:
    print("LANGJAIL-BLOCKED: only " + "; ".join(notes), flush=True)
