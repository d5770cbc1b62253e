/*
 * cmd_db.c — `init`, `migrate`, `backup`, `copy`, `schema`: creating, upgrading, backing
 * up and copying the database, and listing its tables.
 */
#include "cli.h"

#include "../base/arena.h"
#include "../base/crypto.h"
#include "../core/user.h"
#include "../store/db.h"
#include "../store/copy.h"
#include "../store/migrate.h"

#include <stdio.h>
#include <string.h>

static int migrate_open_db(struct db *db, const char *url)
{
	int applied;
	char err[512];
	enum cb_status st = migrate_run(db, &applied, err, sizeof err);
	if (st != CB_OK) {
		fprintf(stderr, "channelbase: %s\n", err);
		return 2;
	}
	int current, latest;
	migrate_versions(db, &current, &latest);
	char shown[512];
	printf("database %s at schema version %d (%d migration%s applied)\n",
	       db_url_redacted(url, shown, sizeof shown), current, applied,
	       applied == 1 ? "" : "s");
	return 0;
}

int cmd_init(int argc, char **argv)
{
	const char *dburl = NULL, *email = NULL, *pwfile = NULL;
	const struct cli_opt opts[] = {
		{"db", &dburl, NULL, "database URL (default $CHANNELBASE_DB or ./data/channelbase.db)"},
		{"admin-email", &email, NULL, "e-mail of the first admin (default admin@channelbase.local)"},
		{"admin-password-file", &pwfile, NULL, "file whose first line is the admin password ('-' = stdin)"},
		{NULL, NULL, NULL, NULL},
	};
	int rc = cli_parse(argc, argv, opts, "init [--db URL] [--admin-email E] [--admin-password-file F]");
	if (rc)
		return rc < 0 ? 0 : rc;
	const char *url = cli_db_url(dburl);
	struct db *db = cli_open(url, true);
	if (!db)
		return 2;
	if ((rc = migrate_open_db(db, url)) != 0) {
		db_close(db);
		return rc;
	}
	db_close(db);

	struct cb_ctx ctx;
	if ((rc = cli_session(url, false, &ctx, &db)) != 0)
		return rc;
	int64_t users;
	if (user_count(&ctx, &users) != CB_OK) {
		rc = cli_fail(&ctx, CB_ERR_DB, "counting users");
		goto out;
	}
	if (users > 0) {
		printf("users exist already; no admin created\n");
		goto out;
	}
	const char *password = NULL;
	bool generated = false;
	if (pwfile) {
		if (!(password = cli_read_secret(ctx.arena, pwfile))) {
			rc = 2;
			goto out;
		}
	} else {
		password = arena_strndup(ctx.arena, crypto_random_token(ctx.arena, ""), 20);
		generated = true;
	}
	struct user_new in = {.email = email ? email : "admin@channelbase.local", .name = "Administrator",
			      .role = "admin", .password = password};
	struct user u;
	enum cb_status st = db_begin(db);
	if (st == CB_OK)
		st = user_create(&ctx, &in, &u);
	if (st == CB_OK)
		st = db_commit(db);
	if (st != CB_OK) {
		db_rollback(db);
		rc = cli_fail(&ctx, st, "creating the admin");
		goto out;
	}
	printf("admin e-mail:    %s\n", u.email);
	if (generated)
		printf("admin password:  %s\n(shown once: keep it, or change it after logging in)\n", password);
out:
	cli_session_end(&ctx, db);
	return rc;
}

int cmd_migrate(int argc, char **argv)
{
	const char *dburl = NULL;
	const struct cli_opt opts[] = {
		{"db", &dburl, NULL, "database URL"},
		{NULL, NULL, NULL, NULL},
	};
	int rc = cli_parse(argc, argv, opts, "migrate [--db URL]");
	if (rc)
		return rc < 0 ? 0 : rc;
	const char *url = cli_db_url(dburl);
	struct db *db = cli_open(url, false);
	if (!db)
		return 2;
	rc = migrate_open_db(db, url);
	db_close(db);
	return rc;
}

