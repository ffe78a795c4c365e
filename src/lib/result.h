/*
 * result.h - the verdict and usage of a run, and its JSON form.
 */
#ifndef LJ_RESULT_H
#define LJ_RESULT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "err.h"
#include "layer.h"

enum lj_status {
	LJ_STATUS_OK,           /* exited 0 */
	LJ_STATUS_EXIT,         /* exited non-zero */
	LJ_STATUS_SIGNAL,       /* killed by a signal it got itself (or RLIMIT_FSIZE) */
	LJ_STATUS_TIMEOUT,      /* CPU or wall-clock limit */
	LJ_STATUS_MEMORY,       /* memory limit (cgroup OOM kill) */
	LJ_STATUS_OUTPUT_LIMIT, /* a stream passed --output */
	LJ_STATUS_ERROR,        /* langjail could not run it */
	LJ_STATUS_COMPILE_ERROR,/* the compile phase failed: the program did not run */
};

/*
 * A growable byte buffer with a hard cap. Captured output past
 * LJ_BUF_INLINE bytes moves to a memfd (lj_buf_spill): @len bytes in @fd,
 * @data NULL; the JSON writer reads it back in chunks, so the supervisor
 * holds no more than a chunk of it whatever the program prints.
 */
struct lj_buf {
	char *data;
	size_t len, cap_alloc;
	bool spilled;
	int fd;            /* the memfd when spilled */
};

#define LJ_BUF_INLINE ((size_t) 256 * 1024)

/* The verdict and usage of a compile phase (the fields of struct lj_result
 * with the same names, for the phase before the run). */
struct lj_phase_result {
	enum lj_status status;
	int exit_code, signal;
	const char *limit;
	struct lj_buf out, err;
	uint64_t out_bytes, err_bytes;
	bool out_truncated, err_truncated;
	uint64_t cpu_us, wall_us, max_rss_kb, memory_peak;
};

struct lj_result {
	enum lj_status status;
	int exit_code;          /* valid for OK/EXIT */
	int signal;             /* valid for SIGNAL, and the killing signal otherwise */
	const char *limit;      /* static string naming the limit that ended the run, or NULL */
	struct lj_buf out, err; /* captured output (JSON mode) */
	uint64_t out_bytes, err_bytes;  /* bytes the program wrote (capped count) */
	bool out_truncated, err_truncated;
	uint64_t cpu_us, wall_us;
	uint64_t max_rss_kb;    /* getrusage ru_maxrss of the program's tree */
	uint64_t memory_peak;   /* cgroup peak bytes, 0 when unknown */
	bool exec_failed;       /* the program could not be executed (exit 126) */
	/* confinement */
	const char *language;
	const char *user;       /* the run's user as configured ("sandbox", "65534") */
	unsigned long uid, gid; /* the ids the program ran with (outside view) */
	bool unsafe;
	bool dedicated_env;
	const char *mac;        /* "apparmor", "selinux" or "none" */
	char mac_profile[128];
	bool mac_complain;      /* profile is in complain mode: logs, does not block */
	enum lj_layer_state layers[LJ_LAYER__MAX];
	char layer_note[LJ_LAYER__MAX][96];  /* why unavailable */
	struct lj_err error;    /* for LJ_STATUS_ERROR */
	bool compiled;          /* a compile phase ran: its verdict is @compile */
	struct lj_phase_result compile;
};

const char *lj_status_name(enum lj_status s);
void lj_result_init(struct lj_result *r);
void lj_result_release(struct lj_result *r);
/* Move the verdict, output and usage fields into r->compile (the compile
 * phase is over) and clear them for the run phase. */
void lj_result_end_compile(struct lj_result *r);
/* Make room for at least @want more bytes in @b, never more than @cap in all
 * (growing by doubling). -ENOMEM on failure. */
int lj_buf_reserve(struct lj_buf *b, size_t want, size_t cap);
/* Append @n bytes to @b, never beyond @cap; returns the bytes kept. -ENOMEM on failure. */
int lj_buf_append(struct lj_buf *b, const void *p, size_t n, size_t cap, size_t *ret_kept);
/* Move @b's content into a new memfd (its end is where more goes). 0 or -errno. */
int lj_buf_spill(struct lj_buf *b);
void lj_buf_free(struct lj_buf *b);

/* Render @r as one JSON object (no trailing newline). malloc'd; -ENOMEM. */
int lj_result_to_json(const struct lj_result *r, char **ret);
/* Write @r as one JSON object and a newline to @fd, streaming: the
 * captured output goes out without being copied into one document.
 * -errno of a failed write, -ENOMEM. */
int lj_result_write_json(const struct lj_result *r, int fd);
/* JSON for a langjail error before any run (code, message). */
int lj_error_to_json(const struct lj_err *e, char **ret);

#endif
