/* err.c - filling struct lj_err. Pure; touches no OS state. */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "err.h"

static int vset(struct lj_err *e, int errnum, const char *code, int with_strerror,
		const char *fmt, va_list ap)
{
	if (e) {
		int n;

		e->errnum = errnum;
		snprintf(e->code, sizeof(e->code), "%s", code);
		n = vsnprintf(e->msg, sizeof(e->msg), fmt, ap);
		if (with_strerror && n >= 0 && (size_t) n < sizeof(e->msg))
			snprintf(e->msg + n, sizeof(e->msg) - (size_t) n, ": %s", strerror(errnum));
	}
	return errnum > 0 ? -errnum : -EINVAL;
}

int lj_err_set(struct lj_err *e, int errnum, const char *code, const char *fmt, ...)
{
	va_list ap;
	int r;

	va_start(ap, fmt);
	r = vset(e, errnum, code, 0, fmt, ap);
	va_end(ap);
	return r;
}

int lj_err_sys(struct lj_err *e, int errnum, const char *code, const char *fmt, ...)
{
	va_list ap;
	int r;

	va_start(ap, fmt);
	r = vset(e, errnum, code, 1, fmt, ap);
	va_end(ap);
	return r;
}

void lj_err_clear(struct lj_err *e)
{
	if (e)
		memset(e, 0, sizeof(*e));
}
