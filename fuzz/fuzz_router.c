/*
 * fuzz_router.c — libFuzzer harness for path matching. The first byte picks a method,
 * the rest is the path (as libmicrohttpd hands it over: NUL-terminated, query removed).
 * The table is a copy of the shape of src/api/routes.c with dummy handlers, plus a few
 * multi-capture patterns, so the harness does not depend on the API layer.
 *
 * Besides "never crash", it checks the match's invariants: a matched route has the
 * requested method (HEAD → GET) and a pattern that matches the path; captures are
 * non-empty, slash-free slices of the path; the Allow list is terminated, within its
 * buffer and empty exactly when the path is unknown.
 */
#include "http/router.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static enum cb_status h(struct req *r)
{
	(void)r;
	return CB_OK;
}

static const struct route table[] = {
	{"GET", "/healthz", h, 0, RF_PUBLIC, 0, NULL},
	{"GET", "/readyz", h, 0, RF_PUBLIC, 0, NULL},
	{"GET", "/metrics", h, 0, RF_PUBLIC, 0, NULL},
	{"GET", "/api/v1/openapi.json", h, 0, RF_PUBLIC, 0, NULL},
	{"POST", "/api/v1/session", h, 0, RF_PUBLIC | RF_JSON, 0, NULL},
	{"DELETE", "/api/v1/session", h, 1, 0, 0, NULL},
	{"GET", "/api/v1/me", h, 1, 0, 0, NULL},
	{"PATCH", "/api/v1/me", h, 1, RF_JSON, 0, NULL},
	{"GET", "/api/v1/users", h, 1, 0, 0, NULL},
	{"POST", "/api/v1/users", h, 1, RF_JSON, 0, NULL},
	{"GET", "/api/v1/users/{id}", h, 1, 0, 0, NULL},
	{"PATCH", "/api/v1/users/{id}", h, 1, RF_JSON, 0, NULL},
	{"POST", "/api/v1/users/{id}/password", h, 1, RF_JSON, 0, NULL},
	{"GET", "/api/v1/tokens", h, 1, 0, 0, NULL},
	{"POST", "/api/v1/tokens", h, 1, RF_JSON, 0, NULL},
	{"DELETE", "/api/v1/tokens/{id}", h, 1, 0, 0, NULL},
	{"GET", "/api/v1/audit", h, 1, 0, 0, NULL},
	{"GET", "/api/v1/partners", h, 1, 0, 0, NULL},
	{"POST", "/api/v1/partners", h, 1, RF_JSON, 0, NULL},
	{"GET", "/api/v1/partners/{id}", h, 1, 0, 0, NULL},
	{"PATCH", "/api/v1/partners/{id}", h, 1, RF_JSON, 0, NULL},
	{"PUT", "/api/v1/partners/{id}/status", h, 1, RF_JSON, 0, NULL},
	{"GET", "/api/v1/partners/{id}/contacts/{cid}", h, 1, 0, 0, NULL},
	{"DELETE", "/api/v1/partners/{id}/contacts/{cid}", h, 1, 0, 0, NULL},
	{"GET", "/api/v1/{a}/{b}/{c}/{d}", h, 1, 0, 0, NULL},
	{"GET", "/x/{a}/{b}/{c}/{d}/{e}", h, 1, 0, 0, NULL}, /* more captures than slots */
	{NULL, NULL, NULL, 0, 0, 0, NULL},
};

static const char *const methods[] = {"GET", "HEAD", "POST", "PUT", "PATCH", "DELETE",
				      "OPTIONS", "get", ""};

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size < 1 || size > 4096)
		return 0;
	const char *method = methods[data[0] % (sizeof methods / sizeof *methods)];
	char *path = malloc(size);
	memcpy(path, data + 1, size - 1);
	path[size - 1] = '\0';
	size_t plen = strlen(path);

	struct route_match m;
	router_match(table, method, path, &m);

	size_t alen = strnlen(m.allow, sizeof m.allow);
	if (alen >= sizeof m.allow)
		abort();
	if (m.path_known != (alen > 0))
		abort();
	if (m.route) {
		if (!m.path_known || m.index < 0 || &table[m.index] != m.route)
			abort();
		const char *want = strcmp(method, "HEAD") == 0 ? "GET" : method;
		if (strcmp(m.route->method, want) != 0)
			abort();
		if (m.nparams < 0 || m.nparams > ROUTE_MAX_PARAMS)
			abort();
		for (int i = 0; i < m.nparams; i++) {
			if (m.value_lens[i] == 0 || m.values[i] < path ||
			    m.values[i] + m.value_lens[i] > path + plen ||
			    memchr(m.values[i], '/', m.value_lens[i]))
				abort();
			if (m.name_lens[i] == 0 || m.names[i] < m.route->pattern ||
			    m.names[i] + m.name_lens[i] > m.route->pattern + strlen(m.route->pattern))
				abort();
		}
		struct route_match again;
		if (!router_pattern_match(m.route->pattern, path, &again) || again.nparams != m.nparams)
			abort();
		/* No slash at the end, no empty segment: only paths the table spells match. */
		if (plen == 0 || path[0] != '/' || path[plen - 1] == '/' || strstr(path, "//"))
			abort();
	} else {
		if (m.index != -1)
			abort();
	}
	free(path);
	return 0;
}
