/*
 * pg.c — the PostgreSQL driver behind db.h, on libpq.
 *
 * One connection per thread, opened from a postgres:// or postgresql:// URL passed to
 * libpq unchanged (so sslmode, host lists, passfile… work as libpq documents them);
 * the driver adds application_name=channelbase, a 5 s connect timeout, TCP keepalives
 * (idle 30 s, then 3 probes 10 s apart) and a 30 s TCP user timeout unless the URL sets
 * them — so a primary that vanishes without closing the connection (power loss, a
 * network partition, a failover) makes the next call fail instead of hanging — and a
 * statement timeout after connecting: CHANNELBASE_PG_STATEMENT_TIMEOUT as milliseconds or
 * with a unit (ms, s, min), 0 for none, default 30 s; anything else refuses to connect.
 * Copies and migrations lift it for their transaction (db_no_timeout), and so does the
 * wait for the migration lock.
 *
 * Statements are prepared once per connection, lazily at their first step, under a name
 * derived from a counter, and cached by the address of their SQL text like the SQLite
 * driver's; a statement asked for while its cached copy is in use runs unprepared.
 * Parameters are sent as text and typed by the server from their context. A step
 * executes the statement and keeps the whole result; later steps walk its rows.
 *
 * A lost connection (server restart, network) makes the failing call return
 * CB_ERR_UNAVAILABLE and logs one line; the next call outside a transaction resets the
 * connection and, when that works, logs that it is back and re-prepares lazily. A write
 * refused because the server is read-only (SQLSTATE 25006: after a failover the
 * connection may reach a standby) counts as lost too, so the reset can find the new
 * primary (with a host list and target_session_attrs=read-write in the URL).
 */
#define _POSIX_C_SOURCE 200809L
#include "driver.h"

#include "../base/log.h"

#include <libpq-fe.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define PG_MAX_PARAMS 128
#define PG_CACHE_SLOTS 256
#define TEXT_OID 25

struct pg_stmt {
	struct db_stmt base;
	const char *sql;
	char name[24];
	unsigned gen;               /* connection generation it was prepared on; 0 = never */
	int nparams;
	Oid types[PG_MAX_PARAMS + 1];  /* [1..nparams]: 0 = the server infers it */
	char *vals[PG_MAX_PARAMS + 1]; /* [1..nparams], malloc'ed copies */
	PGresult *res;
	int row, nrows;
	int64_t changes;
	bool in_use;
	bool cached;
	struct pg_stmt *next;
};

struct pg_db {
	struct db base;
	PGconn *c;
	unsigned gen;  /* bumped on each (re)connection: prepared names are per connection */
	unsigned seq;  /* statement name counter */
	bool lost;     /* the connection failed; reset before the next use */
	long timeout_ms; /* statement_timeout set after each (re)connection */
	int load_cols; /* columns of the COPY in progress */
	char err[512];
	struct pg_stmt *cache[PG_CACHE_SLOTS];
	struct pg_stmt *uncached;
};

static struct pg_db *PG(const struct db *db) { return (struct pg_db *)db; }
static struct pg_stmt *PS(struct db_stmt *st) { return (struct pg_stmt *)st; }

static void set_err(struct pg_db *d, const char *msg)
{
	snprintf(d->err, sizeof d->err, "%s", msg && *msg ? msg : "unknown PostgreSQL error");
	size_t n = strlen(d->err);
	while (n && (d->err[n - 1] == '\n' || d->err[n - 1] == ' '))
		d->err[--n] = '\0';
}

