# id: support-workdir-io
# category: support
# tries: write, read, rename and delete files and directories in the workdir, $HOME and $TMPDIR
# expect: works
import os
import tempfile

for d in (os.getcwd(), os.environ["HOME"], tempfile.gettempdir()):
    p = os.path.join(d, "ljx-io-test")
    with open(p, "w", encoding="utf-8") as f:
        f.write("hello\n" * 1000)
    with open(p, encoding="utf-8") as f:
        assert f.read() == "hello\n" * 1000
    os.rename(p, p + ".2")
    os.unlink(p + ".2")
os.makedirs("a/b/c")
with tempfile.NamedTemporaryFile(dir="a/b") as t:
    t.write(b"x")
    t.flush()
os.removedirs("a/b/c")
assert "main.py" in os.listdir(".")
print("LANGJAIL-SUPPORT-OK", flush=True)
