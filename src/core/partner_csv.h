/*
 * partner_csv.h — batch updates of partners from CSV, and export to CSV or JSON.
 *
 * Import: UTF-8 with or without BOM, comma or semicolon separated (decided from the header
 * line), RFC 4180 quoting (libcsv, strict). The header names columns by the API's field
 * names (`id`, `name`, `legal_name`, `country`, …, `industries` with values separated by
 * ';' or '|', `external_id` or `erp_id` for external_ids.erp, `crm_id`). Each row updates
 * the partner with that `id`, else the partner with that `external_id`, else creates one.
 * All rows run through the same core functions as the API (ownership, validation, audit).
 * Any bad row makes the whole import fail with every bad row reported ("line N: column:
 * reason") and nothing written; a dry run does all the work and then asks the caller to
 * roll back (ctx->rollback_on_success), so its report is exactly what a real run does.
 * Importing the same file twice changes nothing the second time.
 *
 * Export: every partner visible to the principal, ordered by id, as CSV with the same
 * header (so export → import reports zero changes) or as a JSON array.
 */
#ifndef CB_PARTNER_CSV_H
#define CB_PARTNER_CSV_H

#include "ctx.h"
#include "import.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct strbuf;

enum cb_status partner_import_csv(struct cb_ctx *ctx, const char *data, size_t len, bool dry_run,
				  struct import_report *out);

enum export_format { EXPORT_CSV, EXPORT_JSON };
/* Appends the partners `filter` selects (all, when NULL; its sort, else by creation) to out
 * (an arena strbuf with a large enough cap); the filter's cursor and limit are ignored. */
struct partner_filter;
enum cb_status partner_export(struct cb_ctx *ctx, const struct partner_filter *filter, enum export_format fmt,
			      struct strbuf *out);

#endif
