/*
 * db.c — URL parsing, driver selection and the forwarding layer of db.h.
 */
#include "db.h"

#include "../base/arena.h"

#include "driver.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static bool has_prefix(const char *s, const char *p)
{
	return strncmp(s, p, strlen(p)) == 0;
}

enum cb_status db_open(const char *url, enum db_open_mode mode, struct db **out, char *err,
		       size_t errsz)
{
	*out = NULL;
	if (!url || !*url) {
		snprintf(err, errsz, "empty database URL");
		return CB_ERR_USAGE;
	}
	if (has_prefix(url, "postgres://") || has_prefix(url, "postgresql://"))
		return db_pg_ops.open(url, mode, out, err, errsz);
	const char *target = url;
	if (has_prefix(url, "sqlite://"))
		target = url + 9;
	else if (has_prefix(url, "sqlite:"))
		target = url + 7;
	else if (strstr(url, "://") || (strchr(url, ':') && !strchr(url, '/') && url[0] != '.')) {
		char shown[256];
		snprintf(err, errsz, "unknown database URL scheme in '%s' (use a path, sqlite:PATH or postgres://…)",
			 db_url_redacted(url, shown, sizeof shown));
		return CB_ERR_USAGE;
	}
	if (!*target) {
		snprintf(err, errsz, "database URL '%s' names no file", url);
		return CB_ERR_USAGE;
	}
	return db_sqlite_ops.open(target, mode, out, err, errsz);
}

void db_close(struct db *db)
{
	if (!db)
		return;
	struct db_sql *o = db->owned;
	db->ops->close(db);
	while (o) {
		struct db_sql *n = o->next;
		free(o);
		o = n;
	}
}

enum db_dialect db_dialect(const struct db *db) { return db->ops->dialect; }
const char *db_errmsg(const struct db *db) { return db->note[0] ? db->note : db->ops->errmsg(db); }

void db_set_errmsg(struct db *db, const char *msg) { snprintf(db->note, sizeof db->note, "%s", msg); }

/* Appends s[0..n) to buf at *k, never past bufsz - 1. */
static void put(char *buf, size_t bufsz, size_t *k, const char *s, size_t n)
{
	while (n-- && *k + 1 < bufsz)
		buf[(*k)++] = *s++;
	buf[*k] = '\0';
}

const char *db_url_redacted(const char *url, char *buf, size_t bufsz)
{
	if (!bufsz)
		return "";
	buf[0] = '\0';
	if (!url)
		return buf;
	size_t k = 0;
	const char *p = url;
	if (strstr(url, "://")) {
		p = strstr(url, "://") + 3;
		put(buf, bufsz, &k, url, (size_t)(p - url));
		size_t auth = strcspn(p, "/?#");
		const char *at = NULL;
		for (const char *q = p; q < p + auth; q++)
			if (*q == '@')
				at = q;
		const char *colon = at ? memchr(p, ':', (size_t)(at - p)) : NULL;
		if (colon) {
			put(buf, bufsz, &k, p, (size_t)(colon - p) + 1);
			put(buf, bufsz, &k, "***", 3);
			p = at;
		}
		/* password=… among the query parameters */
		const char *query = strchr(p, '?');
		while (query) {
			const char *param = query + 1;
			if (!strncmp(param, "password=", 9)) {
				put(buf, bufsz, &k, p, (size_t)(param + 9 - p));
				put(buf, bufsz, &k, "***", 3);
				p = param + 9 + strcspn(param + 9, "&#");
			}
			query = strchr(param, '&');
		}
	}
	put(buf, bufsz, &k, p, strlen(p));
	return buf;
}

bool db_in_transaction(const struct db *db) { return db->in_tx; }
bool db_is_remote(const struct db *db) { return db->ops->remote; }

/* Transaction control runs as cached statements: parsing "BEGIN" and "COMMIT" again for
 * every request showed up in profiles. */
static const char sql_commit[] = "COMMIT";

