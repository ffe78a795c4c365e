/*
 * lj-limits.h - the resource limits of a run, their defaults, maxima and clamping.
 */
#ifndef LJ_LIMITS_H
#define LJ_LIMITS_H

#include <stdbool.h>
#include <stdint.h>

#include "err.h"

enum lj_limit {
	LJ_LIMIT_CPU,        /* ms of CPU time */
	LJ_LIMIT_WALL,       /* ms of wall-clock time */
	LJ_LIMIT_MEMORY,     /* bytes (cgroup memory.max; RLIMIT_AS when as_limit) */
	LJ_LIMIT_PROCS,      /* processes and threads (pids cgroup; RLIMIT_NPROC) */
	LJ_LIMIT_FILE_SIZE,  /* bytes, RLIMIT_FSIZE */
	LJ_LIMIT_OPEN_FILES, /* RLIMIT_NOFILE */
	LJ_LIMIT_OUTPUT,     /* bytes per output stream */
	LJ_LIMIT_DISK,       /* bytes of workdir tmpfs */
	LJ_LIMIT_INODES,     /* inodes of workdir tmpfs */
	LJ_LIMIT_STACK,      /* bytes, RLIMIT_STACK */
	LJ_LIMIT__MAX
};

enum lj_limit_kind { LJ_LIMIT_KIND_MS, LJ_LIMIT_KIND_BYTES, LJ_LIMIT_KIND_COUNT };

struct lj_limits {
	uint64_t v[LJ_LIMIT__MAX];
};

/* The INI key / CLI option name of a limit ("cpu", "file_size", ...). */
const char *lj_limit_name(enum lj_limit l);
/* The CLI option for a limit ("--file-size"). */
const char *lj_limit_option(enum lj_limit l);
enum lj_limit_kind lj_limit_kind(enum lj_limit l);
/* Look up a limit by INI name; -ENOENT if unknown. */
int lj_limit_from_name(const char *name, enum lj_limit *ret);
/* Parse a value for @l (duration, size or count). */
int lj_limit_parse(enum lj_limit l, const char *s, uint64_t *ret);
/* Format a value for @l into @buf ("2.5s", "64M", "32"). */
void lj_limit_format(enum lj_limit l, uint64_t v, char *buf, size_t len);
/* Built-in defaults and maxima. */
void lj_limits_builtin(struct lj_limits *def, struct lj_limits *max);
/*
 * Apply a caller's request: @req values with bit set in @mask replace
 * @cur, but a value above @max is refused (-EPERM, message names the option).
 */
int lj_limits_request(struct lj_limits *cur, const struct lj_limits *max,
		const struct lj_limits *req, uint32_t mask, struct lj_err *e);
/* Clamp every value of @cur to @max (used for config-supplied defaults). */
void lj_limits_clamp(struct lj_limits *cur, const struct lj_limits *max);

#endif
