/*
 * contacts.c — /api/v1/partners/{id}/contacts[/{contact_id}].
 */
#include "api.h"

#include "../core/contact.h"

json_t *api_contact_json(const struct contact *c)
{
	return json_pack("{s:I,s:I,s:s,s:o,s:o,s:o,s:s,s:b,s:o,s:o}", "id", (json_int_t)c->id, "partner_id",
			 (json_int_t)c->partner_id, "name", c->name, "title", c->title ? json_string(c->title) : json_null(),
			 "email", c->email ? json_string(c->email) : json_null(), "phone",
			 c->phone ? json_string(c->phone) : json_null(), "role", c->role, "primary", c->primary,
			 "created_at", api_time(c->created_at), "updated_at", api_time(c->updated_at));
}

enum cb_status api_contacts_list(struct req *r)
{
	int64_t pid;
	if (!req_param_id(r, "id", &pid))
		return CB_ERR_INVALID;
	struct contact *cs;
	size_t n;
	enum cb_status st = contact_list(&r->ctx, pid, &cs, &n);
	if (st != CB_OK)
		return st;
	json_t *items = json_array();
	for (size_t i = 0; i < n; i++)
		json_array_append_new(items, api_contact_json(&cs[i]));
	req_json(r, 200, req_page(items, 0));
	return CB_OK;
}

enum cb_status api_contacts_create(struct req *r)
{
	int64_t pid;
	if (!req_param_id(r, "id", &pid))
		return CB_ERR_INVALID;
	struct contact_input in;
	enum cb_status st = contact_input_json(&r->ctx, r->body, true, &in);
	struct contact c;
	if (st == CB_OK)
		st = contact_create(&r->ctx, pid, &in, &c);
	if (st != CB_OK)
		return st;
	req_json(r, 201, api_contact_json(&c));
	return CB_OK;
}

enum cb_status api_contacts_patch(struct req *r)
{
	int64_t pid, cid;
	bool ok = req_param_id(r, "id", &pid);
	if (!req_param_id(r, "contact_id", &cid) || !ok)
		return CB_ERR_INVALID;
	struct contact_input in;
	enum cb_status st = contact_input_json(&r->ctx, r->body, false, &in);
	struct contact c;
	if (st == CB_OK)
		st = contact_update(&r->ctx, pid, cid, &in, &c);
	if (st != CB_OK)
		return st;
	req_json(r, 200, api_contact_json(&c));
	return CB_OK;
}

enum cb_status api_contacts_delete(struct req *r)
{
	int64_t pid, cid;
	bool ok = req_param_id(r, "id", &pid);
	if (!req_param_id(r, "contact_id", &cid) || !ok)
		return CB_ERR_INVALID;
	enum cb_status st = contact_delete(&r->ctx, pid, cid);
	if (st == CB_OK)
		req_no_content(r);
	return st;
}
