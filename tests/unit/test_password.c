/*
 * test_password.c — core/password: the policy (12..256 code points, 5 different
 * characters, not the e-mail address or its local part) and argon2id hashing.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "base/arena.h"
#include "base/crypto.h"
#include "base/errors.h"
#include "core/password.h"

#include <stdio.h>
#include <string.h>

struct fx {
	struct arena *a;
	struct cb_errors errs;
};

static struct fx fx;

static int group_setup(void **state)
{
	(void)state;
	return crypto_init() ? 0 : -1;
}

static int setup(void **state)
{
	fx.a = arena_new(4096);
	errors_init(&fx.errs, fx.a);
	*state = &fx;
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	arena_free(fx.a);
	return 0;
}

static bool ok(const char *pw, const char *email)
{
	return password_check(pw, email, "password", &fx.errs);
}

/* Expects a refusal with exactly one error on "password" whose message has `needle`. */
static void refused(const char *pw, const char *email, const char *needle)
{
	size_t before = fx.errs.count;
	if (password_check(pw, email, "password", &fx.errs))
		fail_msg("accepted \"%s\"", pw);
	assert_int_equal(fx.errs.count, before + 1);
	assert_string_equal(fx.errs.items[before].field, "password");
	if (!strstr(fx.errs.items[before].message, needle))
		fail_msg("\"%s\": message \"%s\" lacks \"%s\"", pw, fx.errs.items[before].message, needle);
}

/* n copies of the 5-character cycle "abcde" (ASCII). */
static char *cycle(size_t n)
{
	char *s = arena_alloc(fx.a, n + 1);
	for (size_t i = 0; i < n; i++)
		s[i] = "abcde"[i % 5];
	s[n] = '\0';
	return s;
}

static void test_length_bounds(void **state)
{
	(void)state;
	refused("", NULL, "at least 12");
	refused("abcdefghijk", NULL, "at least 12"); /* 11 */
	assert_true(ok("abcdefghijkl", NULL));        /* 12 */
	assert_true(ok(cycle(256), NULL));
	refused(cycle(257), NULL, "at most 256");
	refused(cycle(1000), NULL, "at most 256");
	assert_int_equal(fx.errs.count, 4);
}

static void test_length_counts_code_points(void **state)
{
	(void)state;
	/* 11 code points in 12 bytes ("é" is two bytes): too short */
	refused("abcd\xc3\xa9" "fghijk", NULL, "at least 12");
	/* 12 code points in 13 bytes */
	assert_true(ok("abcd\xc3\xa9" "fghijkl", NULL));
	/* 12 code points in 36 bytes: 3-byte CJK characters 一二三四五 repeated */
	assert_true(ok("\xe4\xb8\x80\xe4\xba\x8c\xe4\xb8\x89\xe5\x9b\x9b\xe4\xba\x94"
		       "\xe4\xb8\x80\xe4\xba\x8c\xe4\xb8\x89\xe5\x9b\x9b\xe4\xba\x94"
		       "\xe4\xb8\x80\xe4\xba\x8c",
		       NULL));
	/* 256 code points but 507 bytes: "abcde" + 251 × "é" */
	char *s = arena_alloc(fx.a, 5 + 251 * 2 + 3);
	memcpy(s, "abcde", 5);
	for (int i = 0; i < 251; i++)
		memcpy(s + 5 + 2 * i, "\xc3\xa9", 2);
	s[5 + 502] = '\0';
	assert_true(ok(s, NULL));
	/* one more é: 257 code points */
	memcpy(s + 507, "\xc3\xa9", 3);
	refused(s, NULL, "at most 256");
}

static void test_distinct_characters(void **state)
{
	(void)state;
	refused("aaaaaaaaaaaa", NULL, "5 different");
	refused("abababababab", NULL, "5 different");
	refused("abcdabcdabcd", NULL, "5 different"); /* 4 */
	assert_true(ok("abcdeabcdeab", NULL));        /* 5 */
	refused("111122223333444", NULL, "5 different");
	assert_true(ok("1111222233334445", NULL));
}

static void test_distinct_counts_characters_not_bytes(void **state)
{
	(void)state;
	/* é è ê ë are C3 A9, C3 A8, C3 AA, C3 AB: five different bytes but only four
	 * different characters, so 12 of them break the policy. */
	refused("\xc3\xa9\xc3\xa8\xc3\xaa\xc3\xab\xc3\xa9\xc3\xa8\xc3\xaa\xc3\xab"
		"\xc3\xa9\xc3\xa8\xc3\xaa\xc3\xab",
		NULL, "5 different");
	/* adding a fifth character (ï, C3 AF) makes it acceptable */
	assert_true(ok("\xc3\xa9\xc3\xa8\xc3\xaa\xc3\xab\xc3\xaf\xc3\xa9\xc3\xa8\xc3\xaa\xc3\xab"
		       "\xc3\xa9\xc3\xa8\xc3\xaa",
		       NULL));
	/* 5 different Arabic letters, 12 characters: ا ب ت ث ج */
	assert_true(ok("\xd8\xa7\xd8\xa8\xd8\xaa\xd8\xab\xd8\xac\xd8\xa7\xd8\xa8\xd8\xaa\xd8\xab"
		       "\xd8\xac\xd8\xa7\xd8\xa8",
		       NULL));
}

