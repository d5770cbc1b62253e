/*
 * test_static.c — http/static: Accept-Encoding weights (q=0, wildcards, case, x-gzip,
 * malformed weights), If-None-Match lists, Content-Type by extension, and static_lookup()
 * over a small table of its own: index.html at "/", files by name, client routes falling
 * back to index.html, the API space left alone, variants folded into their file and not
 * addressable, encoding choice and its ETag, 304, 405 and cache rules.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "http/static.h"

#include <string.h>

#define F(path, text) {path, (const unsigned char *)text, sizeof text - 1}
static const struct embedded_file table[] = {
	F("assets/app-1a2b.js", "console.log('identity')"),
	F("assets/app-1a2b.js.br", "BR-BYTES"),
	F("assets/app-1a2b.js.gz", "GZ-BYTES"),
	F("assets/only-br-9z.css", "body{}"),
	F("assets/only-br-9z.css.br", "BR-CSS"),
	F("favicon.ico", "ICO"),
	F("index.html", "<!doctype html><div id=\"app\"></div>"),
	F("index.html.gz", "GZ-INDEX"),
	F("lone.gz", "a gzip file without a base"),
	{NULL, NULL, 0},
};

static int setup(void **state)
{
	(void)state;
	return static_init(table) == CB_OK ? 0 : -1;
}

static int teardown(void **state)
{
	(void)state;
	static_free();
	return 0;
}

static void test_accept_q(void **state)
{
	(void)state;
	assert_int_equal(static_accept_q(NULL, "gzip"), 0);
	assert_int_equal(static_accept_q("", "gzip"), 0);
	assert_int_equal(static_accept_q("gzip", "gzip"), 1000);
	assert_int_equal(static_accept_q("gzip, deflate, br", "br"), 1000);
	assert_int_equal(static_accept_q("deflate", "gzip"), 0);
	assert_int_equal(static_accept_q("GZIP", "gzip"), 1000);
	assert_int_equal(static_accept_q("x-gzip", "gzip"), 1000);
	assert_int_equal(static_accept_q("gzip;q=0", "gzip"), 0);
	assert_int_equal(static_accept_q("gzip ; q=0.5", "gzip"), 500);
	assert_int_equal(static_accept_q("gzip;Q=0.25", "gzip"), 250);
	assert_int_equal(static_accept_q("gzip;q=1.000", "gzip"), 1000);
	assert_int_equal(static_accept_q("gzip;q=0.001", "gzip"), 1);
	assert_int_equal(static_accept_q("br;q=0.9,gzip;q=0.8", "gzip"), 800);
	/* the wildcard covers codings not listed; a listed one keeps its own weight */
	assert_int_equal(static_accept_q("*", "br"), 1000);
	assert_int_equal(static_accept_q("*;q=0.3", "br"), 300);
	assert_int_equal(static_accept_q("br;q=0, *", "br"), 0);
	assert_int_equal(static_accept_q("*;q=0, gzip", "gzip"), 1000);
	/* "brotli" is not "br"; a prefix is not a match */
	assert_int_equal(static_accept_q("brotli", "br"), 0);
	assert_int_equal(static_accept_q("b", "br"), 0);
	/* malformed weights count as not acceptable */
	assert_int_equal(static_accept_q("gzip;q=abc", "gzip"), 0);
	assert_int_equal(static_accept_q("gzip;q=2", "gzip"), 0);
	assert_int_equal(static_accept_q("gzip;q=1.5", "gzip"), 0);
	assert_int_equal(static_accept_q("gzip;q=0.12345", "gzip"), 0);
	assert_int_equal(static_accept_q("gzip;q=", "gzip"), 0);
	/* other parameters are ignored */
	assert_int_equal(static_accept_q("gzip;level=9;q=0.7", "gzip"), 700);
	assert_int_equal(static_accept_q(",, ,gzip,,", "gzip"), 1000);
}

static void test_etag_match(void **state)
{
	(void)state;
	const char *tag = "\"abc123\"";
	assert_false(static_etag_match(NULL, tag));
	assert_false(static_etag_match("", tag));
	assert_true(static_etag_match("\"abc123\"", tag));
	assert_true(static_etag_match("W/\"abc123\"", tag));
	assert_true(static_etag_match("\"x\", \"abc123\"", tag));
	assert_true(static_etag_match("*", tag));
	assert_false(static_etag_match("\"abc12\"", tag));
	assert_false(static_etag_match("\"abc1234\"", tag));
	assert_false(static_etag_match("abc123", tag));
	assert_false(static_etag_match("\"abc123", tag));
	assert_false(static_etag_match("\"x\", W/\"y\"", tag));
}

