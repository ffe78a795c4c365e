/*
 * test-json.c - unit tests for json.c and result.c: string escaping, UTF-8
 * validation, base64, the capped output buffer and the JSON report.
 *
 * The report carries a hostile program's output, so the hostile rows come
 * first: quotes, backslashes, control bytes, NUL, DEL, and every class of
 * invalid UTF-8 (overlong, surrogate, past U+10FFFF, truncated). Every report
 * is then parsed by an independent parser (python3, strict UTF-8 decoding,
 * json.loads) and checked field by field; the base64 fallback is decoded and
 * compared byte for byte.
 */
#include "config.h"

#include <check.h>
#include <errno.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "json.h"
#include "result.h"
#include "unit.h"

/* ---- escaping ------------------------------------------------------------ */

static const struct {
	const char *in;
	size_t n;
	const char *out;
} esc_cases[] = {
	{ "\"", 1, "\"\\\"\"" },
	{ "\\", 1, "\"\\\\\"" },
	{ "\x01", 1, "\"\\u0001\"" },
	{ "\x7f", 1, "\"\\u007f\"" },
	{ "\n", 1, "\"\\n\"" },
	{ "", 1, "\"\\u0000\"" },                 /* a NUL byte */
	{ "a\0b", 3, "\"a\\u0000b\"" },
	{ "\x1f", 1, "\"\\u001f\"" },
	{ "\x1b[2J", 4, "\"\\u001b[2J\"" },
	{ "\r\t\b\f", 4, "\"\\r\\t\\b\\f\"" },
	{ "\\u0041", 6, "\"\\\\u0041\"" },         /* not an escape, a backslash */
	{ "a\"b\\c\nd", 7, "\"a\\\"b\\\\c\\nd\"" },
	{ "\"\"\"", 3, "\"\\\"\\\"\\\"\"" },
	{ "", 0, "\"\"" },
	{ "plain text", 10, "\"plain text\"" },
	{ "</script>", 9, "\"</script>\"" },
	{ "\xc3\xa9", 2, "\"\xc3\xa9\"" },          /* UTF-8 passes through */
	{ "\xe2\x80\xa8", 3, "\"\xe2\x80\xa8\"" },  /* U+2028 is legal in JSON */
	{ "abc", 2, "\"ab\"" },                    /* n, not strlen */
};

START_TEST(test_escape)
{
	struct lj_json j;
	char esc[256];

	lj_json_init(&j);
	lj_json_strn(&j, NULL, esc_cases[_i].in, esc_cases[_i].n);
	ck_assert(!j.failed);
	ck_assert_msg(j.s && strcmp(j.s, esc_cases[_i].out) == 0,
			"escape(%s) = %s, want %s",
			unit_esc(esc_cases[_i].in, esc_cases[_i].n, esc, sizeof(esc)),
			j.s ? j.s : "(null)", esc_cases[_i].out);
	ck_assert_uint_eq(j.len, strlen(esc_cases[_i].out));
	lj_json_release(&j);
}
END_TEST

/* Every byte 0x00-0x7f: control bytes and DEL as \u00XX, the rest as is. */
START_TEST(test_escape_every_ascii_byte)
{
	for (int c = 0; c < 0x80; c++) {
		struct lj_json j;
		char ch = (char) c, want[16];

		switch (c) {
		case '"': strcpy(want, "\"\\\"\""); break;
		case '\\': strcpy(want, "\"\\\\\""); break;
		case '\n': strcpy(want, "\"\\n\""); break;
		case '\r': strcpy(want, "\"\\r\""); break;
		case '\t': strcpy(want, "\"\\t\""); break;
		case '\b': strcpy(want, "\"\\b\""); break;
		case '\f': strcpy(want, "\"\\f\""); break;
		default:
			if (c < 0x20 || c == 0x7f)
				snprintf(want, sizeof(want), "\"\\u%04x\"", c);
			else
				snprintf(want, sizeof(want), "\"%c\"", c);
		}
		lj_json_init(&j);
		lj_json_strn(&j, NULL, &ch, 1);
		ck_assert_msg(strcmp(j.s, want) == 0, "byte 0x%02x: %s, want %s", c, j.s, want);
		lj_json_release(&j);
	}
}
END_TEST

START_TEST(test_structure)
{
	struct lj_json j;

	lj_json_init(&j);
	lj_json_begin(&j);
	lj_json_str(&j, "k\"ey", "v");
	lj_json_str(&j, "n", NULL);
	lj_json_str(&j, "a\nb\x01", "");
	lj_json_uint(&j, "u", UINT64_MAX);
	lj_json_int(&j, "i", INT64_MIN);
	lj_json_bool(&j, "t", true);
	lj_json_bool(&j, "f", false);
	lj_json_null(&j, "z");
	lj_json_seconds(&j, "s", 1234567);
	lj_json_seconds(&j, "s0", 999);
	lj_json_begin_arr(&j, "a");
	lj_json_str(&j, NULL, "x");
	lj_json_uint(&j, NULL, 0);
	lj_json_begin_arr(&j, NULL);
	lj_json_end_arr(&j);
	lj_json_end_arr(&j);
	lj_json_begin_obj(&j, "o");
	lj_json_end(&j);
	lj_json_begin_obj(&j, "p");
	lj_json_int(&j, "m", -1);
	lj_json_end(&j);
	lj_json_end(&j);
	ck_assert(!j.failed);
	ck_assert_str_eq(j.s, "{\"k\\\"ey\":\"v\",\"n\":null,\"a\\nb\\u0001\":\"\",\"u\":18446744073709551615,"
			"\"i\":-9223372036854775808,\"t\":true,\"f\":false,\"z\":null,"
			"\"s\":1.234,\"s0\":0.000,\"a\":[\"x\",0,[]],\"o\":{},\"p\":{\"m\":-1}}");
	lj_json_release(&j);
	ck_assert_ptr_null(j.s);
	lj_json_release(&j);   /* twice is harmless */
}
END_TEST

