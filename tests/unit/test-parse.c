/*
 * test-parse.c - unit tests for parse.c: the strict number, size, duration
 * and boolean parsers and the name checks.
 *
 * These parsers stand between a sudo caller (or a config file) and the
 * limits, so every table starts with the hostile rows: overflow at exactly
 * 2^64, signs, spaces, junk after the number, empty strings, and names with
 * '/', '..', control bytes and broken UTF-8. Each failing row also checks that
 * the out-parameter was left alone (the header promises "written only on
 * success").
 */
#include "config.h"

#include <check.h>
#include <errno.h>
#include <stdbool.h>
#include <stdint.h>
#include <string.h>

#include "parse.h"
#include "unit.h"

#define SENTINEL UINT64_C(0xdeadbeefcafe)

/* ---- lj_parse_uint ------------------------------------------------------- */

static const struct {
	const char *s;
	uint64_t max;
	int ret;
	uint64_t v;
} uint_cases[] = {
	/* overflow around 2^64 and around the caller's maximum */
	{ "18446744073709551616", UINT64_MAX, -ERANGE, 0 },
	{ "18446744073709551617", UINT64_MAX, -ERANGE, 0 },
	{ "99999999999999999999999999", UINT64_MAX, -ERANGE, 0 },
	{ "184467440737095516150", UINT64_MAX, -ERANGE, 0 },
	{ "4294967296", UINT32_MAX, -ERANGE, 0 },
	{ "4294967295", UINT32_MAX - 1, -ERANGE, 0 },
	{ "6", 5, -ERANGE, 0 },
	{ "10", 9, -ERANGE, 0 },
	/* single digits above a maximum below 9 (max - digit must not wrap) */
	{ "7", 5, -ERANGE, 0 },
	{ "9", 8, -ERANGE, 0 },
	{ "1", 0, -ERANGE, 0 },
	{ "9", 0, -ERANGE, 0 },
	{ "17", 5, -ERANGE, 0 },
	/* signs, spaces, junk */
	{ "+1", UINT64_MAX, -EINVAL, 0 },
	{ "-1", UINT64_MAX, -EINVAL, 0 },
	{ "-0", UINT64_MAX, -EINVAL, 0 },
	{ " 1", UINT64_MAX, -EINVAL, 0 },
	{ "1 ", UINT64_MAX, -EINVAL, 0 },
	{ "\t1", UINT64_MAX, -EINVAL, 0 },
	{ "1\n", UINT64_MAX, -EINVAL, 0 },
	{ "", UINT64_MAX, -EINVAL, 0 },
	{ "12abc", UINT64_MAX, -EINVAL, 0 },
	{ "abc", UINT64_MAX, -EINVAL, 0 },
	{ "0x10", UINT64_MAX, -EINVAL, 0 },
	{ "1e3", UINT64_MAX, -EINVAL, 0 },
	{ "1_000", UINT64_MAX, -EINVAL, 0 },
	{ "1,000", UINT64_MAX, -EINVAL, 0 },
	{ "1.0", UINT64_MAX, -EINVAL, 0 },
	{ "\xd9\xa1", UINT64_MAX, -EINVAL, 0 },     /* ARABIC-INDIC DIGIT ONE */
	{ "\xef\xbc\x91", UINT64_MAX, -EINVAL, 0 }, /* FULLWIDTH DIGIT ONE */
	/* good */
	{ "18446744073709551615", UINT64_MAX, 0, UINT64_MAX },
	{ "4294967295", UINT32_MAX, 0, UINT32_MAX },
	{ "0", UINT64_MAX, 0, 0 },
	{ "0", 0, 0, 0 },
	{ "5", 5, 0, 5 },
	{ "9", 9, 0, 9 },
	{ "007", UINT64_MAX, 0, 7 },
	{ "12", UINT64_MAX, 0, 12 },
};

START_TEST(test_uint)
{
	uint64_t v = SENTINEL;
	int r = lj_parse_uint(uint_cases[_i].s, uint_cases[_i].max, &v);

	ck_assert_msg(r == uint_cases[_i].ret, "lj_parse_uint(\"%s\", %ju) = %d (value %ju), want %d",
			uint_cases[_i].s, (uintmax_t) uint_cases[_i].max, r, (uintmax_t) v,
			uint_cases[_i].ret);
	if (r == 0)
		ck_assert_msg(v == uint_cases[_i].v, "lj_parse_uint(\"%s\") gave %ju, want %ju",
				uint_cases[_i].s, (uintmax_t) v, (uintmax_t) uint_cases[_i].v);
	else
		ck_assert_msg(v == SENTINEL, "lj_parse_uint(\"%s\") wrote %ju on failure",
				uint_cases[_i].s, (uintmax_t) v);
}
END_TEST

