# id: write-cleanup-symlink
# category: write
# tries: plant symlinks to a host file and a host directory (and a 000 directory) in the workdir, so a cleanup that follows links as root removes or chowns them
# expect: blocked
# layers: supervisor
# needs: cleanup
import os
import sys

A = dict(a.split("=", 1) for a in sys.argv[1:] if "=" in a)
target, tdir = A.get("cleanup"), A.get("cleanupdir")
if not target or not tdir:
    print("LANGJAIL-SETUP-ERROR: no cleanup=/cleanupdir= arguments", flush=True)
    sys.exit(1)
made = []


def link(src, dst):
    try:
        os.symlink(src, dst)
        made.append(dst)
    except OSError as e:
        print("symlink %s: %s" % (dst, e.strerror))


link(target, "ljx-file-link")
link(tdir, "ljx-dir-link")
link(tdir + "/", "ljx-dir-link-slash")
os.makedirs("a/b/c", exist_ok=True)
link(target, "a/b/c/ljx-deep-link")
link(tdir, "a/b/c/ljx-deep-dir")
link("../../../../../../../../../../../../" + target.lstrip("/"), "a/ljx-relative-link")
os.mkdir("locked")
link(target, "locked/ljx-inside-locked")
os.chmod("locked", 0)
# a name a careless "rm -rf $dir/*" or "chown -R" could follow
link(tdir, ".ljx-hidden-dir-link")
print("LANGJAIL-DONE: planted %d links; the host checks the targets after cleanup" % len(made),
      flush=True)
