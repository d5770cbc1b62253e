/*
 * test_router.c — http/router: exact paths, `{name}` captures (pointers into the path),
 * trailing slashes and prefixes that must not match, HEAD answered by GET, 405 detection
 * with the Allow list, and path_known false when nothing has the path. Uses its own
 * route table with dummy handlers so changes to the API table do not move these tests.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "http/router.h"

#include <string.h>

static enum cb_status h_ok(struct req *r)
{
	(void)r;
	return CB_OK;
}

static const struct route table[] = {
	{"GET", "/healthz", h_ok, 0, RF_PUBLIC, 0, "0"},
	{"GET", "/api/v1/users", h_ok, 1, 0, 0, "1"},
	{"POST", "/api/v1/users", h_ok, 1, RF_JSON, 0, "2"},
	{"GET", "/api/v1/users/me", h_ok, 1, 0, 0, "3"},
	{"GET", "/api/v1/users/{id}", h_ok, 1, 0, 0, "4"},
	{"PATCH", "/api/v1/users/{id}", h_ok, 1, RF_JSON, 0, "5"},
	{"DELETE", "/api/v1/users/{id}", h_ok, 1, 0, 0, "6"},
	{"POST", "/api/v1/users/{id}/password", h_ok, 1, RF_JSON, 0, "7"},
	{"GET", "/api/v1/partners/{pid}/users/{uid}", h_ok, 1, 0, 0, "8"},
	{"PUT", "/api/v1/partners/{pid}/users/{uid}", h_ok, 1, RF_JSON, 0, "9"},
	{NULL, NULL, NULL, 0, 0, 0, NULL},
};

static void expect_route(const char *method, const char *path, int index)
{
	struct route_match m;
	router_match(table, method, path, &m);
	if (m.index != index || m.route != &table[index])
		fail_msg("%s %s: matched index %d, want %d", method, path, m.index, index);
	assert_true(m.path_known);
}

static void expect_405(const char *method, const char *path, const char *allow)
{
	struct route_match m;
	router_match(table, method, path, &m);
	if (m.route != NULL)
		fail_msg("%s %s: matched index %d, want 405", method, path, m.index);
	assert_int_equal(m.index, -1);
	assert_true(m.path_known);
	assert_string_equal(m.allow, allow);
}

static void expect_404(const char *method, const char *path)
{
	struct route_match m;
	router_match(table, method, path, &m);
	if (m.route != NULL || m.path_known)
		fail_msg("%s \"%s\": want no match (index %d, path_known %d)", method, path, m.index,
			 m.path_known);
	assert_int_equal(m.index, -1);
	assert_string_equal(m.allow, "");
}

static bool value_is(const struct route_match *m, int i, const char *name, const char *value)
{
	return m->name_lens[i] == strlen(name) && memcmp(m->names[i], name, strlen(name)) == 0 &&
	       m->value_lens[i] == strlen(value) && memcmp(m->values[i], value, strlen(value)) == 0;
}

static void test_exact_paths(void **state)
{
	(void)state;
	expect_route("GET", "/healthz", 0);
	expect_route("GET", "/api/v1/users", 1);
	expect_route("POST", "/api/v1/users", 2);
	struct route_match m;
	router_match(table, "GET", "/healthz", &m);
	assert_int_equal(m.nparams, 0);
}

static void test_first_route_in_table_order_wins(void **state)
{
	(void)state;
	expect_route("GET", "/api/v1/users/me", 3); /* literal listed before the capture */
	expect_route("GET", "/api/v1/users/7", 4);
	expect_route("PATCH", "/api/v1/users/me", 5); /* no literal PATCH: the capture takes it */
}