/* Maps a failed result (or NULL) to a status, noting a lost connection. */
static enum cb_status map_result(struct pg_db *d, const PGresult *r)
{
	set_err(d, r ? PQresultErrorMessage(r) : PQerrorMessage(d->c));
	if (PQstatus(d->c) != CONNECTION_OK) {
		if (!d->lost)
			log_event(LOG_ERROR, "postgres connection lost", "error", d->err, NULL);
		d->lost = true;
		return CB_ERR_UNAVAILABLE;
	}
	const char *state = r ? PQresultErrorField(r, PG_DIAG_SQLSTATE) : NULL;
	if (!state)
		return CB_ERR_DB;
	if (!strcmp(state, "25006")) {
		/* read-only transaction: a standby (failover) — reconnect before the next use */
		log_event(LOG_ERROR, "postgres server is read-only; reconnecting", "error", d->err, NULL);
		d->lost = true;
		return CB_ERR_UNAVAILABLE;
	}
	if (!strcmp(state, "23505") || !strcmp(state, "23503"))
		return CB_ERR_CONFLICT; /* unique or foreign-key violation */
	if (!strncmp(state, "08", 2) || !strcmp(state, "40001") || !strcmp(state, "40P01") ||
	    !strcmp(state, "55P03") || !strcmp(state, "57014") || !strncmp(state, "57P", 3) ||
	    !strcmp(state, "53300"))
		return CB_ERR_UNAVAILABLE; /* connection, serialization, lock or statement timeout, shutdown, too many connections */
	return CB_ERR_DB;
}

/* CHANNELBASE_PG_STATEMENT_TIMEOUT: milliseconds, or a number with ms, s or min; 0 = none.
 * False for anything else (a typo must not silently mean 30 ms or no timeout). */
static bool parse_timeout(const char *t, long *ms)
{
	*ms = 30000;
	if (!t || !*t)
		return true;
	long v = 0;
	const char *p = t;
	if (*p < '0' || *p > '9')
		return false;
	for (; *p >= '0' && *p <= '9'; p++) {
		if (v > 100000000)
			return false;
		v = v * 10 + (*p - '0');
	}
	long mul = !*p || !strcmp(p, "ms") ? 1 : !strcmp(p, "s") ? 1000 : !strcmp(p, "min") ? 60000 : 0;
	if (!mul || v > 2147483647L / mul)
		return false;
	*ms = v * mul;
	return true;
}

static enum cb_status after_connect(struct pg_db *d)
{
	char sql[160];
	snprintf(sql, sizeof sql,
		 "SET statement_timeout = %ld; SET client_min_messages = warning; SET TIME ZONE 'UTC'",
		 d->timeout_ms);
	PGresult *r = PQexec(d->c, sql);
	enum cb_status st = PQresultStatus(r) == PGRES_COMMAND_OK ? CB_OK : map_result(d, r);
	PQclear(r);
	d->gen++;
	return st;
}

/* Before a use outside a transaction: reconnect when the connection was lost. */
static enum cb_status ensure(struct pg_db *d)
{
	if (!d->lost && PQstatus(d->c) == CONNECTION_OK)
		return CB_OK;
	if (d->base.in_tx && !d->base.tx_virtual)
		return CB_ERR_UNAVAILABLE;
	PQreset(d->c);
	if (PQstatus(d->c) != CONNECTION_OK) {
		set_err(d, PQerrorMessage(d->c));
		d->lost = true;
		return CB_ERR_UNAVAILABLE;
	}
	d->lost = false;
	enum cb_status st = after_connect(d);
	if (st == CB_OK)
		log_event(LOG_INFO, "postgres connection restored", NULL);
	return st;
}

static void pg_close(struct db *db);

static enum cb_status pg_open(const char *url, enum db_open_mode mode, struct db **out, char *err,
			      size_t errsz)
{
	(void)mode; /* a PostgreSQL database is created by its administrator, not by us */
	struct pg_db *d = calloc(1, sizeof *d);
	if (!d) {
		snprintf(err, errsz, "out of memory");
		return CB_ERR_INTERNAL;
	}
	d->base.ops = &db_pg_ops;
	const char *t = getenv("CHANNELBASE_PG_STATEMENT_TIMEOUT");
	if (!parse_timeout(t, &d->timeout_ms)) {
		snprintf(err, errsz,
			 "CHANNELBASE_PG_STATEMENT_TIMEOUT=%s is not a timeout (milliseconds, or a number with ms, s or min)",
			 t);
		free(d);
		return CB_ERR_USAGE;
	}
	/* Keywords before dbname are defaults the URL may override. */
	const char *keys[] = {"application_name", "connect_timeout", "keepalives", "keepalives_idle",
			      "keepalives_interval", "keepalives_count", "tcp_user_timeout", "dbname", NULL};
	const char *vals[] = {"channelbase", "5", "1", "30", "10", "3", "30000", url, NULL};
	d->c = PQconnectdbParams(keys, vals, 1);
	if (!d->c || PQstatus(d->c) != CONNECTION_OK) {
		char msg[400];
		snprintf(msg, sizeof msg, "%s", d->c ? PQerrorMessage(d->c) : "out of memory");
		for (char *p = msg; *p; p++)
			if (*p == '\n')
				*p = ' ';
		size_t n = strlen(msg);
		while (n && msg[n - 1] == ' ')
			msg[--n] = '\0';
		snprintf(err, errsz, "cannot connect to PostgreSQL: %s", msg);
		pg_close(&d->base);
		return CB_ERR_UNAVAILABLE;
	}
	if (after_connect(d) != CB_OK) {
		snprintf(err, errsz, "cannot set up the PostgreSQL session: %s", d->err);
		pg_close(&d->base);
		return CB_ERR_UNAVAILABLE;
	}
	*out = &d->base;
	return CB_OK;
}

