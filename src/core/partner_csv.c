/*
 * partner_csv.c — CSV import and CSV/JSON export of partners.
 */
#include "partner_csv.h"

#include "../base/arena.h"
#include "../base/csvin.h"
#include "../base/normalize.h"
#include "../base/str.h"
#include "../store/db.h"
#include "partner.h"

#include <csv.h>
#include <string.h>

/* Column name → field id, or -2 for "id", -1 for unknown. */
static int column_field(const char *name)
{
	if (strcmp(name, "id") == 0)
		return -2;
	if (strcmp(name, "external_id") == 0 || strcmp(name, "erp_id") == 0)
		return PF_ERP_ID;
	if (strcmp(name, "crm_id") == 0)
		return PF_CRM_ID;
	return pf_find(name);
}

static const char *column_name(enum pf_id f)
{
	if (f == PF_ERP_ID)
		return "external_id";
	if (f == PF_CRM_ID)
		return "crm_id";
	return partner_fields[f].json;
}

enum cb_status partner_find_by_erp(struct cb_ctx *ctx, const char *erp, int64_t *id, bool *merged)
{
	*id = 0;
	*merged = false;
	struct db_stmt *st;
	enum cb_status rc = db_prepare(ctx->db, "SELECT id, merged_into FROM partners WHERE erp_id = $1", &st);
	if (rc != CB_OK)
		return rc;
	db_bind_text(st, 1, erp);
	bool row;
	rc = db_step(st, &row);
	int64_t next = 0;
	if (rc == CB_OK && row) {
		*id = db_col_int(st, 0);
		next = db_col_int(st, 1);
	}
	db_done(st);
	for (int hops = 0; rc == CB_OK && next && hops < 64; hops++) {
		*id = next;
		*merged = true;
		if ((rc = db_prepare(ctx->db, "SELECT merged_into FROM partners WHERE id = $1", &st)) != CB_OK)
			break;
		db_bind_int(st, 1, next);
		rc = db_step(st, &row);
		next = rc == CB_OK && row ? db_col_int(st, 0) : 0;
		db_done(st);
	}
	return rc;
}

/* A row without id or external_id names its partner by display name (legal name when it
 * has none) and country, compared as duplicate detection compares names (normalised):
 * one live partner → that one (so re-importing a keyless file changes nothing), none → a
 * new partner, several → the row is refused, since it cannot say which. */
static enum cb_status find_by_name(struct cb_ctx *ctx, const struct partner_input *in, int64_t *id)
{
	*id = 0;
	const struct pval *n = in->set[PF_NAME] && !in->v[PF_NAME].null ? &in->v[PF_NAME] : &in->v[PF_LEGAL_NAME];
	if (n->null || !n->s)
		return CB_OK;
	const char *norm = norm_name(ctx->arena, n->s);
	if (!*norm)
		return CB_OK;
	const char *country = in->set[PF_COUNTRY] && !in->v[PF_COUNTRY].null ? in->v[PF_COUNTRY].s : NULL;
	struct db_stmt *st;
	enum cb_status rc = db_prepare(ctx->db,
				       "SELECT id FROM partners WHERE name_norm = $1 AND merged_into IS NULL AND "
				       "(country = $2 OR (country IS NULL AND CAST($2 AS TEXT) IS NULL)) ORDER BY id LIMIT 2",
				       &st);
	if (rc != CB_OK)
		return rc;
	db_bind_text(st, 1, norm);
	if (country)
		db_bind_text(st, 2, country);
	else
		db_bind_null(st, 2);
	int found = 0;
	bool row;
	while ((rc = db_step(st, &row)) == CB_OK && row) {
		if (found++ == 0)
			*id = db_col_int(st, 0);
	}
	db_done(st);
	if (rc == CB_OK && found > 1) {
		*id = 0;
		errors_add(&ctx->errors, "name",
			   "several partners are called this%s%s; add an id or external_id column to say which",
			   country ? " in " : "", country ? country : "");
		return CB_ERR_RULE;
	}
	return rc;
}

