#!/usr/bin/env python3
"""fixtures.py - host-side helpers for run-escape.

Everything here runs OUTSIDE the jail, started by run-escape; nothing here ever
runs an attack case. Modes:

  serve LOG PORTS FIXDIR TMPDIR ABSTRACT
        TCP and UDP listeners on 127.0.0.1 and ::1, unix stream listeners at
        FIXDIR/ljx.sock and TMPDIR/ljx.sock, and an abstract one named
        ABSTRACT. Writes "key=value" lines to PORTS once all are bound, then
        appends one line per connection or datagram (with what it received)
        to LOG. Any line in LOG is evidence that a jailed program got out.
  victim LOG
        Blocks every catchable signal and logs each one it receives (with the
        sender's pid and uid, from sigwaitinfo) to LOG; also logs when a
        tracer attaches. Run as the caller and, through setpriv, as the jail's
        uid: a jailed program must not be able to signal or trace either.
  result JSON OUTDIR
        Parses one `langjail run --json` object and writes OUTDIR/fields
        (shell-safe key=value lines), OUTDIR/stdout and OUTDIR/stderr (the
        decoded bytes). Exit 1 when JSON is not one valid object.
  pty LOG CMD...
        Runs CMD with a fresh pseudo-terminal as its controlling terminal and
        stdin (stdout/stderr inherited), then reports to LOG anything that was
        pushed into the terminal's input queue (TIOCSTI) or written to it.
  keyring SECRET SECONDS
        (run as the jail's uid) adds a "user" key named ljx-canary holding
        SECRET to that uid's user keyring, expiring after SECONDS.
  keyring-drop
        (run as the jail's uid) unlinks the ljx-canary key again.
"""
import base64
import ctypes
import errno
import json
import os
import select
import signal
import socket
import sys
import time


def log_line(path, text):
    if path == "-":
        sys.stdout.write("%.3f %s\n" % (time.time(), text))
        sys.stdout.flush()
        return
    with open(path, "a", encoding="utf-8") as f:
        f.write("%.3f %s\n" % (time.time(), text))


def serve(logf, portsf, fixdir, tmpdir, abstract):
    listeners = {}
    out = []

    def add(kind, fam, typ, addr):
        try:
            s = socket.socket(fam, typ)
        except OSError as e:
            out.append("%s_error=%s" % (kind, e.errno))
            return
        if fam != socket.AF_UNIX:
            s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            s.bind(addr)
        except OSError as e:
            out.append("%s_error=%s" % (kind, e.errno))
            s.close()
            return
        if typ == socket.SOCK_STREAM:
            s.listen(16)
        if fam in (socket.AF_INET, socket.AF_INET6):
            out.append("%s=%d" % (kind, s.getsockname()[1]))
        elif isinstance(addr, str):
            os.chmod(addr, 0o777)
            out.append("%s=%s" % (kind, addr))
        else:
            out.append("%s=%s" % (kind, abstract))
        listeners[s.fileno()] = (kind, s)

    add("tcp4", socket.AF_INET, socket.SOCK_STREAM, ("127.0.0.1", 0))
    add("tcp6", socket.AF_INET6, socket.SOCK_STREAM, ("::1", 0))
    add("udp4", socket.AF_INET, socket.SOCK_DGRAM, ("127.0.0.1", 0))
    add("udp6", socket.AF_INET6, socket.SOCK_DGRAM, ("::1", 0))
    add("unix", socket.AF_UNIX, socket.SOCK_STREAM, os.path.join(fixdir, "ljx.sock"))
    add("unixtmp", socket.AF_UNIX, socket.SOCK_STREAM, os.path.join(tmpdir, "ljx.sock"))
    add("abstract", socket.AF_UNIX, socket.SOCK_STREAM, b"\0" + abstract.encode())
    tmp = portsf + ".tmp"
    with open(tmp, "w", encoding="utf-8") as f:
        f.write("\n".join(out) + "\n")
    os.rename(tmp, portsf)
    while True:
        ready, _, _ = select.select(list(listeners), [], [])
        for fd in ready:
            kind, s = listeners[fd]
            if s.type == socket.SOCK_DGRAM:
                data, peer = s.recvfrom(65536)
                log_line(logf, "%s datagram from %r: %r" % (kind, peer, data[:200]))
                try:
                    s.sendto(b"ljx-ack", peer)
                except OSError:
                    pass
                continue
            c, peer = s.accept()
            c.settimeout(1.0)
            try:
                data = c.recv(4096)
            except OSError:
                data = b""
            try:
                c.sendall(b"ljx-ack\n")
            except OSError:
                pass
            c.close()
            log_line(logf, "%s connection from %r: %r" % (kind, peer, data[:200]))


