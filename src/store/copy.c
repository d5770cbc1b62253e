/*
 * copy.c — whole-database copy between stores (see copy.h).
 */
#include "copy.h"

#include "migrate.h"

#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define COPY_MAX_COLS 96

/* One table's columns, as listed by the driver. */
struct table_cols {
	char *name;
	char *cols[COPY_MAX_COLS];
	int n;
};

struct schema {
	struct table_cols *t;
	int n;
};

static void schema_free(struct schema *s)
{
	for (int i = 0; i < s->n; i++) {
		free(s->t[i].name);
		for (int k = 0; k < s->t[i].n; k++)
			free(s->t[i].cols[k]);
	}
	free(s->t);
	s->t = NULL;
	s->n = 0;
}

/* Every table but schema_migrations (each side keeps its own history), with columns. */
static enum cb_status schema_read(struct db *db, struct schema *out, char *err, size_t errsz)
{
	memset(out, 0, sizeof *out);
	struct db_stmt *st;
	enum cb_status rc = db_prepare_columns(db, &st);
	if (rc != CB_OK) {
		snprintf(err, errsz, "cannot list tables: %s", db_errmsg(db));
		return rc;
	}
	bool row;
	int cap = 0;
	while ((rc = db_step(st, &row)) == CB_OK && row) {
		const char *table = db_col_text(st, 0), *col = db_col_text(st, 1);
		if (!table || !col || !strcmp(table, "schema_migrations"))
			continue;
		if (!out->n || strcmp(out->t[out->n - 1].name, table)) {
			if (out->n == cap) {
				cap = cap ? cap * 2 : 16;
				struct table_cols *g = realloc(out->t, (size_t)cap * sizeof *g);
				if (!g) {
					rc = CB_ERR_INTERNAL;
					break;
				}
				out->t = g;
			}
			memset(&out->t[out->n], 0, sizeof out->t[out->n]);
			out->t[out->n++].name = strdup(table);
		}
		struct table_cols *t = &out->t[out->n - 1];
		if (t->n == COPY_MAX_COLS) {
			snprintf(err, errsz, "table %s has more than %d columns", table, COPY_MAX_COLS);
			rc = CB_ERR_INTERNAL;
			break;
		}
		t->cols[t->n++] = strdup(col);
	}
	db_done(st);
	if (rc != CB_OK) {
		if (!*err)
			snprintf(err, errsz, "cannot list tables: %s", db_errmsg(db));
		schema_free(out);
	}
	return rc;
}

/* Empty when the schemas agree; else a one-line difference. */
static bool schema_same(const struct schema *a, const struct schema *b, char *err, size_t errsz)
{
	for (int i = 0; i < a->n || i < b->n; i++) {
		if (i >= a->n || i >= b->n || strcmp(a->t[i].name, b->t[i].name)) {
			snprintf(err, errsz, "the databases have different tables (%s / %s)",
				 i < a->n ? a->t[i].name : "-", i < b->n ? b->t[i].name : "-");
			return false;
		}
		for (int k = 0; k < a->t[i].n || k < b->t[i].n; k++) {
			if (k >= a->t[i].n || k >= b->t[i].n || strcmp(a->t[i].cols[k], b->t[i].cols[k])) {
				snprintf(err, errsz, "table %s has different columns in the two databases", a->t[i].name);
				return false;
			}
		}
	}
	return true;
}

static char *select_sql(const struct table_cols *t)
{
	size_t len = strlen(t->name) + 32;
	for (int i = 0; i < t->n; i++)
		len += strlen(t->cols[i]) + 4;
	char *sql = malloc(len);
	if (!sql)
		return NULL;
	size_t k = (size_t)snprintf(sql, len, "SELECT ");
	for (int i = 0; i < t->n; i++)
		k += (size_t)snprintf(sql + k, len - k, "%s\"%s\"", i ? ", " : "", t->cols[i]);
	snprintf(sql + k, len - k, " FROM \"%s\"", t->name);
	return sql;
}

/* The 64-bit BLAKE2b of a row's values: each NULL as one 0x00 byte, each value as 0x01,
 * its text and a 0x00. */
