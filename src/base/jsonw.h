/*
 * jsonw.h — JSON object members written straight into a strbuf.
 *
 * For the responses on hot paths (a partner record, its contacts, territories, notes and
 * documents, a user), where building a jansson tree and dumping it cost more than the
 * queries behind them. Each member call writes its own separating comma: the first member
 * after '{' or '[' gets none. Keys are literals of the caller and written as they are.
 */
#ifndef CB_JSONW_H
#define CB_JSONW_H

#include "str.h"

#include <stdbool.h>
#include <stdint.h>

/* `,"key":` (no comma right after '{' or '['). */
void jw_key(struct strbuf *sb, const char *key);
void jw_int(struct strbuf *sb, const char *key, int64_t v);
/* An id that may be absent: 0 is written as null. */
void jw_id(struct strbuf *sb, const char *key, int64_t v);
/* A string, escaped; NULL is written as null. */
void jw_str(struct strbuf *sb, const char *key, const char *s);
void jw_bool(struct strbuf *sb, const char *key, bool v);
/* A timestamp as "YYYY-MM-DDTHH:MM:SSZ"; 0 (never) is written as null. */
void jw_time(struct strbuf *sb, const char *key, int64_t t);

#endif