/* A 1 MiB string of quotes doubles; the buffer grows and stays terminated. */
START_TEST(test_large_string)
{
	size_t n = 1 << 20;
	char *big = malloc(n);
	struct lj_json j;

	ck_assert_ptr_nonnull(big);
	memset(big, '"', n);
	lj_json_init(&j);
	lj_json_strn(&j, NULL, big, n);
	ck_assert(!j.failed);
	ck_assert_uint_eq(j.len, 2 * n + 2);
	ck_assert_uint_eq(strlen(j.s), j.len);
	ck_assert_int_eq(j.s[0], '"');
	ck_assert_int_eq(j.s[1], '\\');
	ck_assert_int_eq(j.s[j.len - 1], '"');
	lj_json_release(&j);
	free(big);
}
END_TEST

/* ---- lj_utf8_valid ------------------------------------------------------- */

static const struct {
	const char *s;
	size_t n;
	bool ok;
} utf8_cases[] = {
	{ "\xc0\x80", 2, false },            /* overlong NUL */
	{ "\xc0\xaf", 2, false },            /* overlong '/' */
	{ "\xc1\xbf", 2, false },
	{ "\xe0\x80\x80", 3, false },        /* overlong 3-byte */
	{ "\xe0\x9f\xbf", 3, false },
	{ "\xf0\x80\x80\x80", 4, false },    /* overlong 4-byte */
	{ "\xf0\x8f\xbf\xbf", 4, false },
	{ "\xed\xa0\x80", 3, false },        /* U+D800 surrogate */
	{ "\xed\xbf\xbf", 3, false },        /* U+DFFF */
	{ "\xed\xa0\xbd\xed\xb2\xa9", 6, false },   /* CESU-8 pair */
	{ "\xf4\x90\x80\x80", 4, false },    /* U+110000 */
	{ "\xf5\x80\x80\x80", 4, false },
	{ "\xf7\xbf\xbf\xbf", 4, false },
	{ "\xf8\x88\x80\x80\x80", 5, false },   /* 5-byte form */
	{ "\xfc\x84\x80\x80\x80\x80", 6, false },
	{ "\xfe", 1, false },
	{ "\xff", 1, false },
	{ "\x80", 1, false },                /* lone continuation */
	{ "\xbf", 1, false },
	{ "a\x80" "b", 3, false },
	{ "\xc3", 1, false },                /* truncated */
	{ "\xe2\x82", 2, false },
	{ "\xf0\x90\x8d", 3, false },
	{ "abc\xc3", 4, false },
	{ "\xe2\x82" "a", 3, false },        /* continuation replaced by ASCII */
	{ "\xc3\xc3\xa9", 3, false },
	{ "\xc3\xa9", 1, false },            /* cut by n */
	{ "\xf0\x9f\x98\x80", 3, false },
	{ "", 0, true },
	{ "a", 1, true },
	{ "a\0b", 3, true },                 /* NUL is valid UTF-8 */
	{ "\x7f", 1, true },
	{ "\xc2\x80", 2, true },             /* U+0080 */
	{ "\xc3\xa9", 2, true },             /* é */
	{ "\xdf\xbf", 2, true },             /* U+07FF */
	{ "\xe0\xa0\x80", 3, true },         /* U+0800 */
	{ "\xe2\x82\xac", 3, true },         /* € */
	{ "\xed\x9f\xbf", 3, true },         /* U+D7FF */
	{ "\xee\x80\x80", 3, true },         /* U+E000 */
	{ "\xef\xbf\xbf", 3, true },         /* U+FFFF */
	{ "\xf0\x90\x80\x80", 4, true },     /* U+10000 */
	{ "\xf0\x90\x8d\x88", 4, true },     /* 𐍈 */
	{ "\xf4\x8f\xbf\xbf", 4, true },     /* U+10FFFF */
	{ "h\xc3\xa9llo \xe2\x82\xac \xf0\x9f\x98\x80!", 15, true },
};

START_TEST(test_utf8)
{
	char esc[128];

	ck_assert_msg(lj_utf8_valid(utf8_cases[_i].s, utf8_cases[_i].n) == utf8_cases[_i].ok,
			"lj_utf8_valid(%s) = %d, want %d",
			unit_esc(utf8_cases[_i].s, utf8_cases[_i].n, esc, sizeof(esc)),
			!utf8_cases[_i].ok, utf8_cases[_i].ok);
}
END_TEST

