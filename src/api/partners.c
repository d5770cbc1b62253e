/*
 * partners.c — /api/v1/partners: list and search, create, the 360° record, update with
 * optimistic concurrency (If-Match / ETag), and status transitions.
 */
#include "api.h"

#include "../base/arena.h"
#include "../base/jsonw.h"
#include "../base/jsonv.h"
#include "../base/str.h"
#include "../core/contact.h"
#include "../core/document.h"
#include "../core/note.h"
#include "../core/partner.h"
#include "../core/territory.h"

#include <stdlib.h>
#include <string.h>

json_t *api_partner_json(struct req *r, const struct partner *p, bool with_tags)
{
	return partner_to_json(p, principal_is_vendor(r->ctx.who), with_tags);
}

static void set_etag(struct req *r, const struct partner *p)
{
	struct strbuf sb;
	sb_init(&sb, r->ctx.arena, 24, 24); /* a quoted 64-bit integer */
	sb_putc(&sb, '"');
	sb_put_int(&sb, (long long)p->version);
	sb_putc(&sb, '"');
	req_add_header(r, "ETag", sb.data);
}

/* If-Match: "7", 7 or W/"7" → 7; absent → 0; anything else → error. */
static bool if_match(struct req *r, int64_t *version)
{
	const char *h = req_header(r, "If-Match");
	*version = 0;
	if (!h)
		return true;
	const char *s = h;
	if (strncmp(s, "W/", 2) == 0)
		s += 2;
	size_t n = strlen(s);
	if (n >= 2 && s[0] == '"' && s[n - 1] == '"')
		s = arena_strndup(r->ctx.arena, s + 1, n - 2);
	if (parse_i64(s, 1, INT64_MAX, version))
		return true;
	errors_add(&r->ctx.errors, "If-Match", "must be the partner's version (its ETag), e.g. \"3\"");
	return false;
}

bool api_partner_filter(struct req *r, struct partner_filter *f)
{
	*f = (struct partner_filter){
		.q = req_query(r, "q"), .country = req_query(r, "country"), .region = req_query(r, "region"),
		.type = req_query(r, "type"), .model = req_query(r, "model"), .tier = req_query(r, "tier"),
		.status = req_query(r, "status"), .segment = req_query(r, "segment"),
		.industry = req_query(r, "industry"), .sort = req_query(r, "sort"),
	};
	if (f->country) { /* as the body accepts it: ae = AE */
		char *up = arena_strdup(r->ctx.arena, f->country);
		for (char *c = up; *c; c++)
			if (*c >= 'a' && *c <= 'z')
				*c = (char)(*c - 'a' + 'A');
		f->country = up;
	}
	bool ok = req_query_int(r, "manager", 1, INT64_MAX, 0, &f->manager_id);
	if (f->q && strlen(f->q) > 200) {
		errors_add(&r->ctx.errors, "q", "must be at most 200 bytes");
		ok = false;
	}
	return ok;
}

enum cb_status api_partners_list(struct req *r)
{
	struct partner_filter f;
	int limit;
	bool ok = api_partner_filter(r, &f);
	int64_t after;
	ok = api_page_params(r, &limit, &after) && ok;
	f.after = after;
	if (!ok)
		return CB_ERR_INVALID;
	f.limit = limit;
	struct partner_page page;
	enum cb_status st = partner_list(&r->ctx, &f, &page);
	if (st != CB_OK)
		return st;
	/* Written directly: a page of 50 through jansson cost more than its queries. */
	struct strbuf *sb = req_page_body(r, 16384);
	bool vendor = principal_is_vendor(r->ctx.who);
	for (size_t i = 0; i < page.count; i++) {
		if (i)
			sb_putc(sb, ',');
		partner_write_json(sb, &page.items[i], vendor, false);
	}
	return req_page_send(r, sb, page.next_after);
}

enum cb_status api_partners_create(struct req *r)
{
	struct partner_input in;
	enum cb_status st = partner_input_json(&r->ctx, r->body, &in);
	if (st != CB_OK)
		return st;
	struct partner p;
	if ((st = partner_create(&r->ctx, &in, &p)) != CB_OK)
		return st;
	req_add_header(r, "Location", arena_printf(r->ctx.arena, "/api/v1/partners/%lld", (long long)p.id));
	set_etag(r, &p);
	req_json(r, 201, api_partner_json(r, &p, true));
	return CB_OK;
}

