/*
 * test_principal.c — core/principal: role names both ways, role masks for every role
 * and for the anonymous and system principals, the scope each principal gets and which
 * rows a scope allows, and scope_bind's SQL parameter (checked on a real SQLite
 * connection).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "core/principal.h"
#include "store/db.h"

#include <string.h>

static const char *const role_names[ROLE_COUNT] = {
	"admin", "channel_manager", "analyst", "finance", "partner_admin", "partner_rep",
};

static struct principal as(enum role r, int64_t partner_id)
{
	return (struct principal){.via = AUTH_SESSION,
				  .user_id = 10 + r,
				  .role = r,
				  .partner_id = partner_id,
				  .email = "someone@example.com"};
}

static void test_role_round_trip(void **state)
{
	(void)state;
	assert_int_equal(ROLE_COUNT, 6);
	for (int r = 0; r < ROLE_COUNT; r++) {
		assert_string_equal(role_name((enum role)r), role_names[r]);
		enum role back = ROLE_COUNT;
		assert_true(role_parse(role_names[r], &back));
		assert_int_equal(back, r);
		assert_non_null(strstr(role_names_all(), role_names[r]));
	}
}

static void test_role_parse_rejects_unknown(void **state)
{
	(void)state;
	static const char *const bad[] = {"", "Admin", "ADMIN", "admin ", " admin", "root",
					  "partner", "partner-admin", "channel manager", "unknown",
					  "admin\n", "adminx"};
	for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
		enum role r = ROLE_PARTNER_REP;
		if (role_parse(bad[i], &r))
			fail_msg("role_parse accepted \"%s\"", bad[i]);
		assert_int_equal(r, ROLE_PARTNER_REP); /* untouched */
	}
	enum role r = ROLE_FINANCE;
	assert_false(role_parse(NULL, &r));
	assert_int_equal(r, ROLE_FINANCE);
	assert_string_equal(role_name(ROLE_COUNT), "unknown");
}

static void test_role_is_partner(void **state)
{
	(void)state;
	assert_false(role_is_partner(ROLE_ADMIN));
	assert_false(role_is_partner(ROLE_CHANNEL_MANAGER));
	assert_false(role_is_partner(ROLE_ANALYST));
	assert_false(role_is_partner(ROLE_FINANCE));
	assert_true(role_is_partner(ROLE_PARTNER_ADMIN));
	assert_true(role_is_partner(ROLE_PARTNER_REP));
}

static void test_masks_per_role(void **state)
{
	(void)state;
	for (int r = 0; r < ROLE_COUNT; r++) {
		struct principal p = as((enum role)r, r >= ROLE_PARTNER_ADMIN ? 7 : 0);
		assert_true(principal_authenticated(&p));
		for (int other = 0; other < ROLE_COUNT; other++)
			assert_int_equal(principal_in(&p, ROLE_BIT(other)), r == other);
		assert_true(principal_in(&p, ROLES_ALL));
		assert_false(principal_in(&p, 0));
		bool vendor = r <= ROLE_FINANCE;
		assert_int_equal(principal_in(&p, ROLES_VENDOR), vendor);
		assert_int_equal(principal_in(&p, ROLES_PARTNER), !vendor);
		assert_int_equal(principal_is_vendor(&p), vendor);
	}
	/* a token-authenticated principal is the same as a session one */
	struct principal t = as(ROLE_ANALYST, 0);
	t.via = AUTH_TOKEN;
	assert_true(principal_in(&t, ROLE_BIT(ROLE_ANALYST)));
	assert_false(principal_in(&t, ROLE_BIT(ROLE_ADMIN)));
}

static void test_anonymous(void **state)
{
	(void)state;
	const struct principal *anon = principal_anonymous();
	assert_false(principal_authenticated(anon));
	assert_int_equal(anon->user_id, 0);
	assert_string_equal(anon->email, "anonymous");
	/* Whatever its role field holds, anonymous is in no mask. */
	assert_false(principal_in(anon, ROLES_ALL));
	assert_false(principal_in(anon, ROLE_BIT(ROLE_ADMIN)));
	assert_false(principal_in(anon, ROLES_PARTNER));
	assert_false(principal_in(anon, 0xFFFFFFFFu));
	assert_false(principal_is_vendor(anon));
	/* a hand-built unauthenticated principal claiming admin is still nobody */
	struct principal fake = as(ROLE_ADMIN, 0);
	fake.via = AUTH_NONE;
	assert_false(principal_in(&fake, ROLE_BIT(ROLE_ADMIN)));
	assert_false(scope_of(&fake).all);
}

