/*
 * json.c - a small JSON writer. Pure.
 *
 * Output is always valid JSON: strings are escaped per RFC 8259, control
 * characters as \u00XX, and bytes that are not valid UTF-8 never reach a
 * string (callers check lj_utf8_valid and fall back to base64).
 */
#include "config.h"

#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "json.h"

/* Streaming: what is held before a write. */
#define CHUNK (64u * 1024)

static size_t utf8_seq(const unsigned char *s, size_t n);

void lj_json_init(struct lj_json *j)
{
	memset(j, 0, sizeof(*j));
	j->first = true;
	j->fd = -1;
}

void lj_json_init_fd(struct lj_json *j, int fd)
{
	lj_json_init(j);
	j->fd = fd;
}

static void write_out(struct lj_json *j, const char *p, size_t n)
{
	while (n && !j->failed) {
		ssize_t w = write(j->fd, p, n);

		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0) {
			j->err = w < 0 ? errno : EIO;
			j->failed = true;
			return;
		}
		p += w;
		n -= (size_t) w;
	}
}

int lj_json_flush(struct lj_json *j)
{
	if (j->fd >= 0 && !j->failed && j->len) {
		write_out(j, j->s, j->len);
		j->len = 0;
	}
	return j->failed ? -(j->err ? j->err : ENOMEM) : 0;
}

void lj_json_release(struct lj_json *j)
{
	free(j->s);
	lj_json_init(j);
}

static void put(struct lj_json *j, const char *p, size_t n)
{
	if (j->failed)
		return;
	if (j->fd >= 0 && j->len + n > CHUNK) {
		(void) lj_json_flush(j);
		if (n >= CHUNK) {
			write_out(j, p, n);   /* a long run goes out as it is */
			return;
		}
	}
	if (j->len + n + 1 > j->cap) {
		size_t cap = j->cap ? j->cap : 256;
		char *s;

		while (j->len + n + 1 > cap) {
			if (cap > SIZE_MAX / 2) {
				j->failed = true;
				return;
			}
			cap *= 2;
		}
		s = realloc(j->s, cap);
		if (!s) {
			j->failed = true;
			return;
		}
		j->s = s;
		j->cap = cap;
	}
	memcpy(j->s + j->len, p, n);
	j->len += n;
	j->s[j->len] = '\0';
}

void lj_json_raw(struct lj_json *j, const char *p, size_t n)
{
	put(j, p, n);
}

static void puts_(struct lj_json *j, const char *s)
{
	put(j, s, strlen(s));
}

/* Bytes that need no escaping in a JSON string. */
static bool plain(unsigned char c)
{
	return c >= 0x20 && c != '"' && c != '\\' && c != 0x7f;
}

/* Make room for @n more bytes at once (a large string is escaped in place
 * instead of growing the buffer by doubling as it goes). */
static void reserve(struct lj_json *j, size_t n)
{
	char *s;

	if (j->failed || j->fd >= 0 || j->len + n + 1 <= j->cap)
		return;
	if (n > SIZE_MAX / 2 - j->len) {
		j->failed = true;
		return;
	}
	s = realloc(j->s, j->len + n + 1);
	if (!s) {
		j->failed = true;
		return;
	}
	j->s = s;
	j->cap = j->len + n + 1;
}

/* The escaped bytes of a string, without its quotes. */
/* Whether none of the eight bytes of @w needs escaping: no byte below
 * 0x20, no '"', '\\' or 0x7f. (Bytes from 0x80 up may make it say no when
 * all are plain; the caller then looks at them one by one.) */
static bool plain8(uint64_t w)
{
	const uint64_t ones = UINT64_C(0x0101010101010101), high = ones << 7;
#define LJ_HASZERO(v) (((v) - ones) & ~(v) & high)
	return !((w - ones * 0x20) & ~w & high) && !LJ_HASZERO(w ^ (ones * '"')) &&
		!LJ_HASZERO(w ^ (ones * '\\')) && !LJ_HASZERO(w ^ (ones * 0x7f));
#undef LJ_HASZERO
}

