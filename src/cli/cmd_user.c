/*
 * cmd_user.c — `user add|list|disable`.
 */
#include "cli.h"

#include "../base/arena.h"
#include "../base/clock.h"
#include "../base/crypto.h"
#include "../base/str.h"
#include "../core/user.h"
#include "../store/db.h"

#include <stdio.h>

int cmd_user_add(int argc, char **argv)
{
	const char *dburl = NULL, *email = NULL, *role = NULL, *partner = NULL, *pwfile = NULL, *name = NULL;
	const struct cli_opt opts[] = {
		{"db", &dburl, NULL, "database URL"},
		{"email", &email, NULL, "e-mail address (the login)"},
		{"role", &role, NULL, "admin, channel_manager, analyst, finance, partner_admin or partner_rep"},
		{"partner", &partner, NULL, "partner id (partner roles only)"},
		{"name", &name, NULL, "display name"},
		{"password-file", &pwfile, NULL, "file whose first line is the password ('-' = stdin); "
						 "default: generate one and print it"},
		{NULL, NULL, NULL, NULL},
	};
	int rc = cli_parse(argc, argv, opts, "user add --email E --role R [--partner ID] [--password-file F]");
	if (rc)
		return rc < 0 ? 0 : rc;
	if (!email || !role) {
		fprintf(stderr, "channelbase: user add needs --email and --role\n");
		return 2;
	}
	int64_t pid = 0;
	if (partner && !parse_i64(partner, 1, INT64_MAX, &pid)) {
		fprintf(stderr, "channelbase: --partner must be a partner id\n");
		return 2;
	}
	struct cb_ctx ctx;
	struct db *db;
	if ((rc = cli_session(cli_db_url(dburl), false, &ctx, &db)) != 0)
		return rc;
	const char *pw = pwfile ? cli_read_secret(ctx.arena, pwfile)
				: arena_strndup(ctx.arena, crypto_random_token(ctx.arena, ""), 20);
	if (!pw) {
		cli_session_end(&ctx, db);
		return 2;
	}
	struct user_new in = {.email = email, .name = name, .role = role, .partner_id = pid, .password = pw};
	struct user u;
	enum cb_status st = db_begin(db);
	if (st == CB_OK)
		st = user_create(&ctx, &in, &u);
	if (st == CB_OK)
		st = db_commit(db);
	if (st != CB_OK) {
		db_rollback(db);
		rc = cli_fail(&ctx, st, "adding the user");
	} else {
		printf("user %lld %s (%s) created\n", (long long)u.id, u.email, role_name(u.role));
		if (!pwfile)
			printf("password: %s\n(shown once)\n", pw);
	}
	cli_session_end(&ctx, db);
	return rc;
}

int cmd_user_list(int argc, char **argv)
{
	const char *dburl = NULL;
	const struct cli_opt opts[] = {
		{"db", &dburl, NULL, "database URL"},
		{NULL, NULL, NULL, NULL},
	};
	int rc = cli_parse(argc, argv, opts, "user list [--db URL]");
	if (rc)
		return rc < 0 ? 0 : rc;
	struct cb_ctx ctx;
	struct db *db;
	if ((rc = cli_session(cli_db_url(dburl), false, &ctx, &db)) != 0)
		return rc;
	printf("%-6s %-36s %-16s %-8s %-8s %s\n", "ID", "EMAIL", "ROLE", "PARTNER", "STATE", "NAME");
	struct user_filter f = {.disabled = -1, .limit = 200};
	for (;;) {
		struct user_page page;
		enum cb_status st = user_list(&ctx, &f, &page);
		if (st != CB_OK) {
			rc = cli_fail(&ctx, st, "listing users");
			break;
		}
		for (size_t i = 0; i < page.count; i++) {
			const struct user *u = &page.items[i];
			char pid[24] = "-";
			if (u->partner_id)
				snprintf(pid, sizeof pid, "%lld", (long long)u->partner_id);
			printf("%-6lld %-36s %-16s %-8s %-8s %s\n", (long long)u->id, u->email, role_name(u->role),
			       pid, u->disabled ? "disabled" : "active", u->name);
		}
		if (!page.next_after)
			break;
		f.after = page.next_after;
	}
	cli_session_end(&ctx, db);
	return rc;
}

int cmd_user_disable(int argc, char **argv)
{
	const char *dburl = NULL, *email = NULL;
	const struct cli_opt opts[] = {
		{"db", &dburl, NULL, "database URL"},
		{"email", &email, NULL, "e-mail of the user to disable"},
		{NULL, NULL, NULL, NULL},
	};
	int rc = cli_parse(argc, argv, opts, "user disable --email E [--db URL]");
	if (rc)
		return rc < 0 ? 0 : rc;
	if (!email) {
		fprintf(stderr, "channelbase: user disable needs --email\n");
		return 2;
	}
	struct cb_ctx ctx;
	struct db *db;
	if ((rc = cli_session(cli_db_url(dburl), false, &ctx, &db)) != 0)
		return rc;
	struct user u;
	struct user_patch p = {.set_disabled = true, .disabled = true};
	enum cb_status st = db_begin(db);
	if (st == CB_OK)
		st = user_get_by_email(&ctx, email, &u);
	if (st == CB_OK)
		st = user_update(&ctx, u.id, &p, &u);
	if (st == CB_OK)
		st = db_commit(db);
	if (st != CB_OK) {
		db_rollback(db);
		rc = cli_fail(&ctx, st, st == CB_ERR_NOT_FOUND ? "no such user" : "disabling the user");
	} else {
		printf("user %s disabled; their sessions are revoked\n", u.email);
	}
	cli_session_end(&ctx, db);
	return rc;
}
