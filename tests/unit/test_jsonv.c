/*
 * test_jsonv.c — base/jsonv: a body checked against a field table. Unknown fields,
 * missing required fields, wrong types, null handling, string caps counted in code
 * points, integer ranges and NONEMPTY are each reported, and all of them at once.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "base/arena.h"
#include "base/errors.h"
#include "base/jsonv.h"

#include <stdlib.h>
#include <string.h>

static const struct jv_field fields[] = {
	{"name", JV_STRING, JV_REQUIRED | JV_NONEMPTY, 10, 0, 0},
	{"email", JV_STRING, JV_REQUIRED, 0, 0, 0},
	{"age", JV_INT, 0, 0, 0, 150},
	{"count", JV_INT, 0, 0, 0, 0}, /* no range */
	{"active", JV_BOOL, 0, 0, 0, 0},
	{"note", JV_STRING, JV_NULLABLE, 5, 0, 0},
	{"tags", JV_ARRAY, 0, 0, 0, 0},
	{"meta", JV_OBJECT, 0, 0, 0, 0},
	{"score", JV_NUMBER, 0, 0, 0, 0},
	{NULL, 0, 0, 0, 0, 0},
};

struct fx {
	struct arena *a;
	struct cb_errors errs;
	json_t *body;
};

static int setup(void **state)
{
	struct fx *f = calloc(1, sizeof *f);
	f->a = arena_new(4096);
	errors_init(&f->errs, f->a);
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fx *f = *state;
	json_decref(f->body);
	arena_free(f->a);
	free(f);
	return 0;
}

/* Parses text into f->body and runs jv_check. */
static bool check(struct fx *f, const char *text)
{
	json_error_t jerr;
	json_decref(f->body);
	f->body = json_loads(text, JSON_REJECT_DUPLICATES, &jerr);
	if (!f->body)
		fail_msg("test JSON does not parse: %s: %s", text, jerr.text);
	return jv_check(f->body, fields, &f->errs);
}

static const char *msg_for(const struct cb_errors *e, const char *field)
{
	for (size_t i = 0; i < e->count; i++)
		if (e->items[i].field && strcmp(e->items[i].field, field) == 0)
			return e->items[i].message;
	return NULL;
}

static size_t count_for(const struct cb_errors *e, const char *field)
{
	size_t n = 0;
	for (size_t i = 0; i < e->count; i++)
		if (e->items[i].field && strcmp(e->items[i].field, field) == 0)
			n++;
	return n;
}

static void test_clean_body_and_getters(void **state)
{
	struct fx *f = *state;
	assert_true(check(f, "{\"name\": \" Acme \", \"email\": \"a@b.co\", \"age\": 150, "
			     "\"count\": -7, \"active\": false, \"note\": null, \"tags\": [1], "
			     "\"meta\": {}, \"score\": 2.5}"));
	assert_int_equal(f->errs.count, 0);
	assert_false(errors_any(&f->errs));
	assert_string_equal(jv_str(f->body, "name"), " Acme ");
	assert_int_equal(jv_int(f->body, "age", -1), 150);
	assert_int_equal(jv_int(f->body, "count", 0), -7);
	assert_false(jv_bool(f->body, "active", true));
	assert_null(jv_str(f->body, "note"));
	assert_true(jv_has(f->body, "note"));
	assert_true(jv_is_null(f->body, "note"));
	assert_false(jv_is_null(f->body, "name"));
}

static void test_defaults_for_absent_fields(void **state)
{
	struct fx *f = *state;
	assert_true(check(f, "{\"name\": \"x\", \"email\": \"e\"}"));
	assert_int_equal(jv_int(f->body, "age", 33), 33);
	assert_true(jv_bool(f->body, "active", true));
	assert_false(jv_bool(f->body, "active", false));
	assert_null(jv_str(f->body, "note"));
	assert_false(jv_has(f->body, "note"));
	assert_false(jv_is_null(f->body, "note"));
}

static void test_unknown_field(void **state)
{
	struct fx *f = *state;
	assert_false(check(f, "{\"name\": \"x\", \"email\": \"e\", \"is_admin\": true}"));
	assert_int_equal(f->errs.count, 1);
	assert_string_equal(f->errs.items[0].field, "is_admin");
	assert_non_null(strstr(f->errs.items[0].message, "unknown"));
}

static void test_field_names_are_case_sensitive(void **state)
{
	struct fx *f = *state;
	assert_false(check(f, "{\"Name\": \"x\", \"email\": \"e\"}"));
	assert_true(errors_has(&f->errs, "Name"));  /* unknown */
	assert_true(errors_has(&f->errs, "name"));  /* missing */
	assert_int_equal(f->errs.count, 2);
}

