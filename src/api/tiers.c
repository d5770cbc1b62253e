/*
 * tiers.c — /api/v1/tiers[/{id}].
 */
#include "api.h"

#include "../core/tier.h"

static json_t *tier_json(const struct tier *t)
{
	return json_pack("{s:I,s:s,s:I,s:s,s:s,s:I}", "id", (json_int_t)t->id, "name", t->name, "rank",
			 (json_int_t)t->rank, "colour", t->colour, "description", t->description, "partners",
			 (json_int_t)t->partners);
}

enum cb_status api_tiers_list(struct req *r)
{
	struct tier *ts;
	size_t n;
	enum cb_status st = tier_list(&r->ctx, &ts, &n);
	if (st != CB_OK)
		return st;
	json_t *items = json_array();
	for (size_t i = 0; i < n; i++)
		json_array_append_new(items, tier_json(&ts[i]));
	req_json(r, 200, req_page(items, 0));
	return CB_OK;
}

enum cb_status api_tiers_create(struct req *r)
{
	struct tier t;
	enum cb_status st = tier_create(&r->ctx, r->body, &t);
	if (st != CB_OK)
		return st;
	req_json(r, 201, tier_json(&t));
	return CB_OK;
}

enum cb_status api_tiers_patch(struct req *r)
{
	int64_t id;
	if (!req_param_id(r, "id", &id))
		return CB_ERR_INVALID;
	struct tier t;
	enum cb_status st = tier_update(&r->ctx, id, r->body, &t);
	if (st != CB_OK)
		return st;
	req_json(r, 200, tier_json(&t));
	return CB_OK;
}
