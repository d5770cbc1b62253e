/*
 * notes.c — /api/v1/partners/{id}/notes[/{note_id}] (vendor roles only).
 */
#include "api.h"

#include "../base/jsonw.h"
#include "../base/jsonv.h"
#include "../core/note.h"

void api_note_write(struct strbuf *sb, const struct note *n)
{
	sb_putc(sb, '{');
	jw_int(sb, "id", n->id);
	jw_int(sb, "partner_id", n->partner_id);
	jw_id(sb, "author_id", n->author_id);
	jw_str(sb, "author", n->author);
	jw_str(sb, "kind", n->kind);
	jw_str(sb, "date", n->day);
	jw_str(sb, "text", n->body);
	jw_time(sb, "created_at", n->created_at);
	sb_putc(sb, '}');
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
	struct strbuf *sb = req_page_body(r, 8192);
	API_WRITE_ALL(sb, ns, n, api_note_write);
	return req_page_send(r, sb, next);
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
	struct strbuf *sb = req_body(r, 1024);
	api_note_write(sb, &n);
	return req_send(r, 201, sb);
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
