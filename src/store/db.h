/*
 * db.h — the store interface: the only way the rest of Channelbase reaches a database.
 *
 * A `struct db` is one connection, used by one thread at a time; the opener owns it and
 * closes it with db_close(). SQL uses the portable subset described in
 * docs/architecture.md: `$1…$n` parameters, RETURNING, ON CONFLICT, CTEs. Dialect
 * differences live in the drivers (sqlite.c, and pg.c later) and in the per-dialect
 * migrations under schema/.
 *
 * Statements: db_prepare() returns a statement owned by the connection (cached by the
 * address of the SQL text, so pass string literals or other long-lived strings). Bind
 * with db_bind_*, iterate with db_step(), and hand it back with db_done(), which resets
 * it for reuse. db_reset_all() returns every outstanding statement (the request
 * dispatcher calls it after each request as a safety net). Text returned by
 * db_col_text() is valid until the next db_step()/db_done() on that statement.
 *
 * Errors: functions return CB_OK, CB_ERR_CONFLICT (unique/foreign-key violation),
 * CB_ERR_UNAVAILABLE (locked, busy or connection lost) or CB_ERR_DB; the driver's
 * message is in db_errmsg() and goes to the log, never to a client.
 */
#ifndef CB_DB_H
#define CB_DB_H

#include "../base/status.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

enum db_dialect { DB_SQLITE, DB_POSTGRES };

enum db_open_mode {
	DB_OPEN_EXISTING, /* fail when the database does not exist */
	DB_OPEN_CREATE,   /* create it (and its directory) when missing */
};

struct db;
struct db_stmt;

/* Opens `url` (a path, sqlite:PATH or postgres://…). On failure writes a one-line
 * reason into err and returns CB_ERR_USAGE (bad URL/scheme), CB_ERR_IO (cannot open)
 * or CB_ERR_UNAVAILABLE. */
enum cb_status db_open(const char *url, enum db_open_mode mode, struct db **out, char *err,
		       size_t errsz);
void db_close(struct db *db);
enum db_dialect db_dialect(const struct db *db);
/* The driver's last error message (never NULL). */
const char *db_errmsg(const struct db *db);
/* Sets the message db_errmsg() returns until the next statement (for errors found above
 * the driver, e.g. "not a Channelbase database"). */
void db_set_errmsg(struct db *db, const char *msg);

/* `url` fit for logs and output: the password of a URL (scheme://user:PASSWORD@… or a
 * password= parameter) replaced by "***"; paths unchanged. Writes into buf (cut to
 * bufsz) and returns it. */
const char *db_url_redacted(const char *url, char *buf, size_t bufsz);

/* Transactions. db_begin starts a write transaction; db_rollback never fails. */
enum cb_status db_begin(struct db *db);
/* A transaction for reading (a write inside it may still be attempted, best effort). */
enum cb_status db_begin_read(struct db *db);
/* A read-only transaction in which every statement sees one snapshot of the database, taken
 * at its first statement (PostgreSQL: REPEATABLE READ READ ONLY; SQLite: a deferred
 * transaction, which under WAL reads one snapshot). For copies and other long reads. */
enum cb_status db_begin_snapshot(struct db *db);
/* Lifts the driver's statement timeout until the end of the current transaction (copies
 * and migrations run as long as they must). A no-op where there is none. */
enum cb_status db_no_timeout(struct db *db);
/* A session-wide lock that serialises schema migrations between processes (PostgreSQL: an
 * advisory lock; SQLite: nothing, its write transactions serialise already). Blocks for as
 * long as another process migrates: the wait is not subject to the statement timeout (it
 * runs in a transaction of its own that lifts it; the lock outlives that transaction).
 * Call it outside any transaction. */
enum cb_status db_lock_migrations(struct db *db);
void db_unlock_migrations(struct db *db);
enum cb_status db_commit(struct db *db);
void db_rollback(struct db *db);
bool db_in_transaction(const struct db *db);
/* Whether each statement is a network round trip (PostgreSQL), not a function call
 * (SQLite): where a query may fold a small question into one it runs anyway. */
bool db_is_remote(const struct db *db);
/* Serialises the write transactions that lock the same `key` (any text), each holding the
 * lock until it ends: a rule checked by reading rows that a concurrent transaction could be
 * inserting (core's "no other partner holds an exclusive territory in this country") then
 * still holds at COMMIT. PostgreSQL: a transaction-scoped advisory lock on a hash of the key
 * (two keys may share a hash and wait for each other needlessly, never wrongly); SQLite:
 * nothing, its write transactions (BEGIN IMMEDIATE) serialise already. Blocks; the wait
 * counts against the statement timeout. CB_ERR_INTERNAL outside a db_begin() transaction. */
enum cb_status db_lock_key(struct db *db, const char *key);

/* Runs one or more statements without parameters (migrations, pragmas). */
enum cb_status db_exec(struct db *db, const char *sql);

