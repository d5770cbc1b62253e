/*
 * cli.c — option parsing and database plumbing for commands.
 */
#include "cli.h"

#include "../base/arena.h"
#include "../store/db.h"
#include "../core/document.h"
#include "../store/migrate.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void print_usage(const char *usage, const struct cli_opt *opts)
{
	printf("usage: channelbase %s\n", usage);
	if (opts && opts->name)
		printf("\noptions:\n");
	for (const struct cli_opt *o = opts; o && o->name; o++) {
		char left[64];
		snprintf(left, sizeof left, "--%s%s", o->name, o->value ? " VALUE" : "");
		printf("  %-28s %s\n", left, o->help);
	}
	printf("  %-28s %s\n", "--help", "show this help");
}

int cli_parse(int argc, char **argv, const struct cli_opt *opts, const char *usage)
{
	for (int i = 0; i < argc; i++) {
		const char *a = argv[i];
		if (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0) {
			print_usage(usage, opts);
			return -1;
		}
		if (strncmp(a, "--", 2) != 0) {
			fprintf(stderr, "channelbase: unexpected argument '%s' (see --help)\n", a);
			return 2;
		}
		const char *name = a + 2;
		const char *eq = strchr(name, '=');
		size_t nlen = eq ? (size_t)(eq - name) : strlen(name);
		const struct cli_opt *o = opts;
		while (o && o->name && !(strlen(o->name) == nlen && strncmp(o->name, name, nlen) == 0))
			o++;
		if (!o || !o->name) {
			fprintf(stderr, "channelbase: unknown option '--%.*s' (see --help)\n", (int)nlen, name);
			return 2;
		}
		if (o->flag) {
			if (eq) {
				fprintf(stderr, "channelbase: option --%s takes no value\n", o->name);
				return 2;
			}
			*o->flag = true;
		} else if (eq) {
			*o->value = eq + 1;
		} else if (i + 1 < argc) {
			*o->value = argv[++i];
		} else {
			fprintf(stderr, "channelbase: option --%s needs a value\n", o->name);
			return 2;
		}
	}
	return 0;
}

const char *cli_db_url(const char *flag)
{
	if (flag && *flag)
		return flag;
	const char *env = getenv("CHANNELBASE_DB");
	return env && *env ? env : "./data/channelbase.db";
}

struct db *cli_open(const char *url, bool create)
{
	struct db *db;
	char err[512];
	if (db_open(url, create ? DB_OPEN_CREATE : DB_OPEN_EXISTING, &db, err, sizeof err) != CB_OK) {
		fprintf(stderr, "channelbase: %s\n", err);
		return NULL;
	}
	return db;
}

int cli_session(const char *url, bool migrate, struct cb_ctx *ctx, struct db **dbp)
{
	struct db *db = cli_open(url, false);
	if (!db)
		return 2;
	int current, latest;
	if (migrate_versions(db, &current, &latest) != CB_OK) {
		fprintf(stderr, "channelbase: cannot read the schema version of %s: %s\n",
			db_url_redacted(url, (char[512]){0}, 512), db_errmsg(db));
		db_close(db);
		return 2;
	}
	if (current > latest) {
		fprintf(stderr, "channelbase: database schema version %d is newer than this binary's %d; "
				"upgrade channelbase\n", current, latest);
		db_close(db);
		return 2;
	}
	if (current < latest) {
		if (!migrate) {
			fprintf(stderr, "channelbase: database is at schema version %d, this binary needs %d; "
					"run 'channelbase migrate'\n", current, latest);
			db_close(db);
			return 2;
		}
		int applied;
		char err[512];
		if (migrate_run(db, &applied, err, sizeof err) != CB_OK) {
			fprintf(stderr, "channelbase: %s\n", err);
			db_close(db);
			return 2;
		}
	}
	ctx_init(ctx, arena_new(16384), db, principal_system());
	*dbp = db;
	return 0;
}

void cli_session_end(struct cb_ctx *ctx, struct db *db)
{
	arena_free(ctx->arena);
	db_close(db);
}

int cli_fail(struct cb_ctx *ctx, enum cb_status st, const char *what)
{
	fprintf(stderr, "channelbase: %s: %s\n", what, cb_status_title(st));
	if (ctx->errors.detail)
		fprintf(stderr, "  %s\n", ctx->errors.detail);
	for (size_t i = 0; i < ctx->errors.count; i++)
		fprintf(stderr, "  %s%s%s\n", ctx->errors.items[i].field ? ctx->errors.items[i].field : "",
			ctx->errors.items[i].field ? ": " : "", ctx->errors.items[i].message);
	if (st == CB_ERR_DB || st == CB_ERR_UNAVAILABLE)
		fprintf(stderr, "  %s\n", db_errmsg(ctx->db));
	return 1;
}

char *cli_read_secret(struct arena *a, const char *path)
{
	FILE *f = strcmp(path, "-") == 0 ? stdin : fopen(path, "r");
	if (!f) {
		fprintf(stderr, "channelbase: cannot read %s\n", path);
		return NULL;
	}
	char buf[1100];
	char *line = fgets(buf, sizeof buf, f);
	if (f != stdin)
		fclose(f);
	if (!line) {
		fprintf(stderr, "channelbase: %s is empty\n", path);
		return NULL;
	}
	size_t n = strlen(buf);
	while (n && (buf[n - 1] == '\n' || buf[n - 1] == '\r'))
		buf[--n] = '\0';
	return arena_strdup(a, buf);
}

void cli_set_document_dir(const char *db_url, const char *datadir)
{
	char buf[4096];
	if (datadir && *datadir) {
		snprintf(buf, sizeof buf, "%s/documents", datadir);
	} else {
		const char *path = db_url;
		if (strncmp(path, "sqlite://", 9) == 0)
			path += 9;
		else if (strncmp(path, "sqlite:", 7) == 0)
			path += 7;
		const char *slash = strrchr(path, '/');
		if (strstr(db_url, "://") && strncmp(db_url, "sqlite", 6) != 0)
			snprintf(buf, sizeof buf, "./data/documents");
		else if (slash)
			snprintf(buf, sizeof buf, "%.*s/documents", (int)(slash - path), path);
		else
			snprintf(buf, sizeof buf, "./documents");
	}
	document_set_dir(buf);
}
