/*
 * territories.c — /api/v1/partners/{id}/territories[/{territory_id}].
 */
#include "api.h"

#include "../base/jsonv.h"
#include "../core/territory.h"

json_t *api_territory_json(const struct territory *t)
{
	return json_pack("{s:I,s:I,s:s,s:o,s:b,s:o}", "id", (json_int_t)t->id, "partner_id", (json_int_t)t->partner_id,
			 "country", t->country, "region", t->region[0] ? json_string(t->region) : json_null(),
			 "exclusive", t->exclusive, "created_at", api_time(t->created_at));
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
	json_t *items = json_array();
	for (size_t i = 0; i < n; i++)
		json_array_append_new(items, api_territory_json(&ts[i]));
	req_json(r, 200, req_page(items, 0));
	return CB_OK;
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
	req_json(r, 201, api_territory_json(&t));
	return CB_OK;
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
