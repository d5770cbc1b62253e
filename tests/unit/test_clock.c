/*
 * test_clock.c — base/clock: ISO 8601 rendering and parsing against hand-computed epoch
 * seconds (leap days, century rules, the 2038 boundary), round trips, everything the
 * parser must refuse, and the fake clock used by other tests.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "base/arena.h"
#include "base/clock.h"

#include <string.h>
#include <time.h>

/* Hand-computed: days since 1970-01-01 times 86400, plus the time of day. */
static const struct {
	int64_t t;
	const char *iso;
} known[] = {
	{0, "1970-01-01T00:00:00Z"},
	{-1, "1969-12-31T23:59:59Z"},
	{86399, "1970-01-01T23:59:59Z"},
	{946684800, "2000-01-01T00:00:00Z"},     /* 10957 days */
	{951782400, "2000-02-29T00:00:00Z"},     /* + 59 days: 2000 is a leap year */
	{951868800, "2000-03-01T00:00:00Z"},
	{1704067200, "2024-01-01T00:00:00Z"},    /* 19723 days */
	{1709164800, "2024-02-29T00:00:00Z"},    /* + 59 days */
	{1709251199, "2024-02-29T23:59:59Z"},
	{1735689599, "2024-12-31T23:59:59Z"},    /* 2024 has 366 days */
	{2147483647, "2038-01-19T03:14:07Z"},    /* INT32_MAX */
	{2147483648, "2038-01-19T03:14:08Z"},
	{4102444800, "2100-01-01T00:00:00Z"},    /* 47482 days */
	{4107542400, "2100-03-01T00:00:00Z"},    /* + 59 days: 2100 is not a leap year */
	{-2208988800, "1900-01-01T00:00:00Z"},   /* 25567 days before */
};

static void test_iso_known_values(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof known / sizeof *known; i++) {
		char buf[21];
		clock_iso(known[i].t, buf);
		assert_string_equal(buf, known[i].iso);
	}
}

static void test_parse_known_values(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof known / sizeof *known; i++) {
		int64_t t = 12345;
		if (!clock_parse_iso(known[i].iso, &t))
			fail_msg("refused %s", known[i].iso);
		assert_int_equal(t, known[i].t);
	}
}

static void test_parse_date_only(void **state)
{
	(void)state;
	int64_t t = 0;
	assert_true(clock_parse_iso("1970-01-01", &t));
	assert_int_equal(t, 0);
	assert_true(clock_parse_iso("2000-02-29", &t));
	assert_int_equal(t, 951782400);
	assert_true(clock_parse_iso("2026-11-23", &t));
	assert_int_equal(t, 1795392000); /* 20780 days */
	assert_true(clock_parse_iso("1900-01-01", &t));
	assert_int_equal(t, -2208988800);
	assert_true(clock_parse_iso("9999-12-31", &t));
	assert_int_equal(t, 253402214400); /* 2932896 days */
}

static void test_round_trip(void **state)
{
	(void)state;
	/* Every 7 days and 1 second from 1900 to 2200, through leap and non-leap years. */
	for (int64_t t = -2208988800; t < 7258118400; t += 7 * 86400 + 1) {
		char buf[21];
		int64_t back = 0;
		clock_iso(t, buf);
		if (!clock_parse_iso(buf, &back) || back != t)
			fail_msg("round trip failed for %lld (%s)", (long long)t, buf);
	}
}

/* The digit-by-digit writer against the C library's gmtime/strftime, over 1900–2200
 * with a stride that visits every second of the day and every day of the year. */
static void test_iso_matches_strftime(void **state)
{
	(void)state;
	for (int64_t t = -2208988800 - 86399; t < 7258118400; t += 86400 * 3 + 3607) {
		char ours[21], libc[21];
		clock_iso(t, ours);
		time_t tt = (time_t)t;
		struct tm tm;
		gmtime_r(&tt, &tm);
		strftime(libc, sizeof libc, "%Y-%m-%dT%H:%M:%SZ", &tm);
		if (strcmp(ours, libc) != 0)
			fail_msg("%lld: %s, strftime %s", (long long)t, ours, libc);
	}
}