static void test_content_types(void **state)
{
	(void)state;
	assert_string_equal(static_content_type("index.html"), "text/html; charset=utf-8");
	assert_string_equal(static_content_type("assets/a-1.js"), "text/javascript; charset=utf-8");
	assert_string_equal(static_content_type("assets/a-1.CSS"), "text/css; charset=utf-8");
	assert_string_equal(static_content_type("a.svg"), "image/svg+xml");
	assert_string_equal(static_content_type("a.png"), "image/png");
	assert_string_equal(static_content_type("a.woff2"), "font/woff2");
	assert_string_equal(static_content_type("favicon.ico"), "image/x-icon");
	assert_string_equal(static_content_type("a.js.map"), "application/json");
	assert_string_equal(static_content_type("robots.txt"), "text/plain; charset=utf-8");
	assert_string_equal(static_content_type("a.json"), "application/json");
	assert_string_equal(static_content_type("noext"), "application/octet-stream");
	assert_string_equal(static_content_type("dir.v2/noext"), "application/octet-stream");
	assert_string_equal(static_content_type("a.unknown"), "application/octet-stream");
}

static void test_owns(void **state)
{
	(void)state;
	assert_true(static_owns("/"));
	assert_true(static_owns("/partners/42"));
	assert_true(static_owns("/apiary"));
	assert_true(static_owns("/assets/app.js"));
	assert_false(static_owns("/api"));
	assert_false(static_owns("/api/"));
	assert_false(static_owns("/api/v1/nope"));
	assert_false(static_owns("/API/V1/USERS"));
	assert_false(static_owns("/Api"));
	assert_false(static_owns("*"));
	assert_false(static_owns(""));
	assert_false(static_owns(NULL));
}

static struct static_reply get(const char *method, const char *path, const char *ae, const char *inm,
			       enum cb_status want)
{
	struct static_reply r;
	memset(&r, 0, sizeof r);
	assert_int_equal(static_lookup(method, path, ae, inm, &r), want);
	return r;
}

static void assert_body(const struct static_reply *r, const char *text)
{
	assert_int_equal(r->len, strlen(text));
	assert_memory_equal(r->body, text, r->len);
}

static void test_index_and_client_routes(void **state)
{
	(void)state;
	const char *paths[] = {"/", "/index.html", "/partners/42", "/login", "/partners/", "/a/b/c"};
	for (size_t i = 0; i < sizeof paths / sizeof *paths; i++) {
		struct static_reply r = get("GET", paths[i], NULL, NULL, CB_OK);
		assert_int_equal(r.status, 200);
		assert_body(&r, "<!doctype html><div id=\"app\"></div>");
		assert_string_equal(r.type, "text/html; charset=utf-8");
		assert_string_equal(r.cache_control, "no-cache");
		assert_null(r.encoding);
		assert_true(r.vary);
		assert_int_equal(strlen(r.etag), 34);
		assert_true(r.etag[0] == '"' && r.etag[33] == '"');
	}
	struct static_reply r = get("GET", "/partners/42", "gzip, br", NULL, CB_OK);
	assert_string_equal(r.encoding, "gzip"); /* index.html has no .br */
	assert_body(&r, "GZ-INDEX");
}

static void test_files_and_misses(void **state)
{
	(void)state;
	struct static_reply r = get("HEAD", "/favicon.ico", NULL, NULL, CB_OK);
	assert_int_equal(r.status, 200);
	assert_string_equal(r.type, "image/x-icon");
	assert_string_equal(r.cache_control, "no-cache");
	assert_false(r.vary);
	r = get("GET", "/favicon.ico", "gzip, br", NULL, CB_OK);
	assert_null(r.encoding);
	assert_body(&r, "ICO");

	r = get("GET", "/assets/app-1a2b.js", NULL, NULL, CB_OK);
	assert_string_equal(r.cache_control, "public, max-age=31536000, immutable");
	assert_string_equal(r.type, "text/javascript; charset=utf-8");
	assert_body(&r, "console.log('identity')");

	/* variants are not URLs; a .gz without a base file is a file of its own */
	get("GET", "/assets/app-1a2b.js.br", "br", NULL, CB_ERR_NOT_FOUND);
	get("GET", "/assets/app-1a2b.js.gz", NULL, NULL, CB_ERR_NOT_FOUND);
	get("GET", "/index.html.gz", NULL, NULL, CB_ERR_NOT_FOUND);
	r = get("GET", "/lone.gz", "gzip", NULL, CB_OK);
	assert_string_equal(r.type, "application/gzip");
	assert_null(r.encoding);

	/* names with an extension that are not embedded are 404, whatever the method */
	get("GET", "/nope.js", NULL, NULL, CB_ERR_NOT_FOUND);
	get("GET", "/assets/app-0000.js", NULL, NULL, CB_ERR_NOT_FOUND);
	get("POST", "/nope.js", NULL, NULL, CB_ERR_NOT_FOUND);
	get("GET", "/.env", NULL, NULL, CB_ERR_NOT_FOUND);
	get("GET", "//assets/app-1a2b.js", NULL, NULL, CB_ERR_NOT_FOUND);
	/* the API space is never answered with the application */
	get("GET", "/api/v1/nope", NULL, NULL, CB_ERR_NOT_FOUND);
	get("GET", "/api", NULL, NULL, CB_ERR_NOT_FOUND);
}

