/*
 * import.h — what every CSV batch import shares: its report, the way row errors are
 * named ("line N: field"), and the all-or-nothing ending.
 */
#ifndef CB_IMPORT_H
#define CB_IMPORT_H

#include "../base/csvin.h"
#include "../base/status.h"
#include "ctx.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct import_report {
	bool dry_run;
	int64_t rows, created, updated, unchanged;
};

#define IMPORT_MAX_BYTES (64u << 20)

/* One import in progress. A kind of import fills ctx, out, header, row (and finish) and calls
 * import_run(); header() maps the columns (errors under "line 1: …") and returns false
 * to stop; row() handles one record — its allocations go to the record's scratch arena,
 * its errors are named "line N: field" afterwards — and sets fatal on a database failure. */
struct import {
	struct cb_ctx *ctx;
	struct import_report *out;
	int map[CSVIN_MAX_COLS]; /* column → the kind's field number */
	size_t ncols;
	enum cb_status fatal;
	bool (*header)(struct import *im, struct csvin_record *rec);
	void (*row)(struct import *im, struct csvin_record *rec);
	/* Optional: writes what the rows held back, after the last row of a good file that
	 * is not a dry run (still under the import's bulk settings). */
	enum cb_status (*finish)(struct import *im);
};

/* Runs the whole file (all or nothing, see import_finish). */
enum cb_status import_run(struct import *im, const char *data, size_t len, bool dry_run);

/* Renames the errors added since `mark` to "line N: field" (and turns a bare detail
 * into one such error). */
/* Spreadsheet formula guard: an export cell that starts with = + - @ (after any leading
 * quotes) is written with one more leading ' so a spreadsheet shows it as text, and
 * import_cell() strips exactly that one quote, so export → import changes nothing. */
bool import_formula_like(const char *s);
const char *import_cell(const char *cell);

void import_prefix_errors(struct cb_ctx *ctx, size_t mark, size_t line);

/* The end of an import: fatal database errors first, then the file-level result, then
 * CB_ERR_RULE if any row was bad (nothing is written: the caller rolls back); a good
 * dry run asks the caller to roll back too. */
enum cb_status import_finish(struct cb_ctx *ctx, enum csvin_result r, size_t line, const char *why, size_t ncols,
			     enum cb_status fatal, bool dry_run);

#endif