START_TEST(test_uint_null)
{
	uint64_t v = SENTINEL;

	ck_assert_int_eq(lj_parse_uint(NULL, UINT64_MAX, &v), -EINVAL);
	ck_assert(v == SENTINEL);
}
END_TEST

/* Every value 0..200 against every maximum 0..200: the result is exact. */
START_TEST(test_uint_exhaustive_small)
{
	for (uint64_t max = 0; max <= 200; max++) {
		for (uint64_t n = 0; n <= 200; n++) {
			char s[8];
			uint64_t v = SENTINEL;
			int r;

			snprintf(s, sizeof(s), "%ju", (uintmax_t) n);
			r = lj_parse_uint(s, max, &v);
			if (n <= max)
				ck_assert_msg(r == 0 && v == n, "\"%s\" max %ju: r=%d v=%ju", s,
						(uintmax_t) max, r, (uintmax_t) v);
			else
				ck_assert_msg(r == -ERANGE && v == SENTINEL,
						"\"%s\" max %ju accepted: r=%d v=%ju", s,
						(uintmax_t) max, r, (uintmax_t) v);
		}
	}
}
END_TEST

/* ---- lj_parse_size ------------------------------------------------------- */

#define KiB (UINT64_C(1) << 10)
#define MiB (UINT64_C(1) << 20)
#define GiB (UINT64_C(1) << 30)
#define TiB (UINT64_C(1) << 40)

static const struct {
	const char *s;
	int ret;
	uint64_t v;
} size_cases[] = {
	/* overflow: 17179869184G = 2^34 * 2^30 = 2^64 */
	{ "17179869184G", -ERANGE, 0 },
	{ "17179869184GiB", -ERANGE, 0 },
	{ "16777216T", -ERANGE, 0 },
	{ "18014398509481984K", -ERANGE, 0 },
	{ "17592186044416M", -ERANGE, 0 },
	{ "18446744073709551616", -ERANGE, 0 },
	{ "18446744073709551615K", -ERANGE, 0 },
	{ "99999999999999999999999G", -ERANGE, 0 },
	/* junk, signs, fractions, lonely suffixes */
	{ "1.5M", -EINVAL, 0 },
	{ "0.5G", -EINVAL, 0 },
	{ "M", -EINVAL, 0 },
	{ "KiB", -EINVAL, 0 },
	{ "", -EINVAL, 0 },
	{ "-1M", -EINVAL, 0 },
	{ "+1M", -EINVAL, 0 },
	{ " 64M", -EINVAL, 0 },
	{ "64M ", -EINVAL, 0 },
	{ "64 M", -EINVAL, 0 },
	{ "64M\n", -EINVAL, 0 },
	{ "64Q", -EINVAL, 0 },
	{ "64MM", -EINVAL, 0 },
	{ "64Mi", -EINVAL, 0 },
	{ "64KIB", -EINVAL, 0 },
	{ "64P", -EINVAL, 0 },
	{ "0x40M", -EINVAL, 0 },
	{ "1e6", -EINVAL, 0 },
	{ "64M64", -EINVAL, 0 },
	/* good */
	{ "17179869183G", 0, UINT64_C(17179869183) * GiB },
	{ "16777215T", 0, UINT64_C(16777215) * TiB },
	{ "18446744073709551615", 0, UINT64_MAX },
	{ "0", 0, 0 },
	{ "512", 0, 512 },
	{ "512B", 0, 512 },
	{ "1K", 0, KiB }, { "1KB", 0, KiB }, { "1KiB", 0, KiB }, { "1k", 0, KiB },
	{ "64M", 0, 64 * MiB }, { "64MB", 0, 64 * MiB }, { "64MiB", 0, 64 * MiB },
	{ "64m", 0, 64 * MiB },
	{ "2G", 0, 2 * GiB }, { "2GB", 0, 2 * GiB }, { "2GiB", 0, 2 * GiB }, { "2g", 0, 2 * GiB },
	{ "3T", 0, 3 * TiB }, { "3TB", 0, 3 * TiB }, { "3TiB", 0, 3 * TiB }, { "3t", 0, 3 * TiB },
	{ "0M", 0, 0 },
};

