/*
 * main.c — the `channelbase` command line: a table of commands, each calling the same
 * core functions as the HTTP API. `channelbase help` lists them; `channelbase CMD --help`
 * describes one.
 */
#include "base/crypto.h"
#include "base/log.h"
#include "cli/cli.h"

#include <stdio.h>
#include <string.h>

const struct cli_cmd cli_commands[] = {
	{"serve", cmd_serve, "serve the API and console over HTTP", false},
	{"init", cmd_init, "create or upgrade the database; create the first admin", false},
	{"migrate", cmd_migrate, "apply pending schema migrations", false},
	{"user add", cmd_user_add, "add a user", false},
	{"user list", cmd_user_list, "list users", false},
	{"user disable", cmd_user_disable, "disable a user and end their sessions", false},
	{"token create", cmd_token_create, "create an API token for a user (prints it once)", false},
	{"token revoke", cmd_token_revoke, "revoke an API token", false},
	{"partner add", cmd_partner_add, "add a partner organisation", false},
	{"import partners", cmd_import_partners, "create or update partners from a CSV file (--dry-run)", false},
	{"import contacts", cmd_import_contacts, "create or update partner contacts from a CSV file (--dry-run)", false},
	{"export partners", cmd_export_partners, "write every partner as CSV or JSON to stdout", false},
	{"demo", cmd_demo, "fill the database with realistic demo data", false},
	{"backup", cmd_backup, "write a consistent copy of the database while serving", false},
	{"copy", cmd_copy, "copy every table to another database (SQLite <-> PostgreSQL), checked", false},
	{"schema", cmd_schema, "list the database's tables and columns", false},
	{"routes", cmd_routes, "print the HTTP route table with the roles allowed", false},
	{"version", cmd_version, "print the version", false},
	{"seed-users", cmd_seed_users, "add N bench users (benchmarks only)", true},
	{NULL, NULL, NULL, false},
};

static void usage(FILE *f)
{
	fprintf(f, "Channelbase — partner relationship management.\n\nusage: channelbase COMMAND [options]\n\ncommands:\n");
	for (const struct cli_cmd *c = cli_commands; c->name; c++)
		if (!c->hidden)
			fprintf(f, "  %-16s %s\n", c->name, c->summary);
	fprintf(f, "\n'channelbase COMMAND --help' describes a command.\n");
}

int main(int argc, char **argv)
{
	if (argc < 2 || strcmp(argv[1], "help") == 0 || strcmp(argv[1], "--help") == 0) {
		usage(argc < 2 ? stderr : stdout);
		return argc < 2 ? 2 : 0;
	}
	if (strcmp(argv[1], "--version") == 0)
		return cmd_version(0, NULL);
	if (!crypto_init()) {
		fprintf(stderr, "channelbase: cannot initialise libsodium\n");
		return 1;
	}
	for (const struct cli_cmd *c = cli_commands; c->name; c++) {
		const char *space = strchr(c->name, ' ');
		if (!space) {
			if (strcmp(argv[1], c->name) == 0)
				return c->run(argc - 2, argv + 2);
			continue;
		}
		size_t n = (size_t)(space - c->name);
		if (strlen(argv[1]) == n && strncmp(argv[1], c->name, n) == 0 && argc >= 3 &&
		    strcmp(argv[2], space + 1) == 0)
			return c->run(argc - 3, argv + 3);
	}
	for (const struct cli_cmd *c = cli_commands; c->name; c++) {
		const char *space = strchr(c->name, ' ');
		if (space && strncmp(argv[1], c->name, (size_t)(space - c->name)) == 0 &&
		    strlen(argv[1]) == (size_t)(space - c->name)) {
			fprintf(stderr, "channelbase: '%s' needs a subcommand:", argv[1]);
			for (const struct cli_cmd *d = cli_commands; d->name; d++)
				if (strncmp(d->name, c->name, (size_t)(space - c->name) + 1) == 0)
					fprintf(stderr, " %s", strchr(d->name, ' ') + 1);
			fprintf(stderr, "\n");
			return 2;
		}
	}
	fprintf(stderr, "channelbase: unknown command '%s'\n\n", argv[1]);
	usage(stderr);
	return 2;
}