/* Every 1- and 2-byte string agrees with a reference decoder. */
static bool ref_utf8_valid(const unsigned char *s, size_t n)
{
	size_t i = 0;

	while (i < n) {
		unsigned char c = s[i];
		size_t len;
		uint32_t cp, min;

		if (c < 0x80) { i++; continue; }
		if (c >= 0xc2 && c <= 0xdf) { len = 2; cp = c & 0x1f; min = 0x80; }
		else if (c >= 0xe0 && c <= 0xef) { len = 3; cp = c & 0x0f; min = 0x800; }
		else if (c >= 0xf0 && c <= 0xf4) { len = 4; cp = c & 0x07; min = 0x10000; }
		else return false;
		if (n - i < len)
			return false;
		for (size_t k = 1; k < len; k++) {
			if ((s[i + k] & 0xc0) != 0x80)
				return false;
			cp = (cp << 6) | (s[i + k] & 0x3f);
		}
		if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff))
			return false;
		i += len;
	}
	return true;
}

START_TEST(test_utf8_exhaustive_two_bytes)
{
	for (unsigned a = 0; a < 256; a++) {
		unsigned char one[1] = { (unsigned char) a };

		ck_assert(lj_utf8_valid((char *) one, 1) == ref_utf8_valid(one, 1));
		for (unsigned b = 0; b < 256; b++) {
			unsigned char two[2] = { (unsigned char) a, (unsigned char) b };

			ck_assert_msg(lj_utf8_valid((char *) two, 2) == ref_utf8_valid(two, 2),
					"disagree on %02x %02x", a, b);
		}
	}
}
END_TEST

/* Every 3-byte sequence starting E0..EF, and 4-byte starting F0..F4 with the
 * second byte swept (third and fourth 0x80/0xbf). */
START_TEST(test_utf8_exhaustive_long)
{
	for (unsigned a = 0xe0; a <= 0xef; a++)
		for (unsigned b = 0; b < 256; b++)
			for (unsigned c = 0x70; c < 0xd0; c++) {
				unsigned char s[3] = { (unsigned char) a, (unsigned char) b,
					(unsigned char) c };

				ck_assert_msg(lj_utf8_valid((char *) s, 3) == ref_utf8_valid(s, 3),
						"disagree on %02x %02x %02x", a, b, c);
			}
	for (unsigned a = 0xf0; a <= 0xff; a++)
		for (unsigned b = 0; b < 256; b++) {
			unsigned char s[4] = { (unsigned char) a, (unsigned char) b, 0x80, 0xbf };

			ck_assert_msg(lj_utf8_valid((char *) s, 4) == ref_utf8_valid(s, 4),
					"disagree on %02x %02x 80 bf", a, b);
		}
}
END_TEST

/* ---- base64 -------------------------------------------------------------- */

static const struct {
	const char *in;
	size_t n;
	const char *out;
} b64_cases[] = {
	{ "", 0, "" },
	{ "f", 1, "Zg==" },
	{ "fo", 2, "Zm8=" },
	{ "foo", 3, "Zm9v" },
	{ "foob", 4, "Zm9vYg==" },
	{ "fooba", 5, "Zm9vYmE=" },
	{ "foobar", 6, "Zm9vYmFy" },
	{ "", 1, "AA==" },
	{ "\0\0\0", 3, "AAAA" },
	{ "\xff\xff\xff", 3, "////" },
	{ "\xfb\xef\xbe", 3, "++++" },
	{ "\xff\xfe\x00" "abc", 6, "//4AYWJj" },
};

START_TEST(test_base64)
{
	char *s = lj_base64(b64_cases[_i].in, b64_cases[_i].n);

	ck_assert_ptr_nonnull(s);
	ck_assert_str_eq(s, b64_cases[_i].out);
	free(s);
}
END_TEST

static int b64val(char c)
{
	const char *tab = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
	const char *p = c ? strchr(tab, c) : NULL;

	return p ? (int) (p - tab) : -1;
}

/* Decode strict base64; returns the length or -1. */
static ssize_t b64decode(const char *s, unsigned char *out, size_t cap)
{
	size_t n = strlen(s), o = 0;

	if (n % 4)
		return -1;
	for (size_t i = 0; i < n; i += 4) {
		int v[4];
		int pad = 0;

		for (int k = 0; k < 4; k++) {
			if (s[i + k] == '=' && i + 4 == n && k >= 2) {
				v[k] = 0;
				pad++;
			} else {
				if (pad)
					return -1;
				v[k] = b64val(s[i + k]);
				if (v[k] < 0)
					return -1;
			}
		}
		uint32_t w = (uint32_t) (v[0] << 18 | v[1] << 12 | v[2] << 6 | v[3]);
		unsigned char bytes[3] = { (unsigned char) (w >> 16), (unsigned char) (w >> 8),
			(unsigned char) w };

		for (int k = 0; k < 3 - pad; k++) {
			if (o >= cap)
				return -1;
			out[o++] = bytes[k];
		}
	}
	return (ssize_t) o;
}

/* Every length 0..300 of every byte value round-trips. */
START_TEST(test_base64_round_trip)
{
	unsigned char in[300], out[300];

	for (size_t i = 0; i < sizeof(in); i++)
		in[i] = (unsigned char) (i * 7 + 3);
	for (size_t n = 0; n <= sizeof(in); n++) {
		char *s = lj_base64(in, n);

		ck_assert_ptr_nonnull(s);
		ck_assert_uint_eq(strlen(s), (n + 2) / 3 * 4);
		ck_assert_int_eq(b64decode(s, out, sizeof(out)), (ssize_t) n);
		ck_assert(memcmp(in, out, n) == 0);
		free(s);
	}
}
END_TEST