START_TEST(test_size)
{
	uint64_t v = SENTINEL;
	int r = lj_parse_size(size_cases[_i].s, &v);

	ck_assert_msg(r == size_cases[_i].ret, "lj_parse_size(\"%s\") = %d (value %ju), want %d",
			size_cases[_i].s, r, (uintmax_t) v, size_cases[_i].ret);
	if (r == 0)
		ck_assert_msg(v == size_cases[_i].v, "lj_parse_size(\"%s\") gave %ju, want %ju",
				size_cases[_i].s, (uintmax_t) v, (uintmax_t) size_cases[_i].v);
	else
		ck_assert_msg(v == SENTINEL, "lj_parse_size(\"%s\") wrote on failure",
				size_cases[_i].s);
}
END_TEST

START_TEST(test_size_null)
{
	uint64_t v = SENTINEL;

	ck_assert_int_eq(lj_parse_size(NULL, &v), -EINVAL);
	ck_assert(v == SENTINEL);
}
END_TEST

/* ---- lj_parse_duration_ms ------------------------------------------------ */

static const struct {
	const char *s;
	int ret;
	uint64_t v;
} dur_cases[] = {
	/* overflow: UINT64_MAX ms is 18446744073709551.615 s */
	{ "18446744073709551.616", -ERANGE, 0 },
	{ "18446744073709551.7", -ERANGE, 0 },
	{ "18446744073709552", -ERANGE, 0 },
	{ "18446744073709552s", -ERANGE, 0 },
	{ "99999999999999999999", -ERANGE, 0 },
	{ "184467440737095516150", -ERANGE, 0 },
	/* finer than a millisecond, missing digits, junk */
	{ "1.2345", -EINVAL, 0 },
	{ "0.0001", -EINVAL, 0 },
	{ ".5", -EINVAL, 0 },
	{ "1.", -EINVAL, 0 },
	{ "1.s", -EINVAL, 0 },
	{ "s", -EINVAL, 0 },
	{ "", -EINVAL, 0 },
	{ "-1", -EINVAL, 0 },
	{ "+1", -EINVAL, 0 },
	{ " 2", -EINVAL, 0 },
	{ "2 ", -EINVAL, 0 },
	{ "2 s", -EINVAL, 0 },
	{ "1,5", -EINVAL, 0 },
	{ "2ms", -EINVAL, 0 },
	{ "2ss", -EINVAL, 0 },
	{ "1..2", -EINVAL, 0 },
	{ "1.2.3", -EINVAL, 0 },
	{ "1e3", -EINVAL, 0 },
	{ "0x1", -EINVAL, 0 },
	{ "2m", -EINVAL, 0 },
	/* good */
	{ "2", 0, 2000 },
	{ "0.5", 0, 500 },
	{ "1.25", 0, 1250 },
	{ "1.001", 0, 1001 },
	{ "1.100", 0, 1100 },
	{ "10.000", 0, 10000 },
	{ "2s", 0, 2000 },
	{ "0.5s", 0, 500 },
	{ "0", 0, 0 },
	{ "0.000", 0, 0 },
	{ "007.5", 0, 7500 },
	{ "18446744073709551", 0, UINT64_C(18446744073709551000) },
	{ "18446744073709551.615", 0, UINT64_MAX },
	{ "18446744073709551.615s", 0, UINT64_MAX },
};

START_TEST(test_duration)
{
	uint64_t v = SENTINEL;
	int r = lj_parse_duration_ms(dur_cases[_i].s, &v);

	ck_assert_msg(r == dur_cases[_i].ret,
			"lj_parse_duration_ms(\"%s\") = %d (value %ju), want %d",
			dur_cases[_i].s, r, (uintmax_t) v, dur_cases[_i].ret);
	if (r == 0)
		ck_assert_msg(v == dur_cases[_i].v, "lj_parse_duration_ms(\"%s\") gave %ju, want %ju",
				dur_cases[_i].s, (uintmax_t) v, (uintmax_t) dur_cases[_i].v);
	else
		ck_assert_msg(v == SENTINEL, "lj_parse_duration_ms(\"%s\") wrote on failure",
				dur_cases[_i].s);
}
END_TEST

