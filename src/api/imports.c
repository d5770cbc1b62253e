/*
 * imports.c — POST /api/v1/imports/partners and /imports/contacts (CSV body, ?dry_run=1) and
 * GET /api/v1/exports/partners.csv|.json (the list's filters and sort select what is written).
 */
#include "api.h"

#include "../base/str.h"
#include "../core/contact_csv.h"
#include "../core/partner.h"
#include "../core/partner_csv.h"

#include <string.h>
#include <strings.h>

typedef enum cb_status (*import_fn)(struct cb_ctx *ctx, const char *data, size_t len, bool dry_run,
				    struct import_report *out);

static enum cb_status import(struct req *r, import_fn fn)
{
	int dry;
	if (!req_query_bool(r, "dry_run", 0, &dry))
		return CB_ERR_INVALID;
	const char *ct = req_header(r, "Content-Type");
	if (!ct || !(strncasecmp(ct, "text/csv", 8) == 0 || strncasecmp(ct, "application/csv", 15) == 0 ||
		     strncasecmp(ct, "text/plain", 10) == 0)) {
		errors_detail(&r->ctx.errors, "send the file as the body with Content-Type: text/csv");
		return CB_ERR_MEDIA_TYPE;
	}
	struct import_report rep;
	enum cb_status st = fn(&r->ctx, r->raw_body ? r->raw_body : "", r->raw_len, dry != 0, &rep);
	if (st != CB_OK)
		return st;
	req_json(r, 200, json_pack("{s:b,s:I,s:I,s:I,s:I}", "dry_run", rep.dry_run, "rows", (json_int_t)rep.rows,
				   "created", (json_int_t)rep.created, "updated", (json_int_t)rep.updated, "unchanged",
				   (json_int_t)rep.unchanged));
	return CB_OK;
}

enum cb_status api_imports_partners(struct req *r) { return import(r, partner_import_csv); }
enum cb_status api_imports_contacts(struct req *r) { return import(r, contact_import_csv); }

static enum cb_status export(struct req *r, enum export_format fmt)
{
	struct partner_filter f;
	if (!api_partner_filter(r, &f))
		return CB_ERR_INVALID;
	struct strbuf sb;
	sb_init(&sb, r->ctx.arena, 1 << 16, 512u << 20);
	enum cb_status st = partner_export(&r->ctx, &f, fmt, &sb);
	if (st != CB_OK)
		return st;
	req_add_header(r, "Content-Disposition", fmt == EXPORT_CSV ? "attachment; filename=\"partners.csv\""
								   : "attachment; filename=\"partners.json\"");
	req_raw(r, 200, fmt == EXPORT_CSV ? "text/csv; charset=utf-8" : "application/json", sb.data, sb.len);
	return CB_OK;
}

enum cb_status api_exports_partners_csv(struct req *r) { return export(r, EXPORT_CSV); }
enum cb_status api_exports_partners_json(struct req *r) { return export(r, EXPORT_JSON); }
