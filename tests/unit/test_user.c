/*
 * test_user.c — core/user scoping and rules on a real in-memory SQLite database.
 *
 * Fixture (built once): partners A and B (inserted directly); users created through
 * user_create by the system principal: a vendor admin, and a partner_admin and a
 * partner_rep in each partner. The tests then act as A's partner
 * admin (token-authenticated) and check that B's users and vendor users are "not
 * found", lists hold only A's users, vendor roles and other partners cannot be granted,
 * and that the last active admin cannot be disabled or demoted.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "base/arena.h"
#include "base/crypto.h"
#include "core/ctx.h"
#include "base/clock.h"
#include "core/partner.h"
#include "core/session.h"
#include "core/user.h"
#include "store/db.h"
#include "store/migrate.h"

#include <string.h>

#define PW "a-long-enough-passphrase"

static struct db *db;
static struct cb_ctx ctx;
static struct partner pa, pb;

/* Fixture partners are inserted directly: core/partner is being reworked on its own
 * branch and has its own tests, and user.c only needs the rows to exist. The INSERT
 * names only columns of the first migration; later ones add columns with defaults. */
static int mk_partner(const char *name, struct partner *out)
{
	static const char sql[] = "INSERT INTO partners (name, created_at, updated_at) "
				  "VALUES ($1, 0, 0) RETURNING id";
	struct db_stmt *st;
	bool row = false;
	if (db_prepare(db, sql, &st) != CB_OK)
		return -1;
	db_bind_text(st, 1, name);
	enum cb_status rc = db_step(st, &row);
	if (rc == CB_OK && row)
		out->id = db_col_int(st, 0);
	db_done(st);
	return rc == CB_OK && row ? 0 : -1;
}

static struct user admin, pa_admin, pa_rep, pb_admin, pb_rep;
static struct principal as_pa_admin, as_pa_rep;

/* Fixture rows outlive the per-test arenas, so their strings live in this one. */
static struct arena *fixture_arena;

static void act_as(const struct principal *who)
{
	arena_free(ctx.arena);
	ctx_init(&ctx, arena_new(4096), db, who);
}

static int mk_user(const char *email, const char *role, int64_t partner_id, struct user *out)
{
	struct user_new n = {.email = email, .name = "Fixture", .role = role,
			     .partner_id = partner_id, .password = PW};
	enum cb_status st = user_create(&ctx, &n, out);
	if (st != CB_OK) {
		print_error("fixture user %s: %s (%s)\n", email, cb_status_str(st),
			    ctx.errors.count ? ctx.errors.items[0].message : "-");
		return -1;
	}
	return 0;
}

static int group_setup(void **state)
{
	(void)state;
	char err[256];
	int applied = 0;
	if (!crypto_init())
		return -1;
	if (db_open("sqlite::memory:", DB_OPEN_CREATE, &db, err, sizeof err) != CB_OK ||
	    migrate_run(db, &applied, err, sizeof err) != CB_OK)
		return -1;
	fixture_arena = arena_new(4096);
	ctx_init(&ctx, fixture_arena, db, principal_system());
	if (mk_partner("Acme Distribution", &pa) || mk_partner("Bolt Resellers", &pb))
		return -1;
	if (mk_user("root@vendor.example", "admin", 0, &admin) ||
	    mk_user("pa@a.example", "partner_admin", pa.id, &pa_admin) ||
	    mk_user("rep@a.example", "partner_rep", pa.id, &pa_rep) ||
	    mk_user("pa@b.example", "partner_admin", pb.id, &pb_admin) ||
	    mk_user("rep@b.example", "partner_rep", pb.id, &pb_rep))
		return -1;
	as_pa_admin = (struct principal){.via = AUTH_TOKEN,
					 .role = ROLE_PARTNER_ADMIN,
					 .partner_id = pa.id,
					 .user_id = pa_admin.id,
					 .email = pa_admin.email,
					 .name = "",
					 .locale = "en"};
	as_pa_rep = (struct principal){.via = AUTH_TOKEN,
				       .role = ROLE_PARTNER_REP,
				       .partner_id = pa.id,
				       .user_id = pa_rep.id,
				       .email = pa_rep.email,
				       .name = "",
				       .locale = "en"};
	ctx.arena = NULL; /* the fixture arena is freed in the group teardown */
	return 0;
}

