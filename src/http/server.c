/*
 * server.c — libmicrohttpd glue and the request dispatcher.
 *
 * Life of a request:
 *   1. first access-handler call: a struct req and its arena are made, the request id
 *      chosen, the route matched, Content-Length checked against the route's cap;
 *   2. body calls: bytes appended up to the cap;
 *   3. last call: authenticate (bearer token or session cookie), check roles and CSRF,
 *      parse and check the JSON body, open a transaction for unsafe methods, run the
 *      handler, commit or roll back, render problem+json on error, queue the response;
 *   4. completion callback: one JSON log line, metrics, the arena freed.
 * A request no route matched, outside /api/, goes to the embedded web UI (static.c)
 * instead of the 404: no database, no authentication, the body served from the binary.
 */
#define _GNU_SOURCE
#include "server.h"

#include "../base/alloc.h"
#include "../base/arena.h"
#include "../base/clock.h"
#include "../base/crypto.h"
#include "../base/embed.h"
#include "../base/log.h"
#include "../base/str.h"
#include "../core/session.h"
#include "../core/token.h"
#include "../store/db.h"
#include "metrics.h"
#include "request.h"
#include "static.h"

#include <arpa/inet.h>
#include <microhttpd.h>
#include <netdb.h>
#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#define MAX_JSON_DEPTH 32

static const struct server_config *conf;

/* How long shutdown waits for requests already received to finish. */
#define SHUTDOWN_GRACE_S 10

/* Requests between the first access-handler call and the completion callback: the
 * ones graceful shutdown waits for (idle keep-alive connections are not counted). */
static atomic_long in_flight;

/* ---- per-thread database connections ---- */

static pthread_mutex_t dbs_lock = PTHREAD_MUTEX_INITIALIZER;
static struct db *dbs[SERVER_MAX_THREADS]; /* one per worker thread; the main thread keeps none */
static int ndbs;
static _Thread_local struct db *tl_db;

static struct db *thread_db(void)
{
	if (tl_db)
		return tl_db;
	char err[256];
	struct db *db;
	if (db_open(conf->db_url, DB_OPEN_EXISTING, &db, err, sizeof err) != CB_OK) {
		log_event(LOG_ERROR, "cannot open database", "error", err, NULL);
		return NULL;
	}
	pthread_mutex_lock(&dbs_lock);
	if (ndbs < (int)(sizeof dbs / sizeof *dbs)) {
		dbs[ndbs++] = db;
		tl_db = db;
	}
	pthread_mutex_unlock(&dbs_lock);
	if (!tl_db)
		db_close(db);
	return tl_db;
}

static void close_all_dbs(void)
{
	pthread_mutex_lock(&dbs_lock);
	for (int i = 0; i < ndbs; i++)
		db_close(dbs[i]);
	ndbs = 0;
	pthread_mutex_unlock(&dbs_lock);
}

/* ---- libmicrohttpd-backed request accessors ---- */

static const char *be_header(void *c, const char *n) { return MHD_lookup_connection_value(c, MHD_HEADER_KIND, n); }
static const char *be_query(void *c, const char *n) { return MHD_lookup_connection_value(c, MHD_GET_ARGUMENT_KIND, n); }
static const char *be_cookie(void *c, const char *n) { return MHD_lookup_connection_value(c, MHD_COOKIE_KIND, n); }
struct each_query_cls {
	void (*fn)(void *cls, const char *name, const char *value);
	void *cls;
};

static enum MHD_Result each_query_it(void *cls, enum MHD_ValueKind kind, const char *key, const char *value)
{
	(void)kind;
	struct each_query_cls *e = cls;
	e->fn(e->cls, key ? key : "", value);
	return MHD_YES;
}

static void be_each_query(void *c, void (*fn)(void *cls, const char *name, const char *value), void *cls)
{
	struct each_query_cls e = {fn, cls};
	MHD_get_connection_values(c, MHD_GET_ARGUMENT_KIND, each_query_it, &e);
}

static const struct req_backend mhd_backend = {be_header, be_query, be_cookie, be_each_query};

/* How far past the body limit a request body is still read to the end before the 413. */
enum { DRAIN_MAX = 8 << 20 };

struct conn_state {
	struct req r;
	int64_t started_us;
	char *body;
	size_t body_len, body_cap, limit;
	size_t drained; /* bytes of an oversized body read and thrown away */
	bool too_large;
	bool done;
	bool is_static; /* answered by the web UI (logged and counted as route "static") */
	char rid[65]; /* a client's X-Request-Id of up to 64 characters (str_is_token_id) */
	char ip[INET6_ADDRSTRLEN];
};

/* ---- the client's address, through trusted proxies ---- */

struct ipaddr {
	int family; /* AF_INET or AF_INET6; an IPv4-mapped IPv6 address is stored as IPv4 */
	unsigned char b[16];
};

#define MAX_TRUSTED 32
static struct ipaddr trusted[MAX_TRUSTED];
static int ntrusted;