/* The escaper looks at eight bytes at a time: every byte value at every
 * place of a 24-byte string (and beside a byte from 0x80 up) comes out as
 * one byte at a time would escape it. */
static size_t ref_escape(const unsigned char *s, size_t n, char *out)
{
	size_t o = 0;

	out[o++] = '"';
	for (size_t i = 0; i < n; i++) {
		unsigned char c = s[i];

		if (c == '"' || c == '\\') {
			out[o++] = '\\';
			out[o++] = (char) c;
		} else if (c == '\n' || c == '\r' || c == '\t' || c == '\b' || c == '\f') {
			out[o++] = '\\';
			out[o++] = c == '\n' ? 'n' : c == '\r' ? 'r' : c == '\t' ? 't' : c == '\b' ? 'b' : 'f';
		} else if (c < 0x20 || c == 0x7f) {
			o += (size_t) sprintf(out + o, "\\u%04x", c);
		} else {
			out[o++] = (char) c;
		}
	}
	out[o++] = '"';
	out[o] = '\0';
	return o;
}

START_TEST(test_escape_every_byte_every_place)
{
	for (int c = 0; c < 256; c++) {
		for (size_t at = 0; at < 24; at++) {
			unsigned char in[24];
			char want[24 * 6 + 3];
			struct lj_json j;

			memset(in, 'a', sizeof(in));
			in[at] = (unsigned char) c;
			if (_i)
				in[(at + 3) % 24] = 0xc3;   /* a high byte nearby */
			if (_i && (at + 3) % 24 != (at + 4) % 24)
				in[(at + 4) % 24] = 0xa9;
			if (_i)
				in[at] = (unsigned char) c;
			ref_escape(in, sizeof(in), want);
			lj_json_init(&j);
			lj_json_raw(&j, "", 0);
			/* through the key-less form used inside arrays */
			j.first = true;
			lj_json_strn(&j, NULL, (const char *) in, sizeof(in));
			if (lj_utf8_valid((const char *) in, sizeof(in)))
				ck_assert_msg(strcmp(j.s, want) == 0, "byte %#x at %zu: %s", c, at, j.s);
			lj_json_release(&j);
		}
	}
}
END_TEST

/* ---- lj_buf_append ------------------------------------------------------- */

START_TEST(test_buf_append_cap)
{
	struct lj_buf b = { 0 };
	size_t kept = 99;

	ck_assert_int_eq(lj_buf_append(&b, "0123456789", 10, 4, &kept), 0);
	ck_assert_uint_eq(kept, 4);
	ck_assert_uint_eq(b.len, 4);
	ck_assert(memcmp(b.data, "0123", 4) == 0);
	ck_assert_int_eq(lj_buf_append(&b, "abc", 3, 4, &kept), 0);
	ck_assert_uint_eq(kept, 0);
	ck_assert_uint_eq(b.len, 4);
	free(b.data);

	memset(&b, 0, sizeof(b));
	ck_assert_int_eq(lj_buf_append(&b, "x", 1, 0, &kept), 0);
	ck_assert_uint_eq(kept, 0);
	ck_assert_uint_eq(b.len, 0);
	free(b.data);
}
END_TEST

/* Many appends across the growth steps keep every byte, up to the cap. */
START_TEST(test_buf_append_growth)
{
	struct lj_buf b = { 0 };
	size_t cap = 100000 + 17, total = 0, kept;
	char chunk[333];

	for (size_t i = 0; i < sizeof(chunk); i++)
		chunk[i] = (char) i;
	for (int i = 0; i < 400; i++) {
		ck_assert_int_eq(lj_buf_append(&b, chunk, sizeof(chunk), cap, &kept), 0);
		total += kept;
	}
	ck_assert_uint_eq(total, cap);
	ck_assert_uint_eq(b.len, cap);
	ck_assert_uint_ge(b.cap_alloc, cap);
	for (size_t i = 0; i < cap; i++)
		ck_assert_int_eq(b.data[i], (char) (i % sizeof(chunk)));
	free(b.data);
}
END_TEST

/* ---- the report ---------------------------------------------------------- */

/* Run a python check over @json; returns its stdout. Fails the test on any
 * parse error. Returns false (loudly) when python3 is missing. */
static bool py_check(const char *json, const char *script, char *out, size_t outlen)
{
	char full[4096];
	int st;

	snprintf(full, sizeof(full), UNIT_PY_LOAD "%s", script);
	st = unit_python(full, json, strlen(json), out, outlen);
	if (st == UNIT_NO_PYTHON) {
		fprintf(stderr, "test-json: SKIP independent JSON check: python3 not found\n");
		return false;
	}
	ck_assert_msg(st == 0, "python3 rejected the JSON (status %d): %s", st, json);
	return true;
}

static void fill_result(struct lj_result *r)
{
	lj_result_init(r);
	r->status = LJ_STATUS_EXIT;
	r->exit_code = 3;
	r->cpu_us = 1500000;
	r->wall_us = 2000001;
	r->language = "python3";
	r->user = "sandbox";
	r->uid = 65534;
	r->gid = 65534;
	r->layers[LJ_LAYER_SECCOMP] = LJ_LAYER_STATE_APPLIED;
	r->layers[LJ_LAYER_MAC] = LJ_LAYER_STATE_UNAVAILABLE;
	snprintf(r->layer_note[LJ_LAYER_MAC], sizeof(r->layer_note[0]), "no \"AppArmor\"\n");
}

