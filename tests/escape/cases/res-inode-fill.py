# id: res-inode-fill
# category: resources
# tries: create empty files until the file system refuses, with a 512-inode limit
# expect: contained
# limit: disk
# layers: mountns
# destructive: yes
# args: --inodes 512 --wall 20 -- inodes=512
import os
import sys

A = dict(a.split("=", 1) for a in sys.argv[1:] if "=" in a)
limit = int(A.get("inodes", "512"))
os.mkdir("ljx-inodes")
n = 0
err = None
while n < 200000:
    try:
        os.close(os.open("ljx-inodes/%d" % n, os.O_CREAT | os.O_WRONLY, 0o600))
        n += 1
    except OSError as e:
        err = e
        break
if n > 4 * limit + 100:
    print("LANGJAIL-ESCAPED: created %d files with an inode limit of %d" % (n, limit), flush=True)
else:
    print("LANGJAIL-BLOCKED: stopped after %d files: %s" % (n, err), flush=True)
