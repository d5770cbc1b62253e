/*
 * request.c — request accessors, response setters and the problem+json writer.
 */
#include "request.h"

#include "../base/arena.h"
#include "../base/str.h"

#include <stdlib.h>
#include <string.h>

const char *req_header(struct req *r, const char *name) { return r->be->header(r->conn, name); }
const char *req_query(struct req *r, const char *name) { return r->be->query(r->conn, name); }
const char *req_cookie(struct req *r, const char *name) { return r->be->cookie(r->conn, name); }

static void check_query_param(void *cls, const char *name, const char *value)
{
	struct req *r = cls;
	if (!utf8_valid(name, strlen(name))) {
		errors_add(&r->ctx.errors, name, "query parameter name is not valid UTF-8");
		return;
	}
	if (value && !utf8_valid(value, strlen(value)))
		errors_add(&r->ctx.errors, name, "is not valid UTF-8");
}

bool req_check_query(struct req *r)
{
	size_t before = r->ctx.errors.count + r->ctx.errors.dropped;
	r->be->each_query(r->conn, check_query_param, r);
	return r->ctx.errors.count + r->ctx.errors.dropped == before;
}

const char *req_param(struct req *r, const char *name)
{
	size_t n = strlen(name);
	for (int i = 0; i < r->match.nparams; i++)
		if (r->match.name_lens[i] == n && memcmp(r->match.names[i], name, n) == 0)
			return arena_strndup(r->ctx.arena, r->match.values[i], r->match.value_lens[i]);
	return NULL;
}

const struct req_part *req_part(struct req *r, const char *name)
{
	for (int i = 0; i < r->nparts; i++)
		if (strcmp(r->parts[i].name, name) == 0)
			return &r->parts[i];
	return NULL;
}

bool req_param_id(struct req *r, const char *name, int64_t *out)
{
	const char *v = req_param(r, name);
	if (v && parse_i64(v, 1, INT64_MAX, out))
		return true;
	errors_add(&r->ctx.errors, name, "must be a positive integer id");
	return false;
}

bool req_query_int(struct req *r, const char *name, int64_t min, int64_t max, int64_t dflt,
		   int64_t *out)
{
	const char *v = req_query(r, name);
	if (!v) {
		*out = dflt;
		return true;
	}
	if (parse_i64(v, min, max, out))
		return true;
	errors_add(&r->ctx.errors, name, "must be an integer between %lld and %lld", (long long)min,
		   (long long)max);
	return false;
}

bool req_query_bool(struct req *r, const char *name, int dflt, int *out)
{
	const char *v = req_query(r, name);
	if (!v) {
		*out = dflt;
		return true;
	}
	if (strcmp(v, "true") == 0 || strcmp(v, "1") == 0) {
		*out = 1;
		return true;
	}
	if (strcmp(v, "false") == 0 || strcmp(v, "0") == 0) {
		*out = 0;
		return true;
	}
	errors_add(&r->ctx.errors, name, "must be true or false");
	return false;
}

static void free_ptr(void *p)
{
	free(p);
}

void req_json(struct req *r, int status, json_t *body)
{
	char *s = json_dumps(body, JSON_COMPACT | JSON_REAL_PRECISION(12));
	json_decref(body);
	if (!s) {
		req_raw(r, 500, "application/json", "{}", 2);
		return;
	}
	arena_defer(r->ctx.arena, free_ptr, s);
	r->status = status;
	r->resp_type = "application/json";
	r->resp_body = s;
	r->resp_len = strlen(s);
}

void req_no_content(struct req *r)
{
	r->status = 204;
	r->resp_type = NULL;
	r->resp_body = "";
	r->resp_len = 0;
}

void req_raw(struct req *r, int status, const char *type, const char *body, size_t len)
{
	r->status = status;
	r->resp_type = type;
	r->resp_body = body;
	r->resp_len = len;
}