static void test_leap_days(void **state)
{
	(void)state;
	int64_t t;
	assert_true(clock_parse_iso("2024-02-29", &t));
	assert_true(clock_parse_iso("2000-02-29", &t));
	assert_true(clock_parse_iso("2400-02-29", &t));
	assert_true(clock_parse_iso("1904-02-29", &t));
	assert_false(clock_parse_iso("2023-02-29", &t));
	assert_false(clock_parse_iso("1900-02-29", &t)); /* divisible by 100, not 400 */
	assert_false(clock_parse_iso("2100-02-29", &t));
	assert_false(clock_parse_iso("2024-02-30", &t));
	assert_false(clock_parse_iso("2024-02-29T00:00:00", &t));
}

static void test_parse_rejects(void **state)
{
	(void)state;
	static const char *const bad[] = {
		"",
		"2024",
		"2024-01",
		"2024-1-01",
		"2024-01-1",
		"24-01-01",
		"2024/01/01",
		"2024-01-01 ",
		" 2024-01-01",
		"2024-00-10",
		"2024-13-01",
		"2024-01-00",
		"2024-01-32",
		"2024-04-31",
		"2024-06-31",
		"2024-09-31",
		"2024-11-31",
		"1899-12-31",
		"+024-01-01",
		"-024-01-01",
		"2024-01-01T",
		"2024-01-01T00:00Z",
		"2024-01-01T00:00:00",
		"2024-01-01t00:00:00Z",
		"2024-01-01T00:00:00z",
		"2024-01-01 00:00:00Z",
		"2024-01-01T24:00:00Z",
		"2024-01-01T23:60:00Z",
		"2024-01-01T23:59:60Z", /* leap seconds are not representable */
		"2024-01-01T00:00:00+00:00",
		"2024-01-01T00:00:00.000Z",
		"2024-01-01T0a:00:00Z",
		"2024-01-01T-1:00:00Z",
		"2024-01-01X00:00:00Z",
		"2024-01-01T00-00-00Z",
		"2024-0a-01",
		"\xd9\xa2\xd9\xa0\xd9\xa2\xd9\xa4-01-01", /* Arabic-Indic digits */
	};
	for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
		int64_t t = 777;
		if (clock_parse_iso(bad[i], &t))
			fail_msg("accepted \"%s\"", bad[i]);
		assert_int_equal(t, 777); /* untouched on failure */
	}
}

static void test_iso_a(void **state)
{
	(void)state;
	struct arena *a = arena_new(256);
	assert_string_equal(clock_iso_a(a, 951782400), "2000-02-29T00:00:00Z");
	arena_free(a);
}

static void test_fake_clock(void **state)
{
	(void)state;
	clock_set_fake(1700000000);
	assert_int_equal(clock_now(), 1700000000);
	clock_set_fake(1700000123);
	assert_int_equal(clock_now(), 1700000123);
	clock_set_fake(0);
	/* Back to the real clock: any real "now" is after 2024-01-01. */
	assert_true(clock_now() > 1704067200);
}

static void test_monotonic(void **state)
{
	(void)state;
	int64_t a = clock_mono_us();
	int64_t b = clock_mono_us();
	assert_true(a > 0);
	assert_true(b >= a);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_iso_known_values),
		cmocka_unit_test(test_parse_known_values),
		cmocka_unit_test(test_parse_date_only),
		cmocka_unit_test(test_round_trip),
		cmocka_unit_test(test_iso_matches_strftime),
		cmocka_unit_test(test_leap_days),
		cmocka_unit_test(test_parse_rejects),
		cmocka_unit_test(test_iso_a),
		cmocka_unit_test(test_fake_clock),
		cmocka_unit_test(test_monotonic),
	};
	return cmocka_run_group_tests_name("clock", tests, NULL, NULL);
}
