/*
 * str.c — strbuf, UTF-8 validation, checked integer parsing and small predicates.
 */
#include "str.h"

#include "arena.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void sb_init(struct strbuf *sb, struct arena *a, size_t initial, size_t max)
{
	if (initial < 16)
		initial = 16;
	if (initial > max)
		initial = max;
	sb->arena = a;
	sb->data = arena_alloc(a, initial + 1);
	sb->data[0] = '\0';
	sb->len = 0;
	sb->cap = initial;
	sb->max = max;
	sb->overflow = false;
}

static bool sb_reserve(struct strbuf *sb, size_t extra)
{
	if (sb->overflow || extra > sb->max - sb->len) {
		sb->overflow = true;
		return false;
	}
	size_t need = sb->len + extra;
	if (need <= sb->cap)
		return true;
	size_t cap = sb->cap * 2;
	while (cap < need)
		cap *= 2;
	if (cap > sb->max)
		cap = sb->max;
	char *p = arena_alloc(sb->arena, cap + 1);
	memcpy(p, sb->data, sb->len + 1);
	sb->data = p;
	sb->cap = cap;
	return true;
}

void sb_append_grow(struct strbuf *sb, const char *s, size_t n)
{
	if (!sb_reserve(sb, n))
		return;
	memcpy(sb->data + sb->len, s, n);
	sb->len += n;
	sb->data[sb->len] = '\0';
}

void sb_printf(struct strbuf *sb, const char *fmt, ...)
{
	char small[256];
	va_list ap;
	va_start(ap, fmt);
	int n = vsnprintf(small, sizeof small, fmt, ap);
	va_end(ap);
	if (n < 0)
		return;
	if ((size_t)n < sizeof small) {
		sb_append(sb, small, (size_t)n);
		return;
	}
	if (!sb_reserve(sb, (size_t)n))
		return;
	va_start(ap, fmt);
	vsnprintf(sb->data + sb->len, (size_t)n + 1, fmt, ap);
	va_end(ap);
	sb->len += (size_t)n;
}

/* Length of the well-formed UTF-8 sequence starting at s (a lead byte ≥ 0x80) within
 * `avail` bytes, or 0. A NUL ends the sequence too: it is not a continuation byte. */
static size_t utf8_seq_len(const unsigned char *s, size_t avail)
{
	unsigned char c = s[0];
	size_t len;
	uint32_t cp;
	if (c >= 0xC2 && c <= 0xDF) {
		len = 2;
		cp = c & 0x1F;
	} else if (c >= 0xE0 && c <= 0xEF) {
		len = 3;
		cp = c & 0x0F;
	} else if (c >= 0xF0 && c <= 0xF4) {
		len = 4;
		cp = c & 0x07;
	} else {
		return 0;
	}
	if (avail < len)
		return 0;
	for (size_t k = 1; k < len; k++) {
		if ((s[k] & 0xC0) != 0x80)
			return 0;
		cp = (cp << 6) | (s[k] & 0x3F);
	}
	if ((len == 3 && cp < 0x800) || (len == 4 && cp < 0x10000) || cp > 0x10FFFF ||
	    (cp >= 0xD800 && cp <= 0xDFFF))
		return 0;
	return len;
}

void sb_put_int(struct strbuf *sb, long long v)
{
	char buf[24], *e = buf + sizeof buf, *q = e;
	unsigned long long u = v < 0 ? 0ULL - (unsigned long long)v : (unsigned long long)v;
	do {
		*--q = (char)('0' + u % 10);
		u /= 10;
	} while (u);
	if (v < 0)
		*--q = '-';
	sb_append(sb, q, (size_t)(e - q));
}

/* What sb_json_escape does with a byte: 0 copy (printable ASCII), 1 escape (controls, '"',
 * '\\'), 2 lead byte of a two-byte sequence (Arabic, Persian, accented Latin), 3 any other
 * byte from 0x80 (checked as UTF-8). */
static const unsigned char json_class[256] = {
	1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
	1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
	0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0,
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3,
	3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3,
	3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3,
	3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3,
	3, 3, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2,
	2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2,
	3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3,
	3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3,
};

/* Escapes as jansson's dump does (\b \f \n \r \t, other controls as upper-case \u00XX),
 * so text written here and text dumped by jansson are the same bytes. */