void req_add_header(struct req *r, const char *name, const char *value)
{
	if (r->nheaders >= REQ_MAX_HEADERS)
		return;
	r->hdr_names[r->nheaders] = arena_strdup(r->ctx.arena, name);
	r->hdr_values[r->nheaders] = arena_strdup(r->ctx.arena, value);
	r->nheaders++;
}

void req_set_cookie(struct req *r, const char *name, const char *value, int64_t max_age)
{
	char *c = arena_printf(r->ctx.arena, "%s=%s; Path=/; Max-Age=%lld; HttpOnly; SameSite=Lax%s",
			       name, max_age > 0 ? value : "", (long long)(max_age > 0 ? max_age : 0),
			       r->secure_cookies ? "; Secure" : "");
	req_add_header(r, "Set-Cookie", c);
}

void req_problem(struct req *r, enum cb_status st)
{
	int code = cb_status_http(st);
	struct strbuf sb;
	sb_init(&sb, r->ctx.arena, 512, 64 * 1024);
	sb_printf(&sb, "{\"type\":\"urn:channelbase:problem:%s\",\"title\":\"", cb_status_str(st));
	sb_json_escape(&sb, cb_status_title(st));
	sb_printf(&sb, "\",\"status\":%d", code);
	const char *detail = r->ctx.errors.detail;
	if (code >= 500 && st != CB_ERR_UNAVAILABLE)
		detail = "the server could not complete the request; quote the request id to support";
	else if (st == CB_ERR_UNAVAILABLE && !detail)
		detail = "the database is unavailable or busy; retry shortly";
	if (detail) {
		sb_puts(&sb, ",\"detail\":\"");
		sb_json_escape(&sb, detail);
		sb_putc(&sb, '"');
	}
	sb_puts(&sb, ",\"instance\":\"");
	sb_json_escape_clip(&sb, r->path ? r->path : "", 1024);
	sb_puts(&sb, "\",\"request_id\":\"");
	sb_json_escape(&sb, r->request_id ? r->request_id : "");
	sb_puts(&sb, "\",\"errors\":[");
	const struct cb_errors *e = &r->ctx.errors;
	for (size_t i = 0; i < e->count && code < 500; i++) {
		if (i)
			sb_putc(&sb, ',');
		sb_puts(&sb, "{\"field\":");
		if (e->items[i].field) {
			sb_putc(&sb, '"');
			sb_json_escape(&sb, e->items[i].field);
			sb_putc(&sb, '"');
		} else {
			sb_puts(&sb, "null");
		}
		sb_puts(&sb, ",\"message\":\"");
		sb_json_escape(&sb, e->items[i].message);
		sb_puts(&sb, "\"}");
	}
	sb_puts(&sb, "]}");
	r->status = code;
	r->resp_type = "application/problem+json";
	r->resp_body = sb.data;
	r->resp_len = sb.len;
}

json_t *req_page(json_t *items, int64_t next_after)
{
	return json_pack("{s:o,s:o}", "items", items, "next_after",
			 next_after ? json_integer(next_after) : json_null());
}

struct strbuf *req_body(struct req *r, size_t initial)
{
	struct strbuf *sb = arena_alloc(r->ctx.arena, sizeof *sb);
	sb_init(sb, r->ctx.arena, initial, 32u << 20);
	return sb;
}

enum cb_status req_send(struct req *r, int status, struct strbuf *sb)
{
	if (sb->overflow)
		return CB_ERR_INTERNAL;
	req_raw(r, status, "application/json", sb->data, sb->len);
	return CB_OK;
}

struct strbuf *req_page_body(struct req *r, size_t initial)
{
	struct strbuf *sb = req_body(r, initial);
	sb_puts(sb, "{\"items\":[");
	return sb;
}

enum cb_status req_page_send(struct req *r, struct strbuf *sb, int64_t next_after)
{
	sb_puts(sb, "],\"next_after\":");
	if (next_after)
		sb_put_int(sb, (long long)next_after);
	else
		sb_puts(sb, "null");
	sb_putc(sb, '}');
	return req_send(r, 200, sb);
}