static int group_teardown(void **state)
{
	(void)state;
	arena_free(ctx.arena);
	ctx.arena = NULL;
	arena_free(fixture_arena);
	db_close(db);
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	arena_free(ctx.arena);
	ctx.arena = NULL;
	return 0;
}

static void test_fixture_shape(void **state)
{
	(void)state;
	assert_true(pa.id > 0 && pb.id > 0 && pa.id != pb.id);
	assert_int_equal(admin.role, ROLE_ADMIN);
	assert_int_equal(admin.partner_id, 0);
	assert_int_equal(pa_admin.partner_id, pa.id);
	assert_int_equal(pb_rep.partner_id, pb.id);
	assert_string_equal(pa_rep.email, "rep@a.example");
	assert_null(pa_rep.locale); /* not chosen: the web UI follows the browser (issue 2) */
	assert_false(pa_rep.disabled);
}

static void test_partner_admin_get_is_scoped(void **state)
{
	(void)state;
	act_as(&as_pa_admin);
	struct user u;
	assert_int_equal(user_get(&ctx, pa_rep.id, &u), CB_OK);
	assert_string_equal(u.email, "rep@a.example");
	assert_int_equal(user_get(&ctx, pa_admin.id, &u), CB_OK);
	/* another partner's users and vendor users do not exist for A */
	assert_int_equal(user_get(&ctx, pb_rep.id, &u), CB_ERR_NOT_FOUND);
	assert_int_equal(user_get(&ctx, pb_admin.id, &u), CB_ERR_NOT_FOUND);
	assert_int_equal(user_get(&ctx, admin.id, &u), CB_ERR_NOT_FOUND);
	assert_int_equal(user_get(&ctx, 999999, &u), CB_ERR_NOT_FOUND);
}

static void test_get_by_email_is_scoped(void **state)
{
	(void)state;
	act_as(&as_pa_admin);
	struct user u;
	assert_int_equal(user_get_by_email(&ctx, "REP@A.example", &u), CB_OK);
	assert_int_equal(u.id, pa_rep.id);
	assert_int_equal(user_get_by_email(&ctx, "rep@b.example", &u), CB_ERR_NOT_FOUND);
	assert_int_equal(user_get_by_email(&ctx, "root@vendor.example", &u), CB_ERR_NOT_FOUND);
}

static void test_anonymous_sees_no_user(void **state)
{
	(void)state;
	act_as(principal_anonymous());
	struct user u;
	assert_int_equal(user_get(&ctx, admin.id, &u), CB_ERR_NOT_FOUND);
	assert_int_equal(user_get(&ctx, pa_rep.id, &u), CB_ERR_NOT_FOUND);
	struct user_filter f = {.disabled = -1, .limit = 200};
	struct user_page page;
	assert_int_equal(user_list(&ctx, &f, &page), CB_OK);
	assert_int_equal(page.count, 0);
}

static void test_vendor_admin_sees_all(void **state)
{
	(void)state;
	struct principal as_admin = {.via = AUTH_SESSION, .role = ROLE_ADMIN, .user_id = admin.id,
				     .email = admin.email};
	act_as(&as_admin);
	struct user u;
	assert_int_equal(user_get(&ctx, pb_rep.id, &u), CB_OK);
	assert_int_equal(user_get(&ctx, pa_rep.id, &u), CB_OK);
	struct user_filter f = {.disabled = -1, .limit = 200};
	struct user_page page;
	assert_int_equal(user_list(&ctx, &f, &page), CB_OK);
	assert_true(page.count >= 5);
}