static void test_not_the_email(void **state)
{
	(void)state;
	refused("jane.doe@example.com", "jane.doe@example.com", "e-mail");
	refused("Jane.Doe@Example.com", "jane.doe@example.com", "e-mail"); /* case-insensitive */
	refused("verylongname1", "verylongname1@example.com", "e-mail");    /* local part */
	refused("VeryLongName1", "verylongname1@example.com", "e-mail");
	/* containing the local part is not the same as being it */
	assert_true(ok("verylongname12", "verylongname1@example.com"));
	assert_true(ok("xverylongname1", "verylongname1@example.com"));
	/* a short local part cannot collide with a 12+ character password */
	assert_true(ok("jane.doe@example", "jane.doe@example.com"));
	/* no e-mail to compare with */
	assert_true(ok("verylongname1", NULL));
	assert_true(ok("verylongname1", ""));
}

static void test_one_error_per_password(void **state)
{
	(void)state;
	/* too short and too few characters: the length error alone */
	refused("aaaa", "aaaa@example.com", "at least 12");
	assert_int_equal(fx.errs.count, 1);
}

static void test_custom_field_name(void **state)
{
	(void)state;
	assert_false(password_check("short", NULL, "new_password", &fx.errs));
	assert_true(errors_has(&fx.errs, "new_password"));
	assert_false(errors_has(&fx.errs, "password"));
}

static void test_full_error_list_still_refuses(void **state)
{
	(void)state;
	/* The verdict must not depend on room in the error list. */
	for (int i = 0; i < CB_ERRORS_MAX; i++)
		errors_add(&fx.errs, "other", "x");
	assert_false(password_check("short", NULL, "password", &fx.errs));
	assert_false(password_check("aaaaaaaaaaaa", NULL, "password", &fx.errs));
	assert_true(password_check("abcdefghijkl", NULL, "password", &fx.errs));
}

static void test_hash_and_verify(void **state)
{
	(void)state;
	const char *pw = "correct horse battery staple";
	char *h1 = password_hash(fx.a, pw);
	assert_non_null(h1);
	assert_memory_equal(h1, "$argon2id$", 10);
	assert_null(strstr(h1, pw)); /* the password is not in the hash */
	assert_true(password_verify(h1, pw));
	assert_false(password_verify(h1, "correct horse battery stapl"));
	assert_false(password_verify(h1, "Correct horse battery staple"));
	assert_false(password_verify(h1, ""));
	assert_false(password_verify(NULL, pw));
	assert_false(password_verify("", pw));
	assert_false(password_verify("$argon2id$garbage", pw));
	/* salted: the same password hashes differently, and both verify */
	char *h2 = password_hash(fx.a, pw);
	assert_non_null(h2);
	assert_string_not_equal(h1, h2);
	assert_true(password_verify(h2, pw));
}

static void test_hash_unicode_password(void **state)
{
	(void)state;
	const char *pw = "\xd9\x83\xd9\x84\xd9\x85\xd8\xa9 \xd8\xb3\xd8\xb1 \xd8\xb7\xd9\x88\xd9\x8a\xd9\x84\xd8\xa9";
	char *h = password_hash(fx.a, pw);
	assert_non_null(h);
	assert_true(password_verify(h, pw));
	assert_false(password_verify(h, "\xd9\x83\xd9\x84\xd9\x85\xd8\xa9"));
}

/* The token memo's key: equal for the same secret, apart for secrets one byte apart, and
 * not the stored hash (it is keyed per process, so it means nothing to the database). */
static void test_memo_key(void **state)
{
	(void)state;
	unsigned char a[16], b[16], c[16], d[16];
	crypto_memo_key("cbt_abcdefghijklmnopqrstuvwxyz", a);
	crypto_memo_key("cbt_abcdefghijklmnopqrstuvwxyz", b);
	crypto_memo_key("cbt_abcdefghijklmnopqrstuvwxyZ", c);
	crypto_memo_key("", d);
	assert_memory_equal(a, b, sizeof a);
	assert_memory_not_equal(a, c, sizeof a);
	assert_memory_not_equal(a, d, sizeof a);
	char hex[CRYPTO_HASH_HEX_LEN + 1], mine[33];
	crypto_hash_hex("cbt_abcdefghijklmnopqrstuvwxyz", hex);
	for (int i = 0; i < 16; i++)
		snprintf(mine + 2 * i, 3, "%02x", a[i]);
	assert_int_not_equal(strncmp(hex, mine, 32), 0);
}

static void test_burn_runs(void **state)
{
	(void)state;
	password_burn();
	password_burn();
}

int main(void)
{
#define T(fn) cmocka_unit_test_setup_teardown(fn, setup, teardown)
	const struct CMUnitTest tests[] = {
		T(test_length_bounds),
		T(test_length_counts_code_points),
		T(test_distinct_characters),
		T(test_distinct_counts_characters_not_bytes),
		T(test_not_the_email),
		T(test_one_error_per_password),
		T(test_custom_field_name),
		T(test_full_error_list_still_refuses),
		T(test_hash_and_verify),
		T(test_hash_unicode_password),
		T(test_memo_key),
		T(test_burn_runs),
	};
#undef T
	return cmocka_run_group_tests_name("password", tests, group_setup, NULL);
}
