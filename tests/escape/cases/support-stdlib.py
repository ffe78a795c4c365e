# id: support-stdlib
# category: support
# tries: import and use common standard modules: json, sqlite3 (in memory and on disk), ssl, hashlib, re, decimal, datetime, csv, zlib, random, math, collections
# expect: works
import collections
import csv
import datetime
import decimal
import hashlib
import io
import json
import math
import random
import re
import sqlite3
import ssl
import zlib

assert json.loads(json.dumps({"a": [1, 2]})) == {"a": [1, 2]}
db = sqlite3.connect(":memory:")
db.execute("create table t (x)")
db.executemany("insert into t values (?)", [(i,) for i in range(10)])
assert db.execute("select sum(x) from t").fetchone()[0] == 45
disk = sqlite3.connect("ljx.db")
disk.execute("create table t (x)")
disk.commit()
ctx = ssl.create_default_context()
assert ctx.verify_mode == ssl.CERT_REQUIRED
assert hashlib.sha256(b"abc").hexdigest().startswith("ba7816bf")
assert re.sub(r"\d", "#", "a1b2") == "a#b#"
assert decimal.Decimal("0.1") + decimal.Decimal("0.2") == decimal.Decimal("0.3")
assert datetime.date(2024, 2, 29).isoformat() == "2024-02-29"
buf = io.StringIO()
csv.writer(buf).writerow(["a", "b,c"])
assert buf.getvalue().strip() == 'a,"b,c"'
assert zlib.decompress(zlib.compress(b"x" * 1000)) == b"x" * 1000
random.seed(1)
assert 0 <= random.random() < 1
assert math.isclose(math.pi, 3.14159, rel_tol=1e-5)
assert collections.Counter("aab")["a"] == 2
print("LANGJAIL-SUPPORT-OK", flush=True)