static enum cb_status run_cached(struct db *db, const char *sql)
{
	struct db_stmt *st;
	enum cb_status rc = db->ops->prepare(db, sql, &st);
	if (rc != CB_OK)
		return rc;
	bool row;
	rc = db->ops->step(st, &row);
	db->ops->done(st);
	return rc;
}

enum cb_status db_begin(struct db *db)
{
	enum cb_status st = run_cached(db, db->ops->begin_sql);
	if (st == CB_OK)
		db->in_tx = true;
	return st;
}

enum cb_status db_begin_snapshot(struct db *db)
{
	enum cb_status st = run_cached(db, db->ops->begin_snapshot_sql);
	if (st == CB_OK)
		db->in_tx = true;
	return st;
}

enum cb_status db_no_timeout(struct db *db)
{
	return db->ops->no_timeout_sql ? db->ops->exec(db, db->ops->no_timeout_sql) : CB_OK;
}

/* The wait is as long as another process's migrations, so it runs in a transaction that
 * lifts the statement timeout; the session lock outlives it (and the timeout is back). */
enum cb_status db_lock_migrations(struct db *db)
{
	if (!db->ops->lock_sql)
		return CB_OK;
	if (db->in_tx) {
		db_set_errmsg(db, "db_lock_migrations inside a transaction");
		return CB_ERR_INTERNAL;
	}
	bool locked = false;
	enum cb_status st = db_begin(db);
	if (st == CB_OK && (st = db_no_timeout(db)) == CB_OK && (st = db->ops->exec(db, db->ops->lock_sql)) == CB_OK) {
		locked = true;
		st = db_commit(db);
	}
	if (st != CB_OK) {
		db_rollback(db);
		if (locked)
			db_unlock_migrations(db);
	}
	return st;
}

void db_unlock_migrations(struct db *db)
{
	if (db->ops->unlock_sql)
		db->ops->exec(db, db->ops->unlock_sql);
}

enum cb_status db_begin_read(struct db *db)
{
	if (!db->ops->begin_read_sql) {
		/* The driver gains nothing from a read transaction: statements run on their own. */
		db->in_tx = db->tx_virtual = true;
		return CB_OK;
	}
	enum cb_status st = run_cached(db, db->ops->begin_read_sql);
	if (st == CB_OK)
		db->in_tx = true;
	return st;
}

enum cb_status db_commit(struct db *db)
{
	if (db->tx_virtual) {
		db->in_tx = db->tx_virtual = false;
		return CB_OK;
	}
	enum cb_status st = run_cached(db, sql_commit);
	if (st == CB_OK)
		db->in_tx = false;
	return st;
}

void db_rollback(struct db *db)
{
	if (!db->in_tx)
		return;
	db->ops->reset_all(db);
	if (!db->tx_virtual)
		db->ops->exec(db, "ROLLBACK");
	db->in_tx = db->tx_virtual = false;
}

enum cb_status db_lock_key(struct db *db, const char *key)
{
	if (!db->in_tx || db->tx_virtual) {
		db_set_errmsg(db, "db_lock_key outside a write transaction");
		return CB_ERR_INTERNAL;
	}
	return db->ops->lock_key_sql ? db_exec1_text(db, db->ops->lock_key_sql, key) : CB_OK;
}

enum cb_status db_exec(struct db *db, const char *sql)
{
	db->note[0] = '\0';
	return db->ops->exec(db, sql);
}
void db_forget(struct db *db, const char *sql) { db->ops->forget(db, sql); }

enum cb_status db_prepare(struct db *db, const char *sql, struct db_stmt **out)
{
	db->note[0] = '\0';
	return db->ops->prepare(db, sql, out);
}

void db_bind_int(struct db_stmt *st, int idx, int64_t v) { st->db->ops->bind_int(st, idx, v); }
void db_bind_text(struct db_stmt *st, int idx, const char *s) { st->db->ops->bind_text(st, idx, s); }

