/*
 * test_partner_rules.c — the partner database's rules, each against its statement in
 * the issue and docs/data-model.md rather than against the code's own tables:
 *
 *   - field ownership (pf_may_write): every field × every kind of principal;
 *   - the owners of the fields the issue names;
 *   - the status transition table: every (from, to) pair;
 *   - duplicate scoring on a real in-memory database: each reason, its score, the
 *     best-first order, and what must not be grouped (another country, a public mail
 *     domain, a key shared by too many partners).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "base/arena.h"
#include "base/crypto.h"
#include "base/str.h"
#include "core/ctx.h"
#include "core/duplicates.h"
#include "core/import.h"
#include "core/partner.h"
#include "core/partner_schema.h"
#include "core/principal.h"
#include "store/db.h"
#include "store/migrate.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { PARTNER = 7, OTHER_PARTNER = 8, CM = 20, OTHER_CM = 21 };

static struct principal who(enum role role, int64_t user_id, int64_t partner_id)
{
	return (struct principal){.via = AUTH_TOKEN, .user_id = user_id, .role = role, .partner_id = partner_id,
				  .email = "x@example.com", .name = "", .locale = "en"};
}

/* ---- ownership ---- */

static void test_every_field_for_every_principal(void **state)
{
	(void)state;
	struct principal admin = who(ROLE_ADMIN, 1, 0), cm = who(ROLE_CHANNEL_MANAGER, CM, 0),
			 other_cm = who(ROLE_CHANNEL_MANAGER, OTHER_CM, 0), analyst = who(ROLE_ANALYST, 3, 0),
			 finance = who(ROLE_FINANCE, 4, 0), pa = who(ROLE_PARTNER_ADMIN, 5, PARTNER),
			 pr = who(ROLE_PARTNER_REP, 6, PARTNER), stranger = who(ROLE_PARTNER_ADMIN, 9, OTHER_PARTNER);
	for (int f = 0; f < PF_COUNT; f++) {
		enum pf_owner o = partner_fields[f].owner;
		const char *n = partner_fields[f].json;
		/* admin and the system (imports, jobs) may write everything */
		assert_true(pf_may_write(&admin, f, PARTNER, CM));
		assert_true(pf_may_write(principal_system(), f, PARTNER, CM));
		/* the partner's channel manager: partner- and vendor-owned, never system-owned */
		if (pf_may_write(&cm, f, PARTNER, CM) != (o != OWN_SYSTEM))
			fail_msg("channel manager of the partner, field %s", n);
		/* another channel manager: nothing of a partner it does not manage */
		if (pf_may_write(&other_cm, f, PARTNER, CM))
			fail_msg("another channel manager may write %s", n);
		/* read-only vendor roles */
		if (pf_may_write(&analyst, f, PARTNER, CM) || pf_may_write(&finance, f, PARTNER, CM))
			fail_msg("analyst/finance may write %s", n);
		/* the partner's own users: partner-owned only */
		if (pf_may_write(&pa, f, PARTNER, CM) != (o == OWN_PARTNER) ||
		    pf_may_write(&pr, f, PARTNER, CM) != (o == OWN_PARTNER))
			fail_msg("partner user, field %s", n);
		/* another partner's users: nothing */
		if (pf_may_write(&stranger, f, PARTNER, CM))
			fail_msg("another partner's user may write %s", n);
		/* a partner with no channel manager: only admin and system among vendor roles */
		if (pf_may_write(&cm, f, PARTNER, 0))
			fail_msg("a channel manager may write %s of an unmanaged partner", n);
	}
}

static void test_owners_named_by_the_issue(void **state)
{
	(void)state;
	static const char *const partner_owned[] = {"address", "phone", "website", "description", "languages"};
	static const char *const vendor_owned[] = {"tier", "status", "segment", "technical_score", "commercial_score",
						   "manager_id"};
	static const char *const system_owned[] = {"external_ids.erp", "external_ids.crm"};
	for (size_t i = 0; i < sizeof partner_owned / sizeof *partner_owned; i++)
		assert_int_equal(partner_fields[pf_find(partner_owned[i])].owner, OWN_PARTNER);
	for (size_t i = 0; i < sizeof vendor_owned / sizeof *vendor_owned; i++)
		assert_int_equal(partner_fields[pf_find(vendor_owned[i])].owner, OWN_VENDOR);
	for (size_t i = 0; i < sizeof system_owned / sizeof *system_owned; i++)
		assert_int_equal(partner_fields[pf_find(system_owned[i])].owner, OWN_SYSTEM);
	assert_int_equal(pf_find("no_such_field"), -1);
}

