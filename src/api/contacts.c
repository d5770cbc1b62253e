/*
 * contacts.c — /api/v1/partners/{id}/contacts[/{contact_id}].
 */
#include "api.h"

#include "../base/jsonw.h"
#include "../core/contact.h"

void api_contact_write(struct strbuf *sb, const struct contact *c)
{
	sb_putc(sb, '{');
	jw_int(sb, "id", c->id);
	jw_int(sb, "partner_id", c->partner_id);
	jw_str(sb, "name", c->name);
	jw_str(sb, "title", c->title);
	jw_str(sb, "email", c->email);
	jw_str(sb, "phone", c->phone);
	jw_str(sb, "role", c->role);
	jw_bool(sb, "primary", c->primary);
	jw_time(sb, "created_at", c->created_at);
	jw_time(sb, "updated_at", c->updated_at);
	sb_putc(sb, '}');
}

static enum cb_status send_contact(struct req *r, int status, const struct contact *c)
{
	struct strbuf *sb = req_body(r, 512);
	api_contact_write(sb, c);
	return req_send(r, status, sb);
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
	struct strbuf *sb = req_page_body(r, 4096);
	API_WRITE_ALL(sb, cs, n, api_contact_write);
	return req_page_send(r, sb, 0);
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
	return send_contact(r, 201, &c);
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
	return send_contact(r, 200, &c);
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