static void set_buf(struct lj_buf *b, const void *p, size_t n)
{
	size_t kept;

	ck_assert_int_eq(lj_buf_append(b, p, n, 1 << 20, &kept), 0);
	ck_assert_uint_eq(kept, n);
}

START_TEST(test_result_plain)
{
	struct lj_result r;
	char *s = NULL, out[4096];

	fill_result(&r);
	set_buf(&r.out, "hello \"world\"\n\\", 15);
	ck_assert_int_eq(lj_result_to_json(&r, &s), 0);
	ck_assert(lj_utf8_valid(s, strlen(s)));
	ck_assert(unit_contains(s, "\"stdout\":\"hello \\\"world\\\"\\n\\\\\""));
	ck_assert(unit_contains(s, "\"stdout_encoding\":\"utf-8\""));
	ck_assert(unit_contains(s, "\"stderr\":\"\",\"stderr_encoding\":\"utf-8\""));
	ck_assert(unit_contains(s, "\"cpu_time\":1.500"));
	ck_assert(unit_contains(s, "\"wall_time\":2.000"));
	if (py_check(s,
			"assert d['status']=='exit', d['status']\n"
			"assert d['exit_code']==3 and d['signal'] is None and d['error'] is None\n"
			"assert d['stdout']=='hello \"world\"\\n\\\\'\n"
			"assert d['stdout_encoding']=='utf-8'\n"
			"assert d['confinement']['uid']==65534\n"
			"assert d['confinement']['layers']['seccomp']=='applied'\n"
			"assert d['confinement']['layers']['mac']=='unavailable'\n"
			"assert d['confinement']['notes']['mac']=='no \"AppArmor\"\\n'\n"
			"assert d['memory_peak_kb'] is None and d['limit'] is None\n"
			"print('ok')\n", out, sizeof(out)))
		ck_assert_str_eq(out, "ok\n");
	free(s);
	lj_result_release(&r);
}
END_TEST

/* The streamed document is the built one plus a newline, byte for byte:
 * small, escape-heavy, chunk-sized and larger outputs, text and binary,
 * with a compile phase. */
START_TEST(test_result_streamed)
{
	static const size_t sizes[] = { 0, 7, 65535, 65536, 65537, 300000 };
	struct lj_result r;
	char *s = NULL, *got;
	size_t n = 0;
	FILE *f;

	fill_result(&r);
	{
		size_t len = sizes[_i % 6];
		char *p = malloc(len + 1);

		ck_assert_ptr_nonnull(p);
		for (size_t i = 0; i < len; i++)
			p[i] = _i >= 6 ? (char) (i * 7) : "ab\"\\\n\tc\x01"[i % 8];
		set_buf(&r.out, p, len);
		set_buf(&r.compile.err, p, len / 2);
		r.compiled = true;
		free(p);
	}
	ck_assert_int_eq(lj_result_to_json(&r, &s), 0);
	f = tmpfile();
	ck_assert_ptr_nonnull(f);
	ck_assert_int_eq(lj_result_write_json(&r, fileno(f)), 0);
	n = (size_t) lseek(fileno(f), 0, SEEK_END);
	got = malloc(n + 1);
	ck_assert_ptr_nonnull(got);
	ck_assert_int_eq(lseek(fileno(f), 0, SEEK_SET), 0);
	ck_assert_uint_eq((size_t) read(fileno(f), got, n), n);
	ck_assert_uint_eq(n, strlen(s) + 1);
	ck_assert(memcmp(got, s, n - 1) == 0);
	ck_assert_int_eq(got[n - 1], '\n');
	fclose(f);
	free(got);
	free(s);
	lj_result_release(&r);
}
END_TEST

/*
 * Output moved to a memfd (lj_buf_spill, as a capture past LJ_BUF_INLINE
 * is) gives the same document as the same bytes held in memory, whether
 * built or streamed: UTF-8 sequences and invalid bytes placed across the
 * 64 KiB chunks the file is read in, base64 with every remainder, escapes.
 */
static void spill_case(int k, char *p, size_t *n)
{
	static const char euro[] = "\xe2\x82\xac", emoji[] = "\xf0\x9f\x98\x80";
	const size_t C = 65536;

	switch (k) {
	case 0: *n = 0; break;
	case 1: *n = 1; p[0] = 'a'; break;
	case 2: /* a 3-byte sequence across the first chunk's end */
		*n = C + 10;
		memset(p, 'a', *n);
		memcpy(p + C - 1, euro, 3);
		break;
	case 3: /* a 4-byte one across it, two bytes on each side */
		*n = 2 * C + 5;
		memset(p, 'b', *n);
		memcpy(p + C - 2, emoji, 4);
		memcpy(p + 2 * C - 3, emoji, 4);
		break;
	case 4: /* the file ends inside a sequence: not UTF-8 */
		*n = C + 2;
		memset(p, 'c', *n);
		memcpy(p + C, euro, 2);
		break;
	case 5: /* an invalid byte right after the chunk's end */
		*n = C + 100;
		memset(p, 'd', *n);
		p[C] = (char) 0xff;
		break;
	case 6: /* a lead byte whose next byte, past the chunk, is no continuation */
		*n = C + 3;
		memset(p, 'e', *n);
		p[C - 1] = (char) 0xc3;
		break;
	case 7: case 8: case 9: /* binary, remainders 0, 1, 2 over several base64 chunks */
		*n = 3 * 49152 + (size_t) (k - 7);
		for (size_t i = 0; i < *n; i++)
			p[i] = (char) (i * 131 + 7);
		break;
	default: /* escapes everywhere */
		*n = 3 * C + 17;
		for (size_t i = 0; i < *n; i++)
			p[i] = "x\"\\\n\t\x01\x7f\xc3\xa9"[i % 9];
		if ((*n % 9) == 8)
			(*n)--;
		break;
	}
}