static void ipaddr_set6(struct ipaddr *a, const unsigned char *b16)
{
	static const unsigned char mapped[12] = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff};
	if (memcmp(b16, mapped, 12) == 0) {
		a->family = AF_INET;
		memcpy(a->b, b16 + 12, 4);
	} else {
		a->family = AF_INET6;
		memcpy(a->b, b16, 16);
	}
}

/* Parses a textual IPv4 or IPv6 address of exactly [s, s+n). */
static bool ipaddr_parse(const char *s, size_t n, struct ipaddr *a)
{
	char buf[INET6_ADDRSTRLEN];
	if (n == 0 || n >= sizeof buf)
		return false;
	memcpy(buf, s, n);
	buf[n] = '\0';
	unsigned char b[16];
	*a = (struct ipaddr){0};
	if (inet_pton(AF_INET, buf, b) == 1) {
		a->family = AF_INET;
		memcpy(a->b, b, 4);
		return true;
	}
	if (inet_pton(AF_INET6, buf, b) == 1) {
		ipaddr_set6(a, b);
		return true;
	}
	return false;
}

/* Dotted quads are written here (every request logs its address; glibc's inet_ntop goes
 * through sprintf, 1.7 K instructions); IPv6, with its zero-run rules, by inet_ntop. */
static void ipaddr_str(const struct ipaddr *a, char *out, size_t n)
{
	if (a->family == AF_INET && n >= INET_ADDRSTRLEN) {
		char *p = out;
		for (int i = 0; i < 4; i++) {
			unsigned v = a->b[i];
			if (v >= 100)
				*p++ = (char)('0' + v / 100);
			if (v >= 10)
				*p++ = (char)('0' + v / 10 % 10);
			*p++ = (char)('0' + v % 10);
			*p++ = i < 3 ? '.' : '\0';
		}
		return;
	}
	if (!inet_ntop(a->family, a->b, out, (socklen_t)n))
		out[0] = '\0';
}

static bool ipaddr_trusted(const struct ipaddr *a)
{
	for (int i = 0; i < ntrusted; i++)
		if (trusted[i].family == a->family &&
		    memcmp(trusted[i].b, a->b, a->family == AF_INET ? 4 : 16) == 0)
			return true;
	return false;
}

/* Parses "ADDR[,ADDR…]" (NULL or empty = none). */
static bool trusted_init(const char *list)
{
	ntrusted = 0;
	if (!list)
		return true;
	const char *p = list;
	while (*p) {
		while (*p == ' ' || *p == ',')
			p++;
		if (!*p)
			break;
		const char *e = p;
		while (*e && *e != ',' && *e != ' ')
			e++;
		if (ntrusted == MAX_TRUSTED || !ipaddr_parse(p, (size_t)(e - p), &trusted[ntrusted]))
			return false;
		ntrusted++;
		p = e;
	}
	return true;
}

/* The right-most X-Forwarded-For entry that is not a trusted proxy (the address the
 * nearest trusted proxy saw), or the left-most when all are trusted. False when the
 * header is absent or that entry is not an IP address. */
static bool forwarded_for(const char *xff, struct ipaddr *out)
{
	if (!xff)
		return false;
	const char *end = xff + strlen(xff);
	while (end > xff) {
		const char *e = end;
		while (e > xff && (e[-1] == ' ' || e[-1] == '\t'))
			e--;
		const char *b = e;
		while (b > xff && b[-1] != ',')
			b--;
		end = b > xff ? b - 1 : xff;
		while (b < e && (*b == ' ' || *b == '\t'))
			b++;
		if (b == e)
			continue;
		if (!ipaddr_parse(b, (size_t)(e - b), out))
			return false;
		if (!ipaddr_trusted(out) || end == xff)
			return true;
	}
	return false;
}

/* The client's address as text: the TCP peer, or — when the peer is a trusted proxy —
 * the address it forwarded in X-Forwarded-For. */
static void client_ip(struct MHD_Connection *c, char *out, size_t n)
{
	const union MHD_ConnectionInfo *ci = MHD_get_connection_info(c, MHD_CONNECTION_INFO_CLIENT_ADDRESS);
	out[0] = '\0';
	if (!ci || !ci->client_addr)
		return;
	const struct sockaddr *sa = ci->client_addr;
	struct ipaddr peer = {0};
	if (sa->sa_family == AF_INET) {
		peer.family = AF_INET;
		memcpy(peer.b, &((const struct sockaddr_in *)sa)->sin_addr, 4);
	} else if (sa->sa_family == AF_INET6) {
		ipaddr_set6(&peer, (const unsigned char *)&((const struct sockaddr_in6 *)sa)->sin6_addr);
	} else {
		return;
	}
	struct ipaddr fwd;
	if (ntrusted && ipaddr_trusted(&peer) &&
	    forwarded_for(MHD_lookup_connection_value(c, MHD_HEADER_KIND, "X-Forwarded-For"), &fwd))
		peer = fwd;
	ipaddr_str(&peer, out, n);
}

