/*
 * env.h - the dedicated environments: one interpreter copy per language.
 */
#ifndef LJ_ENV_H
#define LJ_ENV_H

#include <stdbool.h>
#include <stdint.h>
#include <sys/types.h>

#include "err.h"
#include "lang.h"
#include "lj-config.h"

/*
 * Build @l's environment under [jail] envs_dir: a venv made with --copies
 * (env_create = venv) or a copy of the interpreter binary (copy), in a new
 * directory renamed into place at the end, so a failed build leaves the old
 * environment as it was. Root-owned, nothing writable by group or others.
 */
int lj_env_create(const struct lj_config *c, const struct lj_lang *l, struct lj_err *e);
/* Remove @l's environment. -ENOENT when there is none. */
int lj_env_remove(const struct lj_config *c, const struct lj_lang *l, struct lj_err *e);
/* Check that every file of the environment is owned by root and not writable
 * by group or others (-EPERM naming the first offender), and that the
 * interpreter exists. Sums the size of regular files into *ret_bytes. */
int lj_env_check(const struct lj_lang *l, uint64_t *ret_bytes, struct lj_err *e);
/*
 * The first line the language's `version` command prints (stdout or stderr),
 * run with @exe as {interpreter} (and as {compiler} unless the language names
 * a compiler), stdin /dev/null, an empty environment, at most 5 seconds.
 * When root, the command runs as @uid/@gid (the jail user), never as root.
 * -ENOENT when the language has no version command; -ETIME on timeout.
 */
int lj_env_version(const struct lj_lang *l, const char *exe, bool as_user, uid_t uid,
		gid_t gid, char *buf, size_t len);

#endif