static void stmt_clear(struct pg_stmt *s)
{
	PQclear(s->res);
	s->res = NULL;
	for (int i = 1; i <= s->nparams; i++) {
		free(s->vals[i]);
		s->vals[i] = NULL;
	}
	s->row = s->nrows = 0;
}

static void stmt_free(struct pg_stmt *s)
{
	stmt_clear(s);
	free(s);
}

static void pg_close(struct db *db)
{
	struct pg_db *d = PG(db);
	for (int i = 0; i < PG_CACHE_SLOTS; i++) {
		struct pg_stmt *s = d->cache[i];
		while (s) {
			struct pg_stmt *n = s->next;
			stmt_free(s);
			s = n;
		}
	}
	while (d->uncached) {
		struct pg_stmt *n = d->uncached->next;
		stmt_free(d->uncached);
		d->uncached = n;
	}
	if (d->c)
		PQfinish(d->c);
	free(d);
}

static const char *pg_errmsg(const struct db *db)
{
	return PG(db)->err[0] ? PG(db)->err : "no error";
}

static enum cb_status pg_exec(struct db *db, const char *sql)
{
	struct pg_db *d = PG(db);
	enum cb_status st = ensure(d);
	if (st != CB_OK)
		return st;
	PGresult *r = PQexec(d->c, sql);
	ExecStatusType rs = PQresultStatus(r);
	st = rs == PGRES_COMMAND_OK || rs == PGRES_TUPLES_OK || rs == PGRES_EMPTY_QUERY ? CB_OK : map_result(d, r);
	PQclear(r);
	return st;
}

/* The highest $N in sql, outside quotes and comments; marks each N seen in used[]. */
static int count_params(const char *sql, bool used[PG_MAX_PARAMS + 1])
{
	int max = 0;
	for (const char *p = sql; *p; p++) {
		if (*p == '\'' || *p == '"') {
			char q = *p;
			for (p++; *p && *p != q; p++)
				;
			if (!*p)
				break;
		} else if (p[0] == '-' && p[1] == '-') {
			while (*p && *p != '\n')
				p++;
			if (!*p)
				break;
		} else if (*p == '$' && p[1] >= '1' && p[1] <= '9') {
			int n = 0;
			for (p++; *p >= '0' && *p <= '9'; p++)
				n = n * 10 + (*p - '0');
			p--;
			if (n <= PG_MAX_PARAMS)
				used[n] = true;
			if (n > max)
				max = n;
		}
	}
	return max;
}

static size_t slot_of(const char *sql)
{
	uintptr_t p = (uintptr_t)sql;
	return (size_t)((p >> 3) ^ (p >> 11)) % PG_CACHE_SLOTS;
}