enum cb_status db_prepare(struct db *db, const char *sql, struct db_stmt **out);
void db_bind_int(struct db_stmt *st, int idx, int64_t v);
void db_bind_text(struct db_stmt *st, int idx, const char *s); /* NULL binds SQL NULL */
/* The same for a string that stays unchanged until db_done(st) — an arena string of the
 * request, say: SQLite then reads it in place instead of copying it (every value of an
 * imported row was copied once more, a tenth of an import). */
void db_bind_text_kept(struct db_stmt *st, int idx, const char *s);
void db_bind_null(struct db_stmt *st, int idx);
/* Advances: *row is true when a row is available. */
enum cb_status db_step(struct db_stmt *st, bool *row);
int64_t db_col_int(struct db_stmt *st, int col);
const char *db_col_text(struct db_stmt *st, int col); /* NULL for SQL NULL */
bool db_col_null(struct db_stmt *st, int col);
/* Steps st to its end, collecting column 0 of every row as an integer into an array
 * allocated in arena `a` (*ids, *n; *ids is NULL when there is no row). Does not call
 * db_done(). For the ids an UPDATE … RETURNING id changed. */
struct arena;
enum cb_status db_step_ids(struct db_stmt *st, struct arena *a, int64_t **ids, size_t *n);
/* Columns of the current result (after a db_step that returned a row). */
int db_col_count(struct db_stmt *st);
const char *db_col_name(struct db_stmt *st, int col);
/* Rows changed by the last completed statement. */
int64_t db_changes(struct db_stmt *st);
void db_done(struct db_stmt *st);
void db_reset_all(struct db *db);
/* Drops the cached statement for `sql` (whose text is about to be freed). */
void db_forget(struct db *db, const char *sql);

/* A hint that a long write transaction (an import, demo data) follows or has ended:
 * the driver may use more cache for it. */
void db_bulk(struct db *db, bool on);

/* Called once, before the process opens its first database, by a command that runs one
 * long write transaction and exits (`import`, `demo`), with about how many bytes it will
 * write (0: unknown): the embedded engine may set the whole process up for it (SQLite: a
 * large batch's page cache on huge pages). Never in the server. */
void db_batch_process(size_t bytes);

/* Around one row of a batch that goes on after a failed row (an import): on drivers
 * where a failed statement spoils the transaction, a savepoint; elsewhere nothing.
 * db_row_end(db, false) undoes the row's writes where a savepoint was taken. */
enum cb_status db_row_begin(struct db *db);
void db_row_end(struct db *db, bool keep);

/* For copying whole databases (core/copy.c): a statement over (table, column) of every
 * table, ordered by table then column; deferring foreign-key checks to COMMIT in the
 * current transaction; and bringing a table's id generator past the copied rows. */
enum cb_status db_prepare_columns(struct db *db, struct db_stmt **out);
enum cb_status db_defer_fk(struct db *db);
enum cb_status db_after_copy(struct db *db, const char *table);
/* Bulk load of one table: rows of n text values each (NULL = SQL NULL). */
enum cb_status db_load_begin(struct db *db, const char *table, const char *const *cols, int n);
enum cb_status db_load_row(struct db *db, const char *const *vals);
enum cb_status db_load_end(struct db *db);

/* Checks the connection is alive (SELECT 1). */
enum cb_status db_ping(struct db *db);

/* Where the database stands, as seen by this connection inside its current transaction
 * (the read snapshot starts here if it had not): two calls that return equal versions
 * saw the same data. Every commit by any connection, this one included, gives a new
 * version. A cache of rows read on this connection stays good while the version does.
 * false when the driver cannot tell (PostgreSQL): read again. */
struct db_version {
	int64_t conn;   /* the connection: versions of different ones never compare equal */
	int64_t others; /* changes committed by other connections (SQLite: data_version) */
	int64_t own;    /* rows this connection wrote */
};

bool db_version_equal(struct db_version a, struct db_version b);
bool db_data_version(struct db *db, struct db_version *out);

/* Writes a consistent copy of the database to `path` while others keep using it.
 * SQLite only; other drivers return CB_ERR_USAGE with a reason in err. */
enum cb_status db_backup(struct db *db, const char *path, char *err, size_t errsz);

/* "PREFIX VALUES ($1, …, $COLS), ($COLS+1, …), …" with `rows` rows: one statement
 * writing several rows costs far less than as many one-row statements. The text is built
 * once per (prefix, rows) and kept for the process, since prepared statements are cached
 * by the address of their SQL; `prefix` must be a string constant. rows × cols ≤
 * DB_MAX_PARAMS and rows ≤ DB_MAX_ROWS; NULL beyond those or without memory. */
enum { DB_MAX_ROWS = 32, DB_MAX_PARAMS = 128 };
const char *db_insert_sql(const char *prefix, int cols, int rows);

/* Convenience: prepare, bind, step once, done. For statements that return no row. */
enum cb_status db_exec1_int(struct db *db, const char *sql, int64_t a);
/* The same with one text parameter. */
enum cb_status db_exec1_text(struct db *db, const char *sql, const char *a);

#endif
