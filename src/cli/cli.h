/*
 * cli.h — shared plumbing for `channelbase` commands.
 *
 * Each command is `int cmd_x(int argc, char **argv)` returning the exit code: 0 success,
 * 1 the operation failed, 2 usage, configuration or database-open errors. Options are
 * declared as a table and parsed by cli_parse(); `--help` prints the command's usage.
 * A command that touches the database runs with the system principal, one arena and,
 * for changes, one transaction.
 */
#ifndef CB_CLI_H
#define CB_CLI_H

#include "../base/status.h"
#include "../core/ctx.h"

#include <stdbool.h>

struct db;

struct cli_opt {
	const char *name;      /* without the leading "--" */
	const char **value;    /* for options that take a value */
	bool *flag;            /* for switches */
	const char *help;
};

struct cli_cmd {
	const char *name;      /* "user add" */
	int (*run)(int argc, char **argv);
	const char *summary;
	bool hidden;
};

extern const struct cli_cmd cli_commands[];

/* Parses argv (after the command words). Returns 0 to continue, or an exit code (0 after
 * --help, 2 on a usage error, with a message already printed). */
int cli_parse(int argc, char **argv, const struct cli_opt *opts, const char *usage);

/* --db flag, else CHANNELBASE_DB, else ./data/channelbase.db. */
const char *cli_db_url(const char *flag);

/* Opens the database; on failure prints a one-line reason and returns NULL. */
struct db *cli_open(const char *url, bool create);
/* Opens an existing database, checks its schema version (applying pending migrations
 * when `migrate` is true) and sets up ctx with the system principal. Returns an exit
 * code (0 = ready). */
int cli_session(const char *url, bool migrate, struct cb_ctx *ctx, struct db **db);
void cli_session_end(struct cb_ctx *ctx, struct db *db);

/* Points document storage at `datadir`, or at documents/ beside a SQLite database file. */
void cli_set_document_dir(const char *db_url, const char *datadir);

/* Prints ctx errors for a failed core call; returns the exit code (1). */
int cli_fail(struct cb_ctx *ctx, enum cb_status st, const char *what);

/* Reads the first line of a file (without the newline) into the arena; NULL on error. */
char *cli_read_secret(struct arena *a, const char *path);

/* The commands (one file per group: cmd_db.c, cmd_serve.c, cmd_user.c, cmd_token.c,
 * cmd_misc.c); the table naming them is in src/main.c. */
int cmd_init(int argc, char **argv);
int cmd_migrate(int argc, char **argv);
int cmd_backup(int argc, char **argv);
int cmd_copy(int argc, char **argv);
int cmd_schema(int argc, char **argv);
int cmd_serve(int argc, char **argv);
int cmd_user_add(int argc, char **argv);
int cmd_user_list(int argc, char **argv);
int cmd_user_disable(int argc, char **argv);
int cmd_token_create(int argc, char **argv);
int cmd_token_revoke(int argc, char **argv);
int cmd_partner_add(int argc, char **argv);
int cmd_import_partners(int argc, char **argv);
int cmd_import_contacts(int argc, char **argv);
int cmd_export_partners(int argc, char **argv);
int cmd_demo(int argc, char **argv);
int cmd_routes(int argc, char **argv);
int cmd_version(int argc, char **argv);
int cmd_seed_users(int argc, char **argv);

#endif