static void test_partner_admin_list_only_own(void **state)
{
	(void)state;
	act_as(&as_pa_admin);
	struct user_filter f = {.disabled = -1, .limit = 200};
	struct user_page page;
	assert_int_equal(user_list(&ctx, &f, &page), CB_OK);
	bool saw_admin = false, saw_rep = false;
	for (size_t i = 0; i < page.count; i++) {
		if (page.items[i].partner_id != pa.id)
			fail_msg("partner A's admin listed %s of partner %lld", page.items[i].email,
				 (long long)page.items[i].partner_id);
		saw_admin |= page.items[i].id == pa_admin.id;
		saw_rep |= page.items[i].id == pa_rep.id;
	}
	assert_true(saw_admin);
	assert_true(saw_rep);
	assert_int_equal(page.next_after, 0);
	/* asking for B's users explicitly gives nothing, not B's users */
	f.partner_id = pb.id;
	assert_int_equal(user_list(&ctx, &f, &page), CB_OK);
	assert_int_equal(page.count, 0);
	/* a search that matches B's users' e-mail finds none of them */
	f.partner_id = 0;
	f.q = "b.example";
	assert_int_equal(user_list(&ctx, &f, &page), CB_OK);
	assert_int_equal(page.count, 0);
}

static void test_list_pagination(void **state)
{
	(void)state;
	act_as(principal_system());
	struct user_filter f = {.disabled = -1, .limit = 2};
	struct user_page page;
	assert_int_equal(user_list(&ctx, &f, &page), CB_OK);
	assert_int_equal(page.count, 2);
	assert_int_equal(page.next_after, page.items[1].id);
	int64_t last = page.items[1].id;
	f.after = page.next_after;
	assert_int_equal(user_list(&ctx, &f, &page), CB_OK);
	assert_true(page.count >= 1);
	assert_true(page.items[0].id > last);
}

static void test_partner_admin_cannot_grant_vendor_roles(void **state)
{
	(void)state;
	static const char *const vendor_roles[] = {"admin", "channel_manager", "analyst", "finance"};
	for (size_t i = 0; i < sizeof vendor_roles / sizeof *vendor_roles; i++) {
		act_as(&as_pa_admin);
		struct user_new n = {.email = "sneaky@a.example", .role = vendor_roles[i],
				     .password = PW};
		struct user out;
		assert_int_equal(user_create(&ctx, &n, &out), CB_ERR_FORBIDDEN);
		assert_true(errors_has(&ctx.errors, "role"));
	}
	/* nothing was created */
	act_as(principal_system());
	struct user u;
	assert_int_equal(user_get_by_email(&ctx, "sneaky@a.example", &u), CB_ERR_NOT_FOUND);
}

static void test_partner_admin_cannot_create_in_other_partner(void **state)
{
	(void)state;
	act_as(&as_pa_admin);
	struct user_new n = {.email = "intruder@b.example", .role = "partner_rep",
			     .partner_id = pb.id, .password = PW};
	struct user out;
	assert_int_equal(user_create(&ctx, &n, &out), CB_ERR_FORBIDDEN);
	assert_true(errors_has(&ctx.errors, "partner_id"));
}

static void test_partner_admin_creates_in_own_partner(void **state)
{
	(void)state;
	act_as(&as_pa_admin);
	struct user_new n = {.email = " New.Rep@A.example ", .role = "partner_rep",
			     .password = PW};
	struct user out;
	assert_int_equal(user_create(&ctx, &n, &out), CB_OK);
	assert_int_equal(out.partner_id, pa.id); /* defaults to the actor's partner */
	assert_int_equal(out.role, ROLE_PARTNER_REP);
	assert_string_equal(out.email, "new.rep@a.example");
	/* the same address again (any case) conflicts */
	act_as(&as_pa_admin);
	n.email = "NEW.REP@a.example";
	assert_int_equal(user_create(&ctx, &n, &out), CB_ERR_CONFLICT);
	assert_true(errors_has(&ctx.errors, "email"));
}

static void test_partner_rep_cannot_create(void **state)
{
	(void)state;
	act_as(&as_pa_rep);
	struct user_new n = {.email = "x@a.example", .role = "partner_rep", .password = PW};
	struct user out;
	assert_int_equal(user_create(&ctx, &n, &out), CB_ERR_FORBIDDEN);
}

