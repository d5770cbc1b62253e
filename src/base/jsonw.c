/*
 * jsonw.c — JSON object members written straight into a strbuf (see jsonw.h).
 */
#include "jsonw.h"

#include "clock.h"

#include <string.h>

void jw_key(struct strbuf *sb, const char *key)
{
	char last = sb->len ? sb->data[sb->len - 1] : '{';
	if (last != '{' && last != '[')
		sb_putc(sb, ',');
	sb_putc(sb, '"');
	sb_puts(sb, key);
	sb_append(sb, "\":", 2);
}

void jw_int(struct strbuf *sb, const char *key, int64_t v)
{
	jw_key(sb, key);
	sb_put_int(sb, (long long)v);
}

void jw_id(struct strbuf *sb, const char *key, int64_t v)
{
	jw_key(sb, key);
	if (v)
		sb_put_int(sb, (long long)v);
	else
		sb_append(sb, "null", 4);
}

void jw_str(struct strbuf *sb, const char *key, const char *s)
{
	jw_key(sb, key);
	if (!s) {
		sb_append(sb, "null", 4);
		return;
	}
	sb_putc(sb, '"');
	sb_json_escape(sb, s);
	sb_putc(sb, '"');
}

void jw_bool(struct strbuf *sb, const char *key, bool v)
{
	jw_key(sb, key);
	if (v)
		sb_append(sb, "true", 4);
	else
		sb_append(sb, "false", 5);
}

void jw_time(struct strbuf *sb, const char *key, int64_t t)
{
	jw_key(sb, key);
	if (!t) {
		sb_append(sb, "null", 4);
		return;
	}
	char buf[21];
	clock_iso(t, buf);
	sb_putc(sb, '"');
	sb_puts(sb, buf);
	sb_putc(sb, '"');
}