/* ---- dispatch steps ---- */

static bool is_safe_method(const char *m)
{
	return strcmp(m, "GET") == 0 || strcmp(m, "HEAD") == 0 || strcmp(m, "OPTIONS") == 0;
}

static enum cb_status authenticate(struct req *r)
{
	const char *authz = req_header(r, "Authorization");
	enum cb_status st;
	if (authz) {
		if (strncasecmp(authz, "Bearer ", 7) != 0) {
			errors_detail(&r->ctx.errors, "the Authorization header must be 'Bearer <token>'");
			return CB_ERR_UNAUTHENTICATED;
		}
		st = token_resolve(&r->ctx, authz + 7, &r->principal);
		if (st == CB_ERR_UNAUTHENTICATED)
			errors_detail(&r->ctx.errors, "the API token is unknown, revoked or belongs to a disabled user");
	} else {
		const char *cookie = req_cookie(r, SESSION_COOKIE);
		if (!cookie) {
			errors_detail(&r->ctx.errors, "log in or send an API token");
			return CB_ERR_UNAUTHENTICATED;
		}
		st = session_resolve(&r->ctx, cookie, &r->principal);
		if (st == CB_ERR_UNAUTHENTICATED) {
			errors_detail(&r->ctx.errors, "the session has expired or was revoked; log in again");
			req_set_cookie(r, SESSION_COOKIE, "", 0);
		}
	}
	if (st == CB_OK)
		r->ctx.who = &r->principal;
	return st;
}

static enum cb_status check_csrf(struct req *r)
{
	if (r->ctx.who->via != AUTH_SESSION || is_safe_method(r->method))
		return CB_OK;
	const char *t = req_header(r, "X-CSRF-Token");
	if (t && r->ctx.who->csrf_token && crypto_str_equal(t, r->ctx.who->csrf_token))
		return CB_OK;
	errors_add(&r->ctx.errors, "X-CSRF-Token", "header is missing or does not match the session");
	errors_detail(&r->ctx.errors, "state-changing requests with a session cookie need the X-CSRF-Token header");
	return CB_ERR_FORBIDDEN;
}

/* Nesting depth of [ and { outside strings; stops counting past the cap. */
static int json_depth(const char *s, size_t n)
{
	int depth = 0, max = 0;
	bool in_str = false;
	for (size_t i = 0; i < n; i++) {
		char c = s[i];
		if (in_str) {
			if (c == '\\')
				i++;
			else if (c == '"')
				in_str = false;
		} else if (c == '"') {
			in_str = true;
		} else if (c == '[' || c == '{') {
			if (++depth > max)
				max = depth;
			if (max > MAX_JSON_DEPTH)
				return max;
		} else if (c == ']' || c == '}') {
			depth--;
		}
	}
	return max;
}

static void decref(void *p)
{
	json_decref(p);
}

static enum cb_status parse_body(struct conn_state *cs)
{
	struct req *r = &cs->r;
	const char *ct = req_header(r, "Content-Type");
	if (cs->body_len == 0) {
		errors_detail(&r->ctx.errors, "this request needs a JSON object body");
		errors_add(&r->ctx.errors, NULL, "request body is empty");
		return CB_ERR_MALFORMED;
	}
	if (!ct || strncasecmp(ct, "application/json", 16) != 0 || (ct[16] && ct[16] != ';' && ct[16] != ' ')) {
		errors_detail(&r->ctx.errors, "send the body as Content-Type: application/json");
		return CB_ERR_MEDIA_TYPE;
	}
	if (!utf8_valid(cs->body, cs->body_len)) {
		errors_detail(&r->ctx.errors, "the body is not valid UTF-8");
		return CB_ERR_MALFORMED;
	}
	if (json_depth(cs->body, cs->body_len) > MAX_JSON_DEPTH) {
		errors_detail(&r->ctx.errors, "JSON nested deeper than %d levels", MAX_JSON_DEPTH);
		return CB_ERR_MALFORMED;
	}
	json_error_t jerr;
	json_t *v = json_loadb(cs->body, cs->body_len, JSON_REJECT_DUPLICATES, &jerr);
	if (!v) {
		errors_detail(&r->ctx.errors, "invalid JSON at line %d, column %d: %s", jerr.line, jerr.column, jerr.text);
		return CB_ERR_MALFORMED;
	}
	arena_defer(r->ctx.arena, decref, v);
	if (!json_is_object(v)) {
		errors_detail(&r->ctx.errors, "the body must be a JSON object");
		return CB_ERR_INVALID;
	}
	r->body = v;
	return CB_OK;
}

struct mp_state {
	struct req *r;
	size_t total, limit;
	bool overflow;
};