START_TEST(test_duration_null)
{
	uint64_t v = SENTINEL;

	ck_assert_int_eq(lj_parse_duration_ms(NULL, &v), -EINVAL);
	ck_assert(v == SENTINEL);
}
END_TEST

/* ---- lj_parse_bool ------------------------------------------------------- */

static const struct {
	const char *s;
	int ret;
	bool v;
} bool_cases[] = {
	{ "", -EINVAL, false },
	{ "y", -EINVAL, false },
	{ "n", -EINVAL, false },
	{ "t", -EINVAL, false },
	{ "f", -EINVAL, false },
	{ "2", -EINVAL, false },
	{ "-1", -EINVAL, false },
	{ "01", -EINVAL, false },
	{ "10", -EINVAL, false },
	{ "yes ", -EINVAL, false },
	{ " yes", -EINVAL, false },
	{ "yess", -EINVAL, false },
	{ "yesno", -EINVAL, false },
	{ "no\n", -EINVAL, false },
	{ "enable", -EINVAL, false },
	{ "nope", -EINVAL, false },   /* isolate's "first letter wins" trap */
	{ "tru", -EINVAL, false },
	{ "o", -EINVAL, false },
	{ "yes", 0, true }, { "YES", 0, true }, { "Yes", 0, true },
	{ "true", 0, true }, { "TRUE", 0, true }, { "on", 0, true }, { "oN", 0, true },
	{ "1", 0, true },
	{ "no", 0, false }, { "NO", 0, false }, { "false", 0, false }, { "False", 0, false },
	{ "off", 0, false }, { "OFF", 0, false }, { "0", 0, false },
};

START_TEST(test_bool)
{
	/* start from the opposite of the expectation so a no-op cannot pass */
	bool v = !bool_cases[_i].v;
	bool before = v;
	int r = lj_parse_bool(bool_cases[_i].s, &v);

	ck_assert_msg(r == bool_cases[_i].ret, "lj_parse_bool(\"%s\") = %d, want %d",
			bool_cases[_i].s, r, bool_cases[_i].ret);
	if (r == 0)
		ck_assert_msg(v == bool_cases[_i].v, "lj_parse_bool(\"%s\") gave %d",
				bool_cases[_i].s, v);
	else
		ck_assert_msg(v == before, "lj_parse_bool(\"%s\") wrote on failure",
				bool_cases[_i].s);
}
END_TEST

START_TEST(test_bool_null)
{
	bool v = true;

	ck_assert_int_eq(lj_parse_bool(NULL, &v), -EINVAL);
	ck_assert(v == true);
}
END_TEST

/* ---- lj_name_is_safe ----------------------------------------------------- */

static char name255[256], name256[257], name255_utf8[256];

static const struct {
	const char *s;
	bool ok;
} name_cases[] = {
	{ NULL, false },
	{ "", false },
	{ ".", false },
	{ "..", false },
	{ "...", false },
	{ ".hidden", false },
	{ "../x", false },
	{ "a/b", false },
	{ "/", false },
	{ "/etc", false },
	{ "a/", false },
	{ "a\nb", false },
	{ "a\rb", false },
	{ "a\tb", false },
	{ "\x1b[31mred", false },
	{ "a\x01", false },
	{ "a\x7f", false },
	{ name256, false },
	/* "printable ASCII or UTF-8": broken UTF-8 is neither */
	{ "\xff", false },
	{ "a\xfe", false },
	{ "\x80", false },
	{ "caf\xc3", false },              /* truncated sequence */
	{ "\xc0\xaf", false },             /* overlong '/' */
	{ "\xc0\xae\xc0\xae", false },     /* overlong ".." */
	{ "\xed\xa0\x80", false },         /* UTF-16 surrogate */
	{ "\xf4\x90\x80\x80", false },     /* above U+10FFFF */
	/* "no control chars": C1 controls encoded in UTF-8 */
	{ "a\xc2\x85" "b", false },        /* U+0085 NEXT LINE */
	{ "a\xc2\x9b" "31m", false },      /* U+009B CSI */
	/* good */
	{ "a", true },
	{ "main.py", true },
	{ "a.b", true },
	{ "a..b", true },
	{ "x..", true },
	{ "Makefile", true },
	{ "a b", true },
	{ "-rf", true },
	{ "~", true },
	{ "\xc3\xbcn\xc3\xaf" "c\xc3\xb6" "d\xc3\xa9" ".py", true },   /* ünïcödé.py */
	{ "\xe6\x97\xa5\xe6\x9c\xac.txt", true },                  /* 日本.txt */
	{ "\xf0\x9f\x90\x8d.py", true },                          /* snake emoji */
	{ name255, true },
	{ name255_utf8, true },
};

