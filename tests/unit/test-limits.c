/*
 * test-limits.c - unit tests for limits.c: names, parsing, formatting and the
 * request rule (a caller may lower a limit, never raise it above the maximum).
 *
 * Hostile rows first: zero limits, overflow, a request above the maximum
 * mixed with legal ones (must change nothing), mask bits past the table.
 */
#include "config.h"

#include <check.h>
#include <errno.h>
#include <stdint.h>
#include <string.h>

#include "lj-limits.h"
#include "unit.h"

#define SENTINEL UINT64_C(0xdeadbeefcafe)
#define KiB (UINT64_C(1) << 10)
#define MiB (UINT64_C(1) << 20)
#define GiB (UINT64_C(1) << 30)

/* ---- names --------------------------------------------------------------- */

static const struct {
	enum lj_limit l;
	const char *name, *option;
	enum lj_limit_kind kind;
} names[] = {
	{ LJ_LIMIT_CPU, "cpu", "--cpu", LJ_LIMIT_KIND_MS },
	{ LJ_LIMIT_WALL, "wall", "--wall", LJ_LIMIT_KIND_MS },
	{ LJ_LIMIT_MEMORY, "memory", "--memory", LJ_LIMIT_KIND_BYTES },
	{ LJ_LIMIT_PROCS, "procs", "--procs", LJ_LIMIT_KIND_COUNT },
	{ LJ_LIMIT_FILE_SIZE, "file_size", "--file-size", LJ_LIMIT_KIND_BYTES },
	{ LJ_LIMIT_OPEN_FILES, "open_files", "--open-files", LJ_LIMIT_KIND_COUNT },
	{ LJ_LIMIT_OUTPUT, "output", "--output", LJ_LIMIT_KIND_BYTES },
	{ LJ_LIMIT_DISK, "disk", "--disk", LJ_LIMIT_KIND_BYTES },
	{ LJ_LIMIT_INODES, "inodes", "--inodes", LJ_LIMIT_KIND_COUNT },
	{ LJ_LIMIT_STACK, "stack", "--stack", LJ_LIMIT_KIND_BYTES },
};

START_TEST(test_names_table_complete)
{
	ck_assert_uint_eq(UNIT_ARRAY_SIZE(names), LJ_LIMIT__MAX);
}
END_TEST

START_TEST(test_names_round_trip)
{
	enum lj_limit got = LJ_LIMIT__MAX;
	const char *name = lj_limit_name(names[_i].l), *opt = lj_limit_option(names[_i].l);
	char derived[64];
	size_t k = 2;

	ck_assert_str_eq(name, names[_i].name);
	ck_assert_str_eq(opt, names[_i].option);
	ck_assert_int_eq(lj_limit_kind(names[_i].l), names[_i].kind);
	ck_assert_int_eq(lj_limit_from_name(name, &got), 0);
	ck_assert_int_eq(got, names[_i].l);
	/* the option is the INI name with '_' spelled '-' */
	memcpy(derived, "--", 2);
	for (const char *p = name; *p && k + 1 < sizeof(derived); p++)
		derived[k++] = *p == '_' ? '-' : *p;
	derived[k] = '\0';
	ck_assert_str_eq(opt, derived);
}
END_TEST

START_TEST(test_names_unique)
{
	for (int i = 0; i < LJ_LIMIT__MAX; i++)
		for (int j = i + 1; j < LJ_LIMIT__MAX; j++) {
			ck_assert_str_ne(lj_limit_name((enum lj_limit) i),
					lj_limit_name((enum lj_limit) j));
			ck_assert_str_ne(lj_limit_option((enum lj_limit) i),
					lj_limit_option((enum lj_limit) j));
		}
}
END_TEST

static const char *const bad_names[] = {
	"", "bogus", "CPU", "Cpu", "cpu ", " cpu", "cpu\n", "max_cpu", "--cpu", "file-size",
	"memoryx", "mem", "cpu\xff",
};

START_TEST(test_names_unknown)
{
	enum lj_limit got = (enum lj_limit) 77;

	ck_assert_int_eq(lj_limit_from_name(bad_names[_i], &got), -ENOENT);
	ck_assert_int_eq(got, 77);
}
END_TEST

START_TEST(test_names_out_of_range)
{
	ck_assert_str_eq(lj_limit_name(LJ_LIMIT__MAX), "?");
	ck_assert_str_eq(lj_limit_option(LJ_LIMIT__MAX), "?");
	ck_assert_str_eq(lj_limit_name((enum lj_limit) 1000), "?");
}
END_TEST

