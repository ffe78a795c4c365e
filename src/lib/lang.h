/*
 * lang.h - a language file (languages.d/NAME.ini): how to run one language.
 */
#ifndef LJ_LANG_H
#define LJ_LANG_H

#include <stdbool.h>
#include <stdint.h>

#include "err.h"
#include "lj-limits.h"

struct lj_config;

struct lj_lang {
	char *name;             /* file name without .ini */
	char *path;             /* the INI file */
	char *description;
	char *interpreter;      /* dedicated copy (envs_dir/NAME/...) */
	char *fallback;         /* system interpreter, used only with --unsafe */
	char *env_dir;          /* the dedicated environment's root */
	char **argv;            /* template tokens: {interpreter} {source} {args} {workdir} */
	char *source_name;      /* source file name in the workdir */
	char **env;             /* extra KEY=VALUE for the program */
	char **read_paths;      /* extra read-only paths (libraries, sandbox packages) */
	char **exec_paths;      /* extra read+execute paths */
	char *apparmor_profile; /* profile name */
	char *selinux_type;     /* SELinux domain type */
	char *env_create;       /* how `langjail env create` builds it: "venv" or "copy" */
	char *env_from;         /* the system interpreter it is built from (default: fallback) */
	char **version;         /* argv template of a command printing the version, or NULL */
	struct lj_limits limits;/* overrides, valid where the bit is set in limits_set */
	uint32_t limits_set;
	/* [compile] and [compile_limits]: a compiled language's first phase */
	struct {
		bool on;                 /* the file has a [compile] section */
		char **argv;             /* template; {compiler} is the compiler */
		char *compiler;          /* default: interpreter (a compiler driver) */
		char *fallback;          /* default: the language's fallback */
		char **env;              /* extra KEY=VALUE for the compiler */
		char **read_paths, **exec_paths;
		struct lj_limits limits;
		uint32_t limits_set;
	} compile;
};

void lj_lang_free(struct lj_lang *l);
static inline void lj_lang_freep(struct lj_lang **l) { lj_lang_free(*l); }

/*
 * Load languages_dir/NAME.ini. @name must be a valid language name (-EINVAL).
 * Unknown language: -ENOENT with code "unknown_language". When @privileged,
 * the file must be root-owned and not group/other-writable.
 */
int lj_lang_load(const struct lj_config *c, const char *name, bool privileged,
		struct lj_lang **ret, struct lj_err *e);
int lj_lang_parse_string(const char *name, const char *text, const char *envs_dir,
		struct lj_lang **ret, struct lj_err *e);
/* NULL-terminated, sorted names of the languages in the config's dir. */
int lj_lang_list(const struct lj_config *c, char ***ret, struct lj_err *e);

/* What the argv template tokens expand to; NULL expands to "". */
struct lj_argv_vars {
	const char *interpreter;   /* {interpreter} */
	const char *compiler;      /* {compiler} */
	const char *source;        /* {source} */
	const char *workdir;       /* {workdir} */
	const char *memory_mb;     /* {memory_mb}: the phase's memory limit in MiB */
};

/*
 * Expand the argv template @tmpl: each {name} above is replaced inside any
 * token; a token that is exactly {args} becomes each of @args.
 * Returns a NULL-terminated malloc'd vector (one allocation), or -E2BIG/-ENOMEM.
 */
int lj_lang_expand_argv(char *const *tmpl, const struct lj_argv_vars *vars,
		char *const *args, char ***ret);

#endif