/* ---- transitions ---- */

static bool allowed(const char *from, const char *to)
{
	for (const char *const *n = partner_status_next(from); *n; n++)
		if (strcmp(*n, to) == 0)
			return true;
	return false;
}

static void test_transition_table(void **state)
{
	(void)state;
	static const char *const st[] = {"prospect", "applied", "onboarding", "active", "suspended", "terminated"};
	/* prospect → applied → onboarding → active → suspended → terminated; suspended → active */
	static const char *const legal[][2] = {{"prospect", "applied"}, {"applied", "onboarding"},
					       {"onboarding", "active"}, {"active", "suspended"},
					       {"suspended", "terminated"}, {"suspended", "active"}};
	for (size_t i = 0; i < 6; i++)
		for (size_t k = 0; k < 6; k++) {
			bool want = false;
			for (size_t l = 0; l < sizeof legal / sizeof *legal; l++)
				want = want || (strcmp(legal[l][0], st[i]) == 0 && strcmp(legal[l][1], st[k]) == 0);
			if (allowed(st[i], st[k]) != want)
				fail_msg("%s -> %s should be %s", st[i], st[k], want ? "allowed" : "refused");
		}
	assert_null(partner_status_next("no-such-status")[0]);
}

/* ---- duplicate scoring ---- */

static struct db *db;
static struct cb_ctx ctx;

static int64_t mk(const char *name, const char *country, const char *city, const char *tax, const char *web,
		  const char *mail, const char *phone)
{
	struct partner_input in;
	memset(&in, 0, sizeof in);
	const char *vals[] = {name, country, city, tax, web, mail, phone};
	enum pf_id ids[] = {PF_NAME, PF_COUNTRY, PF_CITY, PF_TAX_ID, PF_WEBSITE, PF_EMAIL_DOMAIN, PF_PHONE};
	for (size_t i = 0; i < sizeof ids / sizeof *ids; i++) {
		if (!vals[i])
			continue;
		if (pf_parse_text(&ctx, ids[i], vals[i], &in.v[ids[i]]) != CB_OK) {
			print_error("fixture %s: %s\n", name, ctx.errors.count ? ctx.errors.items[0].message : "?");
			return 0;
		}
		in.set[ids[i]] = true;
	}
	struct partner p;
	if (partner_create(&ctx, &in, &p) != CB_OK) {
		print_error("fixture %s not created: %s\n", name, ctx.errors.count ? ctx.errors.items[0].message : "?");
		return 0;
	}
	return p.id;
}

static int64_t tax_a, tax_b, name_a, name_b, web_a, web_b, mail_a, mail_b, phone_a, phone_b, sim_a, sim_b,
	elsewhere_a, elsewhere_b, gmail_a, gmail_b, lonely;

static int group_setup(void **state)
{
	(void)state;
	char err[256];
	int applied = 0;
	if (!crypto_init() || db_open("sqlite::memory:", DB_OPEN_CREATE, &db, err, sizeof err) != CB_OK ||
	    migrate_run(db, &applied, err, sizeof err) != CB_OK)
		return -1;
	ctx_init(&ctx, arena_new(1 << 16), db, principal_system());
	tax_a = mk("Amberline Trading", "AE", "Dubai", "AE-100200300", NULL, NULL, NULL);
	tax_b = mk("Blue Harbor Logistics", "AE", "Abu Dhabi", "AE-100200300", NULL, NULL, NULL);
	name_a = mk("شرکت داده‌پردازان پارس", "IR", "Tehran", NULL, NULL, NULL, NULL);
	name_b = mk("داده پردازان پارس", "IR", "Shiraz", NULL, NULL, NULL, NULL);
	web_a = mk("Cobalt One", "SA", "Riyadh", NULL, "https://www.cobalt-one.example/en", NULL, NULL);
	web_b = mk("Cobalt Services", "SA", "Jeddah", NULL, "http://cobalt-one.example", NULL, NULL);
	mail_a = mk("Delta Nine", "EG", "Cairo", NULL, NULL, "deltanine.example", NULL);
	mail_b = mk("D9 Systems", "EG", "Giza", NULL, NULL, "deltanine.example", NULL);
	phone_a = mk("Emerald Tech", "TR", "Istanbul", NULL, NULL, NULL, "+90 212 555 0101");
	phone_b = mk("Green Stone IT", "TR", "Ankara", NULL, NULL, NULL, "+902125550101");
	sim_a = mk("Nusantara Digital Solutions", "ID", "Jakarta", NULL, NULL, NULL, NULL);
	sim_b = mk("Nusantra Digital Solutions", "ID", "Jakarta", NULL, NULL, NULL, NULL);
	elsewhere_a = mk("Falcon Networks", "MY", "Kuala Lumpur", NULL, NULL, NULL, NULL);
	elsewhere_b = mk("Falcon Networks", "SG", "Singapore", NULL, NULL, NULL, NULL);
	gmail_a = mk("Garnet Works", "QA", "Doha", NULL, NULL, "gmail.com", NULL);
	gmail_b = mk("Harbor Point", "QA", "Doha", NULL, NULL, "gmail.com", NULL);
	lonely = mk("Solitary Consulting", "KW", "Kuwait City", NULL, NULL, NULL, NULL);
	return lonely ? 0 : -1;
}