static void test_create_validates(void **state)
{
	(void)state;
	struct user out;
	act_as(principal_system());
	struct user_new bad_email = {.email = "not-an-email", .role = "analyst", .password = PW};
	assert_int_equal(user_create(&ctx, &bad_email, &out), CB_ERR_INVALID);
	assert_true(errors_has(&ctx.errors, "email"));

	act_as(principal_system());
	struct user_new bad_role = {.email = "r@vendor.example", .role = "root", .password = PW};
	assert_int_equal(user_create(&ctx, &bad_role, &out), CB_ERR_RULE);
	assert_true(errors_has(&ctx.errors, "role"));

	act_as(principal_system());
	struct user_new no_partner = {.email = "p@vendor.example", .role = "partner_rep",
				      .password = PW};
	assert_int_equal(user_create(&ctx, &no_partner, &out), CB_ERR_RULE);
	assert_true(errors_has(&ctx.errors, "partner_id"));

	act_as(principal_system());
	struct user_new vendor_with_partner = {.email = "v@vendor.example", .role = "finance",
					       .partner_id = pa.id, .password = PW};
	assert_int_equal(user_create(&ctx, &vendor_with_partner, &out), CB_ERR_RULE);
	assert_true(errors_has(&ctx.errors, "partner_id"));

	act_as(principal_system());
	struct user_new ghost_partner = {.email = "g@vendor.example", .role = "partner_rep",
					 .partner_id = 987654, .password = PW};
	assert_int_equal(user_create(&ctx, &ghost_partner, &out), CB_ERR_RULE);
	assert_true(errors_has(&ctx.errors, "partner_id"));

	act_as(principal_system());
	struct user_new weak = {.email = "w@vendor.example", .role = "analyst",
				.password = "w@vendor.example", .locale = "xx"};
	assert_int_equal(user_create(&ctx, &weak, &out), CB_ERR_RULE);
	assert_true(errors_has(&ctx.errors, "password"));
	assert_true(errors_has(&ctx.errors, "locale")); /* both reported */
}

/* Issue 2: one answer names every bad field; 400 (CB_ERR_INVALID) when any is malformed. */
static void test_create_names_every_bad_field(void **state)
{
	(void)state;
	struct user out;
	act_as(principal_system());
	struct user_new all_bad = {.email = "notanemail", .role = "bogus", .password = "short", .locale = "xx"};
	assert_int_equal(user_create(&ctx, &all_bad, &out), CB_ERR_INVALID);
	assert_int_equal(ctx.errors.count, 4);
	assert_true(errors_has(&ctx.errors, "email"));
	assert_true(errors_has(&ctx.errors, "role"));
	assert_true(errors_has(&ctx.errors, "password"));
	assert_true(errors_has(&ctx.errors, "locale"));

	act_as(principal_system());
	struct user_new rules = {.email = "rules@vendor.example", .role = "bogus", .password = "short", .locale = "xx"};
	assert_int_equal(user_create(&ctx, &rules, &out), CB_ERR_RULE);
	assert_int_equal(ctx.errors.count, 3);

	/* an error the caller recorded (a type check) makes it 400 and is not repeated */
	act_as(principal_system());
	errors_add(&ctx.errors, "email", "must be a string");
	struct user_new typed = {.email = NULL, .role = "analyst", .password = "short"};
	assert_int_equal(user_create(&ctx, &typed, &out), CB_ERR_INVALID);
	assert_int_equal(ctx.errors.count, 2);
	assert_true(errors_has(&ctx.errors, "password"));

	/* nothing was written */
	act_as(principal_system());
	assert_int_equal(user_get_by_email(&ctx, "rules@vendor.example", &out), CB_ERR_NOT_FOUND);
}

static void test_update_names_every_bad_field(void **state)
{
	(void)state;
	struct user out;
	act_as(principal_system());
	struct user_patch p = {.role = "bogus", .locale = "xx", .name = "Changed"};
	assert_int_equal(user_update(&ctx, pa_rep.id, &p, &out), CB_ERR_RULE);
	assert_true(errors_has(&ctx.errors, "role"));
	assert_true(errors_has(&ctx.errors, "locale"));
	act_as(principal_system());
	struct user_patch q = {.role = "analyst", .locale = "de"}; /* partner → vendor, bad locale */
	assert_int_equal(user_update(&ctx, pa_rep.id, &q, &out), CB_ERR_RULE);
	assert_int_equal(ctx.errors.count, 2);
	act_as(principal_system());
	assert_int_equal(user_get(&ctx, pa_rep.id, &out), CB_OK);
	assert_string_equal(out.name, "Fixture");
	/* a locale set and cleared again */
	struct user_patch set = {.locale = "fa"}, clear = {.clear_locale = true};
	assert_int_equal(user_update(&ctx, pa_rep.id, &set, &out), CB_OK);
	assert_string_equal(out.locale, "fa");
	assert_int_equal(user_update(&ctx, pa_rep.id, &clear, &out), CB_OK);
	assert_null(out.locale);
	assert_int_equal(user_get(&ctx, pa_rep.id, &out), CB_OK);
	assert_null(out.locale);
}

