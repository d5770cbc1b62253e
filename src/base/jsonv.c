/*
 * jsonv.c — field-table validation of JSON objects.
 */
#include "jsonv.h"

#include "errors.h"
#include "str.h"

#include <string.h>

const char *jv_type_name(const json_t *v)
{
	switch (json_typeof(v)) {
	case JSON_OBJECT: return "object";
	case JSON_ARRAY: return "array";
	case JSON_STRING: return "string";
	case JSON_INTEGER: return "integer";
	case JSON_REAL: return "number";
	case JSON_TRUE:
	case JSON_FALSE: return "boolean";
	case JSON_NULL: return "null";
	}
	return "unknown";
}

static const char *want_name(enum jv_type t)
{
	switch (t) {
	case JV_STRING: return "a string";
	case JV_INT: return "an integer";
	case JV_BOOL: return "a boolean";
	case JV_OBJECT: return "an object";
	case JV_ARRAY: return "an array";
	case JV_NUMBER: return "a number";
	}
	return "a value";
}

static bool type_ok(const json_t *v, enum jv_type t)
{
	switch (t) {
	case JV_STRING: return json_is_string(v);
	case JV_INT: return json_is_integer(v);
	case JV_BOOL: return json_is_boolean(v);
	case JV_OBJECT: return json_is_object(v);
	case JV_ARRAY: return json_is_array(v);
	case JV_NUMBER: return json_is_number(v);
	}
	return false;
}

static bool blank(const char *s)
{
	for (; *s; s++)
		if (*s != ' ' && *s != '\t' && *s != '\n' && *s != '\r')
			return false;
	return true;
}

static void check_one(const json_t *v, const struct jv_field *f, struct cb_errors *errs)
{
	if (json_is_null(v)) {
		if (!(f->flags & JV_NULLABLE))
			errors_add(errs, f->name, "must not be null");
		return;
	}
	if (!type_ok(v, f->type)) {
		errors_add(errs, f->name, "must be %s, not %s", want_name(f->type), jv_type_name(v));
		return;
	}
	if (f->type == JV_STRING) {
		const char *s = json_string_value(v);
		size_t cap = f->max_len ? f->max_len : 1000;
		if (strlen(s) != json_string_length(v))
			errors_add(errs, f->name, "must not contain NUL characters");
		else if (utf8_length(s) > cap)
			errors_add(errs, f->name, "must be at most %zu characters", cap);
		else if ((f->flags & JV_NONEMPTY) && blank(s))
			errors_add(errs, f->name, "must not be empty");
	} else if (f->type == JV_INT && f->min < f->max) {
		json_int_t n = json_integer_value(v);
		if (n < f->min || n > f->max)
			errors_add(errs, f->name, "must be between %lld and %lld", (long long)f->min,
				   (long long)f->max);
	}
}

bool jv_check(const json_t *body, const struct jv_field *fields, struct cb_errors *errs)
{
	size_t before = errs->count + errs->dropped;
	if (!json_is_object(body)) {
		errors_add(errs, NULL, "request body must be a JSON object, not %s",
			   body ? jv_type_name(body) : "empty");
		return false;
	}
	const char *key;
	json_t *val;
	json_object_foreach((json_t *)body, key, val) {
		const struct jv_field *f = fields;
		while (f->name && strcmp(f->name, key) != 0)
			f++;
		if (!f->name) {
			errors_add(errs, key, "unknown field");
			continue;
		}
		check_one(val, f, errs);
	}
	for (const struct jv_field *f = fields; f->name; f++)
		if ((f->flags & JV_REQUIRED) && !json_object_get(body, f->name))
			errors_add(errs, f->name, "is required");
	return errs->count + errs->dropped == before;
}

const char *jv_str(const json_t *body, const char *name)
{
	return json_string_value(json_object_get(body, name));
}

int64_t jv_int(const json_t *body, const char *name, int64_t dflt)
{
	json_t *v = json_object_get(body, name);
	return json_is_integer(v) ? (int64_t)json_integer_value(v) : dflt;
}

bool jv_bool(const json_t *body, const char *name, bool dflt)
{
	json_t *v = json_object_get(body, name);
	return json_is_boolean(v) ? json_is_true(v) : dflt;
}

bool jv_has(const json_t *body, const char *name)
{
	return json_object_get(body, name) != NULL;
}

bool jv_is_null(const json_t *body, const char *name)
{
	return json_is_null(json_object_get(body, name));
}