void sb_json_escape(struct strbuf *sb, const char *s)
{
	static const char hex[] = "0123456789ABCDEF";
	const char *run = s;
	for (;;) {
		unsigned char c = (unsigned char)*s, k = json_class[c];
		if (k == 0) {
			s++;
			continue;
		}
		if (k == 2 && ((unsigned char)s[1] & 0xC0) == 0x80) {
			s += 2;
			continue;
		}
		if (k >= 2) {
			size_t n = utf8_seq_len((const unsigned char *)s, 4);
			if (n) {
				s += n;
				continue;
			}
			/* Not UTF-8 (a URL's %ff, a header's Latin-1): one U+FFFD per bad byte. */
			sb_append(sb, run, (size_t)(s - run));
			sb_puts(sb, "\\ufffd");
			run = ++s;
			continue;
		}
		if (!c)
			break;
		sb_append(sb, run, (size_t)(s - run));
		run = ++s;
		switch (c) {
		case '"': sb_puts(sb, "\\\""); break;
		case '\\': sb_puts(sb, "\\\\"); break;
		case '\b': sb_puts(sb, "\\b"); break;
		case '\f': sb_puts(sb, "\\f"); break;
		case '\n': sb_puts(sb, "\\n"); break;
		case '\r': sb_puts(sb, "\\r"); break;
		case '\t': sb_puts(sb, "\\t"); break;
		default: {
			char u[6] = {'\\', 'u', '0', '0', hex[c >> 4], hex[c & 15]};
			sb_append(sb, u, 6);
		}
		}
	}
	sb_append(sb, run, (size_t)(s - run));
}

void sb_json_escape_clip(struct strbuf *sb, const char *s, size_t max)
{
	size_t n = strlen(s);
	if (n <= max) {
		sb_json_escape(sb, s);
		return;
	}
	for (int k = 0; k < 3 && max && ((unsigned char)s[max] & 0xC0) == 0x80; k++)
		max--; /* back to a code point start (at most 3 bytes: invalid input is no code point) */
	char *p = arena_strndup(sb->arena, s, max);
	sb_json_escape(sb, p);
	sb_puts(sb, "\xe2\x80\xa6");
}

bool utf8_valid(const char *str, size_t n)
{
	const unsigned char *s = (const unsigned char *)str;
	size_t i = 0;
	while (i < n) {
		if (s[i] < 0x80) {
			i++;
			continue;
		}
		size_t len = utf8_seq_len(s + i, n - i);
		if (!len)
			return false;
		i += len;
	}
	return true;
}

size_t utf8_length(const char *s)
{
	size_t n = 0;
	for (; *s; s++)
		if (((unsigned char)*s & 0xC0) != 0x80)
			n++;
	return n;
}

bool parse_i64(const char *s, int64_t min, int64_t max, int64_t *out)
{
	if (!s || !*s || strlen(s) > 20)
		return false;
	for (const char *p = s; *p; p++)
		if (!((*p >= '0' && *p <= '9') || (p == s && *p == '-')))
			return false;
	errno = 0;
	char *end = NULL;
	long long v = strtoll(s, &end, 10);
	if (errno || !end || *end || end == s)
		return false;
	if (v < min || v > max)
		return false;
	*out = v;
	return true;
}

char *str_lower(struct arena *a, const char *s)
{
	char *p = arena_strdup(a, s);
	for (char *q = p; *q; q++)
		if (*q >= 'A' && *q <= 'Z')
			*q = (char)(*q - 'A' + 'a');
	return p;
}

char *str_trim(struct arena *a, const char *s)
{
	while (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r')
		s++;
	size_t n = strlen(s);
	while (n && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\n' || s[n - 1] == '\r'))
		n--;
	return arena_strndup(a, s, n);
}

static bool is_alnum(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

bool str_is_email(const char *s)
{
	size_t n = strlen(s);
	if (n < 3 || n > 254)
		return false;
	const char *at = strchr(s, '@');
	if (!at || at == s || strchr(at + 1, '@') || at - s > 64)
		return false;
	for (const char *p = s; p < at; p++) {
		unsigned char c = (unsigned char)*p;
		if (c <= 0x20 || c == 0x7f || c == '(' || c == ')' || c == ',' || c == ':' ||
		    c == ';' || c == '<' || c == '>' || c == '[' || c == ']' || c == '\\' || c == '"')
			return false;
	}
	if (at[-1] == '.' || s[0] == '.' || strstr(s, ".."))
		return false;
	const char *d = at + 1;
	if (!*d || !strchr(d, '.'))
		return false;
	const char *label = d;
	for (const char *p = d;; p++) {
		if (*p == '.' || *p == '\0') {
			size_t ll = (size_t)(p - label);
			if (ll == 0 || ll > 63 || label[0] == '-' || p[-1] == '-')
				return false;
			if (*p == '\0')
				break;
			label = p + 1;
		} else if (!is_alnum(*p) && *p != '-') {
			return false;
		}
	}
	return true;
}

bool str_is_token_id(const char *s)
{
	size_t n = 0;
	for (; s[n]; n++) {
		char c = s[n];
		if (!is_alnum(c) && c != '.' && c != '_' && c != '-')
			return false;
		if (n >= 64)
			return false;
	}
	return n > 0;
}
