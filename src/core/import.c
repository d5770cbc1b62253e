/*
 * import.c — shared ending and error naming of CSV imports.
 */
#include "import.h"

#include "../base/arena.h"
#include "../store/db.h"

#include <string.h>

bool import_formula_like(const char *s)
{
	while (*s == '\'')
		s++;
	return *s == '=' || *s == '+' || *s == '-' || *s == '@';
}

const char *import_cell(const char *cell)
{
	return cell[0] == '\'' && import_formula_like(cell) ? cell + 1 : cell;
}

void import_prefix_errors(struct cb_ctx *ctx, size_t mark, size_t line)
{
	struct cb_errors *e = &ctx->errors;
	for (size_t i = mark; i < e->count; i++)
		e->items[i].field = arena_printf(ctx->arena, "line %zu: %s", line, e->items[i].field ? e->items[i].field : "row");
	if (e->detail && e->count == mark)
		errors_add(e, arena_printf(ctx->arena, "line %zu: row", line), "%s", e->detail);
	e->detail = NULL;
}

enum cb_status import_finish(struct cb_ctx *ctx, enum csvin_result r, size_t line, const char *why, size_t ncols,
			     enum cb_status fatal, bool dry_run)
{
	struct cb_errors *errs = &ctx->errors;
	if (fatal)
		return fatal;
	if (r == CSVIN_NOT_UTF8) {
		errors_add(errs, "file", "is not valid UTF-8 text");
		return CB_ERR_INVALID;
	}
	if (r == CSVIN_MALFORMED)
		errors_add(errs, arena_printf(ctx->arena, "line %zu", line), "malformed CSV: %s", why);
	if (r == CSVIN_OK && ncols == 0)
		errors_add(errs, "file", "is empty: the first line must name the columns");
	if (errors_any(errs)) {
		errors_detail(errs, "nothing was imported: fix the rows listed and import the file again");
		return CB_ERR_RULE;
	}
	if (dry_run)
		ctx->rollback_on_success = true;
	return CB_OK;
}

static bool on_record(void *arg, struct csvin_record *rec)
{
	struct import *im = arg;
	struct cb_ctx *ctx = im->ctx;
	if (rec->record == 1)
		return im->header(im, rec);
	size_t mark = ctx->errors.count;
	struct arena *keep = ctx->arena;
	ctx->arena = rec->arena;
	/* A row that fails leaves the others importable (their errors are all reported):
	 * on PostgreSQL that needs a savepoint per row, elsewhere it costs nothing. */
	enum cb_status st = db_row_begin(ctx->db);
	if (st != CB_OK)
		im->fatal = st;
	else
		im->row(im, rec);
	db_row_end(ctx->db, st == CB_OK && ctx->errors.count == mark && !im->fatal);
	ctx->arena = keep;
	import_prefix_errors(ctx, mark, rec->line);
	return !im->fatal && ctx->errors.count < CB_ERRORS_MAX;
}

enum cb_status import_run(struct import *im, const char *data, size_t len, bool dry_run)
{
	memset(im->out, 0, sizeof *im->out);
	im->out->dry_run = dry_run;
	im->ncols = 0;
	im->fatal = CB_OK;
	size_t line;
	const char *why;
	db_bulk(im->ctx->db, true);
	enum csvin_result r = csvin_parse(data, len, on_record, im, &line, &why);
	if (im->finish && r == CSVIN_OK && !im->fatal && !errors_any(&im->ctx->errors) && !dry_run)
		im->fatal = im->finish(im);
	db_bulk(im->ctx->db, false);
	return import_finish(im->ctx, r, line, why, im->ncols, im->fatal, dry_run);
}
