/*
 * fuzz_json_body.c — libFuzzer harness for the request-body path: bytes → utf8_valid →
 * jansson json_loadb (JSON_REJECT_DUPLICATES, as the dispatcher does) → jv_check against
 * a representative field table, then the jv_* getters.
 *
 * Besides "never crash", it checks: jansson never accepts bytes utf8_valid refuses (the
 * dispatcher relies on utf8_valid to answer 400 before parsing); jv_check's verdict
 * agrees with the error list; and after a clean check every getter returns a value of
 * the declared type within the declared cap or range.
 */
#include "base/arena.h"
#include "base/errors.h"
#include "base/jsonv.h"
#include "base/str.h"

#include <jansson.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define MAX_BODY (64 * 1024)

/* Shaped like a user/partner create body: every type, flag and cap kind appears. */
static const struct jv_field fields[] = {
	{"email", JV_STRING, JV_REQUIRED | JV_NONEMPTY, 254, 0, 0},
	{"name", JV_STRING, JV_NULLABLE, 200, 0, 0},
	{"role", JV_STRING, JV_REQUIRED, 32, 0, 0},
	{"partner_id", JV_INT, JV_NULLABLE, 0, 1, INT64_MAX},
	{"limit", JV_INT, 0, 0, 1, 200},
	{"offset", JV_INT, 0, 0, 0, 0},
	{"password", JV_STRING, 0, 256, 0, 0},
	{"locale", JV_STRING, 0, 8, 0, 0},
	{"notes", JV_STRING, JV_NONEMPTY, 0, 0, 0},
	{"disabled", JV_BOOL, 0, 0, 0, 0},
	{"tags", JV_ARRAY, JV_NULLABLE, 0, 0, 0},
	{"external_ids", JV_OBJECT, 0, 0, 0, 0},
	{"score", JV_NUMBER, 0, 0, 0, 0},
	{NULL, 0, 0, 0, 0, 0},
};

static void check_clean(const json_t *body)
{
	for (const struct jv_field *f = fields; f->name; f++) {
		json_t *v = json_object_get(body, f->name);
		if ((f->flags & JV_REQUIRED) && !v)
			abort();
		if (!v || json_is_null(v)) {
			if (v && !(f->flags & JV_NULLABLE))
				abort();
			continue;
		}
		switch (f->type) {
		case JV_STRING: {
			const char *s = jv_str(body, f->name);
			if (!s)
				abort();
			if (utf8_length(s) > (f->max_len ? f->max_len : 1000))
				abort();
			if (strlen(s) != json_string_length(v))
				abort();
			break;
		}
		case JV_INT: {
			if (!json_is_integer(v))
				abort();
			int64_t n = jv_int(body, f->name, 0);
			if (f->min < f->max && (n < f->min || n > f->max))
				abort();
			break;
		}
		case JV_BOOL:
			if (!json_is_boolean(v) || jv_bool(body, f->name, true) != json_is_true(v))
				abort();
			break;
		case JV_OBJECT:
			if (!json_is_object(v))
				abort();
			break;
		case JV_ARRAY:
			if (!json_is_array(v))
				abort();
			break;
		case JV_NUMBER:
			if (!json_is_number(v))
				abort();
			break;
		}
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size > MAX_BODY)
		return 0;
	const char *s = (const char *)data;
	bool utf8 = utf8_valid(s, size);
	json_error_t jerr;
	json_t *body = json_loadb(s, size, JSON_REJECT_DUPLICATES, &jerr);
	if (!body)
		return 0;
	if (!utf8)
		abort(); /* jansson took bytes our validator refuses */
	struct arena *a = arena_new(4096);
	struct cb_errors errs;
	errors_init(&errs, a);
	bool ok = jv_check(body, fields, &errs);
	if (ok != !errors_any(&errs))
		abort();
	if (!json_is_object(body) && ok)
		abort();
	for (size_t i = 0; i < errs.count; i++)
		if (!errs.items[i].message || !*errs.items[i].message)
			abort();
	if (ok)
		check_clean(body);
	/* The getters must be safe on any body, checked or not. */
	for (const struct jv_field *f = fields; f->name; f++) {
		(void)jv_str(body, f->name);
		(void)jv_int(body, f->name, 0);
		(void)jv_bool(body, f->name, false);
		(void)jv_has(body, f->name);
		(void)jv_is_null(body, f->name);
	}
	(void)jv_type_name(body);
	json_decref(body);
	arena_free(a);
	return 0;
}
