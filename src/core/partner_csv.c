/*
 * partner_csv.c — CSV import and CSV/JSON export of partners.
 */
#include "partner_csv.h"

#include "../base/arena.h"
#include "../base/str.h"
#include "../store/db.h"
#include "partner.h"

#include <csv.h>
#include <string.h>

#define MAX_COLS 64
#define MAX_CELL 20000
#define MAX_ROWS 1000000

struct row {
	const char *cell[MAX_COLS];
	size_t ncells;
	size_t line;
};

struct parse {
	struct arena *arena;
	struct row *rows;
	size_t nrows, cap;
	struct row cur;
	size_t line;
	bool too_wide, too_long;
};

static void on_field(void *data, size_t len, void *p_)
{
	struct parse *p = p_;
	if (p->cur.ncells >= MAX_COLS) {
		p->too_wide = true;
		return;
	}
	if (len > MAX_CELL) {
		p->too_long = true;
		len = MAX_CELL;
	}
	p->cur.cell[p->cur.ncells++] = arena_strndup(p->arena, data ? data : "", data ? len : 0);
}

static void on_row(int c, void *p_)
{
	(void)c;
	struct parse *p = p_;
	p->line++;
	if (p->cur.ncells == 1 && p->cur.cell[0][0] == '\0') { /* blank line */
		p->cur.ncells = 0;
		return;
	}
	if (p->nrows == p->cap) {
		size_t cap = p->cap ? p->cap * 2 : 256;
		struct row *nr = arena_alloc(p->arena, sizeof *nr * cap);
		if (p->nrows)
			memcpy(nr, p->rows, sizeof *nr * p->nrows);
		p->rows = nr;
		p->cap = cap;
	}
	p->cur.line = p->line;
	if (p->nrows < MAX_ROWS)
		p->rows[p->nrows++] = p->cur;
	p->cur.ncells = 0;
}

static unsigned char sniff_delim(const char *s, size_t len)
{
	size_t commas = 0, semis = 0;
	bool q = false;
	for (size_t i = 0; i < len && s[i] != '\n'; i++) {
		if (s[i] == '"')
			q = !q;
		else if (!q && s[i] == ',')
			commas++;
		else if (!q && s[i] == ';')
			semis++;
	}
	return semis > commas ? ';' : ',';
}

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

static enum cb_status find_by_erp(struct cb_ctx *ctx, const char *erp, int64_t *id)
{
	struct db_stmt *st;
	enum cb_status rc = db_prepare(ctx->db, "SELECT id FROM partners WHERE erp_id = $1", &st);
	if (rc != CB_OK)
		return rc;
	db_bind_text(st, 1, erp);
	bool row;
	rc = db_step(st, &row);
	*id = rc == CB_OK && row ? db_col_int(st, 0) : 0;
	db_done(st);
	return rc;
}

/* Moves the errors a core call added since `mark` under "line N: field". */
static void prefix_errors(struct cb_ctx *ctx, size_t mark, size_t line)
{
	struct cb_errors *e = &ctx->errors;
	for (size_t i = mark; i < e->count; i++)
		e->items[i].field = arena_printf(ctx->arena, "line %zu: %s", line, e->items[i].field ? e->items[i].field : "row");
	if (e->detail && e->count == mark) {
		errors_add(e, arena_printf(ctx->arena, "line %zu: row", line), "%s", e->detail);
	}
	e->detail = NULL;
}

