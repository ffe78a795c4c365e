/*
 * limits.c - limit names, parsing, built-in defaults and the request rule:
 * a caller may lower any limit, never raise one above the configured maximum.
 */
#include "config.h"

#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "lj-limits.h"
#include "parse.h"

#define KiB (UINT64_C(1) << 10)
#define MiB (UINT64_C(1) << 20)
#define GiB (UINT64_C(1) << 30)

static const struct {
	const char *name, *option;
	enum lj_limit_kind kind;
	uint64_t def, max;
} table[LJ_LIMIT__MAX] = {
	[LJ_LIMIT_CPU] =        { "cpu",        "--cpu",        LJ_LIMIT_KIND_MS,    5000,     60000 },
	[LJ_LIMIT_WALL] =       { "wall",       "--wall",       LJ_LIMIT_KIND_MS,    10000,    300000 },
	[LJ_LIMIT_MEMORY] =     { "memory",     "--memory",     LJ_LIMIT_KIND_BYTES, 256 * MiB, 4 * GiB },
	[LJ_LIMIT_PROCS] =      { "procs",      "--procs",      LJ_LIMIT_KIND_COUNT, 32,       512 },
	[LJ_LIMIT_FILE_SIZE] =  { "file_size",  "--file-size",  LJ_LIMIT_KIND_BYTES, 16 * MiB, 1 * GiB },
	[LJ_LIMIT_OPEN_FILES] = { "open_files", "--open-files", LJ_LIMIT_KIND_COUNT, 64,       4096 },
	[LJ_LIMIT_OUTPUT] =     { "output",     "--output",     LJ_LIMIT_KIND_BYTES, 1 * MiB,  256 * MiB },
	[LJ_LIMIT_DISK] =       { "disk",       "--disk",       LJ_LIMIT_KIND_BYTES, 64 * MiB, 1 * GiB },
	[LJ_LIMIT_INODES] =     { "inodes",     "--inodes",     LJ_LIMIT_KIND_COUNT, 4096,     1000000 },
	[LJ_LIMIT_STACK] =      { "stack",      "--stack",      LJ_LIMIT_KIND_BYTES, 8 * MiB,  256 * MiB },
};

const char *lj_limit_name(enum lj_limit l)
{
	return l < LJ_LIMIT__MAX ? table[l].name : "?";
}

const char *lj_limit_option(enum lj_limit l)
{
	return l < LJ_LIMIT__MAX ? table[l].option : "?";
}

enum lj_limit_kind lj_limit_kind(enum lj_limit l)
{
	return table[l].kind;
}

int lj_limit_from_name(const char *name, enum lj_limit *ret)
{
	for (int i = 0; i < LJ_LIMIT__MAX; i++) {
		if (strcmp(name, table[i].name) == 0) {
			*ret = (enum lj_limit) i;
			return 0;
		}
	}
	return -ENOENT;
}

int lj_limit_parse(enum lj_limit l, const char *s, uint64_t *ret)
{
	uint64_t v;
	int r;

	switch (table[l].kind) {
	case LJ_LIMIT_KIND_MS:
		r = lj_parse_duration_ms(s, &v);
		break;
	case LJ_LIMIT_KIND_BYTES:
		r = lj_parse_size(s, &v);
		break;
	case LJ_LIMIT_KIND_COUNT:
		r = lj_parse_uint(s, UINT32_MAX, &v);
		break;
	default:
		return -EINVAL;
	}
	if (r < 0)
		return r;
	if (v == 0)
		return -ERANGE;   /* a zero limit is never meaningful; use the maximum */
	*ret = v;
	return 0;
}

void lj_limit_format(enum lj_limit l, uint64_t v, char *buf, size_t len)
{
	switch (table[l].kind) {
	case LJ_LIMIT_KIND_MS:
		if (v % 1000)
			snprintf(buf, len, "%" PRIu64 ".%03" PRIu64 "s", v / 1000, v % 1000);
		else
			snprintf(buf, len, "%" PRIu64 "s", v / 1000);
		break;
	case LJ_LIMIT_KIND_BYTES:
		if (v && v % GiB == 0)
			snprintf(buf, len, "%" PRIu64 "G", v / GiB);
		else if (v && v % MiB == 0)
			snprintf(buf, len, "%" PRIu64 "M", v / MiB);
		else if (v && v % KiB == 0)
			snprintf(buf, len, "%" PRIu64 "K", v / KiB);
		else
			snprintf(buf, len, "%" PRIu64, v);
		break;
	case LJ_LIMIT_KIND_COUNT:
	default:
		snprintf(buf, len, "%" PRIu64, v);
		break;
	}
}

void lj_limits_builtin(struct lj_limits *def, struct lj_limits *max)
{
	for (int i = 0; i < LJ_LIMIT__MAX; i++) {
		if (def)
			def->v[i] = table[i].def;
		if (max)
			max->v[i] = table[i].max;
	}
}

int lj_limits_request(struct lj_limits *cur, const struct lj_limits *max,
		const struct lj_limits *req, uint32_t mask, struct lj_err *e)
{
	for (int i = 0; i < LJ_LIMIT__MAX; i++) {
		if (!(mask & (1u << i)))
			continue;
		if (req->v[i] > max->v[i]) {
			char a[32], b[32];

			lj_limit_format((enum lj_limit) i, req->v[i], a, sizeof(a));
			lj_limit_format((enum lj_limit) i, max->v[i], b, sizeof(b));
			return lj_err_set(e, EPERM, "limit",
					"%s %s is above the configured maximum %s",
					table[i].option, a, b);
		}
	}
	for (int i = 0; i < LJ_LIMIT__MAX; i++)
		if (mask & (1u << i))
			cur->v[i] = req->v[i];
	return 0;
}

void lj_limits_clamp(struct lj_limits *cur, const struct lj_limits *max)
{
	for (int i = 0; i < LJ_LIMIT__MAX; i++)
		if (cur->v[i] > max->v[i])
			cur->v[i] = max->v[i];
}