/* Issue 2: with a short idle timeout a session in use must not expire: last_seen is
 * refreshed at least every quarter of the idle timeout. A fake clock drives it. */
static void test_session_idle_refresh_and_expiry(void **state)
{
	(void)state;
	const int64_t t0 = 1800000000;
	struct session_new sn;
	struct principal p;
	session_set_timeouts(60, 600);
	assert_int_equal(session_refresh_interval(), 15);
	clock_set_fake(t0);
	act_as(principal_system());
	assert_int_equal(session_create(&ctx, pa_rep.id, &sn), CB_OK);
	const char *secret = arena_strdup(ctx.arena, sn.secret);
	clock_set_fake(t0 + 16); /* used 16 s after login: last_seen moves to t0+16 */
	assert_int_equal(session_resolve(&ctx, secret, &p), CB_OK);
	clock_set_fake(t0 + 16 + 59); /* 59 s idle: still alive (was expired at t0+60 before) */
	assert_int_equal(session_resolve(&ctx, secret, &p), CB_OK);
	assert_int_equal(p.user_id, pa_rep.id);
	clock_set_fake(t0 + 16 + 59 + 60); /* a full idle timeout since the last use: gone */
	assert_int_equal(session_resolve(&ctx, secret, &p), CB_ERR_UNAUTHENTICATED);
	assert_int_equal(session_resolve(&ctx, secret, &p), CB_ERR_UNAUTHENTICATED);

	/* the absolute limit ends a session that is used all the time */
	session_set_timeouts(60, 120);
	clock_set_fake(t0);
	assert_int_equal(session_create(&ctx, pa_rep.id, &sn), CB_OK);
	secret = arena_strdup(ctx.arena, sn.secret);
	for (int64_t t = t0 + 10; t < t0 + 120; t += 10) {
		clock_set_fake(t);
		assert_int_equal(session_resolve(&ctx, secret, &p), CB_OK);
	}
	clock_set_fake(t0 + 120);
	assert_int_equal(session_resolve(&ctx, secret, &p), CB_ERR_UNAUTHENTICATED);

	/* the default timeouts keep the one-minute interval */
	session_set_timeouts(7200, 43200);
	assert_int_equal(session_refresh_interval(), 60);
	session_set_timeouts(2, 60);
	assert_int_equal(session_refresh_interval(), 1);
	session_set_timeouts(7200, 43200);
	clock_set_fake(0);
}

static void test_partner_admin_cannot_touch_other_partner(void **state)
{
	(void)state;
	act_as(&as_pa_admin);
	struct user_patch p = {.set_disabled = true, .disabled = true};
	struct user out;
	assert_int_equal(user_update(&ctx, pb_rep.id, &p, &out), CB_ERR_NOT_FOUND);
	act_as(&as_pa_admin);
	assert_int_equal(user_set_password(&ctx, pb_rep.id, NULL, "another-long-passphrase"),
			 CB_ERR_NOT_FOUND);
	act_as(principal_system());
	struct user u;
	assert_int_equal(user_get(&ctx, pb_rep.id, &u), CB_OK);
	assert_false(u.disabled);
}

static void test_partner_admin_cannot_promote_to_vendor(void **state)
{
	(void)state;
	act_as(&as_pa_admin);
	struct user_patch p = {.role = "admin"};
	struct user out;
	assert_int_equal(user_update(&ctx, pa_rep.id, &p, &out), CB_ERR_FORBIDDEN);
	assert_true(errors_has(&ctx.errors, "role"));
	act_as(principal_system());
	struct user u;
	assert_int_equal(user_get(&ctx, pa_rep.id, &u), CB_OK);
	assert_int_equal(u.role, ROLE_PARTNER_REP);
}