int cmd_backup(int argc, char **argv)
{
	const char *dburl = NULL, *to = NULL;
	const struct cli_opt opts[] = {
		{"db", &dburl, NULL, "database URL"},
		{"to", &to, NULL, "file to write the copy to (replaced atomically)"},
		{NULL, NULL, NULL, NULL},
	};
	int rc = cli_parse(argc, argv, opts, "backup --to FILE [--db URL]");
	if (rc)
		return rc < 0 ? 0 : rc;
	if (!to || !*to) {
		fprintf(stderr, "channelbase: backup needs --to FILE\n");
		return 2;
	}
	struct cb_ctx ctx;
	struct db *db;
	if ((rc = cli_session(cli_db_url(dburl), false, &ctx, &db)) != 0)
		return rc;
	char err[512];
	enum cb_status st = db_backup(db, to, err, sizeof err);
	if (st != CB_OK) {
		fprintf(stderr, "channelbase: %s\n", err);
		rc = st == CB_ERR_USAGE ? 2 : 1;
	} else {
		printf("backup written to %s\n", to);
	}
	cli_session_end(&ctx, db);
	return rc;
}

int cmd_copy(int argc, char **argv)
{
	const char *from_url = NULL, *to_url = NULL;
	bool force = false;
	const struct cli_opt opts[] = {
		{"from", &from_url, NULL, "database to copy (sqlite:PATH, a path or postgres://…)"},
		{"to", &to_url, NULL, "database to copy into (created or migrated as needed)"},
		{"force", NULL, &force, "replace the target's contents when it is not empty"},
		{NULL, NULL, NULL, NULL},
	};
	int rc = cli_parse(argc, argv, opts, "copy --from URL --to URL [--force]");
	if (rc)
		return rc < 0 ? 0 : rc;
	if (!from_url || !*from_url || !to_url || !*to_url) {
		fprintf(stderr, "channelbase: copy needs --from URL and --to URL\n");
		return 2;
	}
	if (!strcmp(from_url, to_url)) {
		fprintf(stderr, "channelbase: copy --from and --to name the same database\n");
		return 2;
	}
	struct db *from = cli_open(from_url, false);
	if (!from)
		return 2;
	struct db *to = cli_open(to_url, true);
	if (!to) {
		db_close(from);
		return 2;
	}
	struct copy_report rep;
	char err[512];
	enum cb_status st = db_copy(from, to, force, &rep, err, sizeof err);
	if (rep.ntables && (st == CB_OK || st == CB_ERR_RULE)) {
		printf("%-18s %10s %10s  %-16s  %-16s\n", "TABLE", "SOURCE", "TARGET", "SOURCE SUM", "TARGET SUM");
		for (int i = 0; i < rep.ntables; i++) {
			const struct copy_table *t = &rep.tables[i];
			printf("%-18s %10lld %10lld  %016llx  %016llx  %s\n", t->name, (long long)t->rows_from,
			       (long long)t->rows_to, (unsigned long long)t->sum_from, (unsigned long long)t->sum_to,
			       t->rows_from == t->rows_to && t->sum_from == t->sum_to ? "same" : "DIFFERENT");
		}
	}
	if (st != CB_OK) {
		fprintf(stderr, "channelbase: %s\n", err);
		rc = st == CB_ERR_USAGE ? 2 : 1;
	} else {
		char a[512], b[512];
		printf("copied %d tables from %s to %s\n", rep.ntables, db_url_redacted(from_url, a, sizeof a),
		       db_url_redacted(to_url, b, sizeof b));
	}
	copy_report_free(&rep);
	db_close(to);
	db_close(from);
	return rc;
}

int cmd_schema(int argc, char **argv)
{
	const char *dburl = NULL;
	const struct cli_opt opts[] = {
		{"db", &dburl, NULL, "database URL"},
		{NULL, NULL, NULL, NULL},
	};
	int rc = cli_parse(argc, argv, opts, "schema [--db URL]");
	if (rc)
		return rc < 0 ? 0 : rc;
	struct db *db = cli_open(cli_db_url(dburl), false);
	if (!db)
		return 2;
	struct db_stmt *st = NULL;
	enum cb_status s = db_prepare_columns(db, &st);
	bool row = false;
	while (s == CB_OK && (s = db_step(st, &row)) == CB_OK && row)
		printf("%s %s\n", db_col_text(st, 0), db_col_text(st, 1));
	if (st)
		db_done(st);
	if (s != CB_OK) {
		fprintf(stderr, "channelbase: cannot list the schema: %s\n", db_errmsg(db));
		rc = 1;
	}
	db_close(db);
	return rc;
}
