# id: info-env
# category: information
# tries: find the caller's environment (a secret LANGJAIL_CANARY_ENV the runner exports, SUDO_*, SSH_*, display and bus addresses, LD_* ) in its own environment
# expect: blocked
# layers: supervisor
import os
import sys

A = dict(a.split("=", 1) for a in sys.argv[1:] if "=" in a)
HITS = []


def esc(msg):
    HITS.append(msg)
    print("LANGJAIL-ESCAPED: " + msg, flush=True)


suspicious = ("LANGJAIL_CANARY_ENV", "SUDO_USER", "SUDO_UID", "SUDO_COMMAND", "SSH_AUTH_SOCK",
              "SSH_CONNECTION", "SSH_CLIENT", "DISPLAY", "WAYLAND_DISPLAY", "XAUTHORITY",
              "DBUS_SESSION_BUS_ADDRESS", "XDG_RUNTIME_DIR", "LD_PRELOAD", "LD_LIBRARY_PATH",
              "MAIL", "OLDPWD", "KRB5CCNAME", "AWS_SECRET_ACCESS_KEY", "GITHUB_TOKEN")
try:
    with open("/proc/self/environ", "rb") as f:
        raw = f.read()
except OSError:
    raw = b""
for k in suspicious:
    if k in os.environ:
        esc("%s=%s" % (k, os.environ[k]))
    elif (k + "=").encode() in raw:
        esc("%s found in /proc/self/environ" % k)
home = os.environ.get("HOME", "")
if home and not os.getcwd().startswith(home) and not home.startswith(os.getcwd()):
    esc("HOME=%s is not the workdir %s" % (home, os.getcwd()))
if not HITS:
    print("LANGJAIL-BLOCKED: environment is %s" % sorted(os.environ), flush=True)