static void test_captures(void **state)
{
	(void)state;
	const char *path = "/api/v1/users/42";
	struct route_match m;
	router_match(table, "PATCH", path, &m);
	assert_int_equal(m.index, 5);
	assert_int_equal(m.nparams, 1);
	assert_true(value_is(&m, 0, "id", "42"));
	assert_ptr_equal(m.values[0], path + strlen("/api/v1/users/")); /* points into the path */

	router_match(table, "POST", "/api/v1/users/abc-9/password", &m);
	assert_int_equal(m.index, 7);
	assert_int_equal(m.nparams, 1);
	assert_true(value_is(&m, 0, "id", "abc-9"));

	router_match(table, "GET", "/api/v1/partners/3/users/11", &m);
	assert_int_equal(m.index, 8);
	assert_int_equal(m.nparams, 2);
	assert_true(value_is(&m, 0, "pid", "3"));
	assert_true(value_is(&m, 1, "uid", "11"));
}

static void test_capture_takes_one_whole_segment(void **state)
{
	(void)state;
	struct route_match m;
	/* Anything but '/' is one segment; the handler validates it. */
	router_match(table, "GET", "/api/v1/users/%2F..", &m);
	assert_int_equal(m.index, 4);
	assert_true(value_is(&m, 0, "id", "%2F.."));
	/* An empty segment is not a capture. */
	expect_404("POST", "/api/v1/users//password");
	expect_404("GET", "/api/v1/partners//users/1");
	expect_404("GET", "/api/v1/partners/1/users/");
}

static void test_trailing_slash_does_not_match(void **state)
{
	(void)state;
	expect_404("GET", "/healthz/");
	expect_404("GET", "/api/v1/users/");
	expect_404("GET", "/api/v1/users/5/");
	expect_404("POST", "/api/v1/users/5/password/");
	expect_404("GET", "/api/v1/partners/1/users/2/");
}

static void test_prefixes_and_extensions_do_not_match(void **state)
{
	(void)state;
	expect_404("GET", "/health");
	expect_404("GET", "/healthzz");
	expect_404("GET", "/healthz/x");
	expect_404("GET", "/api/v1");
	expect_404("GET", "/api/v1/user");
	expect_404("GET", "/api/v1/users/5/password/extra");
	expect_404("GET", "/api/v2/users");
	expect_404("GET", "/API/v1/users");
}

static void test_malformed_paths(void **state)
{
	(void)state;
	expect_404("GET", "");
	expect_404("GET", "/");
	expect_404("GET", "healthz");
	expect_404("GET", "//healthz");
	expect_404("GET", "/api//v1/users");
	expect_404("GET", "/api/v1/users//");
	expect_404("GET", "\x01");
}

static void test_head_is_answered_by_get(void **state)
{
	(void)state;
	expect_route("HEAD", "/healthz", 0);
	expect_route("HEAD", "/api/v1/users/9", 4);
	/* HEAD where only POST exists is a 405. */
	expect_405("HEAD", "/api/v1/users/9/password", "POST");
}

static void test_method_not_allowed_lists_methods(void **state)
{
	(void)state;
	expect_405("POST", "/healthz", "GET");
	expect_405("DELETE", "/api/v1/users", "GET, POST");
	expect_405("PUT", "/api/v1/users/5", "GET, PATCH, DELETE");
	/* literal and capture both have GET for ".../me": GET listed once */
	expect_405("POST", "/api/v1/users/me", "GET, PATCH, DELETE");
	expect_405("GET", "/api/v1/users/5/password", "POST");
	expect_405("DELETE", "/api/v1/partners/1/users/2", "GET, PUT");
	/* methods are case-sensitive (RFC 9110) */
	expect_405("get", "/healthz", "GET");
	expect_405("OPTIONS", "/healthz", "GET");
}

