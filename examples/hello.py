# A small program to try the jail with: it reports what it can see.
import os
import socket

print("Hello from the jail!")
print("uid:", os.getuid(), " hostname:", socket.gethostname(), " pid:", os.getpid())
print("workdir:", os.getcwd(), "->", sorted(os.listdir(".")))
for path in ("/etc/shadow", "/root", "/tmp"):
    try:
        os.listdir(path) if os.path.isdir(path) else open(path).read(1)
        print(f"{path}: readable (!)")
    except OSError as e:
        print(f"{path}: {e.strerror}")
try:
    socket.create_connection(("127.0.0.1", 22), timeout=1)
    print("network: connected (!)")
except OSError as e:
    print("network:", e.strerror or e)
