/*
 * contact_csv.c — CSV import of contacts, row by row through contact.c.
 */
#include "contact_csv.h"

#include "../base/arena.h"
#include "../base/csvin.h"
#include "../base/str.h"
#include "../store/db.h"
#include "contact.h"
#include "partner.h"

#include <jansson.h>
#include <string.h>
#include <strings.h>

enum col { C_PARTNER_ID, C_PARTNER_EXT, C_ID, C_NAME, C_TITLE, C_EMAIL, C_PHONE, C_ROLE, C_PRIMARY, C_COUNT };

static const char *const col_names[C_COUNT] = {
	"partner_id", "partner_external_id", "id", "name", "title", "email", "phone", "role", "primary",
};

static bool import_header(struct import *im, struct csvin_record *rec)
{
	struct cb_ctx *ctx = im->ctx;
	struct cb_errors *errs = &ctx->errors;
	bool seen[C_COUNT] = {false};
	if (rec->too_wide)
		errors_add(errs, "line 1", "has more than %d columns", CSVIN_MAX_COLS);
	for (size_t c = 0; c < rec->ncells; c++) {
		const char *h = str_lower(ctx->arena, str_trim(ctx->arena, rec->cell[c]));
		im->map[c] = -1;
		for (int k = 0; k < C_COUNT; k++)
			if (strcmp(h, col_names[k]) == 0)
				im->map[c] = k;
		if (im->map[c] < 0)
			errors_add(errs, arena_printf(ctx->arena, "line 1: %s", h), "unknown column; the columns are "
				   "partner_id, partner_external_id, id, name, title, email, phone, role, primary");
		else if (seen[im->map[c]])
			errors_add(errs, arena_printf(ctx->arena, "line 1: %s", h), "column appears twice");
		else
			seen[im->map[c]] = true;
	}
	im->ncols = rec->ncells;
	if (!seen[C_PARTNER_ID] && !seen[C_PARTNER_EXT])
		errors_add(errs, "line 1", "needs a partner_id or partner_external_id column");
	return !errors_any(errs);
}

/* The partner a row names, or 0 with an error added. */
static int64_t row_partner(struct import *im, const char *pid, const char *ext)
{
	struct cb_ctx *ctx = im->ctx;
	int64_t id = 0;
	struct db_stmt *st;
	const char *field = pid && *pid ? "partner_id" : "partner_external_id";
	if (pid && *pid) {
		if (!parse_i64(pid, 1, INT64_MAX, &id)) {
			errors_add(&ctx->errors, field, "must be a partner id");
			return 0;
		}
		im->fatal = db_prepare(ctx->db, "SELECT id FROM partners WHERE id = $1 AND merged_into IS NULL", &st);
		if (im->fatal)
			return 0;
		db_bind_int(st, 1, id);
	} else if (ext && *ext) {
		/* A merged partner's external id names the partner it was merged into. */
		bool merged;
		im->fatal = partner_find_by_erp(ctx, ext, &id, &merged);
		if (!im->fatal && !id)
			errors_add(&ctx->errors, field, "no partner %s", ext);
		return im->fatal ? 0 : id;
	} else {
		errors_add(&ctx->errors, "partner_id", "is required (or partner_external_id)");
		return 0;
	}
	bool row;
	enum cb_status rc = db_step(st, &row);
	int64_t found = rc == CB_OK && row ? db_col_int(st, 0) : 0;
	db_done(st);
	if (rc != CB_OK)
		im->fatal = rc;
	else if (!found)
		errors_add(&ctx->errors, field, "no partner %s", pid && *pid ? pid : ext);
	return found;
}

/* The contact a row updates: by id within the partner, else by e-mail. */
static bool same(const char *a, const char *b)
{
	return (!a && !b) || (a && b && strcmp(a, b) == 0);
}

static bool parse_flag(const char *v, bool *out)
{
	static const char *const yes[] = {"true", "yes", "1", "y"}, *const no[] = {"false", "no", "0", "n", ""};
	for (size_t i = 0; i < sizeof yes / sizeof *yes; i++)
		if (strcasecmp(v, yes[i]) == 0)
			return *out = true;
	for (size_t i = 0; i < sizeof no / sizeof *no; i++)
		if (strcasecmp(v, no[i]) == 0)
			return !(*out = false);
	return false;
}