static void test_partner_rep_cannot_change_others(void **state)
{
	(void)state;
	act_as(&as_pa_rep);
	struct user_patch p = {.set_disabled = true, .disabled = true};
	struct user out;
	assert_int_equal(user_update(&ctx, pa_admin.id, &p, &out), CB_ERR_FORBIDDEN);
	/* nor its own role */
	act_as(&as_pa_rep);
	struct user_patch promote = {.role = "partner_admin"};
	assert_int_equal(user_update(&ctx, pa_rep.id, &promote, &out), CB_ERR_FORBIDDEN);
	assert_true(errors_has(&ctx.errors, "role"));
}

static void test_last_admin_cannot_be_disabled_or_demoted(void **state)
{
	(void)state;
	struct user out;
	act_as(principal_system());
	struct user_patch disable = {.set_disabled = true, .disabled = true};
	assert_int_equal(user_update(&ctx, admin.id, &disable, &out), CB_ERR_RULE);
	assert_true(errors_has(&ctx.errors, "disabled"));

	act_as(principal_system());
	struct user_patch demote = {.role = "channel_manager"};
	assert_int_equal(user_update(&ctx, admin.id, &demote, &out), CB_ERR_RULE);
	assert_true(errors_has(&ctx.errors, "role"));

	act_as(principal_system());
	struct user u;
	assert_int_equal(user_get(&ctx, admin.id, &u), CB_OK);
	assert_false(u.disabled);
	assert_int_equal(u.role, ROLE_ADMIN);

	/* with a second active admin the first may be disabled; then the second is last */
	act_as(principal_system());
	struct user second;
	struct user_new n = {.email = "root2@vendor.example", .role = "admin", .password = PW};
	assert_int_equal(user_create(&ctx, &n, &second), CB_OK);
	act_as(principal_system());
	assert_int_equal(user_update(&ctx, admin.id, &disable, &out), CB_OK);
	assert_true(out.disabled);
	act_as(principal_system());
	assert_int_equal(user_update(&ctx, second.id, &disable, &out), CB_ERR_RULE);
	/* re-enable the first so the fixture is as it was */
	act_as(principal_system());
	struct user_patch enable = {.set_disabled = true, .disabled = false};
	assert_int_equal(user_update(&ctx, admin.id, &enable, &out), CB_OK);
	assert_false(out.disabled);
}

static void test_partner_admin_sees_only_own_partner(void **state)
{
	(void)state;
	act_as(&as_pa_admin);
	struct partner p;
	assert_int_equal(partner_get(&ctx, pb.id, &p), CB_ERR_NOT_FOUND);
	assert_int_equal(partner_get(&ctx, pa.id, &p), CB_OK);
	assert_int_equal(p.id, pa.id);
}

int main(void)
{
#define T(fn) cmocka_unit_test_teardown(fn, teardown)
	const struct CMUnitTest tests[] = {
		T(test_fixture_shape),
		T(test_partner_admin_get_is_scoped),
		T(test_get_by_email_is_scoped),
		T(test_anonymous_sees_no_user),
		T(test_vendor_admin_sees_all),
		T(test_partner_admin_list_only_own),
		T(test_list_pagination),
		T(test_partner_admin_cannot_grant_vendor_roles),
		T(test_partner_admin_cannot_create_in_other_partner),
		T(test_partner_admin_creates_in_own_partner),
		T(test_partner_rep_cannot_create),
		T(test_create_validates),
		T(test_create_names_every_bad_field),
		T(test_update_names_every_bad_field),
		T(test_session_idle_refresh_and_expiry),
		T(test_partner_admin_cannot_touch_other_partner),
		T(test_partner_admin_cannot_promote_to_vendor),
		T(test_partner_rep_cannot_change_others),
		T(test_last_admin_cannot_be_disabled_or_demoted),
		T(test_partner_admin_sees_only_own_partner),
	};
#undef T
	return cmocka_run_group_tests_name("user", tests, group_setup, group_teardown);
}
