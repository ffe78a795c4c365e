# id: res-fd-exhaustion
# category: resources
# tries: open file descriptors until the kernel refuses, with a 64 open-files limit, then raise the limit
# expect: contained
# layers: rlimits
# destructive: yes
# args: --open-files 64 -- nofile=64
import os
import resource
import sys

A = dict(a.split("=", 1) for a in sys.argv[1:] if "=" in a)
limit = int(A.get("nofile", "64"))
fds = []
err = None
while len(fds) < 1000000:
    try:
        fds.append(os.open("/dev/null", os.O_RDONLY))
    except OSError as e:
        err = e
        break
n = len(fds)
soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
raised = None
try:
    resource.setrlimit(resource.RLIMIT_NOFILE, (hard + 1024, hard + 1024))
    raised = hard + 1024
except (OSError, ValueError) as e:
    pass
if n > limit + 16:
    print("LANGJAIL-ESCAPED: opened %d descriptors with a limit of %d" % (n, limit), flush=True)
elif raised:
    print("LANGJAIL-ESCAPED: raised RLIMIT_NOFILE hard limit to %d" % raised, flush=True)
else:
    print("LANGJAIL-BLOCKED: stopped after %d descriptors (%s); soft %d hard %d"
          % (n, err, soft, hard), flush=True)
