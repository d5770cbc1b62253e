/*
 * driver.h — private contract between db.c and the database drivers.
 *
 * A driver fills a struct db_ops; db.c forwards every public call through it. Drivers
 * embed `struct db` / `struct db_stmt` as the first member of their own structs.
 */
#ifndef CB_DB_DRIVER_H
#define CB_DB_DRIVER_H

#include "db.h"

struct db_ops {
	const char *name;
	enum db_dialect dialect;
	enum cb_status (*open)(const char *target, enum db_open_mode mode, struct db **out,
			       char *err, size_t errsz);
	void (*close)(struct db *db);
	const char *(*errmsg)(const struct db *db);
	enum cb_status (*exec)(struct db *db, const char *sql);
	enum cb_status (*prepare)(struct db *db, const char *sql, struct db_stmt **out);
	void (*bind_int)(struct db_stmt *st, int idx, int64_t v);
	void (*bind_text)(struct db_stmt *st, int idx, const char *s);
	/* Optional: the same without a copy (the caller keeps s until db_done). */
	void (*bind_text_kept)(struct db_stmt *st, int idx, const char *s);
	void (*bind_null)(struct db_stmt *st, int idx);
	enum cb_status (*step)(struct db_stmt *st, bool *row);
	int64_t (*col_int)(struct db_stmt *st, int col);
	const char *(*col_text)(struct db_stmt *st, int col);
	bool (*col_null)(struct db_stmt *st, int col);
	int (*col_count)(struct db_stmt *st);
	const char *(*col_name)(struct db_stmt *st, int col);
	int64_t (*changes)(struct db_stmt *st);
	void (*done)(struct db_stmt *st);
	void (*reset_all)(struct db *db);
	void (*forget)(struct db *db, const char *sql);
	void (*bulk)(struct db *db, bool on); /* optional: tune for one long write transaction */
	bool (*data_version)(struct db *db, struct db_version *out); /* optional */
	enum cb_status (*backup)(struct db *db, const char *path, char *err, size_t errsz);
	enum cb_status (*after_copy)(struct db *db, const char *table); /* optional; tables with an id */
	/* optional bulk load of one table; without it db.c inserts row by row */
	enum cb_status (*load_begin)(struct db *db, const char *table, const char *const *cols, int n);
	enum cb_status (*load_row)(struct db *db, const char *const *vals);
	enum cb_status (*load_end)(struct db *db);
	const char *begin_sql;
	const char *begin_read_sql; /* NULL: reads run without a transaction */
	const char *begin_snapshot_sql; /* a read-only transaction over one snapshot */
	const char *no_timeout_sql;     /* optional: lifts the statement timeout for this transaction */
	const char *lock_sql, *unlock_sql; /* optional: a session lock serialising migrations */
	const char *lock_key_sql; /* optional: a lock on text $1 held to the end of the transaction */
	/* true when a failed statement spoils the whole transaction (PostgreSQL), so a
	 * batch that goes on after a failed row needs a savepoint around each row */
	bool savepoints;
	/* true when each statement is a network round trip (PostgreSQL): one statement that
	 * does a little more beats another statement */
	bool remote;
	const char *defer_fk_sql; /* defers foreign-key checks to COMMIT in this transaction */
	const char *columns_sql;  /* (table, column) of every table, by table then column */
};

struct db {
	const struct db_ops *ops;
	char note[256]; /* an error db.c or migrate.c explains itself; db_errmsg() prefers it */
	bool in_tx;
	bool tx_virtual; /* a read "transaction" the driver runs without one (begin_read_sql NULL) */
	/* the generic bulk load: its INSERTs (kept until close, as statements are cached by
	 * the address of their text), the current one and its column count */
	struct db_sql *owned;
	const char *load_sql;
	int load_cols;
};

struct db_sql {
	struct db_sql *next;
	char text[];
};

struct db_stmt {
	struct db *db;
};

extern const struct db_ops db_sqlite_ops;
void sqlite_batch_process(size_t bytes);
extern const struct db_ops db_pg_ops;

#endif