static enum MHD_Result mp_iterate(void *cls, enum MHD_ValueKind kind, const char *key, const char *filename,
				  const char *content_type, const char *encoding, const char *data, uint64_t off,
				  size_t size)
{
	(void)kind;
	(void)encoding;
	(void)off;
	struct mp_state *mp = cls;
	struct req *r = mp->r;
	struct req_part *p = NULL;
	for (int i = 0; i < r->nparts; i++)
		if (strcmp(r->parts[i].name, key) == 0)
			p = &r->parts[i];
	if (!p) {
		if (r->nparts >= REQ_MAX_PARTS)
			return MHD_NO;
		p = &r->parts[r->nparts++];
		p->name = arena_strdup(r->ctx.arena, key);
		p->filename = arena_strdup(r->ctx.arena, filename);
		p->content_type = arena_strdup(r->ctx.arena, content_type);
		p->cap = 256;
		p->data = arena_alloc(r->ctx.arena, p->cap + 1);
		p->len = 0;
		p->data[0] = 0;
	}
	if (size > mp->limit - mp->total) {
		mp->overflow = true;
		return MHD_NO;
	}
	mp->total += size;
	if (p->len + size > p->cap) {
		size_t cap = p->cap * 2;
		while (cap < p->len + size)
			cap *= 2;
		unsigned char *nd = arena_alloc(r->ctx.arena, cap + 1);
		memcpy(nd, p->data, p->len);
		p->data = nd;
		p->cap = cap;
	}
	memcpy(p->data + p->len, data, size);
	p->len += size;
	p->data[p->len] = 0;
	return MHD_YES;
}

static enum cb_status parse_multipart(struct conn_state *cs)
{
	struct req *r = &cs->r;
	const char *ct = req_header(r, "Content-Type");
	if (!ct || strncasecmp(ct, "multipart/form-data", 19) != 0) {
		errors_detail(&r->ctx.errors, "send the file as multipart/form-data");
		return CB_ERR_MEDIA_TYPE;
	}
	struct mp_state mp = {.r = r, .limit = cs->limit};
	struct MHD_PostProcessor *pp = MHD_create_post_processor(r->conn, 64 * 1024, mp_iterate, &mp);
	if (!pp) {
		errors_detail(&r->ctx.errors, "the multipart body has no boundary");
		return CB_ERR_MALFORMED;
	}
	enum MHD_Result ok = cs->body_len ? MHD_post_process(pp, cs->body, cs->body_len) : MHD_YES;
	MHD_destroy_post_processor(pp);
	if (mp.overflow) {
		errors_detail(&r->ctx.errors, "the upload is larger than the limit of %zu bytes", cs->limit);
		return CB_ERR_TOO_LARGE;
	}
	if (ok != MHD_YES) {
		errors_detail(&r->ctx.errors, "the multipart body could not be parsed");
		return CB_ERR_MALFORMED;
	}
	return CB_OK;
}

/* Authentication, role and CSRF checks, body parsing, then the handler — inside a
 * transaction for writes (committed on success unless asked otherwise). */
static enum cb_status authorize_and_run(struct conn_state *cs)
{
	struct req *r = &cs->r;
	const struct route *rt = r->route;
	enum cb_status st;
	if (!(rt->flags & RF_PUBLIC)) {
		if ((st = authenticate(r)) != CB_OK)
			return st;
		if (!principal_in(r->ctx.who, rt->roles)) {
			errors_detail(&r->ctx.errors, "role %s may not %s %s", role_name(r->ctx.who->role),
				      r->method, rt->pattern);
			return CB_ERR_FORBIDDEN;
		}
		if ((st = check_csrf(r)) != CB_OK)
			return st;
	}
	if ((rt->flags & RF_JSON) && (st = parse_body(cs)) != CB_OK)
		return st;
	if ((rt->flags & RF_MULTIPART) && (st = parse_multipart(cs)) != CB_OK)
		return st;
	r->raw_body = cs->body;
	r->raw_len = cs->body_len;

	bool tx = !db_in_transaction(r->ctx.db);
	if (tx && (st = db_begin(r->ctx.db)) != CB_OK)
		return st;
	st = rt->handler(r);
	if (tx) {
		if ((st == CB_OK && !r->ctx.rollback_on_success) || (st != CB_OK && r->ctx.commit_on_error)) {
			enum cb_status cst = db_commit(r->ctx.db);
			if (cst != CB_OK) {
				db_rollback(r->ctx.db);
				st = cst;
			}
		} else {
			db_rollback(r->ctx.db);
		}
	}
	return st;
}

