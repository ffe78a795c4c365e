/*
 * parse.h - strict parsers for numbers, sizes, durations and booleans.
 *
 * Every parser rejects empty strings, signs, junk after the number, and
 * overflow, returning -EINVAL or -ERANGE. Out-parameters are written only on
 * success.
 */
#ifndef LJ_PARSE_H
#define LJ_PARSE_H

#include <stdbool.h>
#include <stdint.h>

/* Decimal unsigned integer, at most @max. -EINVAL junk, -ERANGE > max. */
int lj_parse_uint(const char *s, uint64_t max, uint64_t *ret);
/* Size with optional suffix K, M, G, T (powers of 1024; also KiB/MiB...). */
int lj_parse_size(const char *s, uint64_t *ret);
/* Seconds with up to 3 decimals ("2", "0.5", "1.25"), returned in milliseconds. */
int lj_parse_duration_ms(const char *s, uint64_t *ret);
/* yes/no/true/false/on/off/1/0, case-insensitive; anything else -EINVAL. */
int lj_parse_bool(const char *s, bool *ret);
/* Whether @name is safe as a file name inside the workdir: non-empty, at most
 * 255 bytes, no '/', no leading '.', printable ASCII or UTF-8, no control chars. */
bool lj_name_is_safe(const char *name);
/* Whether @name is a valid language name: [a-z0-9][a-z0-9_+-]{0,31}. */
bool lj_lang_name_is_valid(const char *name);

#endif
