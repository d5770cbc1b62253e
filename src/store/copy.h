/*
 * copy.h — copying a whole Channelbase database from one store to another
 * (`channelbase copy --from URL --to URL`), SQLite ↔ PostgreSQL in either direction.
 *
 * Both databases must be at this binary's schema version (the target is migrated first;
 * the source is only read, in one read-only transaction over one snapshot, so tables
 * written meanwhile by a running server still agree with each other). Neither side has a
 * statement timeout during the copy. The target is written in one transaction: refused
 * when it already holds rows other than the tiers as seeded (tiers made, edited or
 * deleted count as data) unless `force`, emptied, loaded table by table with foreign-key checks deferred to COMMIT,
 * read back, and committed only when every table's row count and checksum match the
 * source's. The checksum is the sum of a 64-bit BLAKE2b hash of each row's values as
 * text, so it does not depend on row order or on the engine.
 */
#ifndef CB_COPY_H
#define CB_COPY_H

#include "db.h"

struct copy_table {
	const char *name;
	int64_t rows_from, rows_to;
	uint64_t sum_from, sum_to;
};

struct copy_report {
	struct copy_table *tables;
	int ntables;
};

/* On failure err holds a one-line reason; returns CB_ERR_USAGE (schema versions or
 * tables disagree), CB_ERR_CONFLICT (target not empty without force), CB_ERR_RULE
 * (a count or checksum differs after loading: nothing committed) or a database error. */
enum cb_status db_copy(struct db *from, struct db *to, bool force, struct copy_report *out, char *err,
		       size_t errsz);
void copy_report_free(struct copy_report *r);

#endif
