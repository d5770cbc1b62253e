/*
 * test_ratelimit.c — core/ratelimit on a real in-memory SQLite database with the
 * project's migrations, time moved by the fake clock. Limit 5 per 60 s throughout:
 * 4 hits are allowed, the 5th closes the window until the oldest counted hit is 60 s
 * old, clear() forgets a key, and keys are independent. A check can leave out one hit
 * (the attempt being counted, recorded first) and drop() takes one back; attempt() does
 * the two in that order and takes a refused attempt's hits back.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "base/arena.h"
#include "base/clock.h"
#include "core/ctx.h"
#include "core/ratelimit.h"
#include "store/db.h"
#include "store/migrate.h"

#define LIMIT 5
#define WINDOW 60
#define T0 INT64_C(1700000000)

static struct db *db;
static struct cb_ctx ctx;

static int group_setup(void **state)
{
	(void)state;
	char err[256];
	int applied = 0;
	if (db_open("sqlite::memory:", DB_OPEN_CREATE, &db, err, sizeof err) != CB_OK)
		return -1;
	if (migrate_run(db, &applied, err, sizeof err) != CB_OK || applied < 1)
		return -1;
	return 0;
}

static int group_teardown(void **state)
{
	(void)state;
	db_close(db);
	clock_set_fake(0);
	return 0;
}

static int setup(void **state)
{
	(void)state;
	ctx_init(&ctx, arena_new(4096), db, principal_system());
	return db_exec(db, "DELETE FROM login_failures") == CB_OK ? 0 : -1;
}

static int teardown(void **state)
{
	(void)state;
	arena_free(ctx.arena);
	return 0;
}

static void hit_at(const char *key, int64_t t)
{
	clock_set_fake(t);
	assert_int_equal(ratelimit_hit(&ctx, key, WINDOW, NULL), CB_OK);
}

/* CB_OK, or the retry_after when limited (as a negative number, to tell them apart). */
static int check_at(const char *key, int64_t t)
{
	clock_set_fake(t);
	int retry = -12345;
	enum cb_status st = ratelimit_check(&ctx, key, LIMIT, WINDOW, 0, &retry);
	if (st == CB_OK)
		return 0;
	assert_int_equal(st, CB_ERR_RATE_LIMITED);
	assert_true(retry >= 1);
	return -retry;
}

static void test_no_hits_allowed(void **state)
{
	(void)state;
	assert_int_equal(check_at("email:a@x.io", T0), 0);
}

static void test_four_allowed_fifth_limited(void **state)
{
	(void)state;
	const char *k = "email:a@x.io";
	for (int i = 0; i < 4; i++) {
		hit_at(k, T0 + i);
		assert_int_equal(check_at(k, T0 + i), 0);
	}
	hit_at(k, T0 + 4);
	/* oldest counted hit T0, window 60, now T0+5: 60 - 5 = 55 s to wait */
	assert_int_equal(check_at(k, T0 + 5), -55);
	assert_int_equal(check_at(k, T0 + 4), -56);
	assert_int_equal(check_at(k, T0 + 30), -30);
	assert_int_equal(check_at(k, T0 + 59), -1);
}

static void test_window_reopens(void **state)
{
	(void)state;
	const char *k = "email:a@x.io";
	for (int i = 0; i < 5; i++)
		hit_at(k, T0 + i);
	assert_int_equal(check_at(k, T0 + 59), -1);
	/* at T0+60 the hit at T0 is a full window old and no longer counts: 4 remain */
	assert_int_equal(check_at(k, T0 + 60), 0);
	/* a new hit makes 5 again (T0+1..T0+4, T0+60): wait for T0+1 to age out */
	hit_at(k, T0 + 60);
	assert_int_equal(check_at(k, T0 + 60), -1);
	assert_int_equal(check_at(k, T0 + 61), 0);
	/* long after, nothing counts */
	assert_int_equal(check_at(k, T0 + 3600), 0);
}

static void test_retry_counts_from_oldest_of_newest(void **state)
{
	(void)state;
	const char *k = "ip:192.0.2.1";
	/* 8 hits at T0..T0+7: the 5 newest are T0+3..T0+7, so the window reopens when
	 * T0+3 ages out, at T0+63 */
	for (int i = 0; i < 8; i++)
		hit_at(k, T0 + i);
	assert_int_equal(check_at(k, T0 + 8), -55);
	assert_int_equal(check_at(k, T0 + 62), -1);
	assert_int_equal(check_at(k, T0 + 63), 0);
}