static void quoted_body(struct lj_json *j, const char *s, size_t n)
{
	static const char hex[] = "0123456789abcdef";
	size_t run = 0;

	for (size_t i = 0; i < n; i++) {
		uint64_t w;

		/* eight plain bytes at a time (the common case: text) */
		while (n - i >= 8 && (memcpy(&w, s + i, 8), plain8(w))) {
			run += 8;
			i += 8;
		}
		if (i >= n)
			break;
		if (plain((unsigned char) s[i])) {
			run++;
			continue;
		}
		unsigned char c = (unsigned char) s[i];
		char esc[7];
		const char *e = NULL;

		switch (c) {
		case '"': e = "\\\""; break;
		case '\\': e = "\\\\"; break;
		case '\n': e = "\\n"; break;
		case '\r': e = "\\r"; break;
		case '\t': e = "\\t"; break;
		case '\b': e = "\\b"; break;
		case '\f': e = "\\f"; break;
		default:
			if (c < 0x20 || c == 0x7f) {
				memcpy(esc, "\\u00", 4);
				esc[4] = hex[c >> 4];
				esc[5] = hex[c & 15];
				esc[6] = '\0';
				e = esc;
			}
			break;
		}
		if (!e) {
			run++;
			continue;
		}
		put(j, s + i - run, run);
		run = 0;
		puts_(j, e);
	}
	put(j, s + n - run, run);
}

static void quoted(struct lj_json *j, const char *s, size_t n)
{
	reserve(j, n + n / 8 + 16);
	put(j, "\"", 1);
	quoted_body(j, s, n);
	put(j, "\"", 1);
}

static void key(struct lj_json *j, const char *k)
{
	if (!j->first)
		put(j, ",", 1);
	j->first = false;
	if (k) {
		quoted(j, k, strlen(k));
		put(j, ":", 1);
	}
}

void lj_json_begin(struct lj_json *j)
{
	put(j, "{", 1);
	j->first = true;
}

void lj_json_end(struct lj_json *j)
{
	put(j, "}", 1);
	j->first = false;
}

void lj_json_begin_obj(struct lj_json *j, const char *k)
{
	key(j, k);
	lj_json_begin(j);
}

void lj_json_begin_arr(struct lj_json *j, const char *k)
{
	key(j, k);
	put(j, "[", 1);
	j->first = true;
}

void lj_json_end_arr(struct lj_json *j)
{
	put(j, "]", 1);
	j->first = false;
}

void lj_json_strn(struct lj_json *j, const char *k, const char *v, size_t n)
{
	key(j, k);
	if (!v) {
		puts_(j, "null");
	} else if (lj_utf8_valid(v, n)) {
		quoted(j, v, n);
	} else {
		/* Messages and names can carry bytes that are not UTF-8 (a
		 * hostile language name, a cut multi-byte character): each
		 * invalid byte becomes U+FFFD, so the output stays valid. */
		const unsigned char *u = (const unsigned char *) v;
		char *clean = malloc(n * 3 + 1);
		size_t o = 0;

		if (!clean) {
			j->failed = true;
			return;
		}
		for (size_t i = 0; i < n;) {
			size_t len = utf8_seq(u + i, n - i);

			if (len) {
				memcpy(clean + o, v + i, len);
				o += len;
				i += len;
			} else {
				memcpy(clean + o, "\xef\xbf\xbd", 3);
				o += 3;
				i++;
			}
		}
		quoted(j, clean, o);
		free(clean);
	}
}

void lj_json_str(struct lj_json *j, const char *k, const char *v)
{
	lj_json_strn(j, k, v, v ? strlen(v) : 0);
}

void lj_json_uint(struct lj_json *j, const char *k, uint64_t v)
{
	char b[32];

	key(j, k);
	snprintf(b, sizeof(b), "%" PRIu64, v);
	puts_(j, b);
}

void lj_json_int(struct lj_json *j, const char *k, int64_t v)
{
	char b[32];

	key(j, k);
	snprintf(b, sizeof(b), "%" PRId64, v);
	puts_(j, b);
}

void lj_json_bool(struct lj_json *j, const char *k, bool v)
{
	key(j, k);
	puts_(j, v ? "true" : "false");
}

void lj_json_null(struct lj_json *j, const char *k)
{
	key(j, k);
	puts_(j, "null");
}

void lj_json_seconds(struct lj_json *j, const char *k, uint64_t us)
{
	char b[48];

	key(j, k);
	snprintf(b, sizeof(b), "%" PRIu64 ".%03" PRIu64, us / 1000000, (us % 1000000) / 1000);
	puts_(j, b);
}

/* Length of the valid UTF-8 sequence at @s (at most @n bytes), 0 if invalid. */
static size_t utf8_seq(const unsigned char *s, size_t n)
{
	unsigned char c = s[0];
	size_t len;
	uint32_t cp;

	if (c < 0x80)
		return 1;
	if ((c & 0xe0) == 0xc0) {
		len = 2;
		cp = c & 0x1f;
	} else if ((c & 0xf0) == 0xe0) {
		len = 3;
		cp = c & 0x0f;
	} else if ((c & 0xf8) == 0xf0) {
		len = 4;
		cp = c & 0x07;
	} else {
		return 0;
	}
	if (n < len)
		return 0;
	for (size_t k = 1; k < len; k++) {
		if ((s[k] & 0xc0) != 0x80)
			return 0;
		cp = (cp << 6) | (s[k] & 0x3f);
	}
	/* overlong forms, surrogates and values past U+10FFFF are invalid */
	if ((len == 2 && cp < 0x80) || (len == 3 && cp < 0x800) || (len == 4 && cp < 0x10000) ||
	    cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff))
		return 0;
	return len;
}

