/*
 * test_str.c — base/str: strbuf growth and its hard cap, JSON escaping, UTF-8 validation
 * (overlongs, surrogates, truncation, beyond U+10FFFF), code point counting, checked
 * integer parsing, the e-mail and token-id predicates, trimming and lower-casing.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "base/arena.h"
#include "base/str.h"

#include <jansson.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int setup(void **state)
{
	*state = arena_new(4096);
	return 0;
}

static int teardown(void **state)
{
	arena_free(*state);
	return 0;
}

/* ---- strbuf --------------------------------------------------------------------- */

static void test_sb_grows_past_initial(void **state)
{
	struct strbuf sb;
	sb_init(&sb, *state, 4, 100000);
	assert_string_equal(sb.data, "");
	assert_int_equal(sb.len, 0);
	for (int i = 0; i < 1000; i++)
		sb_putc(&sb, (char)('a' + i % 26));
	assert_false(sb.overflow);
	assert_int_equal(sb.len, 1000);
	assert_int_equal(strlen(sb.data), 1000);
	assert_int_equal(sb.data[0], 'a');
	assert_int_equal(sb.data[25], 'z');
	assert_int_equal(sb.data[26], 'a');
	assert_int_equal(sb.data[999], 'a' + 999 % 26);
	sb_puts(&sb, "END");
	assert_string_equal(sb.data + 1000, "END");
}

/* sb_put_int writes what "%lld" writes, for the extremes too. */
static void test_sb_put_int_matches_printf(void **state)
{
	static const long long v[] = {0, 7, -7, 10, -10, 999999, 1000000, 123456789012LL, LLONG_MAX, LLONG_MIN};
	for (size_t i = 0; i < sizeof v / sizeof *v; i++) {
		struct strbuf sb;
		sb_init(&sb, *state, 4, 100);
		sb_put_int(&sb, v[i]);
		char want[32];
		snprintf(want, sizeof want, "%lld", v[i]);
		assert_string_equal(sb.data, want);
	}
}

static void test_sb_cap_drops_whole_append_and_flags(void **state)
{
	struct strbuf sb;
	sb_init(&sb, *state, 16, 10);
	sb_puts(&sb, "hello");
	sb_append(&sb, "world", 5);
	assert_false(sb.overflow);
	assert_int_equal(sb.len, 10);
	assert_string_equal(sb.data, "helloworld");
	sb_putc(&sb, '!');
	assert_true(sb.overflow);
	assert_int_equal(sb.len, 10);
	assert_string_equal(sb.data, "helloworld");
}

static void test_sb_partial_fit_is_not_truncated(void **state)
{
	struct strbuf sb;
	sb_init(&sb, *state, 16, 8);
	sb_puts(&sb, "abcdef");
	sb_puts(&sb, "xyz"); /* 9 > 8: dropped whole, never cut to "abcdefxy" */
	assert_true(sb.overflow);
	assert_string_equal(sb.data, "abcdef");
	assert_int_equal(sb.len, 6);
}

static void test_sb_exact_cap_fits(void **state)
{
	struct strbuf sb;
	sb_init(&sb, *state, 2, 5);
	sb_puts(&sb, "12345");
	assert_false(sb.overflow);
	assert_string_equal(sb.data, "12345");
}

static void test_sb_printf_short_and_long(void **state)
{
	struct strbuf sb;
	sb_init(&sb, *state, 16, 10000);
	sb_printf(&sb, "%d-%s", 7, "x");
	assert_string_equal(sb.data, "7-x");
	char long_s[601];
	memset(long_s, 'L', 600);
	long_s[600] = '\0';
	sb_printf(&sb, "[%s]", long_s); /* longer than any small stack buffer */
	assert_false(sb.overflow);
	assert_int_equal(sb.len, 3 + 602);
	assert_int_equal(strlen(sb.data), 605);
	assert_int_equal(sb.data[3], '[');
	assert_int_equal(sb.data[604], ']');
	sb_puts(&sb, "!");
	assert_int_equal(sb.data[605], '!');
	assert_int_equal(sb.data[606], '\0');
}