/* ---- lj_limit_parse ------------------------------------------------------ */

static const struct {
	enum lj_limit l;
	const char *s;
	int ret;
	uint64_t v;
} parse_cases[] = {
	/* zero is never a limit */
	{ LJ_LIMIT_CPU, "0", -ERANGE, 0 },
	{ LJ_LIMIT_CPU, "0.000", -ERANGE, 0 },
	{ LJ_LIMIT_CPU, "0s", -ERANGE, 0 },
	{ LJ_LIMIT_WALL, "0", -ERANGE, 0 },
	{ LJ_LIMIT_MEMORY, "0", -ERANGE, 0 },
	{ LJ_LIMIT_MEMORY, "0K", -ERANGE, 0 },
	{ LJ_LIMIT_PROCS, "0", -ERANGE, 0 },
	{ LJ_LIMIT_INODES, "00", -ERANGE, 0 },
	/* overflow */
	{ LJ_LIMIT_MEMORY, "17179869184G", -ERANGE, 0 },
	{ LJ_LIMIT_CPU, "18446744073709552", -ERANGE, 0 },
	{ LJ_LIMIT_PROCS, "4294967296", -ERANGE, 0 },
	{ LJ_LIMIT_OPEN_FILES, "18446744073709551616", -ERANGE, 0 },
	/* the wrong kind of value */
	{ LJ_LIMIT_CPU, "64M", -EINVAL, 0 },
	{ LJ_LIMIT_CPU, "1.2345", -EINVAL, 0 },
	{ LJ_LIMIT_WALL, "-1", -EINVAL, 0 },
	{ LJ_LIMIT_MEMORY, "1.5M", -EINVAL, 0 },
	{ LJ_LIMIT_MEMORY, "64Q", -EINVAL, 0 },
	{ LJ_LIMIT_MEMORY, "2s", -EINVAL, 0 },
	{ LJ_LIMIT_PROCS, "1K", -EINVAL, 0 },
	{ LJ_LIMIT_PROCS, "2.5", -EINVAL, 0 },
	{ LJ_LIMIT_PROCS, "-1", -EINVAL, 0 },
	{ LJ_LIMIT_INODES, "+5", -EINVAL, 0 },
	{ LJ_LIMIT_STACK, "", -EINVAL, 0 },
	/* good */
	{ LJ_LIMIT_CPU, "2", 0, 2000 },
	{ LJ_LIMIT_CPU, "0.5", 0, 500 },
	{ LJ_LIMIT_CPU, "0.001", 0, 1 },
	{ LJ_LIMIT_WALL, "2.5s", 0, 2500 },
	{ LJ_LIMIT_MEMORY, "64M", 0, 64 * MiB },
	{ LJ_LIMIT_MEMORY, "1", 0, 1 },
	{ LJ_LIMIT_FILE_SIZE, "1G", 0, GiB },
	{ LJ_LIMIT_OUTPUT, "512K", 0, 512 * KiB },
	{ LJ_LIMIT_DISK, "1T", 0, UINT64_C(1) << 40 },
	{ LJ_LIMIT_STACK, "8MiB", 0, 8 * MiB },
	{ LJ_LIMIT_PROCS, "32", 0, 32 },
	{ LJ_LIMIT_PROCS, "4294967295", 0, UINT32_MAX },
	{ LJ_LIMIT_OPEN_FILES, "1", 0, 1 },
	{ LJ_LIMIT_INODES, "1000000", 0, 1000000 },
};

START_TEST(test_parse)
{
	uint64_t v = SENTINEL;
	int r = lj_limit_parse(parse_cases[_i].l, parse_cases[_i].s, &v);

	ck_assert_msg(r == parse_cases[_i].ret, "lj_limit_parse(%s, \"%s\") = %d (value %ju), want %d",
			lj_limit_name(parse_cases[_i].l), parse_cases[_i].s, r, (uintmax_t) v,
			parse_cases[_i].ret);
	if (r == 0)
		ck_assert_msg(v == parse_cases[_i].v, "lj_limit_parse(%s, \"%s\") = %ju, want %ju",
				lj_limit_name(parse_cases[_i].l), parse_cases[_i].s, (uintmax_t) v,
				(uintmax_t) parse_cases[_i].v);
	else
		ck_assert(v == SENTINEL);
}
END_TEST

