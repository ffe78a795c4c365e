/*
 * json.h - a minimal JSON writer into a growable string. Pure.
 * Strings that are not valid UTF-8 can be written base64-encoded.
 */
#ifndef LJ_JSON_H
#define LJ_JSON_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct lj_json {
	char *s;
	size_t len, cap;
	bool failed;   /* an allocation (or a write to fd) failed; s is unusable */
	bool first;    /* no member written yet at this level */
	int fd;        /* >= 0: stream to this fd in chunks instead of building s */
	int err;       /* the errno of a failed write */
};

void lj_json_init(struct lj_json *j);
void lj_json_release(struct lj_json *j);
/* Stream the document to @fd: nothing larger than a chunk is held, large
 * strings go out without a copy. Call lj_json_flush at the end. */
void lj_json_init_fd(struct lj_json *j, int fd);
/* Write out what is buffered; -errno of the first failed write, or 0. */
int lj_json_flush(struct lj_json *j);
void lj_json_begin(struct lj_json *j);           /* { */
void lj_json_end(struct lj_json *j);             /* } */
void lj_json_begin_obj(struct lj_json *j, const char *key);
void lj_json_begin_arr(struct lj_json *j, const char *key);
void lj_json_end_arr(struct lj_json *j);
void lj_json_str(struct lj_json *j, const char *key, const char *v);  /* NULL -> null */
void lj_json_strn(struct lj_json *j, const char *key, const char *v, size_t n);
void lj_json_uint(struct lj_json *j, const char *key, uint64_t v);
void lj_json_int(struct lj_json *j, const char *key, int64_t v);
void lj_json_bool(struct lj_json *j, const char *key, bool v);
void lj_json_null(struct lj_json *j, const char *key);
/* @n bytes as they are (between values: a newline at the end). */
void lj_json_raw(struct lj_json *j, const char *p, size_t n);
/* Seconds with millisecond precision from microseconds: 1.234 */
void lj_json_seconds(struct lj_json *j, const char *key, uint64_t us);
/* key may be NULL inside arrays */

bool lj_utf8_valid(const char *s, size_t n);
/*
 * The same for the first @n bytes of the file @fd, read in chunks with
 * pread (*ret). 0, or -errno of a failed read (-EIO: the file is shorter).
 */
int lj_utf8_valid_fd(int fd, uint64_t n, bool *ret);
/*
 * A string member from the first @n bytes of the file @fd, read in chunks:
 * escaped (the bytes must be valid UTF-8: lj_utf8_valid_fd) or, with @b64,
 * base64-encoded. Nothing larger than a chunk is held. A failed read fails
 * the writer.
 */
void lj_json_strn_fd(struct lj_json *j, const char *key, int fd, uint64_t n, bool b64);
/* base64 of n bytes into a malloc'd NUL-terminated string; NULL on ENOMEM. */
char *lj_base64(const void *p, size_t n);

#endif
