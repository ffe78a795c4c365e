/*
 * parse.c - strict number, size, duration and boolean parsing. Pure.
 *
 * Config files and command lines are attacker-adjacent input (a sudo caller
 * picks the limits it asks for), so nothing here trusts strtol: every digit is
 * checked, overflow is detected before it happens, and junk is an error.
 */
#include "config.h"

#include <errno.h>
#include <string.h>
#include <strings.h>

#include "json.h"
#include "parse.h"

/* Parse leading decimal digits; *end gets the first non-digit. */
static int digits(const char *s, uint64_t max, uint64_t *ret, const char **end)
{
	uint64_t v = 0;
	const char *p = s;

	if (*p < '0' || *p > '9')
		return -EINVAL;
	for (; *p >= '0' && *p <= '9'; p++) {
		unsigned d = (unsigned) (*p - '0');

		if (d > max || v > (max - d) / 10)
			return -ERANGE;
		v = v * 10 + d;
	}
	*ret = v;
	*end = p;
	return 0;
}

int lj_parse_uint(const char *s, uint64_t max, uint64_t *ret)
{
	const char *end;
	uint64_t v;
	int r;

	if (!s)
		return -EINVAL;
	r = digits(s, max, &v, &end);
	if (r < 0)
		return r;
	if (*end)
		return -EINVAL;
	*ret = v;
	return 0;
}

int lj_parse_size(const char *s, uint64_t *ret)
{
	static const struct { const char *sfx; unsigned shift; } sfx[] = {
		{ "", 0 }, { "B", 0 },
		{ "K", 10 }, { "KB", 10 }, { "KiB", 10 }, { "k", 10 },
		{ "M", 20 }, { "MB", 20 }, { "MiB", 20 }, { "m", 20 },
		{ "G", 30 }, { "GB", 30 }, { "GiB", 30 }, { "g", 30 },
		{ "T", 40 }, { "TB", 40 }, { "TiB", 40 }, { "t", 40 },
	};
	const char *end;
	uint64_t v;
	int r;

	if (!s)
		return -EINVAL;
	r = digits(s, UINT64_MAX, &v, &end);
	if (r < 0)
		return r;
	for (size_t i = 0; i < sizeof(sfx) / sizeof(sfx[0]); i++) {
		if (strcmp(end, sfx[i].sfx) != 0)
			continue;
		if (sfx[i].shift && v > (UINT64_MAX >> sfx[i].shift))
			return -ERANGE;
		*ret = v << sfx[i].shift;
		return 0;
	}
	return -EINVAL;
}

int lj_parse_duration_ms(const char *s, uint64_t *ret)
{
	const char *end;
	uint64_t sec, ms = 0;
	int r;

	if (!s)
		return -EINVAL;
	r = digits(s, UINT64_MAX / 1000, &sec, &end);
	if (r < 0)
		return r;
	if (*end == '.') {
		unsigned n = 0;

		end++;
		if (*end < '0' || *end > '9')
			return -EINVAL;
		for (; *end >= '0' && *end <= '9'; end++, n++) {
			if (n >= 3)
				return -EINVAL;   /* finer than a millisecond */
			ms = ms * 10 + (uint64_t) (*end - '0');
		}
		for (; n < 3; n++)
			ms *= 10;
	}
	if (*end == 's')
		end++;
	if (*end)
		return -EINVAL;
	if (sec > (UINT64_MAX - ms) / 1000)
		return -ERANGE;
	*ret = sec * 1000 + ms;
	return 0;
}

int lj_parse_bool(const char *s, bool *ret)
{
	static const char *const yes[] = { "yes", "true", "on", "1" };
	static const char *const no[] = { "no", "false", "off", "0" };

	if (!s)
		return -EINVAL;
	for (size_t i = 0; i < 4; i++) {
		if (strcasecmp(s, yes[i]) == 0) {
			*ret = true;
			return 0;
		}
		if (strcasecmp(s, no[i]) == 0) {
			*ret = false;
			return 0;
		}
	}
	return -EINVAL;
}

bool lj_name_is_safe(const char *name)
{
	size_t n;

	if (!name || !*name || name[0] == '.')
		return false;
	n = strlen(name);
	if (n > 255 || !lj_utf8_valid(name, n))
		return false;
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char) name[i];

		if (c == '/' || c < 0x20 || c == 0x7f)
			return false;
		/* C1 controls U+0080..U+009F, encoded C2 80..C2 9F */
		if (c == 0xc2 && i + 1 < n && (unsigned char) name[i + 1] < 0xa0)
			return false;
	}
	return true;
}

bool lj_lang_name_is_valid(const char *name)
{
	size_t n;

	if (!name)
		return false;
	n = strlen(name);
	if (n == 0 || n > 32)
		return false;
	for (size_t i = 0; i < n; i++) {
		char c = name[i];
		bool ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
			(i > 0 && (c == '_' || c == '+' || c == '-'));

		if (!ok)
			return false;
	}
	return true;
}
