# id: read-sys-secrets
# category: read
# tries: list or read /sys/firmware, /sys/kernel/security, /sys/kernel/debug, DMI serials, /proc/kcore, /proc/timer_list and kernel addresses in /proc/kallsyms
# expect: blocked
# layers: landlock mac
import os
import sys

A = dict(a.split("=", 1) for a in sys.argv[1:] if "=" in a)
HITS = []


def esc(msg):
    HITS.append(msg)
    print("LANGJAIL-ESCAPED: " + msg, flush=True)


notes = []
for d in ("/sys/firmware", "/sys/kernel/security", "/sys/kernel/debug", "/sys/firmware/acpi/tables",
          "/sys/firmware/efi/efivars"):
    try:
        names = os.listdir(d)
        if names:
            esc("listed %s: %s" % (d, names[:10]))
        else:
            notes.append("%s is empty" % d)
    except OSError as e:
        notes.append("%s: %s" % (d, e.strerror))
for p in ("/sys/class/dmi/id/product_serial", "/sys/class/dmi/id/product_uuid",
          "/sys/class/dmi/id/board_serial", "/sys/firmware/acpi/tables/DSDT",
          "/sys/firmware/dmi/tables/DMI", "/proc/kcore", "/sys/kernel/security/lsm",
          "/boot/System.map-" + os.uname().release, "/proc/timer_list"):
    try:
        with open(p, "rb") as f:
            data = f.read(64)
        if data:
            esc("read %d bytes of %s" % (len(data), p))
    except OSError as e:
        notes.append("%s: %s" % (p, e.strerror))
try:
    with open("/proc/kallsyms", encoding="utf-8") as f:
        for i, line in enumerate(f):
            if int(line.split()[0], 16) != 0:
                esc("/proc/kallsyms shows kernel addresses: %s" % line.strip())
                break
            if i > 200:
                notes.append("/proc/kallsyms addresses are zeroed")
                break
except (OSError, ValueError, IndexError) as e:
    notes.append("/proc/kallsyms: %s" % e)
if not HITS:
    print("LANGJAIL-BLOCKED: " + "; ".join(notes), flush=True)
