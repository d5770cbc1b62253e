/*
 * notes.c — /api/v1/partners/{id}/notes[/{note_id}] (vendor roles only).
 */
#include "api.h"

#include "../base/jsonv.h"
#include "../core/note.h"

json_t *api_note_json(const struct note *n)
{
	return json_pack("{s:I,s:I,s:o,s:o,s:s,s:s,s:s,s:o}", "id", (json_int_t)n->id, "partner_id",
			 (json_int_t)n->partner_id, "author_id", n->author_id ? json_integer(n->author_id) : json_null(),
			 "author", n->author ? json_string(n->author) : json_null(), "kind", n->kind, "date", n->day,
			 "text", n->body, "created_at", api_time(n->created_at));
}

enum cb_status api_notes_list(struct req *r)
{
	int64_t pid, limit, after, next;
	bool ok = req_param_id(r, "id", &pid);
	ok = req_query_int(r, "limit", 1, 200, 50, &limit) && ok;
	if (!req_query_int(r, "after", 1, INT64_MAX, 0, &after) || !ok)
		return CB_ERR_INVALID;
	struct note *ns;
	size_t n;
	enum cb_status st = note_list(&r->ctx, pid, after, (int)limit, &ns, &n, &next);
	if (st != CB_OK)
		return st;
	json_t *items = json_array();
	for (size_t i = 0; i < n; i++)
		json_array_append_new(items, api_note_json(&ns[i]));
	req_json(r, 200, req_page(items, next));
	return CB_OK;
}

static const struct jv_field fields[] = {
	{"kind", JV_STRING, JV_REQUIRED, 10, 0, 0},
	{"date", JV_STRING, 0, 10, 0, 0},
	{"text", JV_STRING, JV_REQUIRED | JV_NONEMPTY, 20000, 0, 0},
	{NULL, 0, 0, 0, 0, 0},
};

enum cb_status api_notes_create(struct req *r)
{
	int64_t pid;
	bool ok = req_param_id(r, "id", &pid);
	if (!jv_check(r->body, fields, &r->ctx.errors) || !ok)
		return CB_ERR_INVALID;
	struct note n;
	enum cb_status st = note_add(&r->ctx, pid, jv_str(r->body, "kind"), jv_str(r->body, "date"),
				     jv_str(r->body, "text"), &n);
	if (st != CB_OK)
		return st;
	req_json(r, 201, api_note_json(&n));
	return CB_OK;
}

enum cb_status api_notes_delete(struct req *r)
{
	int64_t pid, nid;
	bool ok = req_param_id(r, "id", &pid);
	if (!req_param_id(r, "note_id", &nid) || !ok)
		return CB_ERR_INVALID;
	enum cb_status st = note_delete(&r->ctx, pid, nid);
	if (st == CB_OK)
		req_no_content(r);
	return st;
}