/* The embedded web UI for a path no route has (static.h decides; this sets the response). */
static enum cb_status serve_static(struct req *r)
{
	struct static_reply sr;
	enum cb_status st = static_lookup(r->method, r->path, req_header(r, "Accept-Encoding"),
					  req_header(r, "If-None-Match"), &sr);
	if (st == CB_ERR_METHOD) {
		req_add_header(r, "Allow", STATIC_ALLOW);
		errors_detail(&r->ctx.errors, "%s is not allowed here; allowed: %s", r->method, STATIC_ALLOW);
		return st;
	}
	if (st != CB_OK) {
		errors_detail(&r->ctx.errors, "no resource at %s", r->path);
		return st;
	}
	/* Zero-copy from the embedded table; for a 304 (as for HEAD) libmicrohttpd sends the
	 * headers only, with the Content-Length of the body it was given. */
	req_raw(r, sr.status, sr.type, (const char *)sr.body, sr.len);
	r->resp_cache = sr.cache_control;
	req_add_header(r, "ETag", sr.etag);
	if (sr.encoding)
		req_add_header(r, "Content-Encoding", sr.encoding);
	if (sr.vary)
		req_add_header(r, "Vary", "Accept-Encoding");
	return CB_OK;
}

static enum cb_status run_handler(struct conn_state *cs)
{
	struct req *r = &cs->r;
	if (cs->too_large) {
		errors_detail(&r->ctx.errors, "the body is larger than the limit of %zu bytes", cs->limit);
		return CB_ERR_TOO_LARGE;
	}
	if (!r->route) {
		if (r->match.path_known) {
			req_add_header(r, "Allow", r->match.allow);
			errors_detail(&r->ctx.errors, "%s is not allowed here; allowed: %s", r->method, r->match.allow);
			return CB_ERR_METHOD;
		}
		if (static_owns(r->path)) {
			cs->is_static = true;
			return serve_static(r);
		}
		errors_detail(&r->ctx.errors, "no resource at %s", r->path);
		return CB_ERR_NOT_FOUND;
	}
	if (!req_check_query(r)) {
		errors_detail(&r->ctx.errors, "query parameters must be valid UTF-8");
		return CB_ERR_INVALID;
	}
	const struct route *rt = r->route;
	if (rt->flags & RF_NO_DB)
		return rt->handler(r);
	r->ctx.db = thread_db();
	if (!r->ctx.db)
		return CB_ERR_UNAVAILABLE;
	/* A read runs in one read transaction from authentication to the last query. On SQLite
	 * that is one snapshot for every section of a response and one lock round instead of
	 * one per statement; on PostgreSQL the driver runs the statements on their own (READ
	 * COMMITTED), so each statement is consistent but a response's sections may see
	 * different moments. A write authenticates first and then takes the write lock. */
	enum cb_status st;
	if (is_safe_method(r->method)) {
		if ((st = db_begin_read(r->ctx.db)) != CB_OK)
			return st;
		st = authorize_and_run(cs);
		/* Committed whatever the outcome: a read writes only bookkeeping (a token's
		 * last use, an expired session removed), which stands either way. */
		if (db_commit(r->ctx.db) != CB_OK)
			db_rollback(r->ctx.db);
	} else {
		st = authorize_and_run(cs);
	}
	db_reset_all(r->ctx.db);
	return st;
}

static void add_std_headers(struct MHD_Response *resp, struct req *r)
{
	MHD_add_response_header(resp, "X-Request-Id", r->request_id);
	MHD_add_response_header(resp, "Content-Security-Policy",
				"default-src 'self'; img-src 'self' data:; style-src 'self'; "
				"object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'");
	MHD_add_response_header(resp, "X-Content-Type-Options", "nosniff");
	MHD_add_response_header(resp, "Referrer-Policy", "no-referrer");
	MHD_add_response_header(resp, "X-Frame-Options", "DENY");
	MHD_add_response_header(resp, "Cache-Control", r->resp_cache ? r->resp_cache : "no-store");
	if (r->resp_type)
		MHD_add_response_header(resp, "Content-Type", r->resp_type);
	for (int i = 0; i < r->nheaders; i++)
		MHD_add_response_header(resp, r->hdr_names[i], r->hdr_values[i]);
}

static enum MHD_Result respond(struct MHD_Connection *c, struct conn_state *cs)
{
	struct req *r = &cs->r;
	struct MHD_Response *resp = MHD_create_response_from_buffer(r->resp_len, (void *)r->resp_body,
								    MHD_RESPMEM_PERSISTENT);
	if (!resp)
		return MHD_NO;
	add_std_headers(resp, r);
	enum MHD_Result ok = MHD_queue_response(c, (unsigned)r->status, resp);
	MHD_destroy_response(resp);
	return ok;
}

static void finish(struct MHD_Connection *c, struct conn_state *cs)
{
	struct req *r = &cs->r;
	enum cb_status st = run_handler(cs);
	if (st == CB_ERR_RATE_LIMITED && r->ctx.retry_after > 0)
		req_add_header(r, "Retry-After", arena_printf(r->ctx.arena, "%d", r->ctx.retry_after));
	if (st == CB_ERR_UNAUTHENTICATED)
		req_add_header(r, "WWW-Authenticate", "Bearer realm=\"channelbase\"");
	if (st == CB_ERR_DB || st == CB_ERR_UNAVAILABLE || st == CB_ERR_INTERNAL) {
		metrics_db_error();
		log_event(LOG_ERROR, "request failed", "request_id", r->request_id, "status", cb_status_str(st),
			  "error", r->ctx.db ? db_errmsg(r->ctx.db) : "no database connection", NULL);
	}
	if (st != CB_OK)
		req_problem(r, st);
	else if (!r->status)
		req_no_content(r);
	cs->done = true;
	respond(c, cs);
}

