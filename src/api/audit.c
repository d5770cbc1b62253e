/*
 * audit.c — GET /api/v1/audit?entity=&id=&actor=&after=&limit= (newest first), and the JSON
 * of an audit entry (also used by dashboard.c).
 */
#include "api.h"

#include "../base/str.h"
#include "../core/audit.h"

#include <string.h>

json_t *api_audit_entry_json(const struct audit_entry *e, bool with_partner)
{
	json_t *o = json_pack("{s:I,s:s,s:o,s:s,s:s,s:s,s:o,s:O,s:o,s:o}", "id", (json_int_t)e->id, "at", e->at,
			      "actor_id", e->actor_id ? json_integer(e->actor_id) : json_null(), "actor", e->actor,
			      "action", e->action, "entity", e->entity, "entity_id",
			      e->entity_id ? json_integer(e->entity_id) : json_null(), "changes",
			      e->changes ? e->changes : json_null(), "request_id",
			      e->request_id ? json_string(e->request_id) : json_null(), "client_ip",
			      e->client_ip ? json_string(e->client_ip) : json_null());
	if (with_partner) {
		json_object_set_new(o, "partner_id", e->partner_id ? json_integer(e->partner_id) : json_null());
		json_object_set_new(o, "partner_name", e->partner_name ? json_string(e->partner_name) : json_null());
	}
	return o;
}

enum cb_status api_audit_list(struct req *r)
{
	struct audit_filter f = {.entity = req_query(r, "entity")};
	int64_t limit;
	bool ok = req_query_int(r, "limit", 1, 200, 50, &limit);
	ok = req_query_int(r, "after", 1, INT64_MAX, 0, &f.after) && ok;
	ok = req_query_int(r, "id", 1, INT64_MAX, 0, &f.entity_id) && ok;
	ok = req_query_int(r, "actor", 1, INT64_MAX, 0, &f.actor_id) && ok;
	if (f.entity && (strlen(f.entity) > 64 || !str_is_token_id(f.entity))) {
		errors_add(&r->ctx.errors, "entity", "must be an entity name such as user or partner");
		ok = false;
	}
	if (!ok)
		return CB_ERR_INVALID;
	f.limit = (int)limit;
	struct audit_page page;
	enum cb_status st = audit_list(&r->ctx, &f, &page);
	if (st != CB_OK)
		return st;
	json_t *items = json_array();
	for (size_t i = 0; i < page.count; i++)
		json_array_append_new(items, api_audit_entry_json(&page.items[i], false));
	req_json(r, 200, req_page(items, page.next_after));
	return CB_OK;
}
