/*
 * territories.c — /api/v1/partners/{id}/territories[/{territory_id}].
 */
#include "api.h"

#include "../base/jsonw.h"
#include "../base/jsonv.h"
#include "../core/territory.h"

void api_territory_write(struct strbuf *sb, const struct territory *t)
{
	sb_putc(sb, '{');
	jw_int(sb, "id", t->id);
	jw_int(sb, "partner_id", t->partner_id);
	jw_str(sb, "country", t->country);
	jw_str(sb, "region", t->region[0] ? t->region : NULL); /* '' = the whole country */
	jw_bool(sb, "exclusive", t->exclusive);
	jw_time(sb, "created_at", t->created_at);
	sb_putc(sb, '}');
}

enum cb_status api_territories_list(struct req *r)
{
	int64_t pid;
	if (!req_param_id(r, "id", &pid))
		return CB_ERR_INVALID;
	struct territory *ts;
	size_t n;
	enum cb_status st = territory_list(&r->ctx, pid, &ts, &n);
	if (st != CB_OK)
		return st;
	struct strbuf *sb = req_page_body(r, 2048);
	API_WRITE_ALL(sb, ts, n, api_territory_write);
	return req_page_send(r, sb, 0);
}

static const struct jv_field fields[] = {
	{"country", JV_STRING, JV_REQUIRED, 2, 0, 0},
	{"region", JV_STRING, JV_NULLABLE, 100, 0, 0},
	{"exclusive", JV_BOOL, 0, 0, 0, 0},
	{NULL, 0, 0, 0, 0, 0},
};

enum cb_status api_territories_create(struct req *r)
{
	int64_t pid;
	bool ok = req_param_id(r, "id", &pid);
	if (!jv_check(r->body, fields, &r->ctx.errors) || !ok)
		return CB_ERR_INVALID;
	struct territory t;
	enum cb_status st = territory_add(&r->ctx, pid, jv_str(r->body, "country"), jv_str(r->body, "region"),
					  jv_bool(r->body, "exclusive", false), &t);
	if (st != CB_OK)
		return st;
	struct strbuf *sb = req_body(r, 256);
	api_territory_write(sb, &t);
	return req_send(r, 201, sb);
}

enum cb_status api_territories_delete(struct req *r)
{
	int64_t pid, tid;
	bool ok = req_param_id(r, "id", &pid);
	if (!req_param_id(r, "territory_id", &tid) || !ok)
		return CB_ERR_INVALID;
	enum cb_status st = territory_remove(&r->ctx, pid, tid);
	if (st == CB_OK)
		req_no_content(r);
	return st;
}