static enum cb_status pg_prepare(struct db *db, const char *sql, struct db_stmt **out)
{
	struct pg_db *d = PG(db);
	enum cb_status st = ensure(d);
	if (st != CB_OK)
		return st;
	size_t slot = slot_of(sql);
	struct pg_stmt *s;
	for (s = d->cache[slot]; s; s = s->next)
		if (s->sql == sql)
			break;
	if (s && !s->in_use) {
		s->in_use = true;
		s->changes = 0;
		*out = &s->base;
		return CB_OK;
	}
	struct pg_stmt *fresh = calloc(1, sizeof *fresh);
	if (!fresh)
		return CB_ERR_INTERNAL;
	fresh->base.db = db;
	fresh->sql = sql;
	bool used[PG_MAX_PARAMS + 1] = {false};
	fresh->nparams = count_params(sql, used);
	if (fresh->nparams > PG_MAX_PARAMS) {
		set_err(d, "too many parameters in SQL");
		free(fresh);
		return CB_ERR_INTERNAL;
	}
	/* A parameter the SQL skips (a shared binder fills $1 for a statement that needs only
	 * $2) has no context to type it: declare it text. */
	for (int i = 1; i <= fresh->nparams; i++)
		fresh->types[i] = used[i] ? 0 : TEXT_OID;
	fresh->in_use = true;
	if (!s) {
		fresh->cached = true;
		snprintf(fresh->name, sizeof fresh->name, "cb%u", ++d->seq);
		fresh->next = d->cache[slot];
		d->cache[slot] = fresh;
	} else {
		fresh->next = d->uncached;
		d->uncached = fresh;
	}
	*out = &fresh->base;
	return CB_OK;
}

static void set_param(struct pg_stmt *s, int idx, char *v)
{
	if (idx < 1 || idx > s->nparams) {
		free(v);
		return;
	}
	free(s->vals[idx]);
	s->vals[idx] = v;
}

static void pg_bind_int(struct db_stmt *st, int idx, int64_t v)
{
	char buf[24];
	snprintf(buf, sizeof buf, "%lld", (long long)v);
	set_param(PS(st), idx, strdup(buf));
}

static void pg_bind_text(struct db_stmt *st, int idx, const char *v)
{
	set_param(PS(st), idx, v ? strdup(v) : NULL);
}

static void pg_bind_null(struct db_stmt *st, int idx) { set_param(PS(st), idx, NULL); }

static enum cb_status run(struct pg_stmt *s)
{
	struct pg_db *d = PG(s->base.db);
	if (d->lost)
		return CB_ERR_UNAVAILABLE;
	const char *const *vals = (const char *const *)&s->vals[1];
	PGresult *r;
	if (s->cached) {
		if (s->gen != d->gen) {
			r = PQprepare(d->c, s->name, s->sql, s->nparams, &s->types[1]);
			if (PQresultStatus(r) != PGRES_COMMAND_OK) {
				enum cb_status st = map_result(d, r);
				if (st != CB_ERR_UNAVAILABLE)
					log_event(LOG_ERROR, "postgres prepare failed", "error", d->err, "sql", s->sql, NULL);
				PQclear(r);
				return st == CB_OK ? CB_ERR_DB : st;
			}
			PQclear(r);
			s->gen = d->gen;
		}
		r = PQexecPrepared(d->c, s->name, s->nparams, vals, NULL, NULL, 0);
	} else {
		r = PQexecParams(d->c, s->sql, s->nparams, &s->types[1], vals, NULL, NULL, 0);
	}
	ExecStatusType rs = PQresultStatus(r);
	if (rs != PGRES_TUPLES_OK && rs != PGRES_COMMAND_OK) {
		enum cb_status st = map_result(d, r);
		if (st == CB_ERR_DB)
			log_event(LOG_ERROR, "postgres statement failed", "error", d->err, "sql", s->sql, NULL);
		PQclear(r);
		return st;
	}
	s->res = r;
	s->row = -1;
	s->nrows = rs == PGRES_TUPLES_OK ? PQntuples(r) : 0;
	const char *n = PQcmdTuples(r);
	s->changes = n && *n ? strtoll(n, NULL, 10) : 0;
	return CB_OK;
}

static enum cb_status pg_step(struct db_stmt *st, bool *row)
{
	struct pg_stmt *s = PS(st);
	*row = false;
	if (!s->res) {
		enum cb_status rc = run(s);
		if (rc != CB_OK)
			return rc;
	}
	if (s->row < s->nrows)
		s->row++;
	*row = s->row < s->nrows;
	return CB_OK;
}

static bool cell_ok(struct pg_stmt *s, int col)
{
	return s->res && s->row >= 0 && s->row < s->nrows && col >= 0 && col < PQnfields(s->res);
}

