/*
 * cmd_token.c — `token create|revoke`.
 */
#include "cli.h"

#include "../base/str.h"
#include "../core/token.h"
#include "../core/user.h"
#include "../store/db.h"

#include <stdio.h>

int cmd_token_create(int argc, char **argv)
{
	const char *dburl = NULL, *email = NULL, *name = NULL;
	const struct cli_opt opts[] = {
		{"db", &dburl, NULL, "database URL"},
		{"email", &email, NULL, "the user the token acts as"},
		{"name", &name, NULL, "what the token is for, e.g. 'ERP import'"},
		{NULL, NULL, NULL, NULL},
	};
	int rc = cli_parse(argc, argv, opts, "token create --email E --name N [--db URL]");
	if (rc)
		return rc < 0 ? 0 : rc;
	if (!email || !name) {
		fprintf(stderr, "channelbase: token create needs --email and --name\n");
		return 2;
	}
	struct cb_ctx ctx;
	struct db *db;
	if ((rc = cli_session(cli_db_url(dburl), false, &ctx, &db)) != 0)
		return rc;
	struct user u;
	struct token t;
	enum cb_status st = db_begin(db);
	if (st == CB_OK)
		st = user_get_by_email(&ctx, email, &u);
	if (st == CB_OK)
		st = token_create(&ctx, u.id, name, &t);
	if (st == CB_OK)
		st = db_commit(db);
	if (st != CB_OK) {
		db_rollback(db);
		rc = cli_fail(&ctx, st, st == CB_ERR_NOT_FOUND ? "no such user" : "creating the token");
	} else {
		/* The secret alone on stdout, so scripts can capture it. */
		printf("%s\n", t.secret);
		fprintf(stderr, "token %lld for %s created; the secret above is shown once\n",
			(long long)t.id, u.email);
	}
	cli_session_end(&ctx, db);
	return rc;
}

int cmd_token_revoke(int argc, char **argv)
{
	const char *dburl = NULL, *id = NULL;
	const struct cli_opt opts[] = {
		{"db", &dburl, NULL, "database URL"},
		{"id", &id, NULL, "token id (from GET /api/v1/tokens)"},
		{NULL, NULL, NULL, NULL},
	};
	int rc = cli_parse(argc, argv, opts, "token revoke --id ID [--db URL]");
	if (rc)
		return rc < 0 ? 0 : rc;
	int64_t tid;
	if (!id || !parse_i64(id, 1, INT64_MAX, &tid)) {
		fprintf(stderr, "channelbase: token revoke needs --id with a token id\n");
		return 2;
	}
	struct cb_ctx ctx;
	struct db *db;
	if ((rc = cli_session(cli_db_url(dburl), false, &ctx, &db)) != 0)
		return rc;
	enum cb_status st = db_begin(db);
	if (st == CB_OK)
		st = token_revoke(&ctx, tid);
	if (st == CB_OK)
		st = db_commit(db);
	if (st != CB_OK) {
		db_rollback(db);
		rc = cli_fail(&ctx, st, st == CB_ERR_NOT_FOUND ? "no such token" : "revoking the token");
	} else {
		printf("token %lld revoked\n", (long long)tid);
	}
	cli_session_end(&ctx, db);
	return rc;
}
