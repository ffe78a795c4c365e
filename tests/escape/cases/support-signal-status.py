# id: support-signal-status
# category: support
# tries: die by SIGTERM: JSON status signal with signal 15, exit status 143 without --json
# expect: works
# status: signal
# signal: 15
# exit: 143
import os
import signal

print("LANGJAIL-SUPPORT-OK", flush=True)
os.kill(os.getpid(), signal.SIGTERM)