/* ---- libmicrohttpd callbacks ---- */

static enum MHD_Result on_request(void *cls, struct MHD_Connection *c, const char *url,
				  const char *method, const char *version, const char *upload,
				  size_t *upload_size, void **con_cls)
{
	(void)cls;
	(void)version;
	struct conn_state *cs = *con_cls;
	if (!cs) {
		struct arena *a = arena_new(8192);
		cs = arena_zalloc(a, sizeof *cs);
		cs->started_us = clock_mono_us();
		atomic_fetch_add(&in_flight, 1);
		struct req *r = &cs->r;
		ctx_init(&r->ctx, a, NULL, principal_anonymous());
		r->be = &mhd_backend;
		r->conn = c;
		r->secure_cookies = conf->secure_cookies;
		r->method = arena_strdup(a, method);
		r->path = arena_strdup(a, url);
		const char *rid = MHD_lookup_connection_value(c, MHD_HEADER_KIND, "X-Request-Id");
		if (rid && str_is_token_id(rid))
			snprintf(cs->rid, sizeof cs->rid, "%s", rid);
		else
			crypto_fast_id_hex16(cs->rid);
		r->request_id = cs->rid;
		r->ctx.request_id = cs->rid;
		client_ip(c, cs->ip, sizeof cs->ip);
		r->ctx.client_ip = cs->ip;
		router_match(conf->routes, method, url, &r->match);
		r->route = r->match.route;
		cs->limit = r->route && r->route->body_limit ? r->route->body_limit : conf->body_limit;
		const char *cl = MHD_lookup_connection_value(c, MHD_HEADER_KIND, "Content-Length");
		int64_t n;
		bool huge = false;
		if (cl && parse_i64(cl, 0, INT64_MAX, &n) && (uint64_t)n > cs->limit) {
			cs->too_large = true;
			huge = (uint64_t)n - cs->limit > DRAIN_MAX;
		}
		*con_cls = cs;
		/* A body somewhat over the limit is read and thrown away before the 413, so
		 * the client, still sending, reads the answer instead of a reset connection.
		 * A far larger one, or one that waits for 100-continue, is answered now. */
		if (cs->too_large && (huge || MHD_lookup_connection_value(c, MHD_HEADER_KIND, "Expect")))
			finish(c, cs);
		return MHD_YES;
	}
	if (*upload_size) {
		size_t n = *upload_size;
		*upload_size = 0;
		if (cs->done)
			return MHD_YES;
		if (cs->too_large || n > cs->limit - cs->body_len) {
			cs->too_large = true;
			cs->drained += n;
			if (cs->drained > DRAIN_MAX)
				finish(c, cs);
			return MHD_YES;
		}
		if (cs->body_len + n > cs->body_cap) {
			size_t cap = cs->body_cap ? cs->body_cap * 2 : 4096;
			while (cap < cs->body_len + n)
				cap *= 2;
			char *nb = arena_alloc(cs->r.ctx.arena, cap + 1);
			if (cs->body_len)
				memcpy(nb, cs->body, cs->body_len);
			cs->body = nb;
			cs->body_cap = cap;
		}
		memcpy(cs->body + cs->body_len, upload, n);
		cs->body_len += n;
		cs->body[cs->body_len] = '\0';
		return MHD_YES;
	}
	if (!cs->done)
		finish(c, cs);
	return MHD_YES;
}

