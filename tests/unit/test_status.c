/*
 * test_status.c — base/status: every status has a distinct name, a title and an HTTP
 * code in 200..599; the codes the design fixes (docs/architecture.md "Errors to users")
 * are the ones the API answers with.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "base/status.h"

#include <string.h>

/* The last value of enum cb_status. When a status is appended, update this and the
 * table in test_design_codes; test_no_status_past_last fails until then. */
#define LAST_STATUS CB_ERR_SCHEMA_NEWER
#define NSTATUS ((int)LAST_STATUS + 1)

static void test_every_status_named_titled_coded(void **state)
{
	(void)state;
	for (int i = 0; i < NSTATUS; i++) {
		enum cb_status st = (enum cb_status)i;
		const char *name = cb_status_str(st);
		const char *title = cb_status_title(st);
		int code = cb_status_http(st);
		assert_non_null(name);
		assert_non_null(title);
		if (!*name || strcmp(name, "unknown") == 0)
			fail_msg("status %d has no name", i);
		if (!*title)
			fail_msg("status %d has no title", i);
		if (code < 200 || code > 599)
			fail_msg("status %d (%s) maps to HTTP %d", i, name, code);
		if (i == CB_OK)
			assert_int_equal(code, 200);
		else if (code < 400)
			fail_msg("error status %s maps to non-error HTTP %d", name, code);
		/* names are identifiers for logs: lower-case, digits, '-' */
		for (const char *p = name; *p; p++)
			if (!((*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') || *p == '-'))
				fail_msg("status name \"%s\" has character '%c'", name, *p);
	}
}

static void test_names_distinct(void **state)
{
	(void)state;
	for (int i = 0; i < NSTATUS; i++)
		for (int j = i + 1; j < NSTATUS; j++)
			if (strcmp(cb_status_str((enum cb_status)i), cb_status_str((enum cb_status)j)) == 0)
				fail_msg("statuses %d and %d share the name %s", i, j,
					 cb_status_str((enum cb_status)i));
}

static void test_design_codes(void **state)
{
	(void)state;
	static const struct {
		enum cb_status st;
		int code;
	} want[] = {
		{CB_OK, 200},
		{CB_ERR_MALFORMED, 400},
		{CB_ERR_INVALID, 400},
		{CB_ERR_UNAUTHENTICATED, 401},
		{CB_ERR_FORBIDDEN, 403},
		{CB_ERR_NOT_FOUND, 404},
		{CB_ERR_METHOD, 405},
		{CB_ERR_CONFLICT, 409},
		{CB_ERR_PRECONDITION, 412},
		{CB_ERR_TOO_LARGE, 413},
		{CB_ERR_MEDIA_TYPE, 415},
		{CB_ERR_RULE, 422},
		{CB_ERR_RATE_LIMITED, 429},
		{CB_ERR_UNAVAILABLE, 503},
		{CB_ERR_DB, 500},
		{CB_ERR_IO, 500},
		{CB_ERR_INTERNAL, 500},
		{CB_ERR_USAGE, 400},
		{CB_ERR_SCHEMA_NEWER, 503},
	};
	assert_int_equal(sizeof want / sizeof *want, NSTATUS);
	for (size_t i = 0; i < sizeof want / sizeof *want; i++)
		if (cb_status_http(want[i].st) != want[i].code)
			fail_msg("%s: HTTP %d, want %d", cb_status_str(want[i].st),
				 cb_status_http(want[i].st), want[i].code);
}

static void test_internal_errors_do_not_leak_detail(void **state)
{
	(void)state;
	/* Database and file-system failures show the client a generic title. */
	assert_string_equal(cb_status_title(CB_ERR_DB), cb_status_title(CB_ERR_INTERNAL));
	assert_string_equal(cb_status_title(CB_ERR_IO), cb_status_title(CB_ERR_INTERNAL));
}

static void test_no_status_past_last(void **state)
{
	(void)state;
	/* Fails when a status is appended without updating this file. */
	enum cb_status past = (enum cb_status)NSTATUS;
	assert_string_equal(cb_status_str(past), "unknown");
	assert_int_equal(cb_status_http(past), 500);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_every_status_named_titled_coded),
		cmocka_unit_test(test_names_distinct),
		cmocka_unit_test(test_design_codes),
		cmocka_unit_test(test_internal_errors_do_not_leak_detail),
		cmocka_unit_test(test_no_status_past_last),
	};
	return cmocka_run_group_tests_name("status", tests, NULL, NULL);
}
