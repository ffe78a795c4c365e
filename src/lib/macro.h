/* macro.h - cleanup attributes and ownership helpers used across langjail. */
#ifndef LJ_MACRO_H
#define LJ_MACRO_H

#include <errno.h>
#include <stdlib.h>
#include <unistd.h>

#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))

static inline void lj_freep(void *p)
{
	free(*(void **) p);
}

static inline void lj_closep(int *fd)
{
	if (*fd >= 0) {
		int saved = errno;

		(void) close(*fd);
		errno = saved;
	}
}

#define _cleanup_(f) __attribute__((cleanup(f)))
#define _cleanup_free_ _cleanup_(lj_freep)
#define _cleanup_close_ _cleanup_(lj_closep)

/* Take ownership of a pointer or fd out of a cleanup variable. */
#define TAKE_PTR(p) ({ __typeof__(p) _t = (p); (p) = NULL; _t; })
#define TAKE_FD(fd) ({ int _t = (fd); (fd) = -1; _t; })

#endif