static int group_teardown(void **state)
{
	(void)state;
	arena_free(ctx.arena);
	db_close(db);
	return 0;
}

static const struct dup_group *group_of(const struct dup_group *g, size_t n, int64_t id)
{
	for (size_t i = 0; i < n; i++)
		for (size_t k = 0; k < g[i].nmembers; k++)
			if (g[i].members[k].id == id)
				return &g[i];
	return NULL;
}

static void expect_pair(const struct dup_group *g, size_t n, int64_t a, int64_t b, const char *reason, double score)
{
	const struct dup_group *ga = group_of(g, n, a);
	assert_non_null(ga);
	assert_ptr_equal(ga, group_of(g, n, b));
	assert_int_equal(ga->nmembers, 2);
	bool found = false;
	for (size_t i = 0; i < ga->nreasons; i++)
		if (strcmp(ga->reasons[i].reason, reason) == 0) {
			found = true;
			assert_true(ga->reasons[i].score > score - 1e-9 && ga->reasons[i].score < score + 1e-9);
		}
	if (!found)
		fail_msg("no %s reason between %lld and %lld", reason, (long long)a, (long long)b);
}

static void test_each_reason_and_its_score(void **state)
{
	(void)state;
	struct dup_group *g;
	size_t n;
	assert_int_equal(duplicates_find(&ctx, 0, 100, &g, &n), CB_OK);
	expect_pair(g, n, tax_a, tax_b, "tax_id", 0.95);
	expect_pair(g, n, name_a, name_b, "name", 0.9);
	expect_pair(g, n, web_a, web_b, "web_domain", 0.85);
	expect_pair(g, n, mail_a, mail_b, "email_domain", 0.8);
	expect_pair(g, n, phone_a, phone_b, "phone", 0.7);
	const struct dup_group *s = group_of(g, n, sim_a);
	assert_non_null(s);
	assert_ptr_equal(s, group_of(g, n, sim_b));
	assert_string_equal(s->reasons[0].reason, "similar_name");
	assert_int_equal(s->nreasons, 1); /* two shared words, one comparison */
	assert_true(s->score >= 0.8 * 0.6 && s->score <= 0.8);
	/* not evidence: the same name in another country, a public mail domain, no match */
	assert_null(group_of(g, n, elsewhere_a));
	assert_null(group_of(g, n, elsewhere_b));
	assert_null(group_of(g, n, gmail_a));
	assert_null(group_of(g, n, lonely));
	assert_int_equal(n, 6);
	/* best first */
	for (size_t i = 1; i < n; i++)
		assert_true(g[i - 1].score >= g[i].score);
	assert_true(g[0].score > 0.949);
}

static void test_filter_by_partner_and_pages(void **state)
{
	(void)state;
	struct dup_group *g;
	size_t n, total;
	assert_int_equal(duplicates_find(&ctx, web_b, 100, &g, &n), CB_OK);
	assert_int_equal(n, 1);
	assert_non_null(group_of(g, n, web_a));
	assert_int_equal(duplicates_find(&ctx, lonely, 100, &g, &n), CB_OK);
	assert_int_equal(n, 0);
	assert_int_equal(duplicates_page(&ctx, 0, 4, 10, &g, &n, &total), CB_OK);
	assert_int_equal(total, 6);
	assert_int_equal(n, 2);
	assert_int_equal(duplicates_page(&ctx, 0, 99, 10, &g, &n, &total), CB_OK);
	assert_int_equal(n, 0);
}

