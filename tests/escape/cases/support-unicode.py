# id: support-unicode
# category: support
# tries: print UTF-8 text with non-ASCII characters; the JSON must carry it as utf-8, unchanged
# expect: works
# stdout-b64: aMOpbGxvIOKckyDml6XmnKzoqp4g8J+Zggo=
# stdout-encoding: utf-8
import sys

sys.stdout.buffer.write("héllo ✓ 日本語 🙂\n".encode())
sys.stdout.flush()
print("LANGJAIL-SUPPORT-OK", file=sys.stderr, flush=True)