/* The length of the longest prefix of @s that is valid UTF-8. */
static size_t utf8_prefix(const unsigned char *s, size_t n)
{
	size_t i = 0;

	while (i < n) {
		size_t len;
		uint64_t w;

		/* ASCII fast path: eight bytes at a time */
		if (n - i >= 8) {
			memcpy(&w, s + i, 8);
			if (!(w & UINT64_C(0x8080808080808080))) {
				i += 8;
				continue;
			}
		}
		len = utf8_seq(s + i, n - i);
		if (!len)
			break;
		i += len;
	}
	return i;
}

bool lj_utf8_valid(const char *str, size_t n)
{
	return utf8_prefix((const unsigned char *) str, n) == n;
}

/* base64 of @n bytes into @out ((n + 2) / 3 * 4 bytes); returns that count. */
static size_t b64_encode(const unsigned char *s, size_t n, char *out)
{
	static const char tab[] =
		"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
	size_t o = 0;

	for (size_t i = 0; i < n; i += 3) {
		uint32_t v = (uint32_t) s[i] << 16;

		if (i + 1 < n)
			v |= (uint32_t) s[i + 1] << 8;
		if (i + 2 < n)
			v |= s[i + 2];
		out[o++] = tab[(v >> 18) & 63];
		out[o++] = tab[(v >> 12) & 63];
		out[o++] = i + 1 < n ? tab[(v >> 6) & 63] : '=';
		out[o++] = i + 2 < n ? tab[v & 63] : '=';
	}
	return o;
}

char *lj_base64(const void *p, size_t n)
{
	char *out;

	if (n > (SIZE_MAX - 1) / 4 * 3 - 3)
		return NULL;
	out = malloc((n + 2) / 3 * 4 + 1);
	if (!out)
		return NULL;
	out[b64_encode(p, n, out)] = '\0';
	return out;
}

/* ---- strings held in a file (a memfd of captured output) ---------------- */

/* Up to @len bytes of @fd at @off into @buf: the count, or -errno. */
static ssize_t read_at(int fd, void *buf, size_t len, uint64_t off)
{
	size_t got = 0;

	while (got < len) {
		ssize_t r = pread(fd, (char *) buf + got, len - got, (off_t) (off + got));

		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0)
			return -errno;
		if (r == 0)
			return -EIO;   /* shorter than it was said to be */
		got += (size_t) r;
	}
	return (ssize_t) got;
}

int lj_utf8_valid_fd(int fd, uint64_t n, bool *ret)
{
	unsigned char buf[CHUNK + 4];
	size_t carry = 0;
	uint64_t off = 0;

	*ret = true;
	while (off < n) {
		size_t want = n - off < CHUNK ? (size_t) (n - off) : CHUNK, m, i;
		ssize_t r = read_at(fd, buf + carry, want, off);

		if (r < 0)
			return (int) r;
		off += (uint64_t) r;
		m = carry + (size_t) r;
		carry = 0;
		i = utf8_prefix(buf, m);
		if (i == m)
			continue;
		/* a sequence cut by the chunk's end: finish it with the next */
		if (off < n && m - i < 4 && (buf[i] & 0xc0) == 0xc0) {
			carry = m - i;
			memmove(buf, buf + i, carry);
			continue;
		}
		*ret = false;
		return 0;
	}
	if (carry)
		*ret = false;
	return 0;
}

void lj_json_strn_fd(struct lj_json *j, const char *k, int fd, uint64_t n, bool b64)
{
	char buf[CHUNK / 4 * 3], out[CHUNK + 8];
	uint64_t off = 0;

	key(j, k);
	put(j, "\"", 1);
	while (off < n && !j->failed) {
		/* a multiple of 3 bytes per chunk: base64 needs no carry */
		size_t want = n - off < sizeof(buf) ? (size_t) (n - off) : sizeof(buf);
		ssize_t r = read_at(fd, buf, want, off);

		if (r < 0) {
			j->err = (int) -r;
			j->failed = true;
			return;
		}
		off += (uint64_t) r;
		if (b64)
			put(j, out, b64_encode((const unsigned char *) buf, (size_t) r, out));
		else
			quoted_body(j, buf, (size_t) r);
	}
	put(j, "\"", 1);
}