static void test_sb_printf_long_over_cap(void **state)
{
	struct strbuf sb;
	sb_init(&sb, *state, 16, 300);
	char long_s[401];
	memset(long_s, 'L', 400);
	long_s[400] = '\0';
	sb_puts(&sb, "ok");
	sb_printf(&sb, "%s", long_s);
	assert_true(sb.overflow);
	assert_string_equal(sb.data, "ok");
}

static char *escaped(struct arena *a, const char *s)
{
	struct strbuf sb;
	sb_init(&sb, a, 16, 4096);
	sb_json_escape(&sb, s);
	assert_false(sb.overflow);
	return sb.data;
}

static void test_json_escape(void **state)
{
	struct arena *a = *state;
	assert_string_equal(escaped(a, ""), "");
	assert_string_equal(escaped(a, "plain text"), "plain text");
	assert_string_equal(escaped(a, "say \"hi\""), "say \\\"hi\\\"");
	assert_string_equal(escaped(a, "C:\\dir"), "C:\\\\dir");
	assert_string_equal(escaped(a, "a\nb\rc\td"), "a\\nb\\rc\\td");
	assert_string_equal(escaped(a, "\x01\x1f"), "\\u0001\\u001F");
	assert_string_equal(escaped(a, "\b\f"), "\\b\\f");
	/* Non-ASCII UTF-8 and DEL pass through unchanged; '/' needs no escape. */
	assert_string_equal(escaped(a, "caf\xc3\xa9 \xd8\xb3 /\x7f"), "caf\xc3\xa9 \xd8\xb3 /\x7f");
	assert_string_equal(escaped(a, "\"\\"), "\\\"\\\\");
}

/* The same bytes as jansson's dump for every ASCII character and some UTF-8: responses
 * and audit rows are written by both, and must not differ with the writer. */
static void test_json_escape_matches_jansson(void **state)
{
	struct arena *a = *state;
	char one[2] = {0, 0};
	const char *more[] = {"caf\xc3\xa9", "\xd8\xaf\xd8\xa7\xd8\xaf\xd9\x87 \xe2\x80\xa8 \xf0\x9f\x98\x80", "a\x7f\x1b[0m"};
	for (int c = 1; c < 0x80 + 3; c++) {
		const char *s = one;
		if (c < 0x80)
			one[0] = (char)c;
		else
			s = more[c - 0x80];
		json_t *j = json_string(s);
		assert_non_null(j);
		char *dumped = json_dumps(j, JSON_ENCODE_ANY | JSON_COMPACT);
		json_decref(j);
		char *ours = arena_printf(a, "\"%s\"", escaped(a, s));
		if (strcmp(ours, dumped) != 0)
			fail_msg("character %d: ours %s, jansson %s", c, ours, dumped);
		free(dumped);
	}
}

/* ---- UTF-8 ---------------------------------------------------------------------- */

static bool v(const char *s)
{
	return utf8_valid(s, strlen(s));
}

/* Issue 2: bytes that are not UTF-8 (a URL's %ff%fe) must not reach a JSON body or log
 * line raw; each becomes \ufffd and valid sequences around them survive. */