enum cb_status partner_import_csv(struct cb_ctx *ctx, const char *data, size_t len, bool dry_run,
				  struct import_report *out)
{
	memset(out, 0, sizeof *out);
	out->dry_run = dry_run;
	struct cb_errors *errs = &ctx->errors;
	if (len >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0) {
		data += 3;
		len -= 3;
	}
	if (!utf8_valid(data, len)) {
		errors_add(errs, "file", "is not valid UTF-8 text");
		return CB_ERR_INVALID;
	}
	struct csv_parser cp;
	if (csv_init(&cp, CSV_STRICT | CSV_STRICT_FINI | CSV_APPEND_NULL) != 0)
		return CB_ERR_INTERNAL;
	csv_set_delim(&cp, sniff_delim(data, len));
	struct parse p = {.arena = ctx->arena};
	size_t done = csv_parse(&cp, data, len, on_field, on_row, &p);
	int fin = done == len ? csv_fini(&cp, on_field, on_row, &p) : -1;
	if (done != len || fin != 0) {
		errors_add(errs, arena_printf(ctx->arena, "line %zu", p.line + 1), "malformed CSV: %s",
			   csv_strerror(csv_error(&cp)));
		csv_free(&cp);
		return CB_ERR_RULE;
	}
	csv_free(&cp);
	if (p.too_wide || p.too_long) {
		errors_add(errs, "file", "rows may have at most %d columns of at most %d bytes", MAX_COLS, MAX_CELL);
		return CB_ERR_RULE;
	}
	if (p.nrows == 0) {
		errors_add(errs, "file", "is empty: the first line must name the columns");
		return CB_ERR_RULE;
	}
	struct row *hdr = &p.rows[0];
	int map[MAX_COLS];
	bool seen_name = false, seen_key = false;
	for (size_t c = 0; c < hdr->ncells; c++) {
		const char *h = str_lower(ctx->arena, str_trim(ctx->arena, hdr->cell[c]));
		map[c] = column_field(h);
		if (map[c] == -1)
			errors_add(errs, arena_printf(ctx->arena, "line 1: %s", h), "unknown column");
		for (size_t k = 0; k < c; k++)
			if (map[k] == map[c] && map[c] != -1)
				errors_add(errs, arena_printf(ctx->arena, "line 1: %s", h), "column appears twice");
		if (map[c] == PF_NAME || map[c] == PF_LEGAL_NAME)
			seen_name = true;
		if (map[c] == -2 || map[c] == PF_ERP_ID)
			seen_key = true;
	}
	if (!seen_name && !seen_key)
		errors_add(errs, "line 1", "needs a name column (to create partners) or an id or external_id column (to update them)");
	if (errors_any(errs))
		return CB_ERR_RULE;

	for (size_t r = 1; r < p.nrows; r++) {
		struct row *row = &p.rows[r];
		size_t mark = errs->count;
		out->rows++;
		if (row->ncells != hdr->ncells) {
			errors_add(errs, arena_printf(ctx->arena, "line %zu", row->line), "has %zu columns, the header has %zu",
				   row->ncells, hdr->ncells);
			continue;
		}
		struct partner_input in;
		memset(&in, 0, sizeof in);
		int64_t id = 0;
		bool bad = false;
		for (size_t c = 0; c < row->ncells; c++) {
			if (map[c] == -2) {
				const char *v = str_trim(ctx->arena, row->cell[c]);
				if (*v && !parse_i64(v, 1, INT64_MAX, &id)) {
					errors_add(errs, "id", "must be a partner id");
					bad = true;
				}
				continue;
			}
			enum pf_id f = (enum pf_id)map[c];
			if (pf_parse_text(ctx, f, row->cell[c], &in.v[f]) != CB_OK)
				bad = true;
			in.set[f] = true;
		}
		if (!bad && !id && in.set[PF_ERP_ID] && !in.v[PF_ERP_ID].null) {
			enum cb_status rc = find_by_erp(ctx, in.v[PF_ERP_ID].s, &id);
			if (rc != CB_OK)
				return rc;
		}
		if (!bad) {
			struct partner before, after;
			enum cb_status rc;
			if (id) {
				rc = partner_get(ctx, id, &before);
				if (rc == CB_ERR_NOT_FOUND)
					errors_add(errs, "id", "no partner with id %lld", (long long)id);
				else if (rc == CB_OK)
					rc = partner_update(ctx, id, &in, 0, &after);
				if (rc == CB_OK) {
					if (after.version != before.version)
						out->updated++;
					else
						out->unchanged++;
				}
			} else {
				rc = partner_create(ctx, &in, &after);
				if (rc == CB_OK)
					out->created++;
			}
			if (rc == CB_ERR_DB || rc == CB_ERR_UNAVAILABLE || rc == CB_ERR_INTERNAL || rc == CB_ERR_IO)
				return rc;
		}
		prefix_errors(ctx, mark, row->line);
		if (errs->count >= CB_ERRORS_MAX)
			break;
	}
	if (errors_any(errs)) {
		errors_detail(errs, "nothing was imported: fix the rows listed and import the file again");
		return CB_ERR_RULE;
	}
	if (dry_run)
		ctx->rollback_on_success = true;
	return CB_OK;
}

static void csv_cell(struct strbuf *out, const char *s, bool first)
{
	if (!first)
		sb_putc(out, ',');
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

enum cb_status partner_export(struct cb_ctx *ctx, enum export_format fmt, struct strbuf *out)
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
		struct partner_filter flt = {.sort = "created", .after = after, .limit = 200};
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
