/*
 * cmd_misc.c — `routes`, `version`, and the hidden `seed-users` used by
 * the benchmark to create many users quickly (one argon2id hash shared by all of them).
 */
#include "cli.h"

#include "../api/api.h"
#include "../base/clock.h"
#include "../base/str.h"
#include "../core/password.h"
#include "../store/db.h"

#include <stdio.h>
#include <string.h>

#ifndef CB_VERSION
#define CB_VERSION "0.0.0-dev"
#endif

int cmd_version(int argc, char **argv)
{
	int rc = cli_parse(argc, argv, NULL, "version");
	if (rc)
		return rc < 0 ? 0 : rc;
	printf("channelbase %s\n", CB_VERSION);
	return 0;
}

static const char *roles_text(unsigned mask, unsigned flags)
{
	static char buf[128];
	if (flags & RF_PUBLIC)
		return "public";
	if (mask == ROLES_ALL)
		return "any signed-in user";
	size_t len = 0;
	buf[0] = '\0';
	for (int r = 0; r < ROLE_COUNT; r++) {
		if (!(mask & ROLE_BIT(r)))
			continue;
		int n = snprintf(buf + len, sizeof buf - len, "%s%s", len ? "," : "", role_name((enum role)r));
		if (n > 0 && (size_t)n < sizeof buf - len)
			len += (size_t)n;
	}
	return buf;
}

int cmd_routes(int argc, char **argv)
{
	int rc = cli_parse(argc, argv, NULL, "routes");
	if (rc)
		return rc < 0 ? 0 : rc;
	for (const struct route *r = api_routes; r->method; r++)
		printf("%-7s %-32s %-40s %s\n", r->method, r->pattern, roles_text(r->roles, r->flags), r->summary);
	return 0;
}

int cmd_seed_users(int argc, char **argv)
{
	const char *dburl = NULL, *count = NULL;
	const struct cli_opt opts[] = {
		{"db", &dburl, NULL, "database URL"},
		{"count", &count, NULL, "how many users to add (vendor analysts bench-N@example.com)"},
		{NULL, NULL, NULL, NULL},
	};
	int rc = cli_parse(argc, argv, opts, "seed-users --count N [--db URL]");
	if (rc)
		return rc < 0 ? 0 : rc;
	int64_t n;
	if (!count || !parse_i64(count, 1, 10000000, &n)) {
		fprintf(stderr, "channelbase: seed-users needs --count N\n");
		return 2;
	}
	struct cb_ctx ctx;
	struct db *db;
	if ((rc = cli_session(cli_db_url(dburl), false, &ctx, &db)) != 0)
		return rc;
	static const char sql[] = "INSERT INTO users (email, name, role, password_hash, created_at, "
				  "updated_at, password_changed_at) VALUES ($1, $2, 'analyst', $3, $4, $4, $4)";
	const char *hash = password_hash(ctx.arena, "bench-password-123");
	int64_t now = clock_now();
	enum cb_status s = hash ? db_begin(db) : CB_ERR_INTERNAL;
	for (int64_t i = 0; s == CB_OK && i < n; i++) {
		struct db_stmt *st;
		if ((s = db_prepare(db, sql, &st)) != CB_OK)
			break;
		char email[64], name[64];
		snprintf(email, sizeof email, "bench-%lld@example.com", (long long)i);
		snprintf(name, sizeof name, "Bench User %lld", (long long)i);
		db_bind_text(st, 1, email);
		db_bind_text(st, 2, name);
		db_bind_text(st, 3, hash);
		db_bind_int(st, 4, now);
		bool row;
		s = db_step(st, &row);
		db_done(st);
	}
	if (s == CB_OK)
		s = db_commit(db);
	if (s != CB_OK) {
		db_rollback(db);
		rc = cli_fail(&ctx, s, "seeding users");
	} else {
		printf("%lld users added\n", (long long)n);
	}
	cli_session_end(&ctx, db);
	return rc;
}