static void test_same_second_hits(void **state)
{
	(void)state;
	const char *k = "email:burst@x.io";
	for (int i = 0; i < 5; i++)
		hit_at(k, T0);
	assert_int_equal(check_at(k, T0), -60);
	assert_int_equal(check_at(k, T0 + 60), 0);
}

static void test_clear_resets(void **state)
{
	(void)state;
	const char *k = "email:a@x.io";
	for (int i = 0; i < 6; i++)
		hit_at(k, T0 + i);
	assert_true(check_at(k, T0 + 6) < 0);
	clock_set_fake(T0 + 6);
	assert_int_equal(ratelimit_clear(&ctx, k), CB_OK);
	assert_int_equal(check_at(k, T0 + 6), 0);
	/* counting starts over: 4 more are fine, the 5th limits */
	for (int i = 0; i < 4; i++)
		hit_at(k, T0 + 10 + i);
	assert_int_equal(check_at(k, T0 + 14), 0);
	hit_at(k, T0 + 14);
	assert_int_equal(check_at(k, T0 + 14), -56);
	/* clearing a key with no hits is fine */
	assert_int_equal(ratelimit_clear(&ctx, "email:never@x.io"), CB_OK);
}

static void test_keys_independent(void **state)
{
	(void)state;
	for (int i = 0; i < 5; i++)
		hit_at("email:a@x.io", T0 + i);
	assert_true(check_at("email:a@x.io", T0 + 5) < 0);
	assert_int_equal(check_at("email:b@x.io", T0 + 5), 0);
	assert_int_equal(check_at("ip:127.0.0.1", T0 + 5), 0);
	assert_int_equal(check_at("email:A@x.io", T0 + 5), 0); /* keys are exact */
	assert_int_equal(check_at("email:a@x.io ", T0 + 5), 0);
	/* SQL wildcards in a key match nothing but themselves */
	assert_int_equal(check_at("email:%", T0 + 5), 0);
	assert_int_equal(check_at("email:_@x.io", T0 + 5), 0);
	/* clearing one key leaves the other limited */
	for (int i = 0; i < 5; i++)
		hit_at("ip:127.0.0.1", T0 + i);
	clock_set_fake(T0 + 5);
	assert_int_equal(ratelimit_clear(&ctx, "email:a@x.io"), CB_OK);
	assert_int_equal(check_at("email:a@x.io", T0 + 5), 0);
	assert_int_equal(check_at("ip:127.0.0.1", T0 + 5), -55);
}

static void test_old_hits_pruned_on_hit(void **state)
{
	(void)state;
	const char *k = "email:old@x.io";
	for (int i = 0; i < 5; i++)
		hit_at(k, T0 + i);
	hit_at(k, T0 + 1000); /* prunes the five that left the window */
	struct db_stmt *st;
	bool row;
	static const char sql[] = "SELECT COUNT(*) FROM login_failures WHERE key = $1";
	assert_int_equal(db_prepare(db, sql, &st), CB_OK);
	db_bind_text(st, 1, k);
	assert_int_equal(db_step(st, &row), CB_OK);
	assert_true(row);
	assert_int_equal(db_col_int(st, 0), 1);
	db_done(st);
}

/* The login flow: record the attempt, then count the others. The sixth attempt sees five
 * others and is refused; taking its hit back leaves five. */
static void test_record_first_then_count_others(void **state)
{
	(void)state;
	const char *k = "email:first@x.io";
	clock_set_fake(T0);
	int64_t ids[6];
	for (int i = 0; i < 6; i++)
		assert_int_equal(ratelimit_hit(&ctx, k, WINDOW, &ids[i]), CB_OK);
	for (int i = 1; i < 6; i++)
		assert_true(ids[i] > ids[i - 1]);
	int retry = 0;
	/* counting all but one of the first five: under the limit */
	for (int i = 0; i < 5; i++)
		assert_int_equal(ratelimit_check(&ctx, k, LIMIT, WINDOW, ids[i], &retry), CB_ERR_RATE_LIMITED);
	assert_int_equal(ratelimit_drop(&ctx, ids[5]), CB_OK);
	for (int i = 0; i < 5; i++)
		assert_int_equal(ratelimit_check(&ctx, k, LIMIT, WINDOW, ids[i], &retry), CB_OK);
	assert_int_equal(ratelimit_check(&ctx, k, LIMIT, WINDOW, 0, &retry), CB_ERR_RATE_LIMITED);
	assert_int_equal(retry, 60);
	/* dropping an id that is gone is fine */
	assert_int_equal(ratelimit_drop(&ctx, ids[5]), CB_OK);
}

