/*
 * request.h — one HTTP request as handlers see it, and the response they build.
 *
 * The dispatcher owns the struct req and its arena; handlers read the principal, the
 * parsed JSON body, path and query parameters, and set a response through req_json(),
 * req_no_content() and req_add_header(). A handler that returns an error status sets no
 * response: the dispatcher renders problem+json from the status and r->ctx.errors.
 * Nothing here depends on libmicrohttpd; server.c binds the lookups to it.
 */
#ifndef CB_REQUEST_H
#define CB_REQUEST_H

#include "../core/ctx.h"
#include "router.h"

#include <jansson.h>
#include <stdbool.h>
#include <stdint.h>

#define REQ_MAX_HEADERS 12
#define REQ_MAX_PARTS 8

/* One field of a multipart/form-data body (RF_MULTIPART routes). */
struct req_part {
	const char *name;
	const char *filename;     /* NULL for plain fields */
	const char *content_type; /* as sent; never trusted for type decisions */
	unsigned char *data;      /* NUL-terminated for convenience */
	size_t len;
	size_t cap;
};

struct req_backend {
	const char *(*header)(void *conn, const char *name);
	const char *(*query)(void *conn, const char *name);
	const char *(*cookie)(void *conn, const char *name);
	/* Calls fn for every query parameter in order (value NULL for a bare name). */
	void (*each_query)(void *conn, void (*fn)(void *cls, const char *name, const char *value),
			   void *cls);
};

struct req {
	struct cb_ctx ctx;              /* arena, db, principal, errors */
	struct principal principal;     /* storage ctx.who points at once authenticated */
	const struct route *route;
	struct route_match match;
	const char *method;
	const char *path;
	const char *request_id;
	json_t *body;                   /* RF_JSON routes: the parsed object (arena-owned) */
	const char *raw_body;
	size_t raw_len;
	struct req_part parts[REQ_MAX_PARTS]; /* RF_MULTIPART routes */
	int nparts;
	/* response */
	int status;
	const char *resp_body;
	size_t resp_len;
	const char *resp_type;
	const char *resp_cache;         /* Cache-Control (static string); NULL = no-store */
	const char *hdr_names[REQ_MAX_HEADERS];
	const char *hdr_values[REQ_MAX_HEADERS];
	int nheaders;
	bool secure_cookies;
	/* backend */
	const struct req_backend *be;
	void *conn;
};

const char *req_header(struct req *r, const char *name);
const char *req_query(struct req *r, const char *name);
const char *req_cookie(struct req *r, const char *name);
/* Checks that every query parameter's name and value is UTF-8 (they are bound into SQL
 * and echoed in errors); records an error naming each one that is not. The dispatcher
 * calls it before any handler, so req_query() only ever returns valid UTF-8. */
bool req_check_query(struct req *r);
/* Path parameter by name (arena copy), or NULL. */
const char *req_param(struct req *r, const char *name);

/* Multipart field by name, or NULL. */
const struct req_part *req_part(struct req *r, const char *name);

/* Parses path parameter `name` as a positive id; on failure records an error for it. */
bool req_param_id(struct req *r, const char *name, int64_t *out);
/* Parses an optional integer query parameter in [min, max]; absent → dflt. Records an
 * error naming the parameter when it is malformed or out of range. */
bool req_query_int(struct req *r, const char *name, int64_t min, int64_t max, int64_t dflt,
		   int64_t *out);
/* Optional boolean query parameter: true/false/1/0. */
bool req_query_bool(struct req *r, const char *name, int dflt, int *out);

/* Sets a JSON response; takes the reference to body. */
void req_json(struct req *r, int status, json_t *body);
void req_no_content(struct req *r);
void req_raw(struct req *r, int status, const char *type, const char *body, size_t len);
/* Adds a response header (both strings copied into the arena). */
void req_add_header(struct req *r, const char *name, const char *value);
/* Sets an HttpOnly SameSite=Lax cookie; max_age 0 deletes it. */
void req_set_cookie(struct req *r, const char *name, const char *value, int64_t max_age);

/* Renders st and r->ctx.errors as application/problem+json. The only writer of errors. */
void req_problem(struct req *r, enum cb_status st);

/* Cursor page helper: {"items": items, "next_after": n|null}. Takes items. */
json_t *req_page(json_t *items, int64_t next_after);

/* A JSON body written directly (base/jsonw.h) rather than through jansson: req_body()
 * starts a buffer in the request's arena and req_send() sets it as the response — a body
 * that outgrew its cap is CB_ERR_INTERNAL, never a cut document. req_page_body() and
 * req_page_send() do the same for a cursor page (the shape of req_page): the caller writes
 * the items, comma-separated, in between. */
struct strbuf;
struct strbuf *req_body(struct req *r, size_t initial);
enum cb_status req_send(struct req *r, int status, struct strbuf *sb);
struct strbuf *req_page_body(struct req *r, size_t initial);
enum cb_status req_page_send(struct req *r, struct strbuf *sb, int64_t next_after);

#endif