static void test_missing_required(void **state)
{
	struct fx *f = *state;
	assert_false(check(f, "{}"));
	assert_int_equal(f->errs.count, 2);
	assert_non_null(strstr(msg_for(&f->errs, "name"), "required"));
	assert_non_null(strstr(msg_for(&f->errs, "email"), "required"));
}

static void test_wrong_types(void **state)
{
	struct fx *f = *state;
	assert_false(check(f, "{\"name\": 5, \"email\": [\"a\"], \"age\": \"5\", \"count\": 1.5, "
			      "\"active\": 1, \"note\": 3, \"tags\": {}, \"meta\": [], \"score\": \"1\"}"));
	static const char *const bad[] = {"name", "email", "age", "count", "active",
					  "note", "tags", "meta", "score"};
	assert_int_equal(f->errs.count, 9);
	for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
		if (count_for(&f->errs, bad[i]) != 1)
			fail_msg("expected one error for %s", bad[i]);
	}
	/* The message names what was wanted and what came. */
	const char *m = msg_for(&f->errs, "name");
	assert_non_null(strstr(m, "string"));
	assert_non_null(strstr(m, "integer"));
	m = msg_for(&f->errs, "count");
	assert_non_null(strstr(m, "integer"));
	assert_non_null(strstr(m, "number"));
	m = msg_for(&f->errs, "active");
	assert_non_null(strstr(m, "boolean"));
}

static void test_number_accepts_integer_and_real(void **state)
{
	struct fx *f = *state;
	assert_true(check(f, "{\"name\": \"x\", \"email\": \"e\", \"score\": 3}"));
	assert_true(check(f, "{\"name\": \"x\", \"email\": \"e\", \"score\": -0.25}"));
}

static void test_null_handling(void **state)
{
	struct fx *f = *state;
	/* Required but null: one "must not be null", not also "is required". */
	assert_false(check(f, "{\"name\": null, \"email\": \"e\", \"note\": null, \"age\": null}"));
	assert_int_equal(count_for(&f->errs, "name"), 1);
	assert_non_null(strstr(msg_for(&f->errs, "name"), "null"));
	assert_int_equal(count_for(&f->errs, "age"), 1); /* not nullable */
	assert_false(errors_has(&f->errs, "note"));      /* nullable */
	assert_int_equal(f->errs.count, 2);
}

static void test_string_cap_counts_code_points(void **state)
{
	struct fx *f = *state;
	/* name cap 10: ten é are 20 bytes but 10 characters */
	assert_true(check(f, "{\"name\": \"\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9"
			     "\xc3\xa9\xc3\xa9\xc3\xa9\", \"email\": \"e\"}"));
	assert_true(check(f, "{\"name\": \"0123456789\", \"email\": \"e\"}"));
	assert_false(check(f, "{\"name\": \"01234567890\", \"email\": \"e\"}"));
	assert_non_null(strstr(msg_for(&f->errs, "name"), "10"));
	/* note cap 5, with \u escapes: five 😀 (surrogate pairs in JSON) are 5 characters */
	errors_init(&f->errs, f->a);
	assert_true(check(f, "{\"name\": \"x\", \"email\": \"e\", \"note\": "
			     "\"\\ud83d\\ude00\\ud83d\\ude00\\ud83d\\ude00\\ud83d\\ude00\\ud83d\\ude00\"}"));
	assert_false(check(f, "{\"name\": \"x\", \"email\": \"e\", \"note\": \"abcdef\"}"));
	assert_true(errors_has(&f->errs, "note"));
}

static void test_default_cap_is_1000(void **state)
{
	struct fx *f = *state;
	char *text = malloc(1100);
	memcpy(text, "{\"name\": \"x\", \"email\": \"", 24);
	memset(text + 24, 'e', 1000);
	memcpy(text + 1024, "\"}", 3);
	assert_true(check(f, text));
	memset(text + 24, 'e', 1001);
	memcpy(text + 1025, "\"}", 3);
	assert_false(check(f, text));
	assert_non_null(strstr(msg_for(&f->errs, "email"), "1000"));
	free(text);
}

static void test_int_range(void **state)
{
	struct fx *f = *state;
	assert_true(check(f, "{\"name\": \"x\", \"email\": \"e\", \"age\": 0}"));
	assert_true(check(f, "{\"name\": \"x\", \"email\": \"e\", \"age\": 150}"));
	assert_false(check(f, "{\"name\": \"x\", \"email\": \"e\", \"age\": -1}"));
	assert_int_equal(f->errs.count, 1);
	assert_false(check(f, "{\"name\": \"x\", \"email\": \"e\", \"age\": 151}"));
	assert_int_equal(f->errs.count, 2);
	const char *m = f->errs.items[1].message;
	assert_non_null(strstr(m, "0"));
	assert_non_null(strstr(m, "150"));
	/* no range declared: anything an int64 holds */
	assert_true(check(f, "{\"name\": \"x\", \"email\": \"e\", \"count\": 9223372036854775807}"));
	assert_true(check(f, "{\"name\": \"x\", \"email\": \"e\", \"count\": -9223372036854775808}"));
}

