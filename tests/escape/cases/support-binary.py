# id: support-binary
# category: support
# tries: write every byte value 0-255 (not UTF-8) to stdout; the JSON must carry it as base64 and decode to the same bytes
# expect: works
# stdout-b64: AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8gISIjJCUmJygpKissLS4vMDEyMzQ1Njc4OTo7PD0+P0BBQkNERUZHSElKS0xNTk9QUVJTVFVWV1hZWltcXV5fYGFiY2RlZmdoaWprbG1ub3BxcnN0dXZ3eHl6e3x9fn+AgYKDhIWGh4iJiouMjY6PkJGSk5SVlpeYmZqbnJ2en6ChoqOkpaanqKmqq6ytrq+wsbKztLW2t7i5uru8vb6/wMHCw8TFxsfIycrLzM3Oz9DR0tPU1dbX2Nna29zd3t/g4eLj5OXm5+jp6uvs7e7v8PHy8/T19vf4+fr7/P3+/wo=
# stdout-encoding: base64
import sys

sys.stdout.buffer.write(bytes(range(256)) + b"\n")
sys.stdout.flush()
print("LANGJAIL-SUPPORT-OK", file=sys.stderr, flush=True)