START_TEST(test_result_spilled)
{
	struct lj_result a, b;
	char *p = malloc(4 << 17), *sa = NULL, *sb = NULL;
	size_t n = 0;
	FILE *f;

	ck_assert_ptr_nonnull(p);
	spill_case(_i, p, &n);
	fill_result(&a);
	fill_result(&b);
	set_buf(&a.out, p, n);
	set_buf(&b.out, p, n);
	set_buf(&b.err, "err", 3);
	set_buf(&a.err, "err", 3);
	ck_assert_int_eq(lj_buf_spill(&b.out), 0);
	ck_assert(b.out.spilled && b.out.data == NULL && b.out.len == n);
	ck_assert_int_eq(lj_result_to_json(&a, &sa), 0);
	ck_assert_int_eq(lj_result_to_json(&b, &sb), 0);
	ck_assert_str_eq(sb, sa);
	f = tmpfile();
	ck_assert_ptr_nonnull(f);
	ck_assert_int_eq(lj_result_write_json(&b, fileno(f)), 0);
	{
		size_t m = (size_t) lseek(fileno(f), 0, SEEK_END);
		char *got = malloc(m + 1);

		ck_assert_ptr_nonnull(got);
		ck_assert_int_eq(lseek(fileno(f), 0, SEEK_SET), 0);
		ck_assert_uint_eq((size_t) read(fileno(f), got, m), m);
		ck_assert_uint_eq(m, strlen(sa) + 1);
		ck_assert(memcmp(got, sa, m - 1) == 0);
		free(got);
	}
	fclose(f);
	free(sa);
	free(sb);
	free(p);
	lj_result_release(&a);
	lj_result_release(&b);
}
END_TEST

/* A spilled buffer whose file is shorter than its length fails the writer
 * instead of writing a document with a cut string. */
START_TEST(test_result_spilled_short)
{
	struct lj_result r;
	char *s = NULL;

	fill_result(&r);
	set_buf(&r.out, "hello", 5);
	ck_assert_int_eq(lj_buf_spill(&r.out), 0);
	r.out.len = 70000;
	ck_assert_int_lt(lj_result_to_json(&r, &s), 0);
	ck_assert_ptr_null(s);
	lj_result_release(&r);
}
END_TEST

/* A write that fails is reported, not ignored. */
START_TEST(test_result_streamed_closed)
{
	struct lj_result r;
	int p[2];

	fill_result(&r);
	ck_assert_int_eq(pipe(p), 0);
	close(p[0]);
	signal(SIGPIPE, SIG_IGN);
	ck_assert_int_eq(lj_result_write_json(&r, p[1]), -EPIPE);
	close(p[1]);
	lj_result_release(&r);
}
END_TEST

/* Invalid UTF-8 on stdout is sent as base64 and decodes to the same bytes. */
static const struct {
	const char *bytes;
	size_t n;
} bad_streams[] = {
	{ "\xff\xfe\x00" "abc\xc0\x80", 8 },
	{ "\xed\xa0\x80", 3 },
	{ "\xf4\x90\x80\x80", 4 },
	{ "ok then \xc3", 9 },
	{ "\x80", 1 },
	{ "\"},\"status\":\"ok\xff", 17 },
};

START_TEST(test_result_invalid_utf8_base64)
{
	struct lj_result r;
	char *s = NULL, out[8192], hex[64];
	const char *p, *q;
	unsigned char dec[64];
	char *b64;
	ssize_t n;

	fill_result(&r);
	set_buf(&r.out, bad_streams[_i].bytes, bad_streams[_i].n);
	set_buf(&r.err, "fine", 4);
	ck_assert_int_eq(lj_result_to_json(&r, &s), 0);
	ck_assert_msg(lj_utf8_valid(s, strlen(s)), "report is not UTF-8: %s", s);
	ck_assert(unit_contains(s, "\"stdout_encoding\":\"base64\""));
	ck_assert(unit_contains(s, "\"stderr\":\"fine\",\"stderr_encoding\":\"utf-8\""));
	/* decode in C */
	p = strstr(s, "\"stdout\":\"");
	ck_assert_ptr_nonnull(p);
	p += strlen("\"stdout\":\"");
	q = strchr(p, '"');
	ck_assert_ptr_nonnull(q);
	b64 = strndup(p, (size_t) (q - p));
	n = b64decode(b64, dec, sizeof(dec));
	ck_assert_int_eq(n, (ssize_t) bad_streams[_i].n);
	ck_assert(memcmp(dec, bad_streams[_i].bytes, bad_streams[_i].n) == 0);
	free(b64);
	/* and independently */
	if (py_check(s, "assert d['stdout_encoding']=='base64'\n"
			"print(base64.b64decode(d['stdout'],validate=True).hex())\n",
			out, sizeof(out))) {
		for (size_t i = 0; i < bad_streams[_i].n; i++)
			snprintf(hex + 2 * i, 3, "%02x", (unsigned char) bad_streams[_i].bytes[i]);
		strcat(hex, "\n");
		ck_assert_str_eq(out, hex);
	}
	free(s);
	lj_result_release(&r);
}
END_TEST