static void on_completed(void *cls, struct MHD_Connection *c, void **con_cls,
			 enum MHD_RequestTerminationCode toe)
{
	(void)cls;
	(void)c;
	(void)toe;
	struct conn_state *cs = *con_cls;
	if (!cs)
		return;
	*con_cls = NULL;
	atomic_fetch_sub(&in_flight, 1);
	struct req *r = &cs->r;
	int64_t us = clock_mono_us() - cs->started_us;
	int status = r->status ? r->status : 499; /* 499: client went away before an answer */
	metrics_observe(cs->is_static ? METRICS_STATIC : r->match.index, status, us);
	if (!(r->route && (r->route->flags & RF_NO_LOG) && status < 400)) {
		static _Thread_local int64_t last_sec;
		static _Thread_local char ts[21];
		int64_t now = clock_now();
		if (now != last_sec) {
			clock_iso(now, ts);
			last_sec = now;
		}
		struct strbuf sb;
		sb_init(&sb, r->ctx.arena, 256, 4096);
		/* One line per request: appended piece by piece (printf was 2.7 K instructions of a
		 * record GET). The request id is 32 hex digits or a client's id checked by
		 * str_is_token_id, so it needs no escaping. */
		sb_puts(&sb, "{\"time\":\"");
		sb_puts(&sb, ts);
		sb_puts(&sb, "\",\"id\":\"");
		sb_puts(&sb, r->request_id);
		sb_puts(&sb, "\",\"method\":\"");
		sb_json_escape(&sb, r->method);
		sb_puts(&sb, "\",\"route\":\"");
		sb_json_escape(&sb, r->route ? r->route->pattern : cs->is_static ? "static" : "-");
		if (!r->route) {
			sb_puts(&sb, "\",\"path\":\"");
			sb_json_escape_clip(&sb, r->path, 512);
		}
		sb_puts(&sb, "\",\"status\":");
		sb_put_int(&sb, status);
		sb_puts(&sb, ",\"us\":");
		sb_put_int(&sb, (long long)us);
		sb_puts(&sb, ",\"principal\":");
		if (r->ctx.who->user_id) {
			sb_puts(&sb, "\"user:");
			sb_put_int(&sb, (long long)r->ctx.who->user_id);
			sb_puts(&sb, "\"}\n");
		} else {
			sb_puts(&sb, "null}\n");
		}
		log_access(sb.data, sb.len);
	}
	arena_free(r->ctx.arena);
}

__attribute__((format(printf, 2, 0))) static void mhd_logger(void *cls, const char *fmt, va_list ap)
{
	(void)cls;
	char msg[512];
	vsnprintf(msg, sizeof msg, fmt, ap);
	size_t n = strlen(msg);
	while (n && (msg[n - 1] == '\n' || msg[n - 1] == '\r'))
		msg[--n] = '\0';
	log_event(LOG_WARN, "http", "detail", msg, NULL);
}

