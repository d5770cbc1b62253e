/*
 * test_db.c — store-level behaviour: URLs printed without their password, foreign and
 * empty databases before migration, snapshot reads, SQLite's RETURNING id without a
 * RETURNING clause and the several-row INSERT text, and (when CHANNELBASE_TEST_PG names a
 * server, as under tests/with-pg.sh) the PostgreSQL driver's snapshot, statement timeout
 * (and the migration lock's wait, which it does not cut off), transaction-scoped key locks
 * and read-only-server handling.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "store/db.h"
#include "store/migrate.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static void redacts(const char *url, const char *want)
{
	char buf[256];
	assert_string_equal(db_url_redacted(url, buf, sizeof buf), want);
}

static void test_url_redacted(void **state)
{
	(void)state;
	redacts("postgres://cb:s3cret@db.internal:5432/channelbase?sslmode=require",
		"postgres://cb:***@db.internal:5432/channelbase?sslmode=require");
	redacts("postgresql://cb@db/x", "postgresql://cb@db/x");
	redacts("postgres://db:5432/x", "postgres://db:5432/x");
	redacts("postgres://cb@db/x?sslmode=require&password=s3cret&application_name=a",
		"postgres://cb@db/x?sslmode=require&password=***&application_name=a");
	redacts("postgres://cb@db/x?password=s3cret", "postgres://cb@db/x?password=***");
	redacts("postgres://u:p:w@h1:5432,h2:5432/x?target_session_attrs=read-write",
		"postgres://u:***@h1:5432,h2:5432/x?target_session_attrs=read-write");
	redacts("foo://u:pw@host", "foo://u:***@host");
	redacts("/var/lib/channelbase/channelbase.db", "/var/lib/channelbase/channelbase.db");
	redacts("sqlite:./data/a:b@c.db", "sqlite:./data/a:b@c.db");
	redacts("", "");
	char small[12];
	assert_string_equal(db_url_redacted("postgres://u:secret@h/db", small, sizeof small), "postgres://");
	assert_string_equal(db_url_redacted(NULL, small, sizeof small), "");
}

static char *temp_db(void)
{
	static char path[64];
	snprintf(path, sizeof path, "/tmp/cb-test-db-XXXXXX");
	int fd = mkstemp(path);
	assert_true(fd >= 0);
	close(fd);
	return path;
}

/* A new temporary database and one or two connections to it (b may be NULL); returns
 * its path. */
static char *open_temp(struct db **a, struct db **b)
{
	char *path = temp_db();
	char err[256];
	assert_int_equal(db_open(path, DB_OPEN_EXISTING, a, err, sizeof err), CB_OK);
	if (b)
		assert_int_equal(db_open(path, DB_OPEN_EXISTING, b, err, sizeof err), CB_OK);
	return path;
}

static void test_foreign_database_untouched(void **state)
{
	(void)state;
	struct db *db;
	char *path = open_temp(&db, NULL);
	char err[256];
	/* empty: version 0, and reading it creates nothing */
	int cur = -1, latest = 0;
	assert_int_equal(migrate_versions(db, &cur, &latest), CB_OK);
	assert_int_equal(cur, 0);
	assert_true(latest >= 3);
	struct db_stmt *st;
	bool row;
	assert_int_equal(db_prepare_columns(db, &st), CB_OK);
	assert_int_equal(db_step(st, &row), CB_OK);
	assert_false(row);
	db_done(st);
	/* someone else's tables: refused, with a message, and still nothing created */
	assert_int_equal(db_exec(db, "CREATE TABLE invoices (id INTEGER PRIMARY KEY)"), CB_OK);
	assert_int_equal(migrate_versions(db, &cur, &latest), CB_ERR_USAGE);
	assert_non_null(strstr(db_errmsg(db), "not a Channelbase database"));
	int applied = -1;
	assert_int_not_equal(migrate_run(db, &applied, err, sizeof err), CB_OK);
	assert_non_null(strstr(err, "not a Channelbase database"));
	assert_int_equal(applied, 0);
	assert_int_equal(db_prepare(db, "SELECT count(*) FROM sqlite_schema WHERE name = 'schema_migrations'", &st), CB_OK);
	assert_int_equal(db_step(st, &row), CB_OK);
	assert_int_equal(db_col_int(st, 0), 0);
	db_done(st);
	db_close(db);
	unlink(path);
}