/* NUL bytes are valid UTF-8: escaped as \u0000, never cutting the string. */
START_TEST(test_result_nul_bytes)
{
	struct lj_result r;
	char *s = NULL, out[4096];

	fill_result(&r);
	set_buf(&r.out, "a\0b\0", 4);
	set_buf(&r.err, "\0\x01\x7f\"", 4);
	ck_assert_int_eq(lj_result_to_json(&r, &s), 0);
	ck_assert(unit_contains(s, "\"stdout\":\"a\\u0000b\\u0000\",\"stdout_encoding\":\"utf-8\""));
	ck_assert(unit_contains(s, "\"stderr\":\"\\u0000\\u0001\\u007f\\\"\""));
	if (py_check(s, "assert d['stdout']=='a\\x00b\\x00'\n"
			"assert d['stderr']=='\\x00\\x01\\x7f\"'\n"
			"print('ok')\n", out, sizeof(out)))
		ck_assert_str_eq(out, "ok\n");
	free(s);
	lj_result_release(&r);
}
END_TEST

/* Each status renders and parses; exit_code only when it exited. */
START_TEST(test_result_every_status)
{
	static const char *const names[] = { "ok", "exit", "signal", "timeout", "memory",
		"output_limit", "error" };
	struct lj_result r;
	char *s = NULL, out[4096], script[512];
	enum lj_status st = (enum lj_status) _i;

	fill_result(&r);
	r.status = st;
	r.signal = 9;
	r.limit = st == LJ_STATUS_TIMEOUT ? "wall" : NULL;
	r.memory_peak = 4096;
	snprintf(r.error.code, sizeof(r.error.code), "no_mac");
	snprintf(r.error.msg, sizeof(r.error.msg), "line\none \"q\"");
	ck_assert_str_eq(lj_status_name(st), names[_i]);
	ck_assert_int_eq(lj_result_to_json(&r, &s), 0);
	snprintf(script, sizeof(script),
			"assert d['status']=='%s'\n"
			"ex=d['status'] in ('ok','exit')\n"
			"assert (d['exit_code']==3) if ex else (d['exit_code'] is None)\n"
			"assert (d['signal'] is None) if ex else (d['signal']==9)\n"
			"assert d['memory_peak_kb']==4\n"
			"e=d['error']\n"
			"assert (e is None) if d['status']!='error' else "
			"(e=={'code':'no_mac','message':'line\\none \"q\"'}), e\n"
			"print('ok')\n", names[_i]);
	if (py_check(s, script, out, sizeof(out)))
		ck_assert_str_eq(out, "ok\n");
	free(s);
	lj_result_release(&r);
}
END_TEST

START_TEST(test_error_to_json)
{
	struct lj_err e;
	char *s = NULL, out[4096];

	lj_err_clear(&e);
	lj_err_set(&e, EINVAL, "usage", "bad \"%s\"\n\t\\", "x\x01y");
	ck_assert_int_eq(lj_error_to_json(&e, &s), 0);
	ck_assert_str_eq(s, "{\"status\":\"error\",\"error\":{\"code\":\"usage\","
			"\"message\":\"bad \\\"x\\u0001y\\\"\\n\\t\\\\\"}}");
	if (py_check(s, "assert d=={'status':'error','error':{'code':'usage',"
			"'message':'bad \"x\\x01y\"\\n\\t\\\\'}}\nprint('ok')\n", out, sizeof(out)))
		ck_assert_str_eq(out, "ok\n");
	free(s);
	/* an empty code becomes "error" */
	lj_err_clear(&e);
	ck_assert_int_eq(lj_error_to_json(&e, &s), 0);
	ck_assert_str_eq(s, "{\"status\":\"error\",\"error\":{\"code\":\"error\",\"message\":\"\"}}");
	free(s);
}
END_TEST

/*
 * Error messages quote caller input ("unknown language '%.40s'", a source
 * path, an unknown command). The JSON must stay valid UTF-8 whatever those
 * bytes are, and when lj_err_set truncates a long message, or "%.40s" cuts
 * a multi-byte character in half.
 */
START_TEST(test_error_to_json_hostile_bytes)
{
	struct lj_err e;
	char *s = NULL, out[4096], esc[1024];

	lj_err_clear(&e);
	lj_err_set(&e, ENOENT, "unknown_language", "'%.40s' is not a valid language name",
			"py\xff\xfe");
	ck_assert_int_eq(lj_error_to_json(&e, &s), 0);
	ck_assert_msg(lj_utf8_valid(s, strlen(s)), "error JSON is not valid UTF-8: %s",
			unit_esc(s, strlen(s), esc, sizeof(esc)));
	if (py_check(s, "print('ok')\n", out, sizeof(out)))
		ck_assert_str_eq(out, "ok\n");
	free(s);
}
END_TEST

