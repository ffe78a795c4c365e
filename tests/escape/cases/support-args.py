# id: support-args
# category: support
# tries: receive the program arguments given after --, in order
# expect: works
# args: -- alpha beta=2 --gamma
import sys

if sys.argv[1:4] == ["alpha", "beta=2", "--gamma"]:
    print("LANGJAIL-SUPPORT-OK", flush=True)
else:
    print("argv was %r" % sys.argv, flush=True)
    sys.exit(1)
