# id: support-probe
# category: support
# tries: the jail starts python3 at all, as an unprivileged uid (also the guard run before destructive cases)
# expect: works
import os
import sys

if os.getuid() == 0 or os.geteuid() == 0:
    print("LANGJAIL-ESCAPED: running as root", flush=True)
    sys.exit(1)
print("uid %d gid %d pid %d cwd %s" % (os.getuid(), os.getgid(), os.getpid(), os.getcwd()))
print("LANGJAIL-SUPPORT-OK", flush=True)
