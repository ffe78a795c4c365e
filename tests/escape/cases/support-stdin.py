# id: support-stdin
# category: support
# tries: read the standard input the caller gives with --stdin (a known string with non-ASCII text)
# expect: works
# stdin: langjail stdin check ✓ 日本語 line 1
import sys

data = sys.stdin.buffer.read()
want = "langjail stdin check ✓ 日本語 line 1\n".encode()
if data == want:
    print("LANGJAIL-SUPPORT-OK", flush=True)
else:
    print("stdin was %r, wanted %r" % (data[:200], want), flush=True)
    sys.exit(1)
