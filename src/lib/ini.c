/*
 * ini.c - INI loading for langjail.conf and the language files.
 *
 * Trust: when privileged, configuration must come only from root-owned files
 * that nobody else can write; a symlink is never followed at the last
 * component (an attacker-controlled symlink in a config dir is refused).
 */
#include "config.h"

#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#ifdef HAVE_INIPARSER_INIPARSER_H
#include <iniparser/iniparser.h>
#else
#include <iniparser.h>
#endif

#include "ini.h"
#include "macro.h"

/* iniparser reports syntax errors through a printf-like callback. */
static char parse_error[256];

static int capture_error(const char *fmt, ...)
{
	va_list ap;

	if (parse_error[0])
		return 0;   /* keep the first one */
	va_start(ap, fmt);
	vsnprintf(parse_error, sizeof(parse_error), fmt, ap);
	va_end(ap);
	for (char *p = parse_error; *p; p++)
		if (*p == '\n')
			*p = ' ';
	return 0;
}

static int parse_fd(int fd, const char *name, char *text, struct lj_ini *ret, struct lj_err *e)
{
	char procpath[64];
	dictionary *d;

	snprintf(procpath, sizeof(procpath), "/proc/self/fd/%d", fd);
	parse_error[0] = '\0';
	iniparser_set_error_callback(capture_error);
	d = iniparser_load(procpath);
	if (!d || parse_error[0]) {
		const char *at = strstr(parse_error, procpath);
		unsigned line = 0;

		if (d)
			iniparser_freedict(d);
		free(text);
		/* iniparser says "syntax error in /proc/self/fd/N (LINE): -> TEXT" */
		if (at && sscanf(at + strlen(procpath), " (%u)", &line) == 1) {
			const char *what = strstr(at, "->");

			return lj_err_set(e, EINVAL, "config", "%s:%u: syntax error%s%s", name, line,
					what ? ": " : "", what ? what + 3 : "");
		}
		return lj_err_set(e, EINVAL, "config", "%s: %s", name,
				parse_error[0] ? parse_error : "cannot be parsed");
	}
	ret->d = d;
	ret->text = text;
	ret->name = strdup(name);
	if (!ret->name) {
		lj_ini_close(ret);
		return lj_err_set(e, ENOMEM, "config", "out of memory");
	}
	return 0;
}

static int read_all(int fd, size_t max, char **ret)
{
	_cleanup_free_ char *buf = NULL;
	size_t len = 0, cap = 0;

	for (;;) {
		ssize_t n;

		if (len + 4096 + 1 > cap) {
			char *nb;

			cap = cap ? cap * 2 : 8192;
			nb = realloc(buf, cap);
			if (!nb)
				return -ENOMEM;
			buf = nb;
		}
		n = read(fd, buf + len, cap - len - 1);
		if (n < 0) {
			if (errno == EINTR)
				continue;
			return -errno;
		}
		if (n == 0)
			break;
		len += (size_t) n;
		if (len > max)
			return -EFBIG;
	}
	buf[len] = '\0';
	if (strlen(buf) != len)
		return -EILSEQ;   /* a NUL byte inside a text file */
	*ret = TAKE_PTR(buf);
	return 0;
}

int lj_ini_open(const char *path, bool privileged, struct lj_ini *ret, struct lj_err *e)
{
	_cleanup_close_ int fd = -1;
	char *text = NULL;
	struct stat st;
	int r;

	memset(ret, 0, sizeof(*ret));
	fd = open(path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC | O_NOCTTY | O_NONBLOCK);
	if (fd < 0) {
		int err = errno;

		return lj_err_sys(e, err, "config", "%s", path);
	}
	if (fstat(fd, &st) < 0)
		return lj_err_sys(e, errno, "config", "%s: fstat", path);
	if (!S_ISREG(st.st_mode))
		return lj_err_set(e, EINVAL, "config", "%s: not a regular file", path);
	if (privileged && (st.st_uid != 0 || (st.st_mode & (S_IWGRP | S_IWOTH))))
		return lj_err_set(e, EPERM, "config",
				"%s: must be owned by root and not writable by group or others "
				"(owner uid %u, mode %04o)", path, (unsigned) st.st_uid,
				(unsigned) (st.st_mode & 07777));
	if (st.st_size > LJ_INI_MAX_SIZE)
		return lj_err_set(e, EFBIG, "config", "%s: larger than %u bytes", path,
				LJ_INI_MAX_SIZE);
	r = read_all(fd, LJ_INI_MAX_SIZE, &text);
	if (r == -EILSEQ)
		return lj_err_set(e, EINVAL, "config", "%s: contains a NUL byte", path);
	if (r < 0)
		return lj_err_sys(e, -r, "config", "%s: read", path);
	if (lseek(fd, 0, SEEK_SET) < 0) {
		free(text);
		return lj_err_sys(e, errno, "config", "%s: lseek", path);
	}
	return parse_fd(fd, path, text, ret, e);
}

int lj_ini_from_string(const char *name, const char *text, struct lj_ini *ret, struct lj_err *e)
{
	_cleanup_close_ int fd = -1;
	size_t len = strlen(text), off = 0;
	char *copy;

	memset(ret, 0, sizeof(*ret));
	fd = memfd_create("langjail-ini", MFD_CLOEXEC);
	if (fd < 0)
		return lj_err_sys(e, errno, "config", "memfd_create");
	while (off < len) {
		ssize_t n = write(fd, text + off, len - off);

		if (n < 0) {
			if (errno == EINTR)
				continue;
			return lj_err_sys(e, errno, "config", "%s: write", name);
		}
		off += (size_t) n;
	}
	copy = strdup(text);
	if (!copy)
		return lj_err_set(e, ENOMEM, "config", "out of memory");
	return parse_fd(fd, name, copy, ret, e);
}