static void test_allow_list_is_bounded(void **state)
{
	(void)state;
	static const struct route many[] = {
		{"GET", "/x", h_ok, 0, 0, 0, NULL},
		{"POST", "/x", h_ok, 0, 0, 0, NULL},
		{"PUT", "/x", h_ok, 0, 0, 0, NULL},
		{"PATCH", "/x", h_ok, 0, 0, 0, NULL},
		{"DELETE", "/x", h_ok, 0, 0, 0, NULL},
		{"OPTIONS", "/x", h_ok, 0, 0, 0, NULL},
		{"TRACE", "/x", h_ok, 0, 0, 0, NULL},
		{"CONNECT", "/x", h_ok, 0, 0, 0, NULL},
		{"PROPFIND", "/x", h_ok, 0, 0, 0, NULL},
		{"PROPPATCH", "/x", h_ok, 0, 0, 0, NULL},
		{"MKCOL", "/x", h_ok, 0, 0, 0, NULL},
		{NULL, NULL, NULL, 0, 0, 0, NULL},
	};
	struct route_match m;
	router_match(many, "BREW", "/x", &m);
	assert_null(m.route);
	assert_true(m.path_known);
	assert_true(strlen(m.allow) < sizeof m.allow);
	assert_memory_equal(m.allow, "GET, POST, PUT, PATCH, DELETE", 29);
	/* the last table entry still routes */
	router_match(many, "MKCOL", "/x", &m);
	assert_int_equal(m.index, 10);
}

static void test_no_match_is_not_known(void **state)
{
	(void)state;
	expect_404("GET", "/nope");
	expect_404("POST", "/nope");
	struct route_match m;
	router_match(table, "GET", "/nope", &m);
	assert_null(m.route);
	assert_int_equal(m.nparams, 0);
}

static void test_too_many_captures_refused(void **state)
{
	(void)state;
	struct route_match m;
	memset(&m, 0, sizeof m);
	assert_true(router_pattern_match("/{a}/{b}/{c}/{d}", "/1/2/3/4", &m));
	assert_int_equal(m.nparams, ROUTE_MAX_PARAMS);
	assert_true(value_is(&m, 3, "d", "4"));
	/* A fifth capture has no slot: the pattern does not match rather than overflow. */
	assert_false(router_pattern_match("/{a}/{b}/{c}/{d}/{e}", "/1/2/3/4/5", &m));
}

static void test_pattern_match_direct(void **state)
{
	(void)state;
	struct route_match m;
	memset(&m, 0, sizeof m);
	assert_true(router_pattern_match("/a/{x}/b", "/a/zz/b", &m));
	assert_int_equal(m.nparams, 1);
	assert_true(value_is(&m, 0, "x", "zz"));
	assert_false(router_pattern_match("/a/{x}/b", "/a/zz/c", &m));
	assert_false(router_pattern_match("/a/{x}/b", "/a/zz", &m));
	assert_false(router_pattern_match("/a/{x}", "/a/zz/b", &m));
	assert_false(router_pattern_match("/a", "", &m));
	assert_false(router_pattern_match("/a", "/A", &m));
	/* "{" alone or an unclosed brace is a literal segment */
	assert_true(router_pattern_match("/{", "/{", &m));
	assert_false(router_pattern_match("/{", "/x", &m));
	assert_false(router_pattern_match("/{x", "/y", &m));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_exact_paths),
		cmocka_unit_test(test_first_route_in_table_order_wins),
		cmocka_unit_test(test_captures),
		cmocka_unit_test(test_capture_takes_one_whole_segment),
		cmocka_unit_test(test_trailing_slash_does_not_match),
		cmocka_unit_test(test_prefixes_and_extensions_do_not_match),
		cmocka_unit_test(test_malformed_paths),
		cmocka_unit_test(test_head_is_answered_by_get),
		cmocka_unit_test(test_method_not_allowed_lists_methods),
		cmocka_unit_test(test_allow_list_is_bounded),
		cmocka_unit_test(test_no_match_is_not_known),
		cmocka_unit_test(test_too_many_captures_refused),
		cmocka_unit_test(test_pattern_match_direct),
	};
	return cmocka_run_group_tests_name("router", tests, NULL, NULL);
}