static bool import_header(struct import *im, struct csvin_record *rec)
{
	struct cb_ctx *ctx = im->ctx;
	struct cb_errors *errs = &ctx->errors;
	bool seen_name = false, seen_key = false;
	if (rec->too_wide)
		errors_add(errs, "line 1", "has more than %d columns", CSVIN_MAX_COLS);
	for (size_t c = 0; c < rec->ncells; c++) {
		const char *h = str_lower(ctx->arena, str_trim(ctx->arena, rec->cell[c]));
		im->map[c] = column_field(h);
		if (im->map[c] == -1)
			errors_add(errs, arena_printf(ctx->arena, "line 1: %s", h), "unknown column");
		for (size_t k = 0; k < c; k++)
			if (im->map[k] == im->map[c] && im->map[c] != -1)
				errors_add(errs, arena_printf(ctx->arena, "line 1: %s", h), "column appears twice");
		if (im->map[c] == PF_NAME || im->map[c] == PF_LEGAL_NAME)
			seen_name = true;
		if (im->map[c] == -2 || im->map[c] == PF_ERP_ID)
			seen_key = true;
	}
	im->ncols = rec->ncells;
	if (!seen_name && !seen_key)
		errors_add(errs, "line 1", "needs a name column (to create partners) or an id or external_id column (to update them)");
	return !errors_any(errs);
}

/* One data row, run through the same core calls as the API. Allocations for the row go
 * to the record's scratch arena; errors are kept in the request's. */
static void import_row(struct import *im, struct csvin_record *rec)
{
	struct cb_ctx *ctx = im->ctx;
	struct cb_errors *errs = &ctx->errors;
	im->out->rows++;
	if (rec->too_wide || rec->too_long) {
		errors_add(errs, "row", "has more than %d columns or a cell over %d bytes", CSVIN_MAX_COLS,
			   CSVIN_MAX_CELL);
		return;
	}
	if (rec->ncells != im->ncols) {
		errors_add(errs, "row", "has %zu columns, the header has %zu", rec->ncells, im->ncols);
		return;
	}
	if (rec->has_nul) {
		int m = im->map[rec->nul_cell];
		errors_add(errs, m == -2 ? "id" : column_name((enum pf_id)m), "contains a NUL byte");
		return;
	}
	struct partner_input in;
	memset(&in, 0, sizeof in);
	int64_t id = 0;
	bool bad = false;
	for (size_t c = 0; c < rec->ncells; c++) {
		const char *cell = import_cell(rec->cell[c]);
		if (im->map[c] == -2) {
			const char *v = str_trim(ctx->arena, cell);
			if (*v && !parse_i64(v, 1, INT64_MAX, &id)) {
				errors_add(errs, "id", "must be a partner id");
				bad = true;
			}
			continue;
		}
		enum pf_id f = (enum pf_id)im->map[c];
		if (pf_parse_text(ctx, f, cell, &in.v[f]) != CB_OK)
			bad = true;
		in.set[f] = true;
	}
	if (bad)
		return;
	in.import = true;
	enum cb_status rc = CB_OK;
	bool merged = false;
	if (!id && in.set[PF_ERP_ID] && !in.v[PF_ERP_ID].null)
		rc = partner_find_by_erp(ctx, in.v[PF_ERP_ID].s, &id, &merged);
	/* A merged partner's ERP id names its survivor: the row updates that one, and the
	 * id stays with the merged record (the survivor has its own). */
	if (merged)
		in.set[PF_ERP_ID] = false;
	else if (!id && !(in.set[PF_ERP_ID] && !in.v[PF_ERP_ID].null))
		rc = find_by_name(ctx, &in, &id);
	struct partner before, after;
	if (rc == CB_OK && id) {
		rc = partner_get(ctx, id, &before);
		if (rc == CB_ERR_NOT_FOUND)
			errors_add(errs, "id", "no partner with id %lld", (long long)id);
		else if (rc == CB_OK)
			rc = partner_update(ctx, id, &in, 0, &after);
		if (rc == CB_OK) {
			if (after.version != before.version)
				im->out->updated++;
			else
				im->out->unchanged++;
		}
	} else if (rc == CB_OK) {
		rc = partner_create(ctx, &in, NULL);
		if (rc == CB_OK)
			im->out->created++;
	}
	if (rc == CB_ERR_DB || rc == CB_ERR_UNAVAILABLE || rc == CB_ERR_INTERNAL || rc == CB_ERR_IO)
		im->fatal = rc;
}