void lj_ini_close(struct lj_ini *ini)
{
	if (ini->d)
		iniparser_freedict(ini->d);
	free(ini->name);
	free(ini->text);
	memset(ini, 0, sizeof(*ini));
}

static const char *skip_space(const char *p, const char *end)
{
	while (p < end && (*p == ' ' || *p == '\t' || *p == '\r'))
		p++;
	return p;
}

unsigned lj_ini_line(const struct lj_ini *ini, const char *section, const char *key)
{
	const char *p = ini->text;
	bool in_section = false;
	unsigned line = 0, found = 0;
	size_t slen = strlen(section), klen = key ? strlen(key) : 0;

	if (!p)
		return 0;
	while (*p) {
		const char *eol = strchr(p, '\n');
		const char *end = eol ? eol : p + strlen(p);
		const char *q = skip_space(p, end);

		line++;
		if (q < end && *q == '[') {
			const char *close = memchr(q, ']', (size_t) (end - q));

			in_section = close && (size_t) (close - q - 1) == slen &&
				strncasecmp(q + 1, section, slen) == 0;
			if (in_section && !key)
				return line;   /* the section header itself */
		} else if (in_section && key && (size_t) (end - q) > klen &&
			   strncasecmp(q, key, klen) == 0) {
			const char *r = skip_space(q + klen, end);

			/* the last one: iniparser keeps the last value of a key */
			if (r < end && (*r == '=' || *r == ':'))
				found = line;
		}
		if (!eol)
			break;
		p = eol + 1;
	}
	return found;
}

unsigned lj_ini_line_before_sections(const struct lj_ini *ini, const char *key)
{
	const char *p = ini->text;
	size_t klen = strlen(key);
	unsigned line = 0;

	while (p && *p) {
		const char *eol = strchr(p, '\n');
		const char *end = eol ? eol : p + strlen(p);
		const char *q = skip_space(p, end);

		line++;
		if (q < end && *q == '[')
			break;
		if ((size_t) (end - q) > klen && strncasecmp(q, key, klen) == 0)
			return line;
		p = eol ? eol + 1 : NULL;
	}
	return 0;
}

const char *lj_ini_get(const struct lj_ini *ini, const char *section, const char *key)
{
	char full[256];

	if ((size_t) snprintf(full, sizeof(full), "%s:%s", section, key) >= sizeof(full))
		return NULL;
	return iniparser_getstring(ini->d, full, NULL);
}

int lj_ini_err(const struct lj_ini *ini, struct lj_err *e, const char *section, const char *key,
		const char *fmt, ...)
{
	char msg[512];
	unsigned line = lj_ini_line(ini, section, key);
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	if (line)
		return lj_err_set(e, EINVAL, "config", "%s:%u: [%s]%s%s: %s", ini->name, line,
				section, key ? " " : "", key ? key : "", msg);
	return lj_err_set(e, EINVAL, "config", "%s: [%s]%s%s: %s", ini->name, section,
			key ? " " : "", key ? key : "", msg);
}

int lj_ini_foreach(const struct lj_ini *ini,
		int (*fn)(const struct lj_ini *ini, const char *section, const char *key,
			const char *value, void *userdata, struct lj_err *e),
		void *userdata, struct lj_err *e)
{
	const dictionary *d = ini->d;

	/* Every entry, in file order: "section" alone marks a section,
	 * "section:key" is a value, ":key" is a key before any section. */
	for (ssize_t i = 0; i < d->size; i++) {
		const char *k = d->key[i], *colon;
		char sec[128];
		size_t slen;
		int r;

		if (!k || !(colon = strchr(k, ':')))
			continue;
		slen = (size_t) (colon - k);
		if (slen == 0) {
			unsigned line = lj_ini_line_before_sections(ini, colon + 1);

			return lj_err_set(e, EINVAL, "config", "%s:%u: %s: key outside any [section]",
					ini->name, line, colon + 1);
		}
		if (slen >= sizeof(sec))
			return lj_err_set(e, EINVAL, "config", "%s: section name too long", ini->name);
		memcpy(sec, k, slen);
		sec[slen] = '\0';
		r = fn(ini, sec, colon + 1, d->val[i] ? d->val[i] : "", userdata, e);
		if (r < 0)
			return r;
	}
	return 0;
}

int lj_split_words(const char *s, char ***ret)
{
	size_t n = 0;
	char **v = NULL;

	for (int pass = 0; pass < 2; pass++) {
		const char *p = s;

		n = 0;
		for (;;) {
			const char *start;

			while (*p && isspace((unsigned char) *p))
				p++;
			if (!*p)
				break;
			start = p;
			while (*p && !isspace((unsigned char) *p))
				p++;
			if (pass == 1) {
				v[n] = strndup(start, (size_t) (p - start));
				if (!v[n]) {
					lj_strv_free(v);
					return -ENOMEM;
				}
			}
			n++;
		}
		if (pass == 0) {
			v = calloc(n + 1, sizeof(char *));
			if (!v)
				return -ENOMEM;
		}
	}
	*ret = v;
	return 0;
}

void lj_strv_free(char **v)
{
	if (!v)
		return;
	for (char **p = v; *p; p++)
		free(*p);
	free(v);
}

size_t lj_strv_len(char *const *v)
{
	size_t n = 0;

	while (v && v[n])
		n++;
	return n;
}