static void test_json_escape_invalid_utf8(void **state)
{
	struct arena *a = *state;
	assert_string_equal(escaped(a, "/api/v1/nope\xff\xfe"), "/api/v1/nope\\ufffd\\ufffd");
	assert_string_equal(escaped(a, "\x80x"), "\\ufffdx");                 /* stray continuation */
	assert_string_equal(escaped(a, "\xc3"), "\\ufffd");                   /* truncated at the end */
	assert_string_equal(escaped(a, "\xc3(\xc3\xa9"), "\\ufffd(\xc3\xa9");  /* bad then good */
	assert_string_equal(escaped(a, "\xc0\xaf"), "\\ufffd\\ufffd");        /* overlong '/' */
	assert_string_equal(escaped(a, "\xed\xa0\x80"), "\\ufffd\\ufffd\\ufffd"); /* surrogate */
	assert_string_equal(escaped(a, "\xf4\x90\x80\x80"), "\\ufffd\\ufffd\\ufffd\\ufffd");
	assert_string_equal(escaped(a, "\xf0\x9f\x98\x80\xff\""), "\xf0\x9f\x98\x80\\ufffd\\\"");
	const char *out = escaped(a, "a\xfe\xfd\n");
	assert_true(utf8_valid(out, strlen(out)));
}

static void test_utf8_valid_accepts(void **state)
{
	(void)state;
	assert_true(utf8_valid("", 0));
	assert_true(v("hello"));
	assert_true(v("\xc2\x80"));         /* U+0080, smallest 2-byte */
	assert_true(v("\xc3\xa9"));         /* é */
	assert_true(v("\xdf\xbf"));         /* U+07FF */
	assert_true(v("\xe0\xa0\x80"));     /* U+0800, smallest 3-byte */
	assert_true(v("\xe2\x82\xac"));     /* € */
	assert_true(v("\xed\x9f\xbf"));     /* U+D7FF, just below the surrogates */
	assert_true(v("\xee\x80\x80"));     /* U+E000, just above */
	assert_true(v("\xef\xbf\xbf"));     /* U+FFFF */
	assert_true(v("\xf0\x90\x80\x80")); /* U+10000, smallest 4-byte */
	assert_true(v("\xf0\x9f\x98\x80")); /* U+1F600 */
	assert_true(v("\xf4\x8f\xbf\xbf")); /* U+10FFFF, the last code point */
	assert_true(v("\xd8\xb3\xd9\x84\xd8\xa7\xd9\x85")); /* سلام */
	/* NUL is a valid code point when the length says so. */
	assert_true(utf8_valid("a\0b", 3));
}

static void test_utf8_valid_rejects_overlongs(void **state)
{
	(void)state;
	assert_false(v("\xc0\x80"));         /* overlong NUL */
	assert_false(v("\xc0\xaf"));         /* overlong '/' */
	assert_false(v("\xc1\xbf"));         /* overlong U+007F */
	assert_false(v("\xe0\x80\xaf"));     /* overlong '/' in 3 bytes */
	assert_false(v("\xe0\x9f\xbf"));     /* overlong U+07FF */
	assert_false(v("\xf0\x80\x80\xaf")); /* overlong '/' in 4 bytes */
	assert_false(v("\xf0\x8f\xbf\xbf")); /* overlong U+FFFF */
}

static void test_utf8_valid_rejects_surrogates(void **state)
{
	(void)state;
	assert_false(v("\xed\xa0\x80")); /* U+D800 */
	assert_false(v("\xed\xaf\xbf")); /* U+DBFF */
	assert_false(v("\xed\xb0\x80")); /* U+DC00 */
	assert_false(v("\xed\xbf\xbf")); /* U+DFFF */
	/* A CESU-8 style encoded pair (U+1F600 as two surrogates). */
	assert_false(v("\xed\xa0\xbd\xed\xb8\x80"));
}

static void test_utf8_valid_rejects_beyond_max(void **state)
{
	(void)state;
	assert_false(v("\xf4\x90\x80\x80"));         /* U+110000 */
	assert_false(v("\xf5\x80\x80\x80"));         /* lead byte F5 */
	assert_false(v("\xf7\xbf\xbf\xbf"));         /* U+1FFFFF */
	assert_false(v("\xf8\x88\x80\x80\x80"));     /* 5-byte form */
	assert_false(v("\xfc\x84\x80\x80\x80\x80")); /* 6-byte form */
	assert_false(v("\xfe"));
	assert_false(v("\xff"));
}