static void test_migrate_twice(void **state)
{
	(void)state;
	struct db *a, *b;
	char *path = open_temp(&a, &b);
	char err[256];
	int applied = 0;
	assert_int_equal(migrate_run(a, &applied, err, sizeof err), CB_OK);
	assert_true(applied >= 3);
	assert_int_equal(migrate_run(b, &applied, err, sizeof err), CB_OK);
	assert_int_equal(applied, 0);
	db_close(a);
	db_close(b);
	unlink(path);
}

static int64_t count(struct db *db, const char *sql)
{
	struct db_stmt *st;
	bool row;
	assert_int_equal(db_prepare(db, sql, &st), CB_OK);
	assert_int_equal(db_step(st, &row), CB_OK);
	assert_true(row);
	int64_t n = db_col_int(st, 0);
	db_done(st);
	return n;
}

/* A snapshot transaction on `r` does not see rows `w` commits after its first read. */
static void check_snapshot(struct db *r, struct db *w, const char *table)
{
	char ins[128], sel[128];
	snprintf(ins, sizeof ins, "INSERT INTO %s (x) VALUES (1)", table);
	snprintf(sel, sizeof sel, "SELECT count(*) FROM %s", table);
	assert_int_equal(db_exec(w, ins), CB_OK);
	assert_int_equal(db_begin_snapshot(r), CB_OK);
	assert_int_equal(db_no_timeout(r), CB_OK);
	assert_int_equal(count(r, sel), 1);
	db_forget(r, sel);
	assert_int_equal(db_exec(w, ins), CB_OK);
	assert_int_equal(count(r, sel), 1);
	db_forget(r, sel);
	assert_int_equal(db_commit(r), CB_OK);
	assert_int_equal(count(r, sel), 2);
	db_forget(r, sel);
}

static void test_sqlite_snapshot(void **state)
{
	(void)state;
	struct db *r, *w;
	char *path = open_temp(&w, &r);
	assert_int_equal(db_exec(w, "CREATE TABLE snap (x INTEGER)"), CB_OK);
	check_snapshot(r, w, "snap");
	db_close(r);
	db_close(w);
	unlink(path);
}

/* A one-row INSERT … RETURNING id runs without RETURNING on SQLite and answers with the
 * new rowid; an INSERT that wrote nothing answers no row; one that wrote several is an
 * error, not the last id. db_insert_sql's statements write all their rows. */
static void test_sqlite_returning_id(void **state)
{
	(void)state;
	struct db *db;
	char *path = open_temp(&db, NULL);
	assert_int_equal(db_exec(db, "CREATE TABLE r (id INTEGER PRIMARY KEY, v TEXT UNIQUE)"), CB_OK);
	static const char one[] = "INSERT INTO r (v) VALUES ($1) RETURNING id";
	int64_t ids[2];
	for (int i = 0; i < 2; i++) {
		struct db_stmt *st;
		assert_int_equal(db_prepare(db, one, &st), CB_OK);
		db_bind_text(st, 1, i ? "b" : "a");
		bool row;
		assert_int_equal(db_step(st, &row), CB_OK);
		assert_true(row);
		assert_int_equal(db_col_count(st), 1);
		ids[i] = db_col_int(st, 0);
		assert_int_equal(db_step(st, &row), CB_OK);
		assert_false(row);
		db_done(st);
	}
	assert_true(ids[0] > 0 && ids[1] == ids[0] + 1);
	static const char dup[] = "INSERT INTO r (v) VALUES ($1) RETURNING id";
	struct db_stmt *st;
	assert_int_equal(db_prepare(db, dup, &st), CB_OK);
	db_bind_text(st, 1, "a");
	bool row;
	assert_int_equal(db_step(st, &row), CB_ERR_CONFLICT);
	db_done(st);
	static const char two[] = "INSERT INTO r (v) VALUES ($1), ($2) RETURNING id";
	assert_int_equal(db_prepare(db, two, &st), CB_OK);
	db_bind_text(st, 1, "c");
	db_bind_text(st, 2, "d");
	assert_int_equal(db_step(st, &row), CB_ERR_INTERNAL);
	db_done(st);
	static const char prefix[] = "INSERT INTO r (v)";
	const char *sql = db_insert_sql(prefix, 1, 3);
	assert_non_null(sql);
	assert_string_equal(sql, "INSERT INTO r (v) VALUES ($1), ($2), ($3)");
	assert_ptr_equal(db_insert_sql(prefix, 1, 3), sql);
	assert_null(db_insert_sql(prefix, 5, DB_MAX_ROWS + 1));
	assert_null(db_insert_sql(prefix, DB_MAX_PARAMS, 2));
	assert_int_equal(db_prepare(db, sql, &st), CB_OK);
	db_bind_text(st, 1, "e");
	db_bind_text_kept(st, 2, "f");
	db_bind_text(st, 3, "g");
	assert_int_equal(db_step(st, &row), CB_OK);
	assert_int_equal(db_changes(st), 3);
	db_done(st);
	db_close(db);
	unlink(path);
}