static int64_t pg_col_int(struct db_stmt *st, int col)
{
	struct pg_stmt *s = PS(st);
	if (!cell_ok(s, col) || PQgetisnull(s->res, s->row, col))
		return 0;
	const char *v = PQgetvalue(s->res, s->row, col);
	if (v[0] == 't' && !v[1])
		return 1; /* boolean results of EXISTS and comparisons */
	if (v[0] == 'f' && !v[1])
		return 0;
	return strtoll(v, NULL, 10);
}

static const char *pg_col_text(struct db_stmt *st, int col)
{
	struct pg_stmt *s = PS(st);
	if (!cell_ok(s, col) || PQgetisnull(s->res, s->row, col))
		return NULL;
	return PQgetvalue(s->res, s->row, col);
}

static bool pg_col_null(struct db_stmt *st, int col)
{
	struct pg_stmt *s = PS(st);
	return !cell_ok(s, col) || PQgetisnull(s->res, s->row, col);
}

static int pg_col_count(struct db_stmt *st)
{
	struct pg_stmt *s = PS(st);
	return s->res ? PQnfields(s->res) : 0;
}

static const char *pg_col_name(struct db_stmt *st, int col)
{
	struct pg_stmt *s = PS(st);
	return s->res && col >= 0 && col < PQnfields(s->res) ? PQfname(s->res, col) : NULL;
}

static int64_t pg_changes(struct db_stmt *st) { return PS(st)->changes; }

static void pg_done(struct db_stmt *st)
{
	struct pg_stmt *s = PS(st);
	if (!s->cached) {
		struct pg_db *d = PG(st->db);
		for (struct pg_stmt **pp = &d->uncached; *pp; pp = &(*pp)->next) {
			if (*pp == s) {
				*pp = s->next;
				break;
			}
		}
		stmt_free(s);
		return;
	}
	stmt_clear(s);
	s->in_use = false;
}

static void pg_reset_all(struct db *db)
{
	struct pg_db *d = PG(db);
	for (int i = 0; i < PG_CACHE_SLOTS; i++)
		for (struct pg_stmt *s = d->cache[i]; s; s = s->next)
			if (s->in_use)
				pg_done(&s->base);
	while (d->uncached) {
		struct pg_stmt *n = d->uncached->next;
		stmt_free(d->uncached);
		d->uncached = n;
	}
}

static void pg_forget(struct db *db, const char *sql)
{
	struct pg_db *d = PG(db);
	for (struct pg_stmt **pp = &d->cache[slot_of(sql)]; *pp; pp = &(*pp)->next) {
		struct pg_stmt *s = *pp;
		if (s->sql == sql && !s->in_use) {
			*pp = s->next;
			if (s->gen == d->gen && !d->lost) {
				char q[48];
				snprintf(q, sizeof q, "DEALLOCATE %s", s->name);
				PQclear(PQexec(d->c, q));
			}
			stmt_free(s);
			return;
		}
	}
}

static enum cb_status pg_backup(struct db *db, const char *path, char *err, size_t errsz)
{
	(void)db;
	(void)path;
	snprintf(err, errsz,
		 "backup --to works on SQLite only; on PostgreSQL use pg_dump or a base backup "
		 "(docs/operations.md, \"Backup and restore\")");
	return CB_ERR_USAGE;
}

/* Identity columns keep their own counter: after rows were copied in with their ids,
 * move it past the highest one. */
static enum cb_status pg_after_copy(struct db *db, const char *table)
{
	char sql[512];
	snprintf(sql, sizeof sql,
		 "SELECT setval(s, (SELECT COALESCE(MAX(id), 0) + 1 FROM \"%s\"), false) "
		 "FROM pg_get_serial_sequence('\"%s\"', 'id') AS s WHERE s IS NOT NULL",
		 table, table);
	return pg_exec(db, sql);
}

/* Bulk load with COPY … FROM STDIN in text format. */
static enum cb_status pg_load_begin(struct db *db, const char *table, const char *const *cols, int n)
{
	struct pg_db *d = PG(db);
	size_t len = strlen(table) + 64;
	for (int i = 0; i < n; i++)
		len += strlen(cols[i]) + 4;
	char *sql = malloc(len);
	if (!sql)
		return CB_ERR_INTERNAL;
	size_t k = (size_t)snprintf(sql, len, "COPY \"%s\" (", table);
	for (int i = 0; i < n; i++)
		k += (size_t)snprintf(sql + k, len - k, "%s\"%s\"", i ? ", " : "", cols[i]);
	snprintf(sql + k, len - k, ") FROM STDIN");
	PGresult *r = PQexec(d->c, sql);
	free(sql);
	enum cb_status st = PQresultStatus(r) == PGRES_COPY_IN ? CB_OK : map_result(d, r);
	PQclear(r);
	d->load_cols = n;
	return st;
}

