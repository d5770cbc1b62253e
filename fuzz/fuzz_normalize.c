/*
 * fuzz_normalize.c — libFuzzer harness for base/normalize and base/sniff.
 *
 * Feeds arbitrary bytes to norm_text, norm_name, norm_tokens, norm_similarity (a name
 * against a prefix of itself, which may cut a UTF-8 sequence in half), norm_phone,
 * norm_domain and sniff_detect (with and without a ".csv" hint), and traps when an
 * output breaks its contract: invalid UTF-8, stray spaces, a result longer than the
 * documented bound, a similarity outside [0, 1], a non-idempotent norm_text.
 *
 * Build by hand until the Makefile has a fuzz target:
 *   clang -std=c17 -D_DEFAULT_SOURCE -Isrc -g -O1 -fsanitize=fuzzer,address,undefined \
 *     fuzz/fuzz_normalize.c src/base/normalize.c src/base/sniff.c src/base/str.c \
 *     src/base/arena.c -o build/fuzz_normalize
 *   ./build/fuzz_normalize -max_len=4096 fuzz/corpus/fuzz_normalize
 */
#include "base/arena.h"
#include "base/normalize.h"
#include "base/sniff.h"
#include "base/str.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define FUZZ_MAX_INPUT 65536

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void check(int ok)
{
	if (!ok)
		abort();
}

static void check_normal_form(const char *s, size_t input_len)
{
	size_t n = strlen(s);
	check(n <= 2 * input_len);
	check(utf8_valid(s, n));
	check(n == 0 || (s[0] != ' ' && s[n - 1] != ' '));
	check(strstr(s, "  ") == NULL);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size > FUZZ_MAX_INPUT)
		return 0;

	enum sniff_type t = sniff_detect(data, size, NULL);
	check(t <= SNIFF_TXT);
	t = sniff_detect(data, size, "upload.CSV");
	check(t <= SNIFF_TXT);
	check(sniff_mime(t) != NULL && sniff_ext(t) != NULL);

	struct arena *a = arena_new(4096);
	char *s = arena_strndup(a, (const char *)data, size); /* stops at the first NUL */
	size_t len = strlen(s);

	char *text = norm_text(a, s);
	check_normal_form(text, len);
	check(strcmp(norm_text(a, text), text) == 0);

	char *name = norm_name(a, s);
	check_normal_form(name, len);

	const char **words;
	size_t nw = norm_tokens(a, name, &words);
	check(words[nw] == NULL);
	for (size_t i = 0; i < nw; i++)
		check(words[i][0] != '\0' && strchr(words[i], ' ') == NULL);

	size_t nl = strlen(name);
	char *prefix = arena_strndup(a, name, nl / 2);
	double sim = norm_similarity(name, prefix);
	check(sim >= 0.0 && sim <= 1.0);
	check(norm_similarity(prefix, name) == sim);
	if (nl > 0)
		check(norm_similarity(name, name) == 1.0);

	char *phone = norm_phone(a, s);
	if (phone) {
		const char *digits = phone + (phone[0] == '+');
		check(*digits != '\0' && strspn(digits, "0123456789") == strlen(digits));
	}

	char *domain = norm_domain(a, s);
	if (domain)
		check(strlen(domain) <= 253 && utf8_valid(domain, strlen(domain)));

	arena_free(a);
	return 0;
}
