/*
 * err.h - the error record every library call fills.
 *
 * Library calls return 0 or -errno and describe the failure in a struct lj_err.
 * The library never prints; the CLI reports once.
 */
#ifndef LJ_ERR_H
#define LJ_ERR_H

#include <stdarg.h>

struct lj_err {
	int errnum;          /* errno value, 0 when not an OS error */
	char code[32];       /* machine-readable: "usage", "config", "no_mac", ... */
	char msg[768];       /* human-readable, one line */
};

/* Fill @e (may be NULL) and return -@errnum (or -EINVAL when errnum is 0). */
int lj_err_set(struct lj_err *e, int errnum, const char *code, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));
/* Like lj_err_set, appending ": strerror(errnum)". */
int lj_err_sys(struct lj_err *e, int errnum, const char *code, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));
void lj_err_clear(struct lj_err *e);

#endif