static void test_utf8_valid_rejects_truncation_and_bad_continuations(void **state)
{
	(void)state;
	assert_false(v("\xc3"));
	assert_false(v("abc\xc3"));
	assert_false(v("\xe2\x82"));
	assert_false(v("\xf0\x9f\x98"));
	assert_false(utf8_valid("\xc3\xa9", 1)); /* length cuts the sequence */
	assert_false(utf8_valid("\xf0\x9f\x98\x80", 3));
	assert_false(v("\x80"));              /* lone continuation */
	assert_false(v("a\xbf" "b"));
	assert_false(v("\xc3\x28"));          /* continuation replaced by ASCII */
	assert_false(v("\xe2\x28\xac"));
	assert_false(v("\xe2\x82\x28"));
	assert_false(v("\xf0\x9f\x28\x80"));
	assert_false(v("\xc3\xc3\xa9"));      /* lead byte where continuation expected */
}

static void test_utf8_length(void **state)
{
	(void)state;
	assert_int_equal(utf8_length(""), 0);
	assert_int_equal(utf8_length("abc"), 3);
	assert_int_equal(utf8_length("h\xc3\xa9llo"), 5);
	assert_int_equal(utf8_length("\xe2\x82\xac\xf0\x9f\x98\x80"), 2);        /* €😀 */
	assert_int_equal(utf8_length("\xd8\xb3\xd9\x84\xd8\xa7\xd9\x85"), 4);    /* سلام */
	assert_int_equal(utf8_length("\xf4\x8f\xbf\xbf" "a\xc2\x80"), 3);
}

/* ---- parse_i64 ------------------------------------------------------------------ */

static void test_parse_i64_values(void **state)
{
	(void)state;
	int64_t out = -99;
	assert_true(parse_i64("0", INT64_MIN, INT64_MAX, &out));
	assert_int_equal(out, 0);
	assert_true(parse_i64("-0", INT64_MIN, INT64_MAX, &out));
	assert_int_equal(out, 0);
	assert_true(parse_i64("42", INT64_MIN, INT64_MAX, &out));
	assert_int_equal(out, 42);
	assert_true(parse_i64("-42", INT64_MIN, INT64_MAX, &out));
	assert_int_equal(out, -42);
	assert_true(parse_i64("9223372036854775807", INT64_MIN, INT64_MAX, &out));
	assert_true(out == INT64_MAX);
	assert_true(parse_i64("-9223372036854775808", INT64_MIN, INT64_MAX, &out));
	assert_true(out == INT64_MIN);
}

static void test_parse_i64_overflow(void **state)
{
	(void)state;
	int64_t out = 0;
	assert_false(parse_i64("9223372036854775808", INT64_MIN, INT64_MAX, &out));
	assert_false(parse_i64("-9223372036854775809", INT64_MIN, INT64_MAX, &out));
	assert_false(parse_i64("99999999999999999999", INT64_MIN, INT64_MAX, &out));
	assert_false(parse_i64("123456789012345678901234567890", INT64_MIN, INT64_MAX, &out));
}

static void test_parse_i64_bounds(void **state)
{
	(void)state;
	int64_t out = 0;
	assert_true(parse_i64("1", 1, 200, &out));
	assert_int_equal(out, 1);
	assert_true(parse_i64("200", 1, 200, &out));
	assert_int_equal(out, 200);
	assert_false(parse_i64("0", 1, 200, &out));
	assert_false(parse_i64("201", 1, 200, &out));
	assert_false(parse_i64("-1", 0, 10, &out));
	assert_true(parse_i64("-5", -5, -1, &out));
	assert_int_equal(out, -5);
	assert_false(parse_i64("-6", -5, -1, &out));
}

