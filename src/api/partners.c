/*
 * partners.c — /api/v1/partners: the partner identity (list, create, read), scoped so a
 * partner user sees only its own partner.
 */
#include "api.h"

#include "../base/jsonv.h"
#include "../core/partner.h"

static json_t *partner_json(const struct partner *p)
{
	return json_pack("{s:I,s:s,s:o,s:o}", "id", (json_int_t)p->id, "name", p->name, "created_at",
			 api_time(p->created_at), "updated_at", api_time(p->updated_at));
}

enum cb_status api_partners_list(struct req *r)
{
	int limit;
	int64_t after;
	if (!api_page_params(r, &limit, &after))
		return CB_ERR_INVALID;
	struct partner_page page;
	enum cb_status st = partner_list(&r->ctx, after, limit, &page);
	if (st != CB_OK)
		return st;
	json_t *items = json_array();
	for (size_t i = 0; i < page.count; i++)
		json_array_append_new(items, partner_json(&page.items[i]));
	req_json(r, 200, req_page(items, page.next_after));
	return CB_OK;
}

static const struct jv_field create_fields[] = {
	{"name", JV_STRING, JV_REQUIRED | JV_NONEMPTY, 200, 0, 0},
	{NULL, 0, 0, 0, 0, 0},
};

enum cb_status api_partners_create(struct req *r)
{
	if (!jv_check(r->body, create_fields, &r->ctx.errors))
		return CB_ERR_INVALID;
	struct partner p;
	enum cb_status st = partner_create(&r->ctx, jv_str(r->body, "name"), &p);
	if (st != CB_OK)
		return st;
	char loc[64];
	snprintf(loc, sizeof loc, "/api/v1/partners/%lld", (long long)p.id);
	req_add_header(r, "Location", loc);
	req_json(r, 201, partner_json(&p));
	return CB_OK;
}

enum cb_status api_partners_get(struct req *r)
{
	int64_t id;
	if (!req_param_id(r, "id", &id))
		return CB_ERR_INVALID;
	struct partner p;
	enum cb_status st = partner_get(&r->ctx, id, &p);
	if (st != CB_OK)
		return st;
	req_json(r, 200, partner_json(&p));
	return CB_OK;
}
