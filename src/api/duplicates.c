/*
 * duplicates.c — GET /api/v1/partners/duplicates and POST /api/v1/partners/{id}/merge.
 */
#include "api.h"

#include "../base/arena.h"
#include "../base/jsonv.h"
#include "../core/duplicates.h"

enum cb_status api_partners_duplicates(struct req *r)
{
	int64_t limit, pid, after;
	bool ok = req_query_int(r, "limit", 1, 500, 100, &limit);
	ok = req_query_int(r, "partner_id", 1, INT64_MAX, 0, &pid) && ok;
	ok = req_query_int(r, "after", 0, 100000000, 0, &after) && ok;
	if (!ok)
		return CB_ERR_INVALID;
	struct dup_group *g;
	size_t n, total;
	enum cb_status st = duplicates_page(&r->ctx, pid, after, (int)limit, &g, &n, &total);
	if (st != CB_OK)
		return st;
	json_t *items = json_array();
	for (size_t i = 0; i < n; i++) {
		json_t *members = json_array(), *reasons = json_array();
		for (size_t k = 0; k < g[i].nmembers; k++)
			json_array_append_new(members, json_pack("{s:I,s:s,s:s,s:s}", "id", (json_int_t)g[i].members[k].id,
								 "name", g[i].members[k].name, "city", g[i].members[k].city,
								 "country", g[i].members[k].country));
		for (size_t k = 0; k < g[i].nreasons; k++) {
			const struct dup_reason *d = &g[i].reasons[k];
			json_array_append_new(reasons, json_pack("{s:s,s:f,s:[I,I],s:s}", "reason", d->reason, "score",
								 d->score, "partners", (json_int_t)d->a, (json_int_t)d->b,
								 "value", d->value ? d->value : ""));
		}
		json_array_append_new(items, json_pack("{s:f,s:o,s:o}", "score", g[i].score, "partners", members,
						       "reasons", reasons));
	}
	int64_t next = (size_t)after + n < total ? after + (int64_t)n : 0;
	json_t *page = req_page(items, next);
	json_object_set_new(page, "total", json_integer((json_int_t)total));
	req_json(r, 200, page);
	return CB_OK;
}

static const struct jv_field merge_fields[] = {
	{"from", JV_ARRAY, JV_REQUIRED, 0, 0, 0},
	{NULL, 0, 0, 0, 0, 0},
};

enum cb_status api_partners_merge(struct req *r)
{
	int64_t id;
	bool ok = req_param_id(r, "id", &id);
	if (!jv_check(r->body, merge_fields, &r->ctx.errors) || !ok)
		return CB_ERR_INVALID;
	json_t *from = json_object_get(r->body, "from");
	size_t n = json_array_size(from);
	if (n == 0 || n > 50) {
		errors_add(&r->ctx.errors, "from", "must list 1 to 50 partner ids");
		return CB_ERR_RULE;
	}
	int64_t *ids = arena_alloc(r->ctx.arena, sizeof *ids * n);
	for (size_t i = 0; i < n; i++) {
		json_t *v = json_array_get(from, i);
		if (!json_is_integer(v) || json_integer_value(v) < 1) {
			errors_add(&r->ctx.errors, "from", "must be an array of partner ids");
			return CB_ERR_INVALID;
		}
		ids[i] = json_integer_value(v);
	}
	enum cb_status st = partner_merge(&r->ctx, id, ids, n);
	if (st != CB_OK)
		return st;
	return api_partners_get(r);
}
