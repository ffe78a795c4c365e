# id: res-huge-argv
# category: resources
# tries: start subprocesses with huge argument lists and environments (up to 256 MiB); the run must end cleanly
# expect: contained
# layers: rlimits cgroup
# destructive: yes
# args: --wall 20
import os
import subprocess

notes = []
for label, nargs, envsize in (("argv 16 MiB", 16 << 10, 0), ("env 16 MiB", 0, 16 << 20),
                              ("argv 256 MiB", 256 << 10, 0), ("one 8 MiB arg", 1, 0)):
    argv = ["/bin/true"]
    if label == "one 8 MiB arg":
        argv.append("x" * (8 << 20))
    else:
        argv += ["y" * 1023] * nargs
    env = {"PATH": "/usr/bin:/bin"}
    if envsize:
        env["LJX"] = "z" * envsize
    try:
        r = subprocess.run(argv, env=env, timeout=10)
        notes.append("%s: exit %d" % (label, r.returncode))
    except (OSError, MemoryError, subprocess.SubprocessError) as e:
        notes.append("%s: %s" % (label, getattr(e, "strerror", None) or e))
    del argv
print("LANGJAIL-DONE: " + "; ".join(notes), flush=True)
