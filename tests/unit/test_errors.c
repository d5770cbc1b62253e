/*
 * test_errors.c — base/errors: appending copies field and message into the arena, the
 * list caps itself at CB_ERRORS_MAX and counts what it dropped, errors_has matches
 * exact field names, and the request-level detail.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "base/arena.h"
#include "base/errors.h"

#include <string.h>

static int setup(void **state)
{
	*state = arena_new(4096);
	return 0;
}

static int teardown(void **state)
{
	arena_free(*state);
	return 0;
}

static void test_init_is_empty(void **state)
{
	struct cb_errors e;
	memset(&e, 0x7F, sizeof e); /* garbage before init */
	errors_init(&e, *state);
	assert_int_equal(e.count, 0);
	assert_int_equal(e.dropped, 0);
	assert_null(e.detail);
	assert_false(errors_any(&e));
	assert_false(errors_has(&e, "email"));
}

static void test_add_formats_and_copies(void **state)
{
	struct cb_errors e;
	errors_init(&e, *state);
	char field[] = "items.3.price";
	errors_add(&e, field, "must be between %d and %d", 1, 100);
	field[0] = 'X'; /* the list holds its own copy */
	assert_int_equal(e.count, 1);
	assert_true(errors_any(&e));
	assert_string_equal(e.items[0].field, "items.3.price");
	assert_string_equal(e.items[0].message, "must be between 1 and 100");
	assert_true(errors_has(&e, "items.3.price"));
	assert_false(errors_has(&e, "Xtems.3.price"));
}

static void test_null_field_is_request_level(void **state)
{
	struct cb_errors e;
	errors_init(&e, *state);
	errors_add(&e, NULL, "body must be an object");
	assert_int_equal(e.count, 1);
	assert_null(e.items[0].field);
	assert_true(errors_any(&e));
	assert_false(errors_has(&e, "body"));
	assert_false(errors_has(&e, ""));
}

static void test_has_matches_exact_names(void **state)
{
	struct cb_errors e;
	errors_init(&e, *state);
	errors_add(&e, "email", "bad");
	errors_add(&e, "name", "bad");
	assert_true(errors_has(&e, "email"));
	assert_true(errors_has(&e, "name"));
	assert_false(errors_has(&e, "emai"));
	assert_false(errors_has(&e, "email2"));
	assert_false(errors_has(&e, "Email"));
}

static void test_cap_counts_dropped(void **state)
{
	struct cb_errors e;
	errors_init(&e, *state);
	for (int i = 0; i < CB_ERRORS_MAX + 5; i++)
		errors_add(&e, "f", "error %d", i);
	assert_int_equal(e.count, CB_ERRORS_MAX);
	assert_int_equal(e.dropped, 5);
	assert_true(errors_any(&e));
	assert_string_equal(e.items[0].message, "error 0");
	assert_string_equal(e.items[CB_ERRORS_MAX - 1].message, "error 63");
}

static void test_long_message_is_bounded(void **state)
{
	struct cb_errors e;
	errors_init(&e, *state);
	char big[2001];
	memset(big, 'm', 2000);
	big[2000] = '\0';
	errors_add(&e, "f", "%s", big);
	assert_int_equal(e.count, 1);
	size_t n = strlen(e.items[0].message);
	assert_true(n > 0 && n <= 2000);
	assert_int_equal(e.items[0].message[0], 'm');
}

static void test_detail(void **state)
{
	struct cb_errors e;
	errors_init(&e, *state);
	errors_detail(&e, "limit is %d", 200);
	assert_string_equal(e.detail, "limit is 200");
	/* a detail alone is not a field error */
	assert_false(errors_any(&e));
	errors_detail(&e, "second");
	assert_string_equal(e.detail, "second");
}

int main(void)
{
#define T(fn) cmocka_unit_test_setup_teardown(fn, setup, teardown)
	const struct CMUnitTest tests[] = {
		T(test_init_is_empty),
		T(test_add_formats_and_copies),
		T(test_null_field_is_request_level),
		T(test_has_matches_exact_names),
		T(test_cap_counts_dropped),
		T(test_long_message_is_bounded),
		T(test_detail),
	};
#undef T
	return cmocka_run_group_tests_name("errors", tests, NULL, NULL);
}
