/*
 * spec.h - what the CLI asks the library to run.
 */
#ifndef LJ_SPEC_H
#define LJ_SPEC_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#include "lang.h"
#include "lj-limits.h"
#include "lj-config.h"

struct lj_input_file {
	const char *name;   /* validated with lj_name_is_safe */
	int fd;             /* opened with the caller's identity; owned by the spec */
};

struct lj_spec {
	const struct lj_config *config;   /* borrowed */
	const struct lj_lang *lang;       /* borrowed */
	int source_fd;                    /* -1 when @code is used */
	const char *code;                 /* -c CODE, borrowed */
	struct lj_input_file *files;      /* --file NAME=PATH */
	size_t n_files;
	char *const *args;                /* after --, NULL-terminated, borrowed */
	int stdin_fd;                     /* given to the program; -1 => /dev/null */
	bool capture;                     /* keep output in the result (JSON) */
	int out_fd, err_fd;               /* stream here when not capturing */
	struct lj_limits limits;          /* already checked against the maxima */
	struct lj_limits compile_limits;  /* the compile phase's (compiled languages) */
	bool unsafe;                      /* run without MAC when none is available */
	uint32_t sabotage;                /* layers switched off on purpose (tests) */
	bool privileged;                  /* euid 0: switch to the configured user */
	uid_t caller_uid;                 /* for messages and the unprivileged identity */
	gid_t caller_gid;
};

void lj_spec_init(struct lj_spec *s);
/* Close the fds the spec owns. */
void lj_spec_release(struct lj_spec *s);

#endif