static uint64_t row_hash(struct db_stmt *st, int n, const char **vals)
{
	crypto_generichash_state h;
	unsigned char out[8];
	crypto_generichash_init(&h, NULL, 0, sizeof out);
	for (int i = 0; i < n; i++) {
		const char *v = db_col_text(st, i);
		vals[i] = v;
		if (!v) {
			crypto_generichash_update(&h, (const unsigned char *)"", 1);
			continue;
		}
		crypto_generichash_update(&h, (const unsigned char *)"\001", 1);
		crypto_generichash_update(&h, (const unsigned char *)v, strlen(v) + 1);
	}
	crypto_generichash_final(&h, out, sizeof out);
	uint64_t x = 0;
	for (int i = 0; i < 8; i++)
		x = x << 8 | out[i];
	return x;
}

/* Reads a table: its row count and checksum; with `load`, each row goes to that db. */
static enum cb_status scan(struct db *db, const struct table_cols *t, struct db *load, int64_t *rows,
			   uint64_t *sum, char *err, size_t errsz)
{
	*rows = 0;
	*sum = 0;
	char *sql = select_sql(t);
	if (!sql)
		return CB_ERR_INTERNAL;
	/* An uncached statement: the text is freed below, and the cache keys by address. */
	struct db_stmt *st;
	enum cb_status rc = db_prepare(db, sql, &st);
	if (rc == CB_OK && load)
		rc = db_load_begin(load, t->name, (const char *const *)t->cols, t->n);
	if (rc != CB_OK) {
		snprintf(err, errsz, "table %s: %s", t->name, db_errmsg(load && rc != CB_OK ? load : db));
		if (rc == CB_OK)
			db_done(st);
		free(sql);
		return rc;
	}
	const char *vals[COPY_MAX_COLS];
	bool row;
	while ((rc = db_step(st, &row)) == CB_OK && row) {
		*sum += row_hash(st, t->n, vals);
		(*rows)++;
		if (load && (rc = db_load_row(load, vals)) != CB_OK)
			break;
	}
	db_done(st);
	db_forget(db, sql);
	free(sql);
	if (load) {
		enum cb_status lr = db_load_end(load);
		if (rc == CB_OK)
			rc = lr;
	}
	if (rc != CB_OK)
		snprintf(err, errsz, "table %s: %s", t->name, db_errmsg(load ? load : db));
	return rc;
}

/* The four tiers migration 002 seeds all have created_at = updated_at = 0; a tier made or
 * edited since has a time, and a deleted one leaves fewer than four. */
static const char sql_tiers_changed[] =
	"SELECT CASE WHEN count(*) <> 4 THEN count(*) ELSE count(*) FILTER (WHERE created_at <> 0 OR updated_at <> 0) END "
	"FROM tiers";

/* Rows in the target other than what its migrations seeded (tiers as seeded). */
static enum cb_status target_rows(struct db *to, const struct schema *s, char *which, size_t wsz, int64_t *total)
{
	*total = 0;
	which[0] = '\0';
	for (int i = 0; i < s->n; i++) {
		char sql[256];
		if (!strcmp(s->t[i].name, "tiers"))
			snprintf(sql, sizeof sql, "%s", sql_tiers_changed);
		else
			snprintf(sql, sizeof sql, "SELECT count(*) FROM \"%s\"", s->t[i].name);
		struct db_stmt *st;
		enum cb_status rc = db_prepare(to, sql, &st);
		if (rc != CB_OK)
			return rc;
		bool row;
		rc = db_step(st, &row);
		int64_t n = rc == CB_OK && row ? db_col_int(st, 0) : 0;
		db_done(st);
		db_forget(to, sql);
		if (rc != CB_OK)
			return rc;
		if (n && !which[0])
			snprintf(which, wsz, "%lld %s in %s", (long long)n,
				 strcmp(s->t[i].name, "tiers") ? "rows" : "changed rows", s->t[i].name);
		*total += n;
	}
	return CB_OK;
}

