# id: support-extra-file
# category: support
# tries: read an extra input file given with --file data.txt=PATH
# expect: works
# needs: datafile
import sys

with open("data.txt", encoding="utf-8") as f:
    data = f.read()
if data == "ljx data file\nline 2 ✓\n":
    print("LANGJAIL-SUPPORT-OK", flush=True)
else:
    print("data.txt held %r" % data[:200], flush=True)
    sys.exit(1)