def victim(logf):
    catchable = set(range(1, signal.NSIG)) - {signal.SIGKILL, signal.SIGSTOP}
    valid = set(signal.valid_signals())
    sigs = sorted(s for s in catchable if s in valid)
    signal.pthread_sigmask(signal.SIG_BLOCK, sigs)
    log_line(logf, "victim %d ready" % os.getpid())
    last_tracer = "0"
    while True:
        info = signal.sigtimedwait(sigs, 0.2)
        if info is not None:
            log_line(logf, "signal %d from pid %d uid %d" % (info.si_signo, info.si_pid,
                                                             info.si_uid))
        try:
            with open("/proc/self/status", encoding="utf-8") as f:
                for line in f:
                    if line.startswith("TracerPid:"):
                        tracer = line.split()[1]
                        if tracer != last_tracer and tracer != "0":
                            log_line(logf, "traced by pid %s" % tracer)
                        last_tracer = tracer
        except OSError:
            pass


def decode(obj, key):
    val = obj.get(key)
    enc = obj.get(key + "_encoding", "utf-8")
    if val is None:
        return b""
    if enc == "base64":
        return base64.b64decode(val)
    return val.encode("utf-8", "surrogateescape")


def result(jsonf, outdir):
    try:
        with open(jsonf, "rb") as f:
            raw = f.read()
        obj = json.loads(raw.decode("utf-8"))
        if not isinstance(obj, dict):
            raise ValueError("not an object")
    except (OSError, ValueError) as e:
        with open(os.path.join(outdir, "fields"), "w", encoding="utf-8") as f:
            f.write("J_VALID=0\nJ_PARSE_ERROR=%s\n" % shq(str(e)[:200]))
        return 1
    fields = {
        "J_VALID": "1",
        "J_STATUS": obj.get("status"),
        "J_EXIT_CODE": obj.get("exit_code"),
        "J_SIGNAL": obj.get("signal"),
        "J_LIMIT": obj.get("limit"),
        "J_STDOUT_ENCODING": obj.get("stdout_encoding"),
        "J_STDERR_ENCODING": obj.get("stderr_encoding"),
        "J_STDOUT_TRUNCATED": obj.get("stdout_truncated"),
        "J_STDERR_TRUNCATED": obj.get("stderr_truncated"),
        "J_WALL_TIME": obj.get("wall_time"),
    }
    conf = obj.get("confinement") or {}
    fields["J_UID"] = conf.get("uid")
    fields["J_USER"] = conf.get("user")
    fields["J_MAC"] = conf.get("mac")
    fields["J_UNSAFE"] = conf.get("unsafe")
    layers = conf.get("layers") or {}
    fields["J_LAYERS"] = " ".join("%s=%s" % (k, v) for k, v in sorted(layers.items()))
    err = obj.get("error") or {}
    if isinstance(err, dict):
        fields["J_ERROR"] = ("%s: %s" % (err.get("code"), err.get("message"))) if err else ""
    with open(os.path.join(outdir, "fields"), "w", encoding="utf-8") as f:
        for k, v in fields.items():
            if v is None:
                v = ""
            elif v is True:
                v = "true"
            elif v is False:
                v = "false"
            f.write("%s=%s\n" % (k, shq(str(v))))
    for key in ("stdout", "stderr"):
        with open(os.path.join(outdir, key), "wb") as f:
            f.write(decode(obj, key))
    return 0


def shq(s):
    return "'" + s.replace("'", "'\\''") + "'"