static enum cb_status import_flush(struct import *im)
{
	return partner_index_flush(im->ctx);
}

enum cb_status partner_import_csv(struct cb_ctx *ctx, const char *data, size_t len, bool dry_run,
				  struct import_report *out)
{
	struct import im = {.ctx = ctx, .out = out, .header = import_header, .row = import_row, .finish = import_flush};
	partner_index_defer(ctx);
	enum cb_status rc = import_run(&im, data, len, dry_run);
	partner_index_end(ctx);
	return rc;
}

static void csv_cell(struct strbuf *out, const char *s, bool first)
{
	if (!first)
		sb_putc(out, ',');
	if (import_formula_like(s)) /* shown as text by spreadsheets; import strips the quote */
		s = arena_printf(out->arena, "'%s", s);
	size_t n = strlen(s);
	bool plain = n > 0 && !strpbrk(s, ",;\"\r\n") && s[0] != ' ' && s[n - 1] != ' ';
	if (plain || n == 0) {
		sb_append(out, s, n);
		return;
	}
	char buf[4096];
	if (n * 2 + 2 <= sizeof buf) {
		size_t w = csv_write(buf, sizeof buf, s, n);
		sb_append(out, buf, w);
		return;
	}
	sb_putc(out, '"');
	for (const char *q = s; *q; q++) {
		if (*q == '"')
			sb_putc(out, '"');
		sb_putc(out, *q);
	}
	sb_putc(out, '"');
}

enum cb_status partner_export(struct cb_ctx *ctx, const struct partner_filter *filter, enum export_format fmt,
			      struct strbuf *out)
{
	if (fmt == EXPORT_CSV) {
		sb_puts(out, "id");
		for (int f = 0; f < PF_COUNT; f++)
			csv_cell(out, column_name(f), false);
		sb_puts(out, "\r\n");
	} else {
		sb_putc(out, '[');
	}
	int64_t after = 0;
	bool first_row = true;
	for (;;) {
		struct partner_filter flt = filter ? *filter : (struct partner_filter){0};
		if (!flt.sort)
			flt.sort = "created";
		flt.after = after;
		flt.limit = 200;
		struct partner_page page;
		enum cb_status rc = partner_list(ctx, &flt, &page);
		if (rc != CB_OK)
			return rc;
		for (size_t i = 0; i < page.count; i++) {
			struct partner p;
			if ((rc = partner_get(ctx, page.items[i].id, &p)) != CB_OK)
				return rc;
			if (fmt == EXPORT_CSV) {
				sb_printf(out, "%lld", (long long)p.id);
				for (int f = 0; f < PF_COUNT; f++)
					csv_cell(out, pf_text(ctx->arena, f, &p.f[f]), false);
				sb_puts(out, "\r\n");
			} else {
				json_t *j = partner_to_json(&p, principal_is_vendor(ctx->who), true);
				char *s = json_dumps(j, JSON_COMPACT | JSON_REAL_PRECISION(12));
				json_decref(j);
				if (!s)
					return CB_ERR_INTERNAL;
				if (!first_row)
					sb_putc(out, ',');
				sb_puts(out, s);
				free(s);
			}
			first_row = false;
		}
		if (!page.next_after)
			break;
		after = page.next_after;
	}
	if (fmt == EXPORT_JSON)
		sb_putc(out, ']');
	return out->overflow ? CB_ERR_TOO_LARGE : CB_OK;
}
