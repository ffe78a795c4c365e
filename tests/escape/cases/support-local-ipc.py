# id: support-local-ipc
# category: support
# tries: talk between processes inside the jail: pipes, socketpair(AF_UNIX), multiprocessing.Pipe, a unix socket bound in the workdir (localhost TCP is not offered: the jail has no network)
# expect: works
import multiprocessing.connection
import os
import socket

r, w = os.pipe()
os.write(w, b"pipe")
assert os.read(r, 4) == b"pipe"
a, b = socket.socketpair()
a.sendall(b"pair")
assert b.recv(4) == b"pair"
c1, c2 = multiprocessing.Pipe()
c1.send({"x": 1})
assert c2.recv() == {"x": 1}
srv = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
srv.bind("ljx.sock")
srv.listen(1)
cli = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
cli.connect("ljx.sock")
conn, _ = srv.accept()
cli.sendall(b"unix")
assert conn.recv(4) == b"unix"
print("LANGJAIL-SUPPORT-OK", flush=True)
