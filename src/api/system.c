/*
 * system.c — health, readiness, metrics and the OpenAPI document.
 */
#include "api.h"

#include "../base/arena.h"
#include "../base/embed.h"
#include "../base/str.h"
#include "../http/metrics.h"
#include "../store/db.h"

extern const struct embedded_file embedded_docs[];

enum cb_status api_healthz(struct req *r)
{
	req_raw(r, 200, "application/json", "{\"status\":\"ok\"}", 15);
	return CB_OK;
}

enum cb_status api_readyz(struct req *r)
{
	enum cb_status st = db_ping(r->ctx.db);
	if (st != CB_OK) {
		errors_detail(&r->ctx.errors, "the database is not reachable");
		return CB_ERR_UNAVAILABLE;
	}
	req_raw(r, 200, "application/json", "{\"status\":\"ready\"}", 18);
	return CB_OK;
}

enum cb_status api_metrics(struct req *r)
{
	struct strbuf sb;
	sb_init(&sb, r->ctx.arena, 16384, 4u << 20);
	metrics_render(&sb);
	req_raw(r, 200, "text/plain; version=0.0.4; charset=utf-8", sb.data, sb.len);
	return CB_OK;
}

enum cb_status api_openapi(struct req *r)
{
	const struct embedded_file *f = embed_find(embedded_docs, "openapi.json");
	if (!f)
		return CB_ERR_INTERNAL;
	req_raw(r, 200, "application/json", (const char *)f->data, f->len);
	return CB_OK;
}