static void test_parse_i64_junk(void **state)
{
	(void)state;
	static const char *const junk[] = {
		"", " ", " 1", "1 ", "+1", "1a", "a1", "0x10", "1.0", "1e3", "--1", "-",
		"1-", "1,000", "\t7", "7\n", "\xd9\xa3", /* Arabic-Indic digit three */
		"\xef\xbc\x91",                          /* fullwidth digit one */
	};
	int64_t out = 12345;
	for (size_t i = 0; i < sizeof junk / sizeof *junk; i++) {
		if (parse_i64(junk[i], INT64_MIN, INT64_MAX, &out))
			fail_msg("parse_i64 accepted \"%s\"", junk[i]);
	}
	assert_false(parse_i64(NULL, INT64_MIN, INT64_MAX, &out));
	assert_int_equal(out, 12345); /* untouched on failure */
}

/* ---- predicates ----------------------------------------------------------------- */

static void test_email_accepts(void **state)
{
	(void)state;
	assert_true(str_is_email("a@b.co"));
	assert_true(str_is_email("first.last+tag@sub.example.com"));
	assert_true(str_is_email("user@a-b.io"));
	assert_true(str_is_email("x@xn--bcher-kva.example"));
	assert_true(str_is_email("o'brien@example.ie"));
	assert_true(str_is_email("UPPER@EXAMPLE.COM"));
}

static void test_email_rejects(void **state)
{
	(void)state;
	static const char *const bad[] = {
		"", "a", "@", "a@", "@b.co", "a@b", "a@@b.co", "a@b@c.co", "a b@c.co",
		"a@b .co", " a@b.co", "a@b.co ", ".a@b.co", "a.@b.co", "a..b@c.co",
		"a@b..co", "a@.b.co", "a@b.co.", "a@-b.co", "a@b-.co", "a@b_c.co",
		"a\t@b.co", "a@b.co\n", "<a>@b.co", "a\"b@c.co", "a,b@c.co", "a;b@c.co",
		"a@[127.0.0.1]", "a\x7f@b.co", "a@b.c/o", "a@b.c:80",
	};
	for (size_t i = 0; i < sizeof bad / sizeof *bad; i++)
		if (str_is_email(bad[i]))
			fail_msg("str_is_email accepted \"%s\"", bad[i]);
}

static void test_email_length_limits(void **state)
{
	(void)state;
	char buf[400];
	/* local part: 64 ok, 65 not */
	memset(buf, 'l', 64);
	memcpy(buf + 64, "@ex.com", 8);
	assert_true(str_is_email(buf));
	memset(buf, 'l', 65);
	memcpy(buf + 65, "@ex.com", 8);
	assert_false(str_is_email(buf));

	/* domain label: 63 ok, 64 not ("a@" + label + ".io") */
	memcpy(buf, "a@", 2);
	memset(buf + 2, 'd', 63);
	memcpy(buf + 65, ".io", 4);
	assert_true(str_is_email(buf));
	memset(buf + 2, 'd', 64);
	memcpy(buf + 66, ".io", 4);
	assert_false(str_is_email(buf));

	/* total: 64 + 1 + (63 + 1 + 63 + 1 + 61) = 254 ok; last label 62 makes 255. */
	memset(buf, 'l', 64);
	buf[64] = '@';
	memset(buf + 65, 'x', 63);
	buf[128] = '.';
	memset(buf + 129, 'y', 63);
	buf[192] = '.';
	memset(buf + 193, 'z', 61);
	buf[254] = '\0';
	assert_int_equal(strlen(buf), 254);
	assert_true(str_is_email(buf));
	buf[254] = 'z';
	buf[255] = '\0';
	assert_int_equal(strlen(buf), 255);
	assert_false(str_is_email(buf));
}