START_TEST(test_error_to_json_truncated_utf8)
{
	/* 39 ASCII bytes then 'é': "%.40s" keeps half of the 'é' */
	const char *name = "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\xc3\xa9";
	struct lj_err e;
	char *s = NULL, out[4096], esc[1024];

	ck_assert(lj_utf8_valid(name, strlen(name)));
	lj_err_clear(&e);
	lj_err_set(&e, EINVAL, "unknown_language", "'%.40s' is not a valid language name", name);
	ck_assert_int_eq(lj_error_to_json(&e, &s), 0);
	ck_assert_msg(lj_utf8_valid(s, strlen(s)), "error JSON is not valid UTF-8: %s",
			unit_esc(s, strlen(s), esc, sizeof(esc)));
	if (py_check(s, "print('ok')\n", out, sizeof(out)))
		ck_assert_str_eq(out, "ok\n");
	free(s);
}
END_TEST

START_TEST(test_error_to_json_long_message)
{
	struct lj_err e;
	char *s = NULL, *longmsg, esc[256];
	size_t n;

	/* 1000 x 'é' (valid) is cut by the 768-byte message buffer mid-character */
	longmsg = malloc(2001);
	ck_assert_ptr_nonnull(longmsg);
	for (int i = 0; i < 1000; i++)
		memcpy(longmsg + 2 * i, "\xc3\xa9", 2);
	longmsg[2000] = '\0';
	lj_err_clear(&e);
	lj_err_set(&e, EINVAL, "input", "%s", longmsg);
	ck_assert_int_eq(lj_error_to_json(&e, &s), 0);
	n = strlen(s);
	ck_assert_msg(lj_utf8_valid(s, n), "error JSON with a truncated message is not "
			"valid UTF-8 (ends ...%s)", unit_esc(s + n - 12, 12, esc, sizeof(esc)));
	free(s);
	free(longmsg);
}
END_TEST

/* Strings the report copies from configuration and the runner (language,
 * user, notes) must not break the JSON either. */
START_TEST(test_result_hostile_strings)
{
	struct lj_result r;
	char *s = NULL, out[4096], esc[8192];

	fill_result(&r);
	r.language = "py\xff";
	r.user = "us\xc0\x80r";
	snprintf(r.layer_note[LJ_LAYER_LANDLOCK], sizeof(r.layer_note[0]), "note \xed\xa0\x80");
	ck_assert_int_eq(lj_result_to_json(&r, &s), 0);
	ck_assert_msg(lj_utf8_valid(s, strlen(s)), "report is not valid UTF-8: %s",
			unit_esc(s, strlen(s), esc, sizeof(esc)));
	if (py_check(s, "print('ok')\n", out, sizeof(out)))
		ck_assert_str_eq(out, "ok\n");
	free(s);
	lj_result_release(&r);
}
END_TEST

static Suite *json_suite(void)
{
	Suite *s = suite_create("json");
	TCase *tc;

	tc = tcase_create("escape");
	tcase_add_loop_test(tc, test_escape, 0, UNIT_ARRAY_SIZE(esc_cases));
	tcase_add_test(tc, test_escape_every_ascii_byte);
	tcase_add_test(tc, test_structure);
	tcase_add_test(tc, test_large_string);
	suite_add_tcase(s, tc);

	tc = tcase_create("utf8");
	tcase_add_loop_test(tc, test_utf8, 0, UNIT_ARRAY_SIZE(utf8_cases));
	tcase_add_test(tc, test_utf8_exhaustive_two_bytes);
	tcase_add_test(tc, test_utf8_exhaustive_long);
	suite_add_tcase(s, tc);

	tc = tcase_create("base64");
	tcase_add_loop_test(tc, test_base64, 0, UNIT_ARRAY_SIZE(b64_cases));
	tcase_add_test(tc, test_base64_round_trip);
	suite_add_tcase(s, tc);

	tc = tcase_create("buf");
	tcase_add_test(tc, test_buf_append_cap);
	tcase_add_test(tc, test_buf_append_growth);
	suite_add_tcase(s, tc);

	tc = tcase_create("report");
	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, test_result_plain);
	tcase_add_loop_test(tc, test_result_invalid_utf8_base64, 0, UNIT_ARRAY_SIZE(bad_streams));
	tcase_add_test(tc, test_result_nul_bytes);
	tcase_add_loop_test(tc, test_result_every_status, 0, LJ_STATUS_ERROR + 1);
	tcase_add_test(tc, test_error_to_json);
	tcase_add_test(tc, test_error_to_json_hostile_bytes);
	tcase_add_test(tc, test_error_to_json_truncated_utf8);
	tcase_add_test(tc, test_error_to_json_long_message);
	tcase_add_test(tc, test_result_hostile_strings);
	tcase_add_loop_test(tc, test_result_streamed, 0, 12);
	tcase_add_test(tc, test_result_streamed_closed);
	tcase_add_loop_test(tc, test_result_spilled, 0, 11);
	tcase_add_loop_test(tc, test_escape_every_byte_every_place, 0, 2);
	tcase_add_test(tc, test_result_spilled_short);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	return unit_run(json_suite());
}
