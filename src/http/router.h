/*
 * router.h — the route table's shape and path matching.
 *
 * A route is data: method, path pattern (segments, `{name}` captures one segment),
 * handler, the roles allowed, flags and a body cap. The dispatcher (server.c) does
 * 404/405, authentication, roles, CSRF, body limits and JSON parsing before a handler
 * runs, so handlers hold domain calls and rendering alone. The table itself lives in
 * src/api/routes.c; adding a route is one line there and one entry in docs/openapi.json
 * (a unit test compares the two).
 */
#ifndef CB_ROUTER_H
#define CB_ROUTER_H

#include "../base/status.h"

#include <stdbool.h>
#include <stddef.h>

struct req;

#define ROUTE_MAX_PARAMS 4

typedef enum cb_status (*route_handler)(struct req *r);

enum route_flags {
	RF_PUBLIC = 1 << 0,  /* no authentication required (roles ignored) */
	RF_JSON = 1 << 1,    /* expects a JSON object body */
	RF_NO_LOG = 1 << 2,  /* health probes: counted in metrics, not logged */
	RF_NO_DB = 1 << 3,   /* needs no database connection (implies RF_PUBLIC use) */
	RF_MULTIPART = 1 << 4, /* expects multipart/form-data (file uploads) */
};

struct route {
	const char *method;   /* "GET", "POST", "PATCH", "PUT", "DELETE" */
	const char *pattern;  /* "/api/v1/users/{id}" */
	route_handler handler;
	unsigned roles;       /* ROLE_BIT mask; ignored with RF_PUBLIC */
	unsigned flags;
	size_t body_limit;    /* bytes; 0 = the server default */
	const char *summary;  /* one line, for `channelbase routes` */
};

struct route_match {
	const struct route *route; /* NULL when nothing matched */
	int index;                 /* index in the table, -1 when none */
	bool path_known;           /* some route has this path (→ 405 if route is NULL) */
	char allow[64];            /* methods allowed for the path, comma-separated */
	const char *names[ROUTE_MAX_PARAMS];
	size_t name_lens[ROUTE_MAX_PARAMS];
	const char *values[ROUTE_MAX_PARAMS]; /* pointers into the path */
	size_t value_lens[ROUTE_MAX_PARAMS];
	int nparams;
};

/* Matches method + path against a table terminated by {NULL}. HEAD matches GET. */
void router_match(const struct route *table, const char *method, const char *path,
		  struct route_match *m);

/* True when a pattern matches the path (exposed for tests). */
bool router_pattern_match(const char *pattern, const char *path, struct route_match *m);

#endif