void db_bind_text_kept(struct db_stmt *st, int idx, const char *s)
{
	if (st->db->ops->bind_text_kept)
		st->db->ops->bind_text_kept(st, idx, s);
	else
		st->db->ops->bind_text(st, idx, s);
}
void db_bind_null(struct db_stmt *st, int idx) { st->db->ops->bind_null(st, idx); }
enum cb_status db_step(struct db_stmt *st, bool *row) { return st->db->ops->step(st, row); }
int64_t db_col_int(struct db_stmt *st, int col) { return st->db->ops->col_int(st, col); }
const char *db_col_text(struct db_stmt *st, int col) { return st->db->ops->col_text(st, col); }
bool db_col_null(struct db_stmt *st, int col) { return st->db->ops->col_null(st, col); }
int db_col_count(struct db_stmt *st) { return st->db->ops->col_count(st); }
const char *db_col_name(struct db_stmt *st, int col) { return st->db->ops->col_name(st, col); }
int64_t db_changes(struct db_stmt *st) { return st->db->ops->changes(st); }

enum cb_status db_step_ids(struct db_stmt *st, struct arena *a, int64_t **ids, size_t *n)
{
	size_t cap = 0;
	bool row;
	enum cb_status rc;
	*ids = NULL;
	*n = 0;
	while ((rc = db_step(st, &row)) == CB_OK && row) {
		if (*n == cap) {
			cap = cap ? cap * 2 : 16;
			int64_t *g = arena_alloc(a, sizeof *g * cap);
			if (*n)
				memcpy(g, *ids, sizeof *g * *n);
			*ids = g;
		}
		(*ids)[(*n)++] = db_col_int(st, 0);
	}
	return rc;
}

void db_done(struct db_stmt *st)
{
	if (st)
		st->db->ops->done(st);
}

void db_reset_all(struct db *db) { db->ops->reset_all(db); }

void db_bulk(struct db *db, bool on)
{
	if (db->ops->bulk)
		db->ops->bulk(db, on);
}

void db_batch_process(size_t bytes) { sqlite_batch_process(bytes); }

bool db_data_version(struct db *db, struct db_version *out)
{
	return db->ops->data_version && db->ops->data_version(db, out);
}

bool db_version_equal(struct db_version a, struct db_version b)
{
	return a.conn == b.conn && a.others == b.others && a.own == b.own;
}

enum cb_status db_ping(struct db *db)
{
	struct db_stmt *st;
	enum cb_status rc = db_prepare(db, "SELECT 1", &st);
	if (rc != CB_OK)
		return rc;
	bool row;
	rc = db_step(st, &row);
	db_done(st);
	return rc;
}

enum cb_status db_backup(struct db *db, const char *path, char *err, size_t errsz)
{
	return db->ops->backup(db, path, err, errsz);
}

/* Every text made, kept for the process: there are as many as (prefix, rows) pairs the
 * code uses, each a few hundred bytes. */
static struct insert_sql {
	const char *prefix;
	int rows;
	struct insert_sql *next;
	char sql[];
} *insert_sqls;
static pthread_mutex_t insert_sqls_lock = PTHREAD_MUTEX_INITIALIZER;

const char *db_insert_sql(const char *prefix, int cols, int rows)
{
	if (rows < 1 || rows > DB_MAX_ROWS || cols < 1 || rows * cols > DB_MAX_PARAMS)
		return NULL;
	pthread_mutex_lock(&insert_sqls_lock);
	struct insert_sql *e = insert_sqls;
	while (e && (e->prefix != prefix || e->rows != rows))
		e = e->next;
	size_t cap = strlen(prefix) + 16 + (size_t)rows * (size_t)cols * 8;
	if (!e && (e = malloc(sizeof *e + cap)) != NULL) {
		size_t n = (size_t)snprintf(e->sql, cap, "%s VALUES ", prefix);
		for (int r = 0, k = 1; r < rows; r++) {
			n += (size_t)snprintf(e->sql + n, cap - n, "%s(", r ? ", " : "");
			for (int c = 0; c < cols; c++, k++)
				n += (size_t)snprintf(e->sql + n, cap - n, "%s$%d", c ? ", " : "", k);
			n += (size_t)snprintf(e->sql + n, cap - n, ")");
		}
		e->prefix = prefix;
		e->rows = rows;
		e->next = insert_sqls;
		insert_sqls = e;
	}
	pthread_mutex_unlock(&insert_sqls_lock);
	return e ? e->sql : NULL;
}