static void test_token_id(void **state)
{
	(void)state;
	assert_true(str_is_token_id("a"));
	assert_true(str_is_token_id("ABC.def_-9"));
	assert_false(str_is_token_id(""));
	assert_false(str_is_token_id("a b"));
	assert_false(str_is_token_id("a/b"));
	assert_false(str_is_token_id("a+b"));
	assert_false(str_is_token_id("a%2F"));
	assert_false(str_is_token_id("caf\xc3\xa9"));
	assert_false(str_is_token_id("a\n"));
	char buf[70];
	memset(buf, 'k', 64);
	buf[64] = '\0';
	assert_true(str_is_token_id(buf));
	buf[64] = 'k';
	buf[65] = '\0';
	assert_false(str_is_token_id(buf));
}

static void test_trim(void **state)
{
	struct arena *a = *state;
	assert_string_equal(str_trim(a, "  a b \t\r\n"), "a b");
	assert_string_equal(str_trim(a, "\n\tx"), "x");
	assert_string_equal(str_trim(a, "x"), "x");
	assert_string_equal(str_trim(a, ""), "");
	assert_string_equal(str_trim(a, " \t\r\n "), "");
	/* Non-ASCII stays: U+00A0 (no-break space) is not ASCII white space. */
	assert_string_equal(str_trim(a, " \xc2\xa0x\xc2\xa0 "), "\xc2\xa0x\xc2\xa0");
	const char *src = "  keep  ";
	str_trim(a, src);
	assert_string_equal(src, "  keep  "); /* input untouched */
}

static void test_lower(void **state)
{
	struct arena *a = *state;
	assert_string_equal(str_lower(a, "AbC-XyZ_09@EXAMPLE.Com"), "abc-xyz_09@example.com");
	assert_string_equal(str_lower(a, ""), "");
	/* ASCII only: É (C3 89) is left as is. */
	assert_string_equal(str_lower(a, "\xc3\x89T\xc3\x89"), "\xc3\x89t\xc3\x89");
	const char *src = "MiXeD";
	char *low = str_lower(a, src);
	assert_ptr_not_equal(low, src);
	assert_string_equal(src, "MiXeD");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_sb_grows_past_initial, setup, teardown),
		cmocka_unit_test_setup_teardown(test_sb_put_int_matches_printf, setup, teardown),
		cmocka_unit_test_setup_teardown(test_sb_cap_drops_whole_append_and_flags, setup, teardown),
		cmocka_unit_test_setup_teardown(test_sb_partial_fit_is_not_truncated, setup, teardown),
		cmocka_unit_test_setup_teardown(test_sb_exact_cap_fits, setup, teardown),
		cmocka_unit_test_setup_teardown(test_sb_printf_short_and_long, setup, teardown),
		cmocka_unit_test_setup_teardown(test_sb_printf_long_over_cap, setup, teardown),
		cmocka_unit_test_setup_teardown(test_json_escape, setup, teardown),
		cmocka_unit_test_setup_teardown(test_json_escape_matches_jansson, setup, teardown),
		cmocka_unit_test_setup_teardown(test_json_escape_invalid_utf8, setup, teardown),
		cmocka_unit_test(test_utf8_valid_accepts),
		cmocka_unit_test(test_utf8_valid_rejects_overlongs),
		cmocka_unit_test(test_utf8_valid_rejects_surrogates),
		cmocka_unit_test(test_utf8_valid_rejects_beyond_max),
		cmocka_unit_test(test_utf8_valid_rejects_truncation_and_bad_continuations),
		cmocka_unit_test(test_utf8_length),
		cmocka_unit_test(test_parse_i64_values),
		cmocka_unit_test(test_parse_i64_overflow),
		cmocka_unit_test(test_parse_i64_bounds),
		cmocka_unit_test(test_parse_i64_junk),
		cmocka_unit_test(test_email_accepts),
		cmocka_unit_test(test_email_rejects),
		cmocka_unit_test(test_email_length_limits),
		cmocka_unit_test(test_token_id),
		cmocka_unit_test_setup_teardown(test_trim, setup, teardown),
		cmocka_unit_test_setup_teardown(test_lower, setup, teardown),
	};
	return cmocka_run_group_tests_name("str", tests, NULL, NULL);
}