/* Every limit: zero -ERANGE, empty and junk -EINVAL, nothing written. */
START_TEST(test_parse_every_limit_rejects)
{
	enum lj_limit l = (enum lj_limit) _i;
	static const char *const junk[] = { "", "x", "1x", " 1", "1 ", "-1", "+1", "1\n" };
	uint64_t v = SENTINEL;

	ck_assert_int_eq(lj_limit_parse(l, "0", &v), -ERANGE);
	for (size_t k = 0; k < UNIT_ARRAY_SIZE(junk); k++)
		ck_assert_msg(lj_limit_parse(l, junk[k], &v) == -EINVAL, "%s accepted \"%s\"",
				lj_limit_name(l), junk[k]);
	ck_assert(v == SENTINEL);
	ck_assert_int_eq(lj_limit_parse(l, "1", &v), 0);
	ck_assert(v == (lj_limit_kind(l) == LJ_LIMIT_KIND_MS ? 1000 : 1));
}
END_TEST

/* ---- lj_limit_format ----------------------------------------------------- */

static const struct {
	enum lj_limit l;
	uint64_t v;
	const char *s;
} format_cases[] = {
	{ LJ_LIMIT_CPU, 2000, "2s" },
	{ LJ_LIMIT_CPU, 0, "0s" },
	{ LJ_LIMIT_CPU, 60000, "60s" },
	{ LJ_LIMIT_MEMORY, 64 * MiB, "64M" },
	{ LJ_LIMIT_MEMORY, 4 * GiB, "4G" },
	{ LJ_LIMIT_MEMORY, KiB, "1K" },
	{ LJ_LIMIT_MEMORY, 1000, "1000" },
	{ LJ_LIMIT_MEMORY, 1536, "1536" },
	{ LJ_LIMIT_MEMORY, 0, "0" },
	{ LJ_LIMIT_MEMORY, UINT64_MAX, "18446744073709551615" },
	{ LJ_LIMIT_PROCS, 32, "32" },
	{ LJ_LIMIT_INODES, 1024, "1024" },   /* a count is never "1K" */
};

START_TEST(test_format)
{
	char buf[64];

	memset(buf, 'X', sizeof(buf));
	lj_limit_format(format_cases[_i].l, format_cases[_i].v, buf, sizeof(buf));
	ck_assert_str_eq(buf, format_cases[_i].s);
}
END_TEST

static const uint64_t round_trip_values[] = {
	1, 2, 999, 1000, 1001, 1023, 1024, 1025, 1500, 2500, 4096, 1000000,
	64 * MiB, 64 * MiB + 1, 3 * GiB, 5 * GiB + KiB, UINT64_C(1) << 40,
	UINT32_MAX, UINT64_C(18446744073709551000), UINT64_MAX - 1, UINT64_MAX,
};

/* What lj_limit_format prints, lj_limit_parse reads back to the same value. */
START_TEST(test_format_round_trip)
{
	enum lj_limit l = (enum lj_limit) _i;

	for (size_t k = 0; k < UNIT_ARRAY_SIZE(round_trip_values); k++) {
		uint64_t v = round_trip_values[k], back = SENTINEL;
		char buf[64];
		int r;

		if (lj_limit_kind(l) == LJ_LIMIT_KIND_COUNT && v > UINT32_MAX)
			continue;
		lj_limit_format(l, v, buf, sizeof(buf));
		r = lj_limit_parse(l, buf, &back);
		ck_assert_msg(r == 0 && back == v, "%s: %ju formats as \"%s\", parses as %ju (r=%d)",
				lj_limit_name(l), (uintmax_t) v, buf, (uintmax_t) back, r);
	}
}
END_TEST

/* A short buffer is truncated and terminated, never overrun. */
START_TEST(test_format_short_buffer)
{
	char buf[16];

	memset(buf, 'X', sizeof(buf));
	lj_limit_format(LJ_LIMIT_CPU, UINT64_MAX, buf, 5);
	ck_assert_str_eq(buf, "1844");
	for (size_t i = 5; i < sizeof(buf); i++)
		ck_assert_int_eq(buf[i], 'X');
	memset(buf, 'X', sizeof(buf));
	lj_limit_format(LJ_LIMIT_MEMORY, 64 * MiB, buf, 1);
	ck_assert_int_eq(buf[0], '\0');
	ck_assert_int_eq(buf[1], 'X');
}
END_TEST