static void test_system(void **state)
{
	(void)state;
	const struct principal *sys = principal_system();
	assert_true(principal_authenticated(sys));
	assert_int_equal(sys->user_id, 0);
	assert_string_equal(sys->email, "system");
	for (int r = 0; r < ROLE_COUNT; r++)
		assert_true(principal_in(sys, ROLE_BIT(r)));
	assert_true(principal_in(sys, ROLES_VENDOR));
	assert_true(principal_in(sys, ROLES_PARTNER));
	assert_true(principal_in(sys, 0)); /* "system is in every mask" */
	assert_true(principal_is_vendor(sys));
}

static void test_scope_of(void **state)
{
	(void)state;
	for (int r = ROLE_ADMIN; r <= ROLE_FINANCE; r++) {
		struct principal p = as((enum role)r, 0);
		assert_true(scope_of(&p).all);
	}
	struct principal pa = as(ROLE_PARTNER_ADMIN, 7);
	struct scope s = scope_of(&pa);
	assert_false(s.all);
	assert_int_equal(s.partner_id, 7);
	struct principal rep = as(ROLE_PARTNER_REP, 9);
	rep.via = AUTH_TOKEN;
	s = scope_of(&rep);
	assert_false(s.all);
	assert_int_equal(s.partner_id, 9);
	assert_true(scope_of(principal_system()).all);
	s = scope_of(principal_anonymous());
	assert_false(s.all);
}

static void test_scope_allows(void **state)
{
	(void)state;
	struct scope all = {.all = true};
	assert_true(scope_allows(all, 0));
	assert_true(scope_allows(all, 1));
	assert_true(scope_allows(all, 123456));
	struct scope p7 = {.all = false, .partner_id = 7};
	assert_true(scope_allows(p7, 7));
	assert_false(scope_allows(p7, 8));
	assert_false(scope_allows(p7, 0)); /* vendor-owned rows are not a partner's */
	/* anonymous sees no partner's rows and no vendor rows */
	struct scope anon = scope_of(principal_anonymous());
	for (int64_t id = 0; id <= 20; id++)
		assert_false(scope_allows(anon, id));
	/* a partner principal whose partner id is missing sees nothing */
	struct principal broken = as(ROLE_PARTNER_REP, 0);
	struct scope b = scope_of(&broken);
	assert_false(scope_allows(b, 0));
	assert_false(scope_allows(b, 1));
}

static void test_scope_bind(void **state)
{
	(void)state;
	struct db *db;
	char err[256];
	assert_int_equal(db_open("sqlite::memory:", DB_OPEN_CREATE, &db, err, sizeof err), CB_OK);
	static const char sql[] = "SELECT $1 IS NULL, COALESCE($1, -5)";
	struct db_stmt *st;
	bool row;

	assert_int_equal(db_prepare(db, sql, &st), CB_OK);
	scope_bind(st, 1, (struct scope){.all = true});
	assert_int_equal(db_step(st, &row), CB_OK);
	assert_true(row);
	assert_int_equal(db_col_int(st, 0), 1);
	assert_int_equal(db_col_int(st, 1), -5);
	db_done(st);

	assert_int_equal(db_prepare(db, sql, &st), CB_OK);
	scope_bind(st, 1, (struct scope){.all = false, .partner_id = 7});
	assert_int_equal(db_step(st, &row), CB_OK);
	assert_true(row);
	assert_int_equal(db_col_int(st, 0), 0);
	assert_int_equal(db_col_int(st, 1), 7);
	db_done(st);
	db_close(db);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_role_round_trip),
		cmocka_unit_test(test_role_parse_rejects_unknown),
		cmocka_unit_test(test_role_is_partner),
		cmocka_unit_test(test_masks_per_role),
		cmocka_unit_test(test_anonymous),
		cmocka_unit_test(test_system),
		cmocka_unit_test(test_scope_of),
		cmocka_unit_test(test_scope_allows),
		cmocka_unit_test(test_scope_bind),
	};
	return cmocka_run_group_tests_name("principal", tests, NULL, NULL);
}
