# id: support-exit-code
# category: support
# tries: exit with status 3: JSON exit_code 3 with status exit, and exit status 3 without --json
# expect: works
# exit: 3
import sys

print("LANGJAIL-SUPPORT-OK", flush=True)
sys.exit(3)