/* ---- builtin, request, clamp ---------------------------------------------- */

START_TEST(test_builtin_sane)
{
	struct lj_limits def, max;

	lj_limits_builtin(&def, &max);
	for (int i = 0; i < LJ_LIMIT__MAX; i++) {
		ck_assert_msg(def.v[i] > 0, "%s default is 0", lj_limit_name((enum lj_limit) i));
		ck_assert_msg(def.v[i] <= max.v[i], "%s default above max",
				lj_limit_name((enum lj_limit) i));
	}
	/* either out-parameter may be NULL */
	lj_limits_builtin(NULL, &max);
	lj_limits_builtin(&def, NULL);
}
END_TEST

/* Raising any single limit above its maximum is refused and names the option. */
START_TEST(test_request_above_max_names_option)
{
	enum lj_limit l = (enum lj_limit) _i;
	struct lj_limits def, max, cur, req;
	struct lj_err e;

	lj_limits_builtin(&def, &max);
	cur = def;
	memset(&req, 0, sizeof(req));
	req.v[l] = max.v[l] + 1;
	lj_err_clear(&e);
	ck_assert_int_eq(lj_limits_request(&cur, &max, &req, 1u << l, &e), -EPERM);
	ck_assert_str_eq(e.code, "limit");
	ck_assert_int_eq(e.errnum, EPERM);
	ck_assert_msg(strncmp(e.msg, lj_limit_option(l), strlen(lj_limit_option(l))) == 0 &&
			e.msg[strlen(lj_limit_option(l))] == ' ',
			"message does not start with the option %s: %s", lj_limit_option(l), e.msg);
	ck_assert_msg(memcmp(&cur, &def, sizeof(cur)) == 0, "refused request changed limits");
}
END_TEST

START_TEST(test_request_message)
{
	struct lj_limits def, max, cur, req = { { 0 } };
	struct lj_err e;

	lj_limits_builtin(&def, &max);
	cur = def;
	req.v[LJ_LIMIT_MEMORY] = 8 * GiB;
	lj_err_clear(&e);
	ck_assert_int_eq(lj_limits_request(&cur, &max, &req, 1u << LJ_LIMIT_MEMORY, &e), -EPERM);
	ck_assert_str_eq(e.msg, "--memory 8G is above the configured maximum 4G");
	req.v[LJ_LIMIT_CPU] = 61500;
	ck_assert_int_eq(lj_limits_request(&cur, &max, &req, 1u << LJ_LIMIT_CPU, &e), -EPERM);
	ck_assert(unit_contains(e.msg, "--cpu"));
	ck_assert(unit_contains(e.msg, "60s"));
}
END_TEST

/* One bad value in a request with several good ones changes nothing. */
START_TEST(test_request_atomic)
{
	struct lj_limits def, max, cur, req;
	uint32_t mask = (1u << LJ_LIMIT_CPU) | (1u << LJ_LIMIT_WALL) | (1u << LJ_LIMIT_STACK);

	lj_limits_builtin(&def, &max);
	cur = def;
	req = def;
	req.v[LJ_LIMIT_CPU] = 1;
	req.v[LJ_LIMIT_WALL] = 2;
	req.v[LJ_LIMIT_STACK] = max.v[LJ_LIMIT_STACK] + 1;
	ck_assert_int_eq(lj_limits_request(&cur, &max, &req, mask, NULL), -EPERM);
	ck_assert(memcmp(&cur, &def, sizeof(cur)) == 0);
}
END_TEST

START_TEST(test_request_lower_and_equal)
{
	struct lj_limits def, max, cur, req = { { 0 } };
	struct lj_err e;

	lj_limits_builtin(&def, &max);
	cur = def;
	req.v[LJ_LIMIT_CPU] = 1000;
	req.v[LJ_LIMIT_MEMORY] = max.v[LJ_LIMIT_MEMORY];   /* equal to max: allowed */
	req.v[LJ_LIMIT_PROCS] = 1;
	ck_assert_int_eq(lj_limits_request(&cur, &max, &req,
			(1u << LJ_LIMIT_CPU) | (1u << LJ_LIMIT_MEMORY) | (1u << LJ_LIMIT_PROCS), &e), 0);
	ck_assert_uint_eq(cur.v[LJ_LIMIT_CPU], 1000);
	ck_assert_uint_eq(cur.v[LJ_LIMIT_MEMORY], max.v[LJ_LIMIT_MEMORY]);
	ck_assert_uint_eq(cur.v[LJ_LIMIT_PROCS], 1);
	for (int i = 0; i < LJ_LIMIT__MAX; i++)
		if (i != LJ_LIMIT_CPU && i != LJ_LIMIT_MEMORY && i != LJ_LIMIT_PROCS)
			ck_assert_uint_eq(cur.v[i], def.v[i]);
}
END_TEST