static int hexval(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/* Percent-decoding for the path and query values. MHD hands out C strings, so a
 * decoded %00 would silently cut a value short ("/users/1%00abc" would read as user 1);
 * %00 and malformed escapes are therefore left as written, and the value fails its
 * own validation instead. */
static size_t unescape(void *cls, struct MHD_Connection *c, char *s)
{
	(void)cls;
	(void)c;
	char *w = s;
	for (const char *r = s; *r; r++) {
		int hi, lo;
		if (*r == '%' && (hi = hexval(r[1])) >= 0 && (lo = hexval(r[2])) >= 0 && (hi | lo)) {
			*w++ = (char)(hi * 16 + lo);
			r += 2;
		} else {
			*w++ = *r;
		}
	}
	*w = '\0';
	return (size_t)(w - s);
}

/* Splits "HOST:PORT" / "[v6]:PORT" and resolves it. */
static bool resolve_listen(const char *listen, struct sockaddr_storage *ss, socklen_t *len, bool *v6)
{
	char host[256];
	const char *port;
	if (listen[0] == '[') {
		const char *end = strchr(listen, ']');
		if (!end || end[1] != ':' || (size_t)(end - listen - 1) >= sizeof host)
			return false;
		memcpy(host, listen + 1, (size_t)(end - listen - 1));
		host[end - listen - 1] = '\0';
		port = end + 2;
	} else {
		const char *colon = strrchr(listen, ':');
		if (!colon || (size_t)(colon - listen) >= sizeof host)
			return false;
		memcpy(host, listen, (size_t)(colon - listen));
		host[colon - listen] = '\0';
		port = colon + 1;
	}
	int64_t p;
	if (!parse_i64(port, 0, 65535, &p))
		return false;
	struct addrinfo hints = {.ai_family = AF_UNSPEC, .ai_socktype = SOCK_STREAM, .ai_flags = AI_NUMERICSERV};
	struct addrinfo *res = NULL;
	if (getaddrinfo(host[0] ? host : "127.0.0.1", port, &hints, &res) != 0 || !res)
		return false;
	memcpy(ss, res->ai_addr, res->ai_addrlen);
	*len = res->ai_addrlen;
	*v6 = res->ai_family == AF_INET6;
	freeaddrinfo(res);
	return true;
}

int server_run(const struct server_config *cfg)
{
	conf = cfg;
	alloc_tune_server();
	struct sockaddr_storage ss;
	socklen_t sslen;
	bool v6;
	if (!resolve_listen(cfg->listen, &ss, &sslen, &v6)) {
		fprintf(stderr, "channelbase: cannot use listen address '%s' (want HOST:PORT)\n", cfg->listen);
		return 2;
	}
	if (!trusted_init(cfg->trusted_proxies)) {
		fprintf(stderr, "channelbase: --trusted-proxy wants up to %d IP addresses separated by commas\n",
			MAX_TRUSTED);
		return 2;
	}
	if (cfg->threads < 1 || cfg->threads > SERVER_MAX_THREADS) {
		fprintf(stderr, "channelbase: --threads must be from 1 to %d\n", SERVER_MAX_THREADS);
		return 2;
	}
	{ /* fail fast when the database cannot be opened; the probe is closed again so
	   * that every worker thread has its own slot in dbs[] */
		char err[256];
		struct db *probe;
		if (db_open(cfg->db_url, DB_OPEN_EXISTING, &probe, err, sizeof err) != CB_OK) {
			fprintf(stderr, "channelbase: cannot open database %s: %s\n",
				db_url_redacted(cfg->db_url, (char[512]){0}, 512), err);
			return 2;
		}
		db_close(probe);
	}

	metrics_init(cfg->routes);
	if (static_init(embedded_web) != CB_OK) {
		fprintf(stderr, "channelbase: out of memory indexing the web UI\n");
		close_all_dbs();
		metrics_free();
		return 2;
	}

	sigset_t sigs;
	sigemptyset(&sigs);
	sigaddset(&sigs, SIGINT);
	sigaddset(&sigs, SIGTERM);
	pthread_sigmask(SIG_BLOCK, &sigs, NULL);
	signal(SIGPIPE, SIG_IGN);

	/* Each connection's memory pool holds the request line, the headers and every query
	 * parameter; libmicrohttpd zeroes the whole pool between requests, so its size is paid
	 * on every request (128 KiB cost a partner GET about a tenth of its time). 64 KiB
	 * holds a request line with ~900 query parameters; past what the pool holds,
	 * libmicrohttpd leaves the request unanswered until the connection timeout (at 32 KiB
	 * the API tests' 500-parameter URL did). */
	enum { CONN_MEMORY = 64 * 1024 };
	unsigned flags = MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_EPOLL | MHD_USE_TURBO | MHD_USE_ITC |
			 MHD_USE_ERROR_LOG | (v6 ? MHD_USE_IPv6 : 0);
	struct MHD_Daemon *d = MHD_start_daemon(
		flags, 0, NULL, NULL, on_request, NULL,
		MHD_OPTION_EXTERNAL_LOGGER, mhd_logger, NULL,
		MHD_OPTION_SOCK_ADDR, (struct sockaddr *)&ss,
		MHD_OPTION_THREAD_POOL_SIZE, (unsigned)(cfg->threads > 0 ? cfg->threads : 1),
		MHD_OPTION_NOTIFY_COMPLETED, on_completed, NULL,
		MHD_OPTION_UNESCAPE_CALLBACK, unescape, NULL,
		MHD_OPTION_CONNECTION_TIMEOUT, (unsigned)30,
		MHD_OPTION_CONNECTION_LIMIT, (unsigned)4096,
		MHD_OPTION_CONNECTION_MEMORY_LIMIT, (size_t)CONN_MEMORY,
		MHD_OPTION_END);
	if (!d) {
		fprintf(stderr, "channelbase: cannot listen on %s\n", cfg->listen);
		close_all_dbs();
		metrics_free();
		static_free();
		return 2;
	}
	const union MHD_DaemonInfo *di = MHD_get_daemon_info(d, MHD_DAEMON_INFO_BIND_PORT);
	char portbuf[16];
	snprintf(portbuf, sizeof portbuf, "%u", di ? di->port : 0);
	char threads[16];
	snprintf(threads, sizeof threads, "%d", cfg->threads);
	if (!log_batch_start())
		log_event(LOG_WARN, "access lines are written one by one (no thread to batch them)", NULL);
	log_event(LOG_INFO, "listening", "listen", cfg->listen, "port", portbuf, "threads", threads,
		  "db", db_url_redacted(cfg->db_url, (char[512]){0}, 512), "malloc", alloc_name(), NULL);

	int sig = 0;
	sigwait(&sigs, &sig);
	log_event(LOG_INFO, "shutting down", "signal", sig == SIGINT ? "SIGINT" : "SIGTERM", NULL);
	/* Stop accepting, then let the requests already received finish (their clients
	 * get their answers) before the daemon and the connections are torn down. */
	MHD_quiesce_daemon(d);
	int64_t deadline = clock_mono_us() + (int64_t)SHUTDOWN_GRACE_S * 1000000;
	for (;;) {
		const union MHD_DaemonInfo *ci = MHD_get_daemon_info(d, MHD_DAEMON_INFO_CURRENT_CONNECTIONS);
		unsigned conns = ci ? ci->num_connections : 0;
		long busy = atomic_load(&in_flight);
		if (conns == 0 || busy == 0)
			break;
		if (clock_mono_us() >= deadline) {
			char nb[24];
			snprintf(nb, sizeof nb, "%ld", busy);
			log_event(LOG_WARN, "shutdown deadline passed; closing requests still running",
				  "in_flight", nb, NULL);
			break;
		}
		struct timespec ts = {0, 20 * 1000 * 1000};
		nanosleep(&ts, NULL);
	}
	MHD_stop_daemon(d);
	log_batch_stop();
	close_all_dbs();
	metrics_free();
	static_free();
	log_event(LOG_INFO, "stopped", NULL);
	return 0;
}