enum cb_status db_exec1_int(struct db *db, const char *sql, int64_t a)
{
	struct db_stmt *st;
	enum cb_status rc = db_prepare(db, sql, &st);
	if (rc != CB_OK)
		return rc;
	db_bind_int(st, 1, a);
	bool row;
	rc = db_step(st, &row);
	db_done(st);
	return rc;
}

enum cb_status db_exec1_text(struct db *db, const char *sql, const char *a)
{
	struct db_stmt *st;
	enum cb_status rc = db_prepare(db, sql, &st);
	if (rc != CB_OK)
		return rc;
	db_bind_text(st, 1, a);
	bool row;
	rc = db_step(st, &row);
	db_done(st);
	return rc;
}

static const char sql_row_begin[] = "SAVEPOINT cb_row";
static const char sql_row_release[] = "RELEASE SAVEPOINT cb_row";
static const char sql_row_undo[] = "ROLLBACK TO SAVEPOINT cb_row";

enum cb_status db_row_begin(struct db *db)
{
	return db->ops->savepoints && db->in_tx && !db->tx_virtual ? run_cached(db, sql_row_begin) : CB_OK;
}

void db_row_end(struct db *db, bool keep)
{
	if (!db->ops->savepoints || !db->in_tx || db->tx_virtual)
		return;
	if (!keep)
		db->ops->reset_all(db);
	if (run_cached(db, keep ? sql_row_release : sql_row_undo) != CB_OK && keep)
		run_cached(db, sql_row_undo);
}

enum cb_status db_prepare_columns(struct db *db, struct db_stmt **out)
{
	return db->ops->prepare(db, db->ops->columns_sql, out);
}

enum cb_status db_defer_fk(struct db *db) { return db->ops->exec(db, db->ops->defer_fk_sql); }

enum cb_status db_after_copy(struct db *db, const char *table)
{
	return db->ops->after_copy ? db->ops->after_copy(db, table) : CB_OK;
}

enum cb_status db_load_begin(struct db *db, const char *table, const char *const *cols, int n)
{
	if (db->ops->load_begin)
		return db->ops->load_begin(db, table, cols, n);
	size_t len = strlen(table) + 64;
	for (int i = 0; i < n; i++)
		len += strlen(cols[i]) + 16;
	struct db_sql *q = malloc(sizeof *q + len);
	if (!q)
		return CB_ERR_INTERNAL;
	size_t k = (size_t)snprintf(q->text, len, "INSERT INTO \"%s\" (", table);
	for (int i = 0; i < n; i++)
		k += (size_t)snprintf(q->text + k, len - k, "%s\"%s\"", i ? ", " : "", cols[i]);
	k += (size_t)snprintf(q->text + k, len - k, ") VALUES (");
	for (int i = 0; i < n; i++)
		k += (size_t)snprintf(q->text + k, len - k, "%s$%d", i ? ", " : "", i + 1);
	snprintf(q->text + k, len - k, ")");
	q->next = db->owned;
	db->owned = q;
	db->load_cols = n;
	db->load_sql = q->text;
	return CB_OK;
}

enum cb_status db_load_row(struct db *db, const char *const *vals)
{
	if (db->ops->load_row)
		return db->ops->load_row(db, vals);
	struct db_stmt *st;
	enum cb_status rc = db_prepare(db, db->load_sql, &st);
	if (rc != CB_OK)
		return rc;
	for (int i = 0; i < db->load_cols; i++)
		db_bind_text(st, i + 1, vals[i]);
	bool row;
	rc = db_step(st, &row);
	db_done(st);
	return rc;
}

enum cb_status db_load_end(struct db *db)
{
	if (db->ops->load_end)
		return db->ops->load_end(db);
	db->load_sql = NULL;
	return CB_OK;
}
