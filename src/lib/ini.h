/*
 * ini.h - loading INI files safely, with line numbers for error messages.
 *
 * The file is opened once (O_NOFOLLOW), checked with fstat, and iniparser
 * reads the same open file through /proc/self/fd/N, so the file checked is
 * the file parsed.
 */
#ifndef LJ_INI_H
#define LJ_INI_H

#include <stdbool.h>
#include <stdint.h>

#include "err.h"

struct _dictionary_;

struct lj_ini {
	struct _dictionary_ *d;
	char *name;      /* base name for messages */
	char *text;      /* the file's text, for line look-ups */
};

#define LJ_INI_MAX_SIZE (1u << 20)

/* Open and parse @path. When @privileged the file must be a regular file owned
 * by root and not writable by group or other (-EPERM, code "config"). */
int lj_ini_open(const char *path, bool privileged, struct lj_ini *ret, struct lj_err *e);
/* Parse @text (tests, and built-in files). */
int lj_ini_from_string(const char *name, const char *text, struct lj_ini *ret, struct lj_err *e);
void lj_ini_close(struct lj_ini *ini);
/* 1-based line of "key" inside "[section]", 0 if not found. */
unsigned lj_ini_line(const struct lj_ini *ini, const char *section, const char *key);
/* 1-based line of @key before the first section, 0 if not found. */
unsigned lj_ini_line_before_sections(const struct lj_ini *ini, const char *key);
/* Value of section:key or NULL. Borrowed from the dictionary. */
const char *lj_ini_get(const struct lj_ini *ini, const char *section, const char *key);
/* Error naming file, line, section and key: "name:12: [limits] memory: msg". */
int lj_ini_err(const struct lj_ini *ini, struct lj_err *e, const char *section, const char *key,
		const char *fmt, ...) __attribute__((format(printf, 5, 6)));

/* Visit every section:key pair; @fn returns 0 to continue or -errno to stop. */
int lj_ini_foreach(const struct lj_ini *ini,
		int (*fn)(const struct lj_ini *ini, const char *section, const char *key,
			const char *value, void *userdata, struct lj_err *e),
		void *userdata, struct lj_err *e);

/* Split a whitespace-separated list into a NULL-terminated vector (one block). */
int lj_split_words(const char *s, char ***ret);
/* Free a NULL-terminated string vector whose strings were strdup'd separately. */
void lj_strv_free(char **v);
size_t lj_strv_len(char *const *v);

#endif