/* Equal versions mean the same data: only a commit moves it, by another connection
 * (another process in the server's case) or by this one. */
static void read_version(struct db *db, struct db_version *v)
{
	assert_int_equal(db_begin_read(db), CB_OK);
	assert_true(db_data_version(db, v));
	assert_int_equal(db_commit(db), CB_OK);
}

static void test_sqlite_data_version(void **state)
{
	(void)state;
	struct db *a, *b;
	char *path = open_temp(&a, &b);
	assert_false(db_is_remote(a)); /* a statement is a function call: no probes folded in */
	assert_int_equal(db_exec(a, "CREATE TABLE v (x INTEGER)"), CB_OK);
	struct db_version v1, v2;
	read_version(a, &v1);
	read_version(a, &v2);
	assert_true(db_version_equal(v1, v2));
	assert_int_equal(db_exec1_int(b, "INSERT INTO v (x) VALUES ($1)", 1), CB_OK);
	read_version(a, &v2);
	assert_false(db_version_equal(v1, v2));
	read_version(a, &v1);
	assert_int_equal(db_exec1_int(a, "UPDATE v SET x = $1", 2), CB_OK);
	read_version(a, &v2);
	assert_false(db_version_equal(v1, v2));
	/* A read in between changes nothing. */
	read_version(b, &v1);
	read_version(b, &v2);
	assert_true(db_version_equal(v1, v2));
	/* Another connection's version is never the same, even at the same counts. */
	read_version(a, &v1);
	v2.others = v1.others;
	v2.own = v1.own;
	assert_false(db_version_equal(v1, v2));
	db_close(b);
	db_close(a);
	unlink(path);
}

/* ---- PostgreSQL, when a test server is given ---- */

static char pg_url[512];
static char pg_table[32];

static int pg_setup(void **state)
{
	(void)state;
	const char *base = getenv("CHANNELBASE_TEST_PG");
	if (!base || !*base)
		return 0;
	snprintf(pg_url, sizeof pg_url, "%s/postgres", base);
	snprintf(pg_table, sizeof pg_table, "cb_unit_%ld", (long)getpid());
	return 0;
}

static struct db *pg_open(void)
{
	char err[256];
	struct db *db = NULL;
	if (db_open(pg_url, DB_OPEN_EXISTING, &db, err, sizeof err) != CB_OK)
		fail_msg("%s", err);
	return db;
}