enum cb_status db_copy(struct db *from, struct db *to, bool force, struct copy_report *out, char *err,
		       size_t errsz)
{
	memset(out, 0, sizeof *out);
	err[0] = '\0';
	int cur, latest;
	enum cb_status rc = migrate_versions(from, &cur, &latest);
	if (rc != CB_OK) {
		snprintf(err, errsz, "cannot read the source's schema version: %s", db_errmsg(from));
		return rc;
	}
	if (cur != latest) {
		snprintf(err, errsz, "the source is at schema version %d, this binary at %d: run 'channelbase migrate' on it first",
			 cur, latest);
		return CB_ERR_USAGE;
	}
	int applied;
	if ((rc = migrate_run(to, &applied, err, errsz)) != CB_OK)
		return rc;

	struct schema sf, st;
	if ((rc = schema_read(from, &sf, err, errsz)) != CB_OK)
		return rc;
	if ((rc = schema_read(to, &st, err, errsz)) != CB_OK) {
		schema_free(&sf);
		return rc;
	}
	if (!schema_same(&sf, &st, err, errsz)) {
		rc = CB_ERR_USAGE;
		goto done;
	}
	out->tables = calloc(sf.n > 0 ? (size_t)sf.n : 1, sizeof *out->tables);
	if (!out->tables) {
		rc = CB_ERR_INTERNAL;
		goto done;
	}
	out->ntables = sf.n;
	for (int i = 0; i < sf.n; i++)
		out->tables[i].name = strdup(sf.t[i].name);

	/* One snapshot of the source for every table, and no statement timeout on either side:
	 * a big table takes as long as it takes. */
	if ((rc = db_begin_snapshot(from)) != CB_OK || (rc = db_no_timeout(from)) != CB_OK) {
		snprintf(err, errsz, "cannot start reading the source: %s", db_errmsg(from));
		goto rollback;
	}
	if ((rc = db_begin(to)) != CB_OK || (rc = db_no_timeout(to)) != CB_OK) {
		snprintf(err, errsz, "cannot start the copy: %s", db_errmsg(to));
		goto rollback;
	}
	char which[128];
	int64_t existing;
	if ((rc = target_rows(to, &st, which, sizeof which, &existing)) != CB_OK) {
		snprintf(err, errsz, "cannot inspect the target: %s", db_errmsg(to));
		goto rollback;
	}
	if (existing && !force) {
		snprintf(err, errsz, "the target is not empty (%s); use --force to replace its contents", which);
		rc = CB_ERR_CONFLICT;
		goto rollback;
	}
	if ((rc = db_defer_fk(to)) != CB_OK) {
		snprintf(err, errsz, "cannot defer foreign keys: %s", db_errmsg(to));
		goto rollback;
	}
	for (int i = 0; i < st.n; i++) {
		char sql[256];
		snprintf(sql, sizeof sql, "DELETE FROM \"%s\"", st.t[i].name);
		if ((rc = db_exec(to, sql)) != CB_OK) {
			snprintf(err, errsz, "cannot empty %s: %s", st.t[i].name, db_errmsg(to));
			goto rollback;
		}
	}
	for (int i = 0; i < sf.n; i++) {
		struct copy_table *ct = &out->tables[i];
		if ((rc = scan(from, &sf.t[i], to, &ct->rows_from, &ct->sum_from, err, errsz)) != CB_OK)
			goto rollback;
		bool has_id = false;
		for (int k = 0; k < sf.t[i].n; k++)
			has_id |= !strcmp(sf.t[i].cols[k], "id");
		if (has_id && (rc = db_after_copy(to, sf.t[i].name)) != CB_OK) {
			snprintf(err, errsz, "table %s: %s", sf.t[i].name, db_errmsg(to));
			goto rollback;
		}
	}
	/* Read everything back from the target, inside the same transaction. */
	bool same = true;
	for (int i = 0; i < sf.n; i++) {
		struct copy_table *ct = &out->tables[i];
		if ((rc = scan(to, &sf.t[i], NULL, &ct->rows_to, &ct->sum_to, err, errsz)) != CB_OK)
			goto rollback;
		if (ct->rows_to != ct->rows_from || ct->sum_to != ct->sum_from)
			same = false;
	}
	if (!same) {
		snprintf(err, errsz, "the copy differs from the source; nothing was committed");
		rc = CB_ERR_RULE;
		goto rollback;
	}
	if ((rc = db_commit(to)) != CB_OK) {
		snprintf(err, errsz, "cannot commit the copy: %s", db_errmsg(to));
		goto rollback;
	}
	db_rollback(from);
	goto done;
rollback:
	db_rollback(to);
	db_rollback(from);
done:
	schema_free(&sf);
	schema_free(&st);
	return rc;
}

void copy_report_free(struct copy_report *r)
{
	for (int i = 0; i < r->ntables; i++)
		free((char *)r->tables[i].name);
	free(r->tables);
	r->tables = NULL;
	r->ntables = 0;
}
