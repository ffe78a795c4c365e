# id: support-subprocess-threads
# category: support
# tries: run subprocesses (python3, sh, a pipeline) and threads within the limits; fork and wait
# expect: works
import os
import subprocess
import sys
import threading

out = subprocess.run([sys.executable, "-c", "print(6*7)"], capture_output=True, text=True,
                     check=True).stdout
assert out.strip() == "42", out
out = subprocess.run("echo hello | tr a-z A-Z", shell=True, capture_output=True, text=True,
                     check=True).stdout
assert out.strip() == "HELLO", out
results = []
threads = [threading.Thread(target=lambda i=i: results.append(i * i)) for i in range(8)]
for t in threads:
    t.start()
for t in threads:
    t.join()
assert sorted(results) == [i * i for i in range(8)]
pid = os.fork()
if pid == 0:
    os._exit(7)
_, st = os.waitpid(pid, 0)
assert os.WEXITSTATUS(st) == 7
print("LANGJAIL-SUPPORT-OK", flush=True)