/* Appends `,"name":[…]`, each element written by `write`. */
#define PUT_LIST(sb, name, items, n, write)            \
	do {                                           \
		jw_key((sb), (name));                  \
		sb_putc((sb), '[');                    \
		API_WRITE_ALL((sb), (items), (n), write); \
		sb_putc((sb), ']');                    \
	} while (0)

enum cb_status api_partners_get(struct req *r)
{
	int64_t id;
	if (!req_param_id(r, "id", &id))
		return CB_ERR_INVALID;
	struct cb_ctx *ctx = &r->ctx;
	struct partner p;
	unsigned has;
	enum cb_status st = partner_get_record(ctx, id, &p, &has);
	if (st != CB_OK)
		return st;
	struct contact *cs = NULL;
	struct territory *ts = NULL;
	struct document *ds = NULL;
	struct note *ns = NULL;
	size_t nc = 0, nt = 0, nd = 0, nn = 0;
	int64_t notes_next;
	bool vendor = principal_is_vendor(ctx->who);
	if (((has & PS_CONTACTS) && (st = contact_list(ctx, id, &cs, &nc)) != CB_OK) ||
	    ((has & PS_TERRITORIES) && (st = territory_list(ctx, id, &ts, &nt)) != CB_OK) ||
	    ((has & PS_DOCUMENTS) && (st = document_list(ctx, id, &ds, &nd)) != CB_OK) ||
	    (vendor && (has & PS_NOTES) && (st = note_list(ctx, id, 0, 5, &ns, &nn, &notes_next)) != CB_OK))
		return st;
	/* The record is written straight into the body (the hot path of the console). */
	struct strbuf *sb = req_body(r, 8192);
	partner_write_json(sb, &p, vendor, true);
	sb->data[--sb->len] = '\0'; /* reopen the object: the writer ends with '}' */
	PUT_LIST(sb, "contacts", cs, nc, api_contact_write);
	PUT_LIST(sb, "territories", ts, nt, api_territory_write);
	PUT_LIST(sb, "documents", ds, nd, api_document_write);
	if (vendor)
		PUT_LIST(sb, "latest_notes", ns, nn, api_note_write);
	/* Filled by later capabilities (sales, pipeline, targets; training, certifications,
	 * tickets). Empty until then — never invented numbers. */
	sb_puts(sb, ",\"performance\":{},\"operations\":{}}");
	if ((st = req_send(r, 200, sb)) == CB_OK)
		set_etag(r, &p);
	return st;
}

enum cb_status api_partners_patch(struct req *r)
{
	int64_t id, version;
	bool ok = req_param_id(r, "id", &id);
	ok = if_match(r, &version) && ok;
	if (!ok)
		return CB_ERR_INVALID;
	struct partner_input in;
	enum cb_status st = partner_input_json(&r->ctx, r->body, &in);
	if (st != CB_OK)
		return st;
	struct partner p;
	if ((st = partner_update(&r->ctx, id, &in, version, &p)) != CB_OK)
		return st;
	set_etag(r, &p);
	req_json(r, 200, api_partner_json(r, &p, true));
	return CB_OK;
}

static const struct jv_field status_fields[] = {
	{"to", JV_STRING, JV_REQUIRED | JV_NONEMPTY, 20, 0, 0},
	{"reason", JV_STRING, JV_REQUIRED | JV_NONEMPTY, 1000, 0, 0},
	{NULL, 0, 0, 0, 0, 0},
};

enum cb_status api_partners_status(struct req *r)
{
	int64_t id, version;
	bool ok = req_param_id(r, "id", &id);
	ok = if_match(r, &version) && ok;
	ok = jv_check(r->body, status_fields, &r->ctx.errors) && ok;
	if (!ok)
		return CB_ERR_INVALID;
	struct partner p;
	enum cb_status st = partner_set_status(&r->ctx, id, jv_str(r->body, "to"), jv_str(r->body, "reason"), version, &p);
	if (st != CB_OK)
		return st;
	set_etag(r, &p);
	req_json(r, 200, api_partner_json(r, &p, true));
	return CB_OK;
}
