/*
 * cmd_partner.c — `partner add`, `import partners|contacts`, `export partners`, `demo`.
 */
#include "cli.h"

#include "../base/arena.h"
#include "../base/str.h"
#include "../core/demo.h"
#include "../core/partner.h"
#include "../core/contact_csv.h"
#include "../core/partner_csv.h"
#include "../store/db.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

/* Runs fn inside one transaction; commits unless it failed or asked for a rollback. */
static enum cb_status in_tx(struct cb_ctx *ctx, struct db *db, enum cb_status st)
{
	if (st == CB_OK && !ctx->rollback_on_success)
		st = db_commit(db);
	if (st != CB_OK || ctx->rollback_on_success)
		db_rollback(db);
	return st;
}

int cmd_partner_add(int argc, char **argv)
{
	const char *dburl = NULL, *name = NULL, *country = NULL;
	const struct cli_opt opts[] = {
		{"db", &dburl, NULL, "database URL"},
		{"name", &name, NULL, "partner name"},
		{"country", &country, NULL, "ISO 3166-1 alpha-2 country code"},
		{NULL, NULL, NULL, NULL},
	};
	int rc = cli_parse(argc, argv, opts, "partner add --name N [--country CC] [--db URL]");
	if (rc)
		return rc < 0 ? 0 : rc;
	if (!name) {
		fprintf(stderr, "channelbase: partner add needs --name\n");
		return 2;
	}
	struct cb_ctx ctx;
	struct db *db;
	if ((rc = cli_session(cli_db_url(dburl), false, &ctx, &db)) != 0)
		return rc;
	struct partner_input in = {0};
	in.set[PF_NAME] = true;
	in.v[PF_NAME] = (struct pval){.s = name};
	enum cb_status st = db_begin(db);
	if (st == CB_OK && country) {
		in.set[PF_COUNTRY] = true;
		st = pf_parse_text(&ctx, PF_COUNTRY, country, &in.v[PF_COUNTRY]);
	}
	struct partner p;
	if (st == CB_OK)
		st = partner_create(&ctx, &in, &p);
	if ((st = in_tx(&ctx, db, st)) != CB_OK)
		rc = cli_fail(&ctx, st, "adding the partner");
	else
		printf("partner %lld %s created\n", (long long)p.id, p.f[PF_NAME].s);
	cli_session_end(&ctx, db);
	return rc;
}

static char *slurp(struct arena *a, const char *path, size_t *len)
{
	FILE *f = strcmp(path, "-") == 0 ? stdin : fopen(path, "rb");
	if (!f) {
		fprintf(stderr, "channelbase: cannot read %s\n", path);
		return NULL;
	}
	size_t cap = 1 << 16, n = 0;
	char *buf = malloc(cap);
	for (;;) {
		if (!buf)
			break;
		size_t got = fread(buf + n, 1, cap - n, f);
		n += got;
		if (got == 0)
			break;
		if (n == cap) {
			if (cap >= IMPORT_MAX_BYTES) {
				fprintf(stderr, "channelbase: %s is larger than %u MiB\n", path, IMPORT_MAX_BYTES >> 20);
				free(buf);
				buf = NULL;
				break;
			}
			char *nb = realloc(buf, cap * 2);
			if (!nb) {
				free(buf);
				buf = NULL;
				break;
			}
			buf = nb;
			cap *= 2;
		}
	}
	if (f != stdin)
		fclose(f);
	if (!buf)
		return NULL;
	char *out = arena_strndup(a, buf, n);
	free(buf);
	*len = n;
	return out;
}

typedef enum cb_status (*import_fn)(struct cb_ctx *ctx, const char *data, size_t len, bool dry_run,
				    struct import_report *out);

/* `import partners|contacts FILE [--dry-run]`: one transaction, all or nothing. */
static int import_file(int argc, char **argv, const char *what, import_fn fn)
{
	const char *dburl = NULL, *file = NULL;
	bool dry = false;
	const struct cli_opt opts[] = {
		{"db", &dburl, NULL, "database URL"},
		{"file", &file, NULL, "the CSV file ('-' = stdin); may also be given as the first argument"},
		{"dry-run", NULL, &dry, "report what would change, write nothing"},
		{NULL, NULL, NULL, NULL},
	};
	if (argc > 0 && strncmp(argv[0], "--", 2) != 0) {
		file = argv[0];
		argc--;
		argv++;
	}
	char usage[96];
	snprintf(usage, sizeof usage, "import %s FILE [--dry-run] [--db URL]", what);
	int rc = cli_parse(argc, argv, opts, usage);
	if (rc)
		return rc < 0 ? 0 : rc;
	if (!file) {
		fprintf(stderr, "channelbase: import %s needs a FILE\n", what);
		return 2;
	}
	/* A partner row with its indexes, search rows, tags and audit row takes about 8 times
	 * its CSV line in the database (100,000 bench rows: 37 MB → 290 MB). */
	struct stat sb;
	db_batch_process(!dry && strcmp(file, "-") != 0 && stat(file, &sb) == 0 ? (size_t)sb.st_size * 8 : 0);
	struct cb_ctx ctx;
	struct db *db;
	if ((rc = cli_session(cli_db_url(dburl), false, &ctx, &db)) != 0)
		return rc;
	size_t len = 0;
	char *data = slurp(ctx.arena, file, &len);
	if (!data) {
		cli_session_end(&ctx, db);
		return 2;
	}
	struct import_report rep;
	enum cb_status st = db_begin(db);
	if (st == CB_OK)
		st = fn(&ctx, data, len, dry, &rep);
	if ((st = in_tx(&ctx, db, st)) != CB_OK)
		rc = cli_fail(&ctx, st, strcmp(what, "contacts") == 0 ? "importing contacts" : "importing partners");
	else
		printf("%s%lld rows: %lld created, %lld updated, %lld unchanged\n", dry ? "dry run, nothing written: " : "",
		       (long long)rep.rows, (long long)rep.created, (long long)rep.updated, (long long)rep.unchanged);
	cli_session_end(&ctx, db);
	return rc;
}