static void test_pg_snapshot(void **state)
{
	(void)state;
	if (!pg_url[0])
		skip();
	struct db *r = pg_open(), *w = pg_open();
	/* PostgreSQL has no cheap data version: callers read again (token cache off). */
	struct db_version v;
	assert_false(db_data_version(r, &v));
	/* and every statement is a round trip (the partner record folds its probes in) */
	assert_true(db_is_remote(r));
	char sql[256];
	snprintf(sql, sizeof sql, "DROP TABLE IF EXISTS %s; CREATE TABLE %s (x BIGINT)", pg_table, pg_table);
	assert_int_equal(db_exec(w, sql), CB_OK);
	check_snapshot(r, w, pg_table);
	/* the snapshot is read-only */
	assert_int_equal(db_begin_snapshot(r), CB_OK);
	snprintf(sql, sizeof sql, "INSERT INTO %s (x) VALUES (2)", pg_table);
	assert_int_not_equal(db_exec(r, sql), CB_OK);
	db_rollback(r);
	snprintf(sql, sizeof sql, "DROP TABLE %s", pg_table);
	assert_int_equal(db_exec(w, sql), CB_OK);
	db_close(r);
	db_close(w);
}

static void test_pg_statement_timeout(void **state)
{
	(void)state;
	if (!pg_url[0])
		skip();
	setenv("CHANNELBASE_PG_STATEMENT_TIMEOUT", "50ms", 1);
	struct db *db = pg_open();
	unsetenv("CHANNELBASE_PG_STATEMENT_TIMEOUT");
	/* 200 ms is over the timeout on its own… */
	assert_int_equal(db_exec(db, "SELECT pg_sleep(0.2)"), CB_ERR_UNAVAILABLE);
	/* …but not in a transaction that lifted it, nor after it ends on the session default */
	assert_int_equal(db_begin(db), CB_OK);
	assert_int_equal(db_no_timeout(db), CB_OK);
	assert_int_equal(db_exec(db, "SELECT pg_sleep(0.2)"), CB_OK);
	assert_int_equal(db_commit(db), CB_OK);
	assert_int_equal(db_exec(db, "SELECT pg_sleep(0.2)"), CB_ERR_UNAVAILABLE);
	db_close(db);
	/* values that are no timeout refuse to connect */
	const char *bad[] = {"abc", "30x", "-1", "1.5s", "", NULL};
	for (int i = 0; bad[i]; i++) {
		if (!*bad[i])
			continue;
		setenv("CHANNELBASE_PG_STATEMENT_TIMEOUT", bad[i], 1);
		char err[256];
		struct db *x = NULL;
		assert_int_equal(db_open(pg_url, DB_OPEN_EXISTING, &x, err, sizeof err), CB_ERR_USAGE);
		assert_non_null(strstr(err, "CHANNELBASE_PG_STATEMENT_TIMEOUT"));
		assert_null(x);
	}
	unsetenv("CHANNELBASE_PG_STATEMENT_TIMEOUT");
}

/* Takes the migration lock if it is free (pg.c's key); true when taken. */
static bool try_migration_lock(struct db *db)
{
	struct db_stmt *st;
	bool row;
	assert_int_equal(db_prepare(db, "SELECT CASE WHEN pg_try_advisory_lock(1667394919) THEN 1 ELSE 0 END", &st),
			 CB_OK);
	assert_int_equal(db_step(st, &row), CB_OK);
	assert_true(row);
	bool taken = db_col_int(st, 0) == 1;
	db_done(st);
	return taken;
}

struct unlock_later {
	struct db *db;
	unsigned ms;
};

static void *unlock_after(void *arg)
{
	struct unlock_later *u = arg;
	usleep(u->ms * 1000);
	db_unlock_migrations(u->db);
	return NULL;
}

/* Waiting for the migration lock while another process migrates is not cut off by the
 * statement timeout (it made a second node fail to start); the timeout is back after. */
