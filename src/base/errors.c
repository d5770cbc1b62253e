/*
 * errors.c — appending to and querying the field error list.
 */
#include "errors.h"

#include "arena.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

enum { FIELD_MAX = 128 };

void errors_init(struct cb_errors *e, struct arena *a)
{
	e->arena = a;
	e->count = 0;
	e->dropped = 0;
	e->detail = NULL;
}

/* Field names can come from the client (unknown JSON keys); keep them readable. */
static char *clip(struct arena *a, const char *s)
{
	size_t n = strlen(s);
	if (n <= FIELD_MAX)
		return arena_strdup(a, s);
	n = FIELD_MAX;
	while (n && ((unsigned char)s[n] & 0xC0) == 0x80) /* back to a code point start */
		n--;
	char *p = arena_alloc(a, n + 4);
	memcpy(p, s, n);
	memcpy(p + n, "\xe2\x80\xa6", 4); /* "…" and the NUL */
	return p;
}

void errors_add(struct cb_errors *e, const char *field, const char *fmt, ...)
{
	if (e->count >= CB_ERRORS_MAX) {
		e->dropped++;
		return;
	}
	char msg[512];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	e->items[e->count].field = field ? clip(e->arena, field) : NULL;
	e->items[e->count].message = arena_strdup(e->arena, msg);
	e->count++;
}

void errors_detail(struct cb_errors *e, const char *fmt, ...)
{
	char msg[512];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	e->detail = arena_strdup(e->arena, msg);
}

bool errors_any(const struct cb_errors *e)
{
	return e->count > 0 || e->dropped > 0;
}

bool errors_has(const struct cb_errors *e, const char *field)
{
	for (size_t i = 0; i < e->count; i++)
		if (e->items[i].field && strcmp(e->items[i].field, field) == 0)
			return true;
	return false;
}