int cmd_import_partners(int argc, char **argv) { return import_file(argc, argv, "partners", partner_import_csv); }
int cmd_import_contacts(int argc, char **argv) { return import_file(argc, argv, "contacts", contact_import_csv); }

int cmd_export_partners(int argc, char **argv)
{
	const char *dburl = NULL, *format = "csv";
	const struct cli_opt opts[] = {
		{"db", &dburl, NULL, "database URL"},
		{"format", &format, NULL, "csv (default) or json"},
		{NULL, NULL, NULL, NULL},
	};
	int rc = cli_parse(argc, argv, opts, "export partners [--format csv|json] [--db URL]");
	if (rc)
		return rc < 0 ? 0 : rc;
	if (strcmp(format, "csv") != 0 && strcmp(format, "json") != 0) {
		fprintf(stderr, "channelbase: --format must be csv or json\n");
		return 2;
	}
	struct cb_ctx ctx;
	struct db *db;
	if ((rc = cli_session(cli_db_url(dburl), false, &ctx, &db)) != 0)
		return rc;
	struct strbuf sb;
	sb_init(&sb, ctx.arena, 1 << 20, 2048u << 20);
	enum cb_status st = partner_export(&ctx, NULL, strcmp(format, "csv") == 0 ? EXPORT_CSV : EXPORT_JSON, &sb);
	if (st != CB_OK)
		rc = cli_fail(&ctx, st, "exporting partners");
	else if (fwrite(sb.data, 1, sb.len, stdout) != sb.len)
		rc = 1;
	cli_session_end(&ctx, db);
	return rc;
}

int cmd_demo(int argc, char **argv)
{
	const char *dburl = NULL, *count = NULL, *seed = NULL;
	bool no_users = false;
	const struct cli_opt opts[] = {
		{"db", &dburl, NULL, "database URL"},
		{"partners", &count, NULL, "how many partners (default 300)"},
		{"seed", &seed, NULL, "random seed (default 1); the same seed gives the same data"},
		{"no-users", NULL, &no_users, "do not create the demo staff and partner users"},
		{NULL, NULL, NULL, NULL},
	};
	int rc = cli_parse(argc, argv, opts, "demo [--partners N] [--seed S] [--db URL]");
	if (rc)
		return rc < 0 ? 0 : rc;
	int64_t n = 300, s = 1;
	if ((count && !parse_i64(count, 1, 1000000, &n)) || (seed && !parse_i64(seed, 0, INT64_MAX, &s))) {
		fprintf(stderr, "channelbase: --partners takes 1..1000000 and --seed a non-negative integer\n");
		return 2;
	}
	db_batch_process((size_t)n * 3072); /* 100,000 demo partners: 300 MB */
	struct cb_ctx ctx;
	struct db *db;
	if ((rc = cli_session(cli_db_url(dburl), false, &ctx, &db)) != 0)
		return rc;
	struct demo_report rep;
	enum cb_status st = db_begin(db);
	db_bulk(db, true);
	if (st == CB_OK)
		st = demo_generate(&ctx, (int)n, (uint64_t)s, !no_users, &rep);
	db_bulk(db, false);
	if ((st = in_tx(&ctx, db, st)) != CB_OK) {
		rc = cli_fail(&ctx, st, "generating demo data");
	} else {
		printf("demo data: %lld partners (%lld planted duplicates), %lld contacts, %lld territories, %lld notes, "
		       "%lld users\n", (long long)(rep.partners + rep.duplicates), (long long)rep.duplicates,
		       (long long)rep.contacts, (long long)rep.territories, (long long)rep.notes, (long long)rep.users);
		if (!no_users)
			printf("demo logins (password %s):\n"
			       "  channel managers: sara.karimi@demo.channelbase.local, omar.haddad@…, mei.tan@…, emre.yilmaz@…\n"
			       "  analyst@demo.channelbase.local, finance@demo.channelbase.local\n"
			       "  partner users:    admin@pars.partner.demo / sales@pars.partner.demo (partner %lld),\n"
			       "                    admin@gulf.partner.demo, admin@nusantara.partner.demo\n",
			       DEMO_PASSWORD, (long long)rep.first_partner_id);
	}
	cli_session_end(&ctx, db);
	return rc;
}