static void name_setup(void)
{
	memset(name255, 'a', 255);
	name255[255] = '\0';
	memset(name256, 'a', 256);
	name256[256] = '\0';
	/* 85 three-byte characters: 255 bytes of valid UTF-8 */
	for (int i = 0; i < 85; i++)
		memcpy(name255_utf8 + 3 * i, "\xe2\x82\xac", 3);
	name255_utf8[255] = '\0';
}

START_TEST(test_name_is_safe)
{
	const char *s = name_cases[_i].s;
	char esc[256];

	ck_assert_msg(lj_name_is_safe(s) == name_cases[_i].ok,
			"lj_name_is_safe(\"%s\"%s) = %d, want %d",
			unit_esc(s, s ? strnlen(s, 40) : 0, esc, sizeof(esc)),
			s && strlen(s) > 40 ? "..." : "", !name_cases[_i].ok, name_cases[_i].ok);
}
END_TEST

/* ---- lj_lang_name_is_valid ----------------------------------------------- */

static char lang32[33], lang33[34];

static const struct {
	const char *s;
	bool ok;
} lang_cases[] = {
	{ NULL, false },
	{ "", false },
	{ ".", false },
	{ "..", false },
	{ "../etc", false },
	{ "py/thon", false },
	{ "_x", false },
	{ "-x", false },
	{ "+x", false },
	{ "Python", false },
	{ "pYthon", false },
	{ "py thon", false },
	{ "a.b", false },
	{ "x\n", false },
	{ "x\t", false },
	{ "\xc3\xa9", false },
	{ "py\xff", false },
	{ lang33, false },
	{ "python3", true },
	{ "c++", true },
	{ "a", true },
	{ "0", true },
	{ "9x", true },
	{ "sh", true },
	{ "node-20", true },
	{ "x_y", true },
	{ "a+-_", true },
	{ lang32, true },
};

static void lang_setup(void)
{
	memset(lang32, 'z', 32);
	lang32[32] = '\0';
	memset(lang33, 'z', 33);
	lang33[33] = '\0';
}

START_TEST(test_lang_name)
{
	const char *s = lang_cases[_i].s;
	char esc[256];

	ck_assert_msg(lj_lang_name_is_valid(s) == lang_cases[_i].ok,
			"lj_lang_name_is_valid(\"%s\") = %d, want %d",
			unit_esc(s, s ? strlen(s) : 0, esc, sizeof(esc)),
			!lang_cases[_i].ok, lang_cases[_i].ok);
}
END_TEST

static Suite *parse_suite(void)
{
	Suite *s = suite_create("parse");
	TCase *tc;

	tc = tcase_create("uint");
	tcase_add_loop_test(tc, test_uint, 0, UNIT_ARRAY_SIZE(uint_cases));
	tcase_add_test(tc, test_uint_null);
	tcase_add_test(tc, test_uint_exhaustive_small);
	suite_add_tcase(s, tc);

	tc = tcase_create("size");
	tcase_add_loop_test(tc, test_size, 0, UNIT_ARRAY_SIZE(size_cases));
	tcase_add_test(tc, test_size_null);
	suite_add_tcase(s, tc);

	tc = tcase_create("duration");
	tcase_add_loop_test(tc, test_duration, 0, UNIT_ARRAY_SIZE(dur_cases));
	tcase_add_test(tc, test_duration_null);
	suite_add_tcase(s, tc);

	tc = tcase_create("bool");
	tcase_add_loop_test(tc, test_bool, 0, UNIT_ARRAY_SIZE(bool_cases));
	tcase_add_test(tc, test_bool_null);
	suite_add_tcase(s, tc);

	tc = tcase_create("names");
	tcase_add_unchecked_fixture(tc, name_setup, NULL);
	tcase_add_unchecked_fixture(tc, lang_setup, NULL);
	tcase_add_loop_test(tc, test_name_is_safe, 0, UNIT_ARRAY_SIZE(name_cases));
	tcase_add_loop_test(tc, test_lang_name, 0, UNIT_ARRAY_SIZE(lang_cases));
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	return unit_run(parse_suite());
}
