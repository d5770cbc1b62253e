/*
 * migrate.c — applies the embedded migrations for the connection's dialect.
 */
#include "migrate.h"

#include "../base/clock.h"
#include "../base/embed.h"
#include "../base/log.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

extern const struct embedded_file embedded_schema[];

static const char *dialect_dir(struct db *db)
{
	return db_dialect(db) == DB_SQLITE ? "sqlite/" : "pg/";
}

/* Migration number from "sqlite/001_foundation.sql", or -1. */
static int number_of(const char *path, const char *dir)
{
	size_t n = strlen(dir);
	if (strncmp(path, dir, n) != 0)
		return -1;
	const char *p = path + n;
	int v = 0, digits = 0;
	while (*p >= '0' && *p <= '9' && digits < 6) {
		v = v * 10 + (*p - '0');
		p++;
		digits++;
	}
	return digits == 3 && *p == '_' ? v : -1;
}

/* Whether schema_migrations exists, and whether any other table does. */
static enum cb_status inspect(struct db *db, bool *has_table, bool *has_others)
{
	*has_table = *has_others = false;
	struct db_stmt *st;
	enum cb_status rc = db_prepare_columns(db, &st);
	if (rc != CB_OK)
		return rc;
	bool row;
	while ((rc = db_step(st, &row)) == CB_OK && row) {
		const char *t = db_col_text(st, 0);
		if (t && !strcmp(t, "schema_migrations"))
			*has_table = true;
		else if (t)
			*has_others = true;
	}
	db_done(st);
	return rc;
}

/* CB_OK when db is Channelbase's or empty (*has_table tells which). */
static enum cb_status check_ours(struct db *db, bool *has_table)
{
	bool others;
	enum cb_status rc = inspect(db, has_table, &others);
	if (rc == CB_OK && !*has_table && others) {
		db_set_errmsg(db, "not a Channelbase database (it has tables but no schema_migrations)");
		return CB_ERR_USAGE;
	}
	return rc;
}

static int latest_known(struct db *db)
{
	int latest = 0;
	for (const struct embedded_file *f = embedded_schema; f->path; f++) {
		int v = number_of(f->path, dialect_dir(db));
		if (v > latest)
			latest = v;
	}
	return latest;
}

static enum cb_status read_version(struct db *db, int *current)
{
	struct db_stmt *s;
	enum cb_status st = db_prepare(db, "SELECT COALESCE(MAX(version), 0) FROM schema_migrations", &s);
	if (st != CB_OK)
		return st;
	bool row;
	st = db_step(s, &row);
	*current = st == CB_OK && row ? (int)db_col_int(s, 0) : 0;
	db_done(s);
	return st;
}

enum cb_status migrate_versions(struct db *db, int *current, int *latest)
{
	*latest = latest_known(db);
	*current = 0;
	bool has_table;
	enum cb_status st = check_ours(db, &has_table);
	if (st != CB_OK || !has_table)
		return st; /* an empty database is at version 0 */
	return read_version(db, current);
}

/* Applies migration v in its own transaction unless another process did meanwhile. */
static enum cb_status apply_one(struct db *db, int v, bool *done, char *err, size_t errsz)
{
	const struct embedded_file *mig = NULL;
	for (const struct embedded_file *f = embedded_schema; f->path; f++)
		if (number_of(f->path, dialect_dir(db)) == v)
			mig = f;
	if (!mig) {
		snprintf(err, errsz, "migration %03d is missing from this build", v);
		return CB_ERR_INTERNAL;
	}
	*done = false;
	int current = 0;
	enum cb_status st;
	/* SQLite's BEGIN IMMEDIATE takes the write lock, so the version read under it is
	 * final; on PostgreSQL the advisory lock of migrate_run() serialises the runs. */
	if ((st = db_begin(db)) != CB_OK || (st = db_no_timeout(db)) != CB_OK ||
	    (st = read_version(db, &current)) != CB_OK) {
		snprintf(err, errsz, "migration %s failed: %s", mig->path, db_errmsg(db));
		db_rollback(db);
		return st;
	}
	if (current >= v) {
		db_rollback(db);
		return CB_OK;
	}
	if ((st = db_exec(db, (const char *)mig->data)) != CB_OK) {
		snprintf(err, errsz, "migration %s failed: %s", mig->path, db_errmsg(db));
		db_rollback(db);
		return st;
	}
	struct db_stmt *s;
	if ((st = db_prepare(db, "INSERT INTO schema_migrations (version, name, applied_at) "
				 "VALUES ($1, $2, $3)", &s)) == CB_OK) {
		bool row;
		db_bind_int(s, 1, v);
		db_bind_text(s, 2, strchr(mig->path, '/') + 1);
		db_bind_int(s, 3, clock_now());
		st = db_step(s, &row);
		db_done(s);
	}
	if (st == CB_OK)
		st = db_commit(db);
	if (st != CB_OK) {
		snprintf(err, errsz, "recording migration %s failed: %s", mig->path, db_errmsg(db));
		db_rollback(db);
		return st;
	}
	log_event(LOG_INFO, "migration applied", "migration", mig->path, NULL);
	*done = true;
	return CB_OK;
}

static enum cb_status run_locked(struct db *db, int *applied, char *err, size_t errsz)
{
	int current, latest;
	enum cb_status st = migrate_versions(db, &current, &latest);
	if (st == CB_OK && current == 0)
		st = db_exec(db, "CREATE TABLE IF NOT EXISTS schema_migrations ("
				 "version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at BIGINT NOT NULL)");
	if (st != CB_OK) {
		snprintf(err, errsz, "cannot read schema version: %s", db_errmsg(db));
		return st;
	}
	if (current > latest) {
		snprintf(err, errsz,
			 "database schema version %d is newer than this binary's %d; upgrade channelbase",
			 current, latest);
		return CB_ERR_SCHEMA_NEWER;
	}
	for (int v = current + 1; v <= latest; v++) {
		bool done;
		if ((st = apply_one(db, v, &done, err, errsz)) != CB_OK)
			return st;
		*applied += done;
	}
	return CB_OK;
}

enum cb_status migrate_run(struct db *db, int *applied, char *err, size_t errsz)
{
	*applied = 0;
	/* Several nodes starting at once: one migrates, the others wait and then find the
	 * schema current. */
	enum cb_status st = db_lock_migrations(db);
	if (st != CB_OK) {
		snprintf(err, errsz, "cannot take the migration lock: %s", db_errmsg(db));
		return st;
	}
	st = run_locked(db, applied, err, errsz);
	db_unlock_migrations(db);
	return st;
}