static int64_t hits_of(const char *key)
{
	struct db_stmt *st;
	bool row;
	static const char sql[] = "SELECT COUNT(*) FROM login_failures WHERE key = $1";
	assert_int_equal(db_prepare(db, sql, &st), CB_OK);
	db_bind_text(st, 1, key);
	assert_int_equal(db_step(st, &row), CB_OK);
	assert_true(row);
	int64_t n = db_col_int(st, 0);
	db_done(st);
	return n;
}

/* ratelimit_attempt: five attempts let through keep their hits; the sixth is refused by
 * the first full window, with the longest wait, and takes back every hit it made. */
static void test_attempt_counts_then_refuses(void **state)
{
	(void)state;
	const char *const keys[] = {"email:att@x.io", "ip:192.0.2.9"};
	struct ratelimit_attempt at;
	clock_set_fake(T0);
	for (int i = 0; i < 5; i++) {
		assert_int_equal(ratelimit_attempt(&ctx, keys, 2, LIMIT, WINDOW, &at), CB_OK);
		assert_int_equal(at.refused, -1);
		assert_true(at.ids[0] > 0 && at.ids[1] > 0);
		assert_false(db_in_transaction(db));
	}
	assert_int_equal(hits_of(keys[0]), 5);
	clock_set_fake(T0 + 10);
	assert_int_equal(ratelimit_attempt(&ctx, keys, 2, LIMIT, WINDOW, &at), CB_OK);
	assert_int_equal(at.refused, 0);
	assert_int_equal(at.retry_after, 50);
	assert_int_equal(at.ids[0], 0);
	assert_int_equal(at.ids[1], 0);
	assert_int_equal(hits_of(keys[0]), 5);
	assert_int_equal(hits_of(keys[1]), 5);
	/* only the second window full: refused by it (index 1), the first keeps no hit */
	const char *const other[] = {"email:other@x.io", "ip:192.0.2.9"};
	assert_int_equal(ratelimit_attempt(&ctx, other, 2, LIMIT, WINDOW, &at), CB_OK);
	assert_int_equal(at.refused, 1);
	assert_int_equal(at.retry_after, 50);
	assert_int_equal(hits_of(other[0]), 0);
	/* one key; a right guess is the caller's to take back */
	assert_int_equal(ratelimit_attempt(&ctx, &other[0], 1, LIMIT, WINDOW, &at), CB_OK);
	assert_int_equal(at.refused, -1);
	assert_int_equal(hits_of(other[0]), 1);
	assert_int_equal(ratelimit_drop(&ctx, at.ids[0]), CB_OK);
	assert_int_equal(hits_of(other[0]), 0);
}

/* The hits must be committed before the check: inside the caller's transaction, or with
 * no key or too many, nothing is recorded. */
static void test_attempt_outside_transactions_only(void **state)
{
	(void)state;
	const char *const keys[] = {"email:tx@x.io", "ip:192.0.2.10", "ip:192.0.2.11"};
	struct ratelimit_attempt at;
	clock_set_fake(T0);
	assert_int_equal(db_begin(db), CB_OK);
	assert_int_equal(ratelimit_attempt(&ctx, keys, 1, LIMIT, WINDOW, &at), CB_ERR_INTERNAL);
	assert_true(db_in_transaction(db));
	db_rollback(db);
	assert_int_equal(ratelimit_attempt(&ctx, keys, 0, LIMIT, WINDOW, &at), CB_ERR_INTERNAL);
	assert_int_equal(ratelimit_attempt(&ctx, keys, RATELIMIT_KEYS + 1, LIMIT, WINDOW, &at), CB_ERR_INTERNAL);
	assert_int_equal(hits_of(keys[0]), 0);
	assert_int_equal(at.refused, -1);
}

int main(void)
{
#define T(fn) cmocka_unit_test_setup_teardown(fn, setup, teardown)
	const struct CMUnitTest tests[] = {
		T(test_no_hits_allowed),
		T(test_four_allowed_fifth_limited),
		T(test_window_reopens),
		T(test_retry_counts_from_oldest_of_newest),
		T(test_same_second_hits),
		T(test_clear_resets),
		T(test_keys_independent),
		T(test_old_hits_pruned_on_hit),
		T(test_record_first_then_count_others),
		T(test_attempt_counts_then_refuses),
		T(test_attempt_outside_transactions_only),
	};
#undef T
	return cmocka_run_group_tests_name("ratelimit", tests, group_setup, group_teardown);
}