static void import_row(struct import *im, struct csvin_record *rec)
{
	struct cb_ctx *ctx = im->ctx;
	struct cb_errors *errs = &ctx->errors;
	size_t mark = errs->count;
	im->out->rows++;
	if (rec->too_wide || rec->too_long || rec->ncells != im->ncols) {
		errors_add(errs, "row", "has %zu columns, the header has %zu (at most %d columns of %d bytes)", rec->ncells,
			   im->ncols, CSVIN_MAX_COLS, CSVIN_MAX_CELL);
		return;
	}
	if (rec->has_nul) {
		errors_add(errs, col_names[im->map[rec->nul_cell]], "contains a NUL byte");
		return;
	}
	const char *cell[C_COUNT] = {NULL};
	for (size_t c = 0; c < rec->ncells; c++)
		cell[im->map[c]] = str_trim(ctx->arena, import_cell(rec->cell[c]));
	int64_t partner_id = row_partner(im, cell[C_PARTNER_ID], cell[C_PARTNER_EXT]);
	int64_t id = 0;
	if (cell[C_ID] && *cell[C_ID] && !parse_i64(cell[C_ID], 1, INT64_MAX, &id))
		errors_add(errs, "id", "must be a contact id");
	json_t *body = json_object();
	arena_defer(ctx->arena, (void (*)(void *))json_decref, body);
	for (int k = C_NAME; k <= C_ROLE; k++)
		if (cell[k])
			json_object_set_new(body, col_names[k], k != C_NAME && k != C_ROLE && !*cell[k] ? json_null()
											 : json_string(cell[k]));
	bool primary;
	if (cell[C_PRIMARY] && !parse_flag(cell[C_PRIMARY], &primary))
		errors_add(errs, "primary", "must be true or false");
	else if (cell[C_PRIMARY])
		json_object_set_new(body, "primary", json_boolean(primary));
	if (im->fatal)
		return;
	struct contact cur = {0}, after;
	bool update = false;
	if (partner_id && errs->count == mark) {
		enum cb_status rc = contact_find(ctx, partner_id, id, cell[C_EMAIL], &cur);
		if (rc == CB_ERR_NOT_FOUND && id)
			errors_add(errs, "id", "partner %lld has no contact %lld", (long long)partner_id, (long long)id);
		else if (rc != CB_OK && rc != CB_ERR_NOT_FOUND)
			im->fatal = rc;
		update = rc == CB_OK;
	}
	struct contact_input in;
	size_t before_input = errs->count;
	contact_input_json(ctx, body, !update && !id, &in); /* validates and names every bad field */
	if (im->fatal || errs->count > mark || errs->count > before_input || !partner_id)
		return;
	enum cb_status rc;
	rc = update ? contact_update(ctx, partner_id, cur.id, &in, &after) : contact_create(ctx, partner_id, &in, &after);
	if (rc == CB_ERR_DB || rc == CB_ERR_UNAVAILABLE || rc == CB_ERR_INTERNAL || rc == CB_ERR_IO) {
		im->fatal = rc;
		return;
	}
	if (rc == CB_ERR_FORBIDDEN && errs->count == mark)
		errors_add(errs, "partner_id", "your role may not change this partner's contacts");
	if (rc != CB_OK)
		return;
	if (!update)
		im->out->created++;
	else if (same(cur.name, after.name) && same(cur.title, after.title) && same(cur.email, after.email) &&
		 same(cur.phone, after.phone) && same(cur.role, after.role) && cur.primary == after.primary)
		im->out->unchanged++;
	else
		im->out->updated++;
}

enum cb_status contact_import_csv(struct cb_ctx *ctx, const char *data, size_t len, bool dry_run,
				  struct import_report *out)
{
	struct import im = {.ctx = ctx, .out = out, .header = import_header, .row = import_row};
	return import_run(&im, data, len, dry_run);
}
