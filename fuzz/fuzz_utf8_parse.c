/*
 * fuzz_utf8_parse.c — libFuzzer harness for the small parsers in base/: utf8_valid and
 * utf8_length, parse_i64, str_is_email, str_is_token_id, clock_parse_iso, str_trim,
 * str_lower and sb_json_escape, on arbitrary bytes.
 *
 * Besides "never crash", each result is checked against an independent statement of
 * the contract: utf8_valid against the well-formed byte sequences of Unicode Table 3-7;
 * parse_i64 results against their range and a re-rendering; accepted e-mails and token
 * ids against their character and length rules; clock_parse_iso by rendering the time
 * back with clock_iso; escaped JSON strings by parsing them back with jansson.
 */
#include "base/arena.h"
#include "base/clock.h"
#include "base/str.h"

#include <jansson.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Unicode 15, Table 3-7: well-formed UTF-8 byte sequences. */
static bool ref_utf8_valid(const uint8_t *s, size_t n)
{
	size_t i = 0;
	while (i < n) {
		uint8_t c = s[i];
		size_t len;
		uint8_t lo = 0x80, hi = 0xBF; /* range of the second byte */
		if (c <= 0x7F) {
			i++;
			continue;
		}
		if (c >= 0xC2 && c <= 0xDF) {
			len = 2;
		} else if (c >= 0xE0 && c <= 0xEF) {
			len = 3;
			if (c == 0xE0)
				lo = 0xA0; /* no overlongs */
			if (c == 0xED)
				hi = 0x9F; /* no surrogates */
		} else if (c >= 0xF0 && c <= 0xF4) {
			len = 4;
			if (c == 0xF0)
				lo = 0x90; /* no overlongs */
			if (c == 0xF4)
				hi = 0x8F; /* nothing past U+10FFFF */
		} else {
			return false;
		}
		if (n - i < len || s[i + 1] < lo || s[i + 1] > hi)
			return false;
		for (size_t k = 2; k < len; k++)
			if (s[i + k] < 0x80 || s[i + k] > 0xBF)
				return false;
		i += len;
	}
	return true;
}

static bool all_in(const char *s, const char *set)
{
	for (; *s; s++)
		if (!strchr(set, *s))
			return false;
	return true;
}

static void check_parse_i64(const char *s)
{
	static const int64_t ranges[][2] = {
		{INT64_MIN, INT64_MAX}, {0, INT64_MAX}, {1, 200}, {-5, 5}, {0, 0}};
	for (size_t r = 0; r < sizeof ranges / sizeof *ranges; r++) {
		int64_t v = 0;
		if (!parse_i64(s, ranges[r][0], ranges[r][1], &v))
			continue;
		if (v < ranges[r][0] || v > ranges[r][1])
			abort();
		/* Only an optional '-' and digits, and it denotes v. */
		const char *d = s[0] == '-' ? s + 1 : s;
		if (!*d || !all_in(d, "0123456789"))
			abort();
		while (d[0] == '0' && d[1])
			d++; /* leading zeros */
		char back[32];
		snprintf(back, sizeof back, "%lld", (long long)v);
		const char *b = back[0] == '-' ? back + 1 : back;
		if (strcmp(b, d) != 0 || ((v < 0) != (s[0] == '-') && v != 0))
			abort();
	}
}

static void check_email(const char *s)
{
	if (!str_is_email(s))
		return;
	size_t n = strlen(s);
	if (n < 3 || n > 254)
		abort();
	const char *at = strchr(s, '@');
	if (!at || at == s || strchr(at + 1, '@') || at - s > 64)
		abort();
	for (const char *p = s; *p; p++)
		if ((unsigned char)*p <= 0x20 || *p == 0x7f)
			abort();
	const char *dom = at + 1;
	if (!strchr(dom, '.') || dom[0] == '.' || dom[strlen(dom) - 1] == '.' || strstr(dom, ".."))
		abort();
	if (!all_in(dom, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.-"))
		abort();
}

static void check_token_id(const char *s)
{
	if (!str_is_token_id(s))
		return;
	size_t n = strlen(s);
	if (n < 1 || n > 64)
		abort();
	if (!all_in(s, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._-"))
		abort();
}

static void check_iso(const char *s)
{
	int64_t t = 0;
	if (!clock_parse_iso(s, &t))
		return;
	char back[21];
	clock_iso(t, back);
	size_t n = strlen(s);
	if (n == 20) {
		if (strcmp(back, s) != 0)
			abort();
	} else if (n == 10) {
		if (memcmp(back, s, 10) != 0 || strcmp(back + 10, "T00:00:00Z") != 0)
			abort();
	} else {
		abort();
	}
}

static void check_escape(struct arena *a, const char *s, size_t n)
{
	struct strbuf sb;
	sb_init(&sb, a, 16, 8 * n + 16);
	sb_putc(&sb, '"');
	sb_json_escape(&sb, s);
	sb_putc(&sb, '"');
	if (sb.overflow)
		abort();
	for (size_t i = 0; i < sb.len; i++)
		if ((unsigned char)sb.data[i] < 0x20)
			abort();
	if (!utf8_valid(s, n))
		return;
	json_error_t err;
	json_t *v = json_loadb(sb.data, sb.len, JSON_DECODE_ANY, &err);
	if (!v || !json_is_string(v) || strcmp(json_string_value(v), s) != 0)
		abort();
	json_decref(v);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size > 4096)
		return 0;
	bool valid = utf8_valid((const char *)data, size);
	if (valid != ref_utf8_valid(data, size))
		abort();

	char *s = malloc(size + 1);
	memcpy(s, data, size);
	s[size] = '\0';
	size_t n = strlen(s); /* up to the first NUL */

	if (valid) {
		size_t cps = 0;
		for (size_t i = 0; i < n; i++)
			cps += (data[i] & 0xC0) != 0x80;
		if (utf8_length(s) != cps || cps > n)
			abort();
	}

	check_parse_i64(s);
	check_email(s);
	check_token_id(s);
	check_iso(s);

	struct arena *a = arena_new(1024);
	char *t = str_trim(a, s);
	size_t tn = strlen(t);
	if (tn > n || (tn && (strchr(" \t\r\n", t[0]) || strchr(" \t\r\n", t[tn - 1]))))
		abort();
	if (tn && !strstr(s, t))
		abort();
	char *l = str_lower(a, s);
	if (strlen(l) != n)
		abort();
	for (size_t i = 0; i < n; i++)
		if (l[i] >= 'A' && l[i] <= 'Z')
			abort();
	check_escape(a, s, n);
	arena_free(a);
	free(s);
	return 0;
}
