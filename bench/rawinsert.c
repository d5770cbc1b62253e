/*
 * rawinsert.c — the reference for the import bench: the same CSV rows inserted into a
 * fresh database of the same schema by plain SQLite, as fast as it goes: one
 * transaction, one prepared INSERT into `partners` per row, the app's PRAGMAs (WAL,
 * synchronous=NORMAL, foreign keys). Columns whose CSV header names a `partners` column
 * are inserted as text (external_id → erp_id); derived data the importer also writes —
 * tags, search terms, matching keys, audit rows — is left out on purpose: this is the
 * floor cost of getting the rows into the table, and the bench reports the importer's
 * rate as a fraction of it.
 *
 *   rawinsert DB CSV MIGRATION.sql...      prints "RAW rows=N seconds=S rows_per_s=R"
 */
#include "base/arena.h"
#include "base/csvin.h"

#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

struct run {
	sqlite3 *db;
	sqlite3_stmt *ins;
	int map[CSVIN_MAX_COLS]; /* CSV column → parameter number, 0 = skipped */
	long rows;
	int failed;
};

static char *slurp(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return NULL;
	fseek(f, 0, SEEK_END);
	long n = ftell(f);
	fseek(f, 0, SEEK_SET);
	char *buf = malloc((size_t)n + 1);
	*len = fread(buf, 1, (size_t)n, f);
	buf[*len] = '\0';
	fclose(f);
	return buf;
}

static int has_column(sqlite3 *db, const char *col)
{
	sqlite3_stmt *st;
	int found = 0;
	if (sqlite3_prepare_v2(db, "SELECT 1 FROM pragma_table_info('partners') WHERE name = ?", -1, &st, NULL) != SQLITE_OK)
		return 0;
	sqlite3_bind_text(st, 1, col, -1, SQLITE_STATIC);
	found = sqlite3_step(st) == SQLITE_ROW;
	sqlite3_finalize(st);
	return found;
}

static bool on_record(void *arg, struct csvin_record *rec)
{
	struct run *r = arg;
	if (rec->line == 1) {
		char cols[2048] = "created_at, updated_at, version", vals[1024] = "0, 0, 1";
		int n = 0;
		for (size_t c = 0; c < rec->ncells; c++) {
			const char *h = strcmp(rec->cell[c], "external_id") == 0 ? "erp_id" : rec->cell[c];
			r->map[c] = 0;
			if (strcmp(h, "id") == 0 || strcmp(h, "tier") == 0 || strcmp(h, "manager_id") == 0 ||
			    !has_column(r->db, h))
				continue;
			r->map[c] = ++n;
			snprintf(cols + strlen(cols), sizeof cols - strlen(cols), ", %s", h);
			snprintf(vals + strlen(vals), sizeof vals - strlen(vals), ", ?%d", n);
		}
		char sql[4096];
		snprintf(sql, sizeof sql, "INSERT INTO partners (%s) VALUES (%s)", cols, vals);
		if (sqlite3_prepare_v2(r->db, sql, -1, &r->ins, NULL) != SQLITE_OK) {
			fprintf(stderr, "rawinsert: %s\n", sqlite3_errmsg(r->db));
			r->failed = 1;
			return false;
		}
		return true;
	}
	for (size_t c = 0; c < rec->ncells; c++)
		if (r->map[c]) {
			if (*rec->cell[c])
				sqlite3_bind_text(r->ins, r->map[c], rec->cell[c], -1, SQLITE_TRANSIENT);
			else
				sqlite3_bind_null(r->ins, r->map[c]);
		}
	if (sqlite3_step(r->ins) != SQLITE_DONE) {
		fprintf(stderr, "rawinsert: row %zu: %s\n", rec->line, sqlite3_errmsg(r->db));
		r->failed = 1;
		return false;
	}
	sqlite3_reset(r->ins);
	r->rows++;
	return true;
}

int main(int argc, char **argv)
{
	if (argc < 4) {
		fprintf(stderr, "usage: rawinsert DB CSV MIGRATION.sql...\n");
		return 2;
	}
	struct run r = {0};
	remove(argv[1]);
	if (sqlite3_open(argv[1], &r.db) != SQLITE_OK)
		return 1;
	sqlite3_exec(r.db, "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;", NULL, NULL,
		     NULL);
	for (int i = 3; i < argc; i++) {
		size_t n;
		char *sql = slurp(argv[i], &n);
		char *err = NULL;
		if (!sql || sqlite3_exec(r.db, sql, NULL, NULL, &err) != SQLITE_OK) {
			fprintf(stderr, "rawinsert: %s: %s\n", argv[i], err ? err : "unreadable");
			return 1;
		}
		free(sql);
	}
	size_t len;
	char *csv = slurp(argv[2], &len);
	if (!csv)
		return 1;
	struct timespec t0, t1;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	sqlite3_exec(r.db, "BEGIN", NULL, NULL, NULL);
	size_t line;
	const char *why;
	enum csvin_result res = csvin_parse(csv, len, on_record, &r, &line, &why);
	if (res != CSVIN_OK || r.failed || sqlite3_exec(r.db, "COMMIT", NULL, NULL, NULL) != SQLITE_OK) {
		fprintf(stderr, "rawinsert: failed (%d)\n", (int)res);
		return 1;
	}
	sqlite3_finalize(r.ins);
	sqlite3_close(r.db);
	clock_gettime(CLOCK_MONOTONIC, &t1);
	double s = (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9;
	printf("RAW rows=%ld seconds=%.3f rows_per_s=%.0f\n", r.rows, s, (double)r.rows / s);
	free(csv);
	return 0;
}