static void test_nonempty(void **state)
{
	struct fx *f = *state;
	assert_false(check(f, "{\"name\": \"\", \"email\": \"e\"}"));
	assert_int_equal(f->errs.count, 1);
	assert_false(check(f, "{\"name\": \" \\t\\r\\n \", \"email\": \"e\"}"));
	assert_int_equal(f->errs.count, 2);
	assert_string_equal(f->errs.items[1].field, "name");
	assert_true(check(f, "{\"name\": \" a \", \"email\": \"e\"}"));
	/* email is required but not NONEMPTY: "" passes */
	assert_true(check(f, "{\"name\": \"a\", \"email\": \"\"}"));
}

static void test_nul_in_string_is_refused(void **state)
{
	struct fx *f = *state;
	json_decref(f->body);
	f->body = json_pack("{s:s, s:s%}", "name", "x", "email", "a\0b", (size_t)3);
	assert_non_null(f->body);
	assert_false(jv_check(f->body, fields, &f->errs));
	assert_true(errors_has(&f->errs, "email"));
}

static void test_all_errors_at_once(void **state)
{
	struct fx *f = *state;
	assert_false(check(f, "{\"bogus\": 1, \"name\": \"\", \"age\": 999, \"active\": \"yes\", "
			      "\"note\": \"toolong\", \"other\": null}"));
	/* bogus, other (unknown); name (empty); age (range); active (type); note (cap);
	 * email (missing) */
	assert_int_equal(f->errs.count, 7);
	static const char *const want[] = {"bogus", "other", "name", "age", "active", "note", "email"};
	for (size_t i = 0; i < sizeof want / sizeof *want; i++)
		if (count_for(&f->errs, want[i]) != 1)
			fail_msg("expected exactly one error for %s", want[i]);
}

static void test_not_an_object(void **state)
{
	struct fx *f = *state;
	assert_false(check(f, "[1, 2]"));
	assert_int_equal(f->errs.count, 1);
	assert_null(f->errs.items[0].field);
	assert_non_null(strstr(f->errs.items[0].message, "array"));
	assert_false(jv_check(NULL, fields, &f->errs));
	assert_int_equal(f->errs.count, 2);
	assert_null(f->errs.items[1].field);
	json_t *s = json_string("x");
	assert_false(jv_check(s, fields, &f->errs));
	json_decref(s);
	assert_int_equal(f->errs.count, 3);
}

static void test_result_counts_only_new_errors(void **state)
{
	struct fx *f = *state;
	errors_add(&f->errs, "earlier", "from another check");
	assert_true(check(f, "{\"name\": \"x\", \"email\": \"e\"}"));
	assert_int_equal(f->errs.count, 1);
}

static void test_full_error_list_still_reports_failure(void **state)
{
	struct fx *f = *state;
	for (int i = 0; i < CB_ERRORS_MAX; i++)
		errors_add(&f->errs, "filler", "x");
	assert_false(check(f, "{\"bogus\": 1}"));
	assert_int_equal(f->errs.count, CB_ERRORS_MAX);
	assert_true(f->errs.dropped >= 1);
}

static void test_type_names(void **state)
{
	(void)state;
	json_t *vals[] = {json_object(), json_array(), json_string(""), json_integer(1),
			  json_real(1.5), json_true(), json_false(), json_null()};
	static const char *const names[] = {"object", "array", "string", "integer",
					    "number", "boolean", "boolean", "null"};
	for (size_t i = 0; i < sizeof vals / sizeof *vals; i++) {
		assert_string_equal(jv_type_name(vals[i]), names[i]);
		json_decref(vals[i]);
	}
}

int main(void)
{
#define T(fn) cmocka_unit_test_setup_teardown(fn, setup, teardown)
	const struct CMUnitTest tests[] = {
		T(test_clean_body_and_getters),
		T(test_defaults_for_absent_fields),
		T(test_unknown_field),
		T(test_field_names_are_case_sensitive),
		T(test_missing_required),
		T(test_wrong_types),
		T(test_number_accepts_integer_and_real),
		T(test_null_handling),
		T(test_string_cap_counts_code_points),
		T(test_default_cap_is_1000),
		T(test_int_range),
		T(test_nonempty),
		T(test_nul_in_string_is_refused),
		T(test_all_errors_at_once),
		T(test_not_an_object),
		T(test_result_counts_only_new_errors),
		T(test_full_error_list_still_reports_failure),
		T(test_type_names),
	};
#undef T
	return cmocka_run_group_tests_name("jsonv", tests, NULL, NULL);
}