static void test_a_key_shared_by_many_is_no_evidence(void **state)
{
	(void)state;
	/* twelve partners behind one hosting provider's domain */
	static const char *const names[] = {"Acacia", "Birch", "Cedar", "Dogwood", "Elm", "Fir",
					    "Ginkgo", "Hazel", "Juniper", "Larch", "Maple", "Nutmeg"};
	int64_t first = 0;
	for (int i = 0; i < 12; i++) {
		int64_t id = mk(names[i], "OM", i % 2 ? "Muscat" : "Sohar", NULL, "https://sites.hostingco.example", NULL,
				NULL);
		assert_true(id > 0);
		if (!first)
			first = id;
	}
	struct dup_group *g;
	size_t n;
	assert_int_equal(duplicates_find(&ctx, first, 100, &g, &n), CB_OK);
	assert_int_equal(n, 0);
}

/* Issue 3: formula-like CSV cells get one quote on export, and import strips exactly one,
 * so every value survives export → import. */
/* The record's direct writer against jansson's dump of the same value (the audit change
 * set and the responses were jansson's before): coordinates of every magnitude, text with
 * control characters, tags. */
static void test_field_writer_matches_jansson(void **state)
{
	(void)state;
	struct arena *a = arena_new(4096);
	const int64_t coords[] = {0, 1, -1, 5, 50, 99, 100, -100, 101, 123456, -123456, 51479400, -6941850, 180000000,
				  -180000000, 90000000, 1000000, 10, 12345678};
	const char *texts[] = {"", "plain", "tab\there \"quoted\" back\\slash", "\b\f\x01\x1f\x7f",
			       "\xd8\xaf\xd8\xa7\xd8\xaf\xd9\x87 caf\xc3\xa9"};
	const char *tags[] = {"Banking", "IoT", "\xd8\xa8\xd9\x86\xd9\x83"};
	for (size_t k = 0; k < sizeof coords / sizeof *coords + sizeof texts / sizeof *texts + 1; k++) {
		enum pf_id f;
		struct pval v = {0};
		if (k < sizeof coords / sizeof *coords) {
			f = PF_LATITUDE;
			v.i = coords[k];
		} else if (k < sizeof coords / sizeof *coords + sizeof texts / sizeof *texts) {
			f = PF_DESCRIPTION;
			v.s = texts[k - sizeof coords / sizeof *coords];
		} else {
			f = PF_INDUSTRIES;
			v.tags = tags;
			v.ntags = 3;
		}
		struct strbuf sb;
		sb_init(&sb, a, 64, 4096);
		pf_write_json(&sb, f, &v);
		json_t *j = pf_json(f, &v);
		char *dumped = json_dumps(j, JSON_ENCODE_ANY | JSON_COMPACT | JSON_REAL_PRECISION(12));
		json_decref(j);
		if (strcmp(sb.data, dumped) != 0)
			fail_msg("case %zu: ours %s, jansson %s", k, sb.data, dumped);
		free(dumped);
	}
	arena_free(a);
}

static void test_formula_quote_round_trip(void **state)
{
	(void)state;
	static const char *const values[] = {"=SUM(A1)", "+971 4 555", "-33.5", "@home", "'=x", "''+y",
					     "'plain", "plain", "", "a=b", NULL};
	for (const char *const *v = values; *v; v++) {
		char exported[64];
		snprintf(exported, sizeof exported, "%s%s", import_formula_like(*v) ? "'" : "", *v);
		assert_false(exported[0] == '=' || exported[0] == '+' || exported[0] == '-' || exported[0] == '@');
		assert_string_equal(import_cell(exported), *v);
	}
	assert_true(import_formula_like("=1"));
	assert_false(import_formula_like("'plain"));
	assert_string_equal(import_cell("'plain"), "'plain");
}

int main(void)
{
	const struct CMUnitTest policy[] = {
		cmocka_unit_test(test_every_field_for_every_principal),
		cmocka_unit_test(test_owners_named_by_the_issue),
		cmocka_unit_test(test_transition_table),
	};
	const struct CMUnitTest dups[] = {
		cmocka_unit_test(test_each_reason_and_its_score),
		cmocka_unit_test(test_filter_by_partner_and_pages),
		cmocka_unit_test(test_a_key_shared_by_many_is_no_evidence),
		cmocka_unit_test(test_formula_quote_round_trip),
		cmocka_unit_test(test_field_writer_matches_jansson),
	};
	int failed = cmocka_run_group_tests(policy, NULL, NULL);
	failed += cmocka_run_group_tests(dups, group_setup, group_teardown);
	return failed;
}