static enum cb_status pg_load_row(struct db *db, const char *const *vals)
{
	struct pg_db *d = PG(db);
	size_t len = 1;
	for (int i = 0; i < d->load_cols; i++)
		len += (vals[i] ? 2 * strlen(vals[i]) : 2) + 1;
	char *line = malloc(len);
	if (!line)
		return CB_ERR_INTERNAL;
	char *o = line;
	for (int i = 0; i < d->load_cols; i++) {
		if (i)
			*o++ = '\t';
		if (!vals[i]) {
			*o++ = '\\';
			*o++ = 'N';
			continue;
		}
		for (const char *p = vals[i]; *p; p++) {
			char e = *p == '\\' ? '\\' : *p == '\t' ? 't' : *p == '\n' ? 'n' : *p == '\r' ? 'r' : 0;
			if (e) {
				*o++ = '\\';
				*o++ = e;
			} else {
				*o++ = *p;
			}
		}
	}
	*o++ = '\n';
	int ok = PQputCopyData(d->c, line, (int)(o - line));
	free(line);
	if (ok != 1) {
		set_err(d, PQerrorMessage(d->c));
		return CB_ERR_DB;
	}
	return CB_OK;
}

static enum cb_status pg_load_end(struct db *db)
{
	struct pg_db *d = PG(db);
	enum cb_status st = CB_OK;
	if (PQputCopyEnd(d->c, NULL) != 1) {
		set_err(d, PQerrorMessage(d->c));
		st = CB_ERR_DB;
	}
	PGresult *r;
	while ((r = PQgetResult(d->c)) != NULL) {
		if (PQresultStatus(r) != PGRES_COMMAND_OK && st == CB_OK)
			st = map_result(d, r);
		PQclear(r);
	}
	return st;
}

const struct db_ops db_pg_ops = {
	.name = "postgres",
	.dialect = DB_POSTGRES,
	.open = pg_open,
	.close = pg_close,
	.errmsg = pg_errmsg,
	.exec = pg_exec,
	.prepare = pg_prepare,
	.bind_int = pg_bind_int,
	.bind_text = pg_bind_text,
	.bind_null = pg_bind_null,
	.step = pg_step,
	.col_int = pg_col_int,
	.col_text = pg_col_text,
	.col_null = pg_col_null,
	.col_count = pg_col_count,
	.col_name = pg_col_name,
	.changes = pg_changes,
	.done = pg_done,
	.reset_all = pg_reset_all,
	.forget = pg_forget,
	.backup = pg_backup,
	.after_copy = pg_after_copy,
	.load_begin = pg_load_begin,
	.load_row = pg_load_row,
	.load_end = pg_load_end,
	.begin_sql = "BEGIN",
	/* Reads run statement by statement: under READ COMMITTED a transaction would give them
	 * no common snapshot anyway, and BEGIN and COMMIT are two round trips of ~9 per GET. */
	.begin_read_sql = NULL,
	.begin_snapshot_sql = "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY",
	.no_timeout_sql = "SET LOCAL statement_timeout = 0",
	/* an arbitrary key of Channelbase's own ("cbmg") for the migration lock */
	.lock_sql = "SELECT pg_advisory_lock(1667394919)",
	.unlock_sql = "SELECT pg_advisory_unlock(1667394919)",
	/* two int4 keys: a lock space apart from the one-bigint-key migration lock */
	.lock_key_sql = "SELECT pg_advisory_xact_lock(1667394919, hashtext($1))",
	.savepoints = true,
	.remote = true,
	.defer_fk_sql = "SET CONSTRAINTS ALL DEFERRED",
	.columns_sql = "SELECT table_name, column_name FROM information_schema.columns "
		       "WHERE table_schema = current_schema() ORDER BY table_name, column_name",
};
