/*
 * str.h — bounded string building and checked parsing.
 *
 * struct strbuf grows inside an arena up to a cap fixed at init; appends past the cap
 * set `overflow` and are dropped, so a caller checks once at the end. Parsers take an
 * explicit length or a NUL-terminated string and never use atoi/strtol unchecked.
 */
#ifndef CB_STR_H
#define CB_STR_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

struct arena;

struct strbuf {
	struct arena *arena;
	char *data;     /* always NUL-terminated */
	size_t len;
	size_t cap;     /* bytes allocated for data, excluding the NUL */
	size_t max;     /* hard cap on len */
	bool overflow;  /* an append was dropped because of max */
};

void sb_init(struct strbuf *sb, struct arena *a, size_t initial, size_t max);
/* The part of sb_append that grows the buffer or hits the cap. */
void sb_append_grow(struct strbuf *sb, const char *s, size_t n);

/* Appending is inline while the bytes fit (the JSON writers append a few bytes at a
 * time, and a call per append was a tenth of a partner list). */
static inline void sb_append(struct strbuf *sb, const char *s, size_t n)
{
	if (!sb->overflow && n <= sb->cap - sb->len) {
		memcpy(sb->data + sb->len, s, n);
		sb->len += n;
		sb->data[sb->len] = '\0';
		return;
	}
	sb_append_grow(sb, s, n);
}

static inline void sb_puts(struct strbuf *sb, const char *s)
{
	sb_append(sb, s, strlen(s));
}

static inline void sb_putc(struct strbuf *sb, char c)
{
	if (!sb->overflow && sb->len < sb->cap) {
		sb->data[sb->len++] = c;
		sb->data[sb->len] = '\0';
		return;
	}
	sb_append_grow(sb, &c, 1);
}

void sb_printf(struct strbuf *sb, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Appends v in decimal, as "%lld" would, without printf (hot JSON writers). */
void sb_put_int(struct strbuf *sb, long long v);
/* Appends s as the inside of a JSON string (quotes not included), escaping as needed. */
void sb_json_escape(struct strbuf *sb, const char *s);
/* Same, keeping at most `max` bytes of s (cut at a code point) and marking a cut with "…". */
void sb_json_escape_clip(struct strbuf *sb, const char *s, size_t max);

/* True when [s, s+n) is well-formed UTF-8 (no overlongs, no surrogates, ≤ U+10FFFF). */
bool utf8_valid(const char *s, size_t n);

/* Parses a base-10 integer that fills the whole string and lies in [min, max]. */
bool parse_i64(const char *s, int64_t min, int64_t max, int64_t *out);

/* ASCII lower-case copy into the arena. */
char *str_lower(struct arena *a, const char *s);

/* Copy with leading and trailing ASCII white space removed. */
char *str_trim(struct arena *a, const char *s);

/* A pragmatic e-mail check: one @, non-empty local part ≤ 64, a dotted domain of
 * letters, digits and hyphens, total ≤ 254, no spaces or control characters. */
bool str_is_email(const char *s);

/* True when s is a sane client-supplied id: 1..64 chars of [A-Za-z0-9._-]. */
bool str_is_token_id(const char *s);

/* Number of Unicode code points in a valid UTF-8 string. */
size_t utf8_length(const char *s);

#endif
