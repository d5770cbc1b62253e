/*
 * test_openapi.c — docs/openapi.json (embedded in the binary) describes exactly the
 * route table: every route has an operation with the same roles (x-roles), every
 * operation has a route, and every $ref resolves.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "api/api.h"
#include "base/embed.h"

#include <ctype.h>
#include <string.h>

extern const struct embedded_file embedded_docs[];

static json_t *load_doc(void)
{
	const struct embedded_file *f = embed_find(embedded_docs, "openapi.json");
	assert_non_null(f);
	json_error_t err;
	json_t *doc = json_loadb((const char *)f->data, f->len, JSON_REJECT_DUPLICATES, &err);
	if (!doc)
		fail_msg("openapi.json does not parse: line %d: %s", err.line, err.text);
	return doc;
}

static void lower(const char *in, char *out, size_t n)
{
	size_t i = 0;
	for (; in[i] && i + 1 < n; i++)
		out[i] = (char)tolower((unsigned char)in[i]);
	out[i] = '\0';
}

static void test_every_route_documented_with_its_roles(void **state)
{
	(void)state;
	json_t *doc = load_doc();
	assert_string_equal(json_string_value(json_object_get(doc, "openapi")), "3.1.0");
	json_t *paths = json_object_get(doc, "paths");
	for (const struct route *r = api_routes; r->method; r++) {
		char m[16];
		lower(r->method, m, sizeof m);
		json_t *o = json_object_get(json_object_get(paths, r->pattern), m);
		if (!o)
			fail_msg("route %s %s has no operation in openapi.json", r->method, r->pattern);
		json_t *roles = json_object_get(o, "x-roles");
		if (!json_is_array(roles))
			fail_msg("%s %s: x-roles missing", r->method, r->pattern);
		unsigned want = (r->flags & RF_PUBLIC) ? 0 : r->roles, got = 0;
		size_t i;
		json_t *v;
		json_array_foreach(roles, i, v) {
			enum role role;
			if (!role_parse(json_string_value(v), &role))
				fail_msg("%s %s: unknown role in x-roles", r->method, r->pattern);
			got |= ROLE_BIT(role);
		}
		if (got != want)
			fail_msg("%s %s: x-roles 0x%x but the route table allows 0x%x", r->method, r->pattern, got, want);
		if (!json_object_get(o, "responses"))
			fail_msg("%s %s: no responses", r->method, r->pattern);
		if ((r->flags & RF_JSON) && !json_object_get(o, "requestBody"))
			fail_msg("%s %s: JSON route without requestBody", r->method, r->pattern);
	}
	json_decref(doc);
}

static void test_every_operation_has_a_route(void **state)
{
	(void)state;
	json_t *doc = load_doc();
	const char *path;
	json_t *item;
	json_object_foreach(json_object_get(doc, "paths"), path, item) {
		const char *method;
		json_t *o;
		json_object_foreach(item, method, o) {
			bool found = false;
			for (const struct route *r = api_routes; r->method && !found; r++) {
				char m[16];
				lower(r->method, m, sizeof m);
				found = strcmp(r->pattern, path) == 0 && strcmp(m, method) == 0;
			}
			if (!found)
				fail_msg("openapi.json documents %s %s, which the route table lacks", method, path);
		}
	}
	json_decref(doc);
}

static void check_refs(json_t *doc, json_t *v)
{
	if (json_is_object(v)) {
		const char *k;
		json_t *c;
		json_object_foreach(v, k, c) {
			if (strcmp(k, "$ref") == 0) {
				const char *ref = json_string_value(c);
				const char *prefix = "#/components/schemas/";
				assert_non_null(ref);
				assert_memory_equal(ref, prefix, strlen(prefix));
				json_t *schemas = json_object_get(json_object_get(doc, "components"), "schemas");
				if (!json_object_get(schemas, ref + strlen(prefix)))
					fail_msg("unresolved $ref %s", ref);
			} else {
				check_refs(doc, c);
			}
		}
	} else if (json_is_array(v)) {
		size_t i;
		json_t *c;
		json_array_foreach(v, i, c) check_refs(doc, c);
	}
}

static void test_refs_resolve(void **state)
{
	(void)state;
	json_t *doc = load_doc();
	check_refs(doc, doc);
	json_decref(doc);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_every_route_documented_with_its_roles),
		cmocka_unit_test(test_every_operation_has_a_route),
		cmocka_unit_test(test_refs_resolve),
	};
	return cmocka_run_group_tests_name("openapi", tests, NULL, NULL);
}