/* Values outside the mask are ignored, however large. */
START_TEST(test_request_mask)
{
	struct lj_limits def, max, cur, req;

	lj_limits_builtin(&def, &max);
	cur = def;
	for (int i = 0; i < LJ_LIMIT__MAX; i++)
		req.v[i] = UINT64_MAX;
	req.v[LJ_LIMIT_WALL] = 500;
	ck_assert_int_eq(lj_limits_request(&cur, &max, &req, 1u << LJ_LIMIT_WALL, NULL), 0);
	ck_assert_uint_eq(cur.v[LJ_LIMIT_WALL], 500);
	for (int i = 0; i < LJ_LIMIT__MAX; i++)
		if (i != LJ_LIMIT_WALL)
			ck_assert_uint_eq(cur.v[i], def.v[i]);
	/* an empty mask changes nothing */
	ck_assert_int_eq(lj_limits_request(&cur, &max, &req, 0, NULL), 0);
	ck_assert_uint_eq(cur.v[LJ_LIMIT_WALL], 500);
	/* bits past the table are ignored (not read out of bounds) */
	for (int i = 0; i < LJ_LIMIT__MAX; i++)
		req.v[i] = max.v[i];
	ck_assert_int_eq(lj_limits_request(&cur, &max, &req, UINT32_MAX, NULL), 0);
	ck_assert(memcmp(&cur, &max, sizeof(cur)) == 0);
}
END_TEST

START_TEST(test_clamp)
{
	struct lj_limits def, max, cur;

	lj_limits_builtin(&def, &max);
	for (int i = 0; i < LJ_LIMIT__MAX; i++)
		cur.v[i] = (i % 3 == 0) ? UINT64_MAX : (i % 3 == 1) ? max.v[i] : def.v[i];
	lj_limits_clamp(&cur, &max);
	for (int i = 0; i < LJ_LIMIT__MAX; i++)
		ck_assert_uint_eq(cur.v[i], (i % 3 == 2) ? def.v[i] : max.v[i]);
	/* clamping twice is a no-op */
	def = cur;
	lj_limits_clamp(&cur, &max);
	ck_assert(memcmp(&cur, &def, sizeof(cur)) == 0);
}
END_TEST

static Suite *limits_suite(void)
{
	Suite *s = suite_create("limits");
	TCase *tc;

	tc = tcase_create("names");
	tcase_add_test(tc, test_names_table_complete);
	tcase_add_loop_test(tc, test_names_round_trip, 0, UNIT_ARRAY_SIZE(names));
	tcase_add_test(tc, test_names_unique);
	tcase_add_loop_test(tc, test_names_unknown, 0, UNIT_ARRAY_SIZE(bad_names));
	tcase_add_test(tc, test_names_out_of_range);
	suite_add_tcase(s, tc);

	tc = tcase_create("parse");
	tcase_add_loop_test(tc, test_parse, 0, UNIT_ARRAY_SIZE(parse_cases));
	tcase_add_loop_test(tc, test_parse_every_limit_rejects, 0, LJ_LIMIT__MAX);
	suite_add_tcase(s, tc);

	tc = tcase_create("format");
	tcase_add_loop_test(tc, test_format, 0, UNIT_ARRAY_SIZE(format_cases));
	tcase_add_loop_test(tc, test_format_round_trip, 0, LJ_LIMIT__MAX);
	tcase_add_test(tc, test_format_short_buffer);
	suite_add_tcase(s, tc);

	tc = tcase_create("request");
	tcase_add_test(tc, test_builtin_sane);
	tcase_add_loop_test(tc, test_request_above_max_names_option, 0, LJ_LIMIT__MAX);
	tcase_add_test(tc, test_request_message);
	tcase_add_test(tc, test_request_atomic);
	tcase_add_test(tc, test_request_lower_and_equal);
	tcase_add_test(tc, test_request_mask);
	tcase_add_test(tc, test_clamp);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	return unit_run(limits_suite());
}