static void test_methods(void **state)
{
	(void)state;
	get("POST", "/", NULL, NULL, CB_ERR_METHOD);
	get("PUT", "/assets/app-1a2b.js", NULL, NULL, CB_ERR_METHOD);
	get("DELETE", "/partners/42", NULL, NULL, CB_ERR_METHOD);
	get("OPTIONS", "/", NULL, NULL, CB_ERR_METHOD);
	get("get", "/", NULL, NULL, CB_ERR_METHOD); /* methods are case-sensitive */
}

static void test_encoding_choice(void **state)
{
	(void)state;
	const char *js = "/assets/app-1a2b.js";
	struct static_reply id = get("GET", js, NULL, NULL, CB_OK);
	struct static_reply br = get("GET", js, "gzip, deflate, br", NULL, CB_OK);
	struct static_reply gz = get("GET", js, "gzip", NULL, CB_OK);
	assert_null(id.encoding);
	assert_string_equal(br.encoding, "br");
	assert_body(&br, "BR-BYTES");
	assert_string_equal(gz.encoding, "gzip");
	assert_body(&gz, "GZ-BYTES");
	assert_true(id.vary && br.vary && gz.vary);
	/* one ETag per representation */
	assert_string_not_equal(id.etag, br.etag);
	assert_string_not_equal(id.etag, gz.etag);
	assert_string_not_equal(br.etag, gz.etag);
	/* weights decide; br wins a tie; q=0 refuses */
	assert_string_equal(get("GET", js, "br;q=0.5, gzip", NULL, CB_OK).encoding, "gzip");
	assert_string_equal(get("GET", js, "gzip;q=0.5, br;q=0.5", NULL, CB_OK).encoding, "br");
	assert_string_equal(get("GET", js, "br;q=0, gzip", NULL, CB_OK).encoding, "gzip");
	assert_null(get("GET", js, "br;q=0, gzip;q=0", NULL, CB_OK).encoding);
	assert_null(get("GET", js, "identity", NULL, CB_OK).encoding);
	assert_string_equal(get("GET", js, "*", NULL, CB_OK).encoding, "br");
	/* only the variants that exist are candidates */
	struct static_reply css = get("GET", "/assets/only-br-9z.css", "gzip", NULL, CB_OK);
	assert_null(css.encoding);
	assert_true(css.vary);
	assert_string_equal(get("GET", "/assets/only-br-9z.css", "gzip, br", NULL, CB_OK).encoding, "br");
}

static void test_not_modified(void **state)
{
	(void)state;
	const char *js = "/assets/app-1a2b.js";
	struct static_reply id = get("GET", js, NULL, NULL, CB_OK);
	struct static_reply br = get("GET", js, "br", NULL, CB_OK);
	struct static_reply r = get("GET", js, NULL, id.etag, CB_OK);
	assert_int_equal(r.status, 304);
	assert_int_equal(r.len, id.len); /* headers-only: Content-Length as for the 200 */
	assert_null(r.type);
	assert_null(r.encoding);
	assert_string_equal(r.etag, id.etag);
	assert_string_equal(r.cache_control, "public, max-age=31536000, immutable");
	/* the identity tag does not validate the br representation, and the other way round */
	assert_int_equal(get("GET", js, "br", id.etag, CB_OK).status, 200);
	assert_int_equal(get("GET", js, NULL, br.etag, CB_OK).status, 200);
	r = get("HEAD", js, "br", br.etag, CB_OK);
	assert_int_equal(r.status, 304);
	assert_int_equal(r.len, br.len);
	assert_null(r.encoding);
	assert_true(r.vary);
	assert_int_equal(get("GET", "/partners/1", NULL, "*", CB_OK).status, 304);
}

static void test_empty_and_freed_index(void **state)
{
	(void)state;
	static const struct embedded_file none[] = {{NULL, NULL, 0}};
	assert_int_equal(static_init(none), CB_OK);
	get("GET", "/", NULL, NULL, CB_ERR_NOT_FOUND);
	get("GET", "/partners/42", NULL, NULL, CB_ERR_NOT_FOUND);
	static_free();
	static_free();
	get("GET", "/", NULL, NULL, CB_ERR_NOT_FOUND);
	assert_int_equal(static_init(table), CB_OK); /* for the tests after this one */
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_accept_q),
		cmocka_unit_test(test_etag_match),
		cmocka_unit_test(test_content_types),
		cmocka_unit_test(test_owns),
		cmocka_unit_test(test_index_and_client_routes),
		cmocka_unit_test(test_files_and_misses),
		cmocka_unit_test(test_methods),
		cmocka_unit_test(test_encoding_choice),
		cmocka_unit_test(test_not_modified),
		cmocka_unit_test(test_empty_and_freed_index),
	};
	return cmocka_run_group_tests_name("static", tests, setup, teardown);
}
