/*
 * migrate.h — numbered schema migrations, embedded in the binary.
 *
 * Migrations live in src/store/schema/<dialect>/NNN_name.sql. Each is applied in its own
 * transaction together with its row in schema_migrations, so a failed migration leaves
 * the database at the previous version.
 */
#ifndef CB_MIGRATE_H
#define CB_MIGRATE_H

#include "db.h"

/* Current version of the database (0 when empty) and the latest this binary knows. */
enum cb_status migrate_versions(struct db *db, int *current, int *latest);

/* Applies every pending migration. *applied gets how many ran. Returns
 * CB_ERR_SCHEMA_NEWER when the database is ahead of this binary; err explains. */
enum cb_status migrate_run(struct db *db, int *applied, char *err, size_t errsz);

#endif