def pty_run(logf, argv):
    import fcntl
    import termios
    import tty
    master, slave = os.openpty()
    tty.setraw(slave)
    # raw: VMIN=0 so a non-blocking read returns whatever is queued
    attrs = termios.tcgetattr(slave)
    attrs[6][termios.VMIN] = 0
    attrs[6][termios.VTIME] = 0
    termios.tcsetattr(slave, termios.TCSANOW, attrs)
    pid = os.fork()
    if pid == 0:
        os.setsid()
        fcntl.ioctl(slave, termios.TIOCSCTTY, 0)
        os.dup2(slave, 0)
        os.close(master)
        if slave != 0:
            os.close(slave)
        try:
            os.execvp(argv[0], argv)
        except OSError:
            os._exit(127)
    written = b""
    status = 0
    while True:
        r, _, _ = select.select([master], [], [], 0.2)
        if r:
            try:
                written += os.read(master, 65536)
            except OSError:
                pass
        done, st = os.waitpid(pid, os.WNOHANG)
        if done:
            status = st
            break
    time.sleep(0.2)
    injected = b""
    fl = fcntl.fcntl(slave, fcntl.F_GETFL)
    fcntl.fcntl(slave, fcntl.F_SETFL, fl | os.O_NONBLOCK)
    while True:
        try:
            chunk = os.read(slave, 65536)
        except OSError as e:
            if e.errno in (errno.EAGAIN, errno.EIO):
                break
            raise
        if not chunk:
            break
        injected += chunk
    while True:
        r, _, _ = select.select([master], [], [], 0.1)
        if not r:
            break
        try:
            chunk = os.read(master, 65536)
        except OSError:
            break
        if not chunk:
            break
        written += chunk
    if injected:
        log_line(logf, "injected into the terminal's input: %r" % injected[:200])
    if written:
        log_line(logf, "written to the terminal: %r" % written[:200])
    if os.WIFEXITED(status):
        return os.WEXITSTATUS(status)
    return 128 + os.WTERMSIG(status)


KEY_SPEC_USER_KEYRING = -4


def keyring(secret, seconds):
    libc = ctypes.CDLL(None, use_errno=True)
    libc.syscall.restype = ctypes.c_long
    nr_add_key, nr_keyctl = 248, 250
    data = secret.encode()
    kid = libc.syscall(nr_add_key, b"user", b"ljx-canary", data, ctypes.c_size_t(len(data)),
                       ctypes.c_int(KEY_SPEC_USER_KEYRING))
    if kid < 0:
        print("add_key: %s" % os.strerror(ctypes.get_errno()), file=sys.stderr)
        return 1
    # KEYCTL_SETPERM 5: possessor+user all, nothing for group/other
    libc.syscall(nr_keyctl, 5, ctypes.c_long(kid), ctypes.c_ulong(0x3f3f0000))
    # KEYCTL_SET_TIMEOUT 15
    libc.syscall(nr_keyctl, 15, ctypes.c_long(kid), ctypes.c_ulong(seconds))
    print(kid)
    return 0


def keyring_drop():
    libc = ctypes.CDLL(None, use_errno=True)
    libc.syscall.restype = ctypes.c_long
    nr_keyctl = 250
    # KEYCTL_SEARCH 10 in the user keyring, then KEYCTL_UNLINK 9
    kid = libc.syscall(nr_keyctl, 10, ctypes.c_long(KEY_SPEC_USER_KEYRING), b"user",
                       b"ljx-canary", ctypes.c_long(0))
    if kid >= 0:
        libc.syscall(nr_keyctl, 9, ctypes.c_long(kid), ctypes.c_long(KEY_SPEC_USER_KEYRING))
    return 0


def main(argv):
    if len(argv) < 2:
        print(__doc__, file=sys.stderr)
        return 2
    mode = argv[1]
    if mode == "serve" and len(argv) == 7:
        serve(*argv[2:7])
        return 0
    if mode == "victim" and len(argv) == 3:
        victim(argv[2])
        return 0
    if mode == "result" and len(argv) == 4:
        return result(argv[2], argv[3])
    if mode == "pty" and len(argv) >= 4:
        return pty_run(argv[2], argv[3:])
    if mode == "keyring" and len(argv) == 4:
        return keyring(argv[2], int(argv[3]))
    if mode == "keyring-drop" and len(argv) == 2:
        return keyring_drop()
    print(__doc__, file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv))
