/*
 * jsonv.h — checking a parsed JSON request body against a field table.
 *
 * A handler declares its body as a static table of struct jv_field (name, type, flags,
 * length cap) and calls jv_check(): unknown fields, missing required fields, wrong
 * types, strings over their cap or empty when required are all reported to the
 * cb_errors list at once. After a clean check the jv_* getters read fields without
 * further type checks. The body is borrowed (not taken).
 */
#ifndef CB_JSONV_H
#define CB_JSONV_H

#include <jansson.h>
#include <stdbool.h>
#include <stdint.h>

struct cb_errors;

enum jv_type { JV_STRING, JV_INT, JV_BOOL, JV_OBJECT, JV_ARRAY, JV_NUMBER };

enum jv_flags {
	JV_REQUIRED = 1 << 0, /* must be present */
	JV_NULLABLE = 1 << 1, /* JSON null accepted */
	JV_NONEMPTY = 1 << 2, /* strings: not empty after trimming */
};

struct jv_field {
	const char *name;
	enum jv_type type;
	unsigned flags;
	size_t max_len;    /* strings: max code points (0 = 1000); ints: ignored */
	int64_t min, max;  /* ints: inclusive range when min < max */
};

/* Checks that body is an object matching the table (terminated by {NULL}). Appends an
 * error per bad field; returns true when none was added. */
bool jv_check(const json_t *body, const struct jv_field *fields, struct cb_errors *errs);

/* Getters after a successful jv_check. Absent or null fields return the default / NULL. */
const char *jv_str(const json_t *body, const char *name);
int64_t jv_int(const json_t *body, const char *name, int64_t dflt);
bool jv_bool(const json_t *body, const char *name, bool dflt);
bool jv_has(const json_t *body, const char *name);   /* present, null or not */
bool jv_is_null(const json_t *body, const char *name);

/* Human name of a JSON value's type ("string", "integer", …). */
const char *jv_type_name(const json_t *v);

#endif