static void test_pg_migration_lock_wait_has_no_timeout(void **state)
{
	(void)state;
	if (!pg_url[0])
		skip();
	struct db *holder = pg_open();
	setenv("CHANNELBASE_PG_STATEMENT_TIMEOUT", "50ms", 1);
	struct db *waiter = pg_open();
	unsetenv("CHANNELBASE_PG_STATEMENT_TIMEOUT");
	assert_int_equal(db_lock_migrations(holder), CB_OK);
	assert_false(db_in_transaction(holder));
	struct unlock_later u = {holder, 300};
	pthread_t t;
	assert_int_equal(pthread_create(&t, NULL, unlock_after, &u), 0);
	assert_int_equal(db_lock_migrations(waiter), CB_OK); /* waits ~300 ms, over the 50 ms */
	assert_int_equal(pthread_join(t, NULL), 0);
	assert_false(db_in_transaction(waiter));
	/* the lock is the waiter's now, and outlived the transaction it was taken in */
	assert_false(try_migration_lock(holder));
	/* the waiter's statement timeout applies again */
	assert_int_equal(db_exec(waiter, "SELECT pg_sleep(0.2)"), CB_ERR_UNAVAILABLE);
	db_unlock_migrations(waiter);
	assert_true(try_migration_lock(holder));
	db_unlock_migrations(holder);
	db_close(waiter);
	db_close(holder);
}

/* db_lock_key: a second transaction locking the same key waits for the first to end; a
 * different key does not; outside a transaction it is refused. */
static void test_pg_lock_key(void **state)
{
	(void)state;
	if (!pg_url[0])
		skip();
	struct db *a = pg_open();
	setenv("CHANNELBASE_PG_STATEMENT_TIMEOUT", "100ms", 1);
	struct db *b = pg_open();
	unsetenv("CHANNELBASE_PG_STATEMENT_TIMEOUT");
	assert_int_equal(db_lock_key(a, "unit:AE"), CB_ERR_INTERNAL);
	assert_int_equal(db_begin(a), CB_OK);
	assert_int_equal(db_lock_key(a, "unit:AE"), CB_OK);
	assert_int_equal(db_lock_key(a, "unit:AE"), CB_OK); /* again in one transaction: fine */
	assert_int_equal(db_begin(b), CB_OK);
	assert_int_equal(db_lock_key(b, "unit:OM"), CB_OK);
	/* the same key waits (here: past b's 100 ms statement timeout) */
	assert_int_equal(db_lock_key(b, "unit:AE"), CB_ERR_UNAVAILABLE);
	db_rollback(b);
	assert_int_equal(db_commit(a), CB_OK); /* the end of a's transaction frees it */
	assert_int_equal(db_begin(b), CB_OK);
	assert_int_equal(db_lock_key(b, "unit:AE"), CB_OK);
	assert_int_equal(db_commit(b), CB_OK);
	db_close(b);
	db_close(a);
}

static void test_pg_read_only_server_reconnects(void **state)
{
	(void)state;
	if (!pg_url[0])
		skip();
	struct db *db = pg_open();
	char sql[256];
	snprintf(sql, sizeof sql, "DROP TABLE IF EXISTS %s_ro; CREATE TABLE %s_ro (x BIGINT)", pg_table, pg_table);
	assert_int_equal(db_exec(db, sql), CB_OK);
	/* as a standby would: every transaction read-only for this session */
	assert_int_equal(db_exec(db, "SET default_transaction_read_only = on"), CB_OK);
	snprintf(sql, sizeof sql, "INSERT INTO %s_ro (x) VALUES (1)", pg_table);
	assert_int_equal(db_exec(db, sql), CB_ERR_UNAVAILABLE);
	/* the next use reconnects: a fresh session, writable again */
	assert_int_equal(db_exec(db, sql), CB_OK);
	snprintf(sql, sizeof sql, "DROP TABLE %s_ro", pg_table);
	assert_int_equal(db_exec(db, sql), CB_OK);
	db_close(db);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_url_redacted),
		cmocka_unit_test(test_foreign_database_untouched),
		cmocka_unit_test(test_migrate_twice),
		cmocka_unit_test(test_sqlite_snapshot),
		cmocka_unit_test(test_sqlite_returning_id),
		cmocka_unit_test(test_sqlite_data_version),
		cmocka_unit_test(test_pg_snapshot),
		cmocka_unit_test(test_pg_statement_timeout),
		cmocka_unit_test(test_pg_migration_lock_wait_has_no_timeout),
		cmocka_unit_test(test_pg_lock_key),
		cmocka_unit_test(test_pg_read_only_server_reconnects),
	};
	return cmocka_run_group_tests_name("db", tests, pg_setup, NULL);
}
