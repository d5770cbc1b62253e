/*
 * test_normalize.c — base/normalize: every folding rule of norm_text (Latin diacritics,
 * Arabic/Persian letter variants, digits of every script, ZWNJ and other invisible
 * characters, punctuation, white space, invalid UTF-8), the legal-form table of
 * norm_name with the required cross-script matches, word splitting, hand-computed
 * trigram similarities, phone and domain keys, and a seeded random sweep that checks the
 * invariants of the output (valid UTF-8, single spaces, idempotence) under ASan/UBSan.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "base/arena.h"
#include "base/normalize.h"
#include "base/str.h"

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

#define TEXT(in, want) assert_string_equal(norm_text(a, in), want)
#define NAME(in, want) assert_string_equal(norm_name(a, in), want)
#define SAME_NAME(x, y) assert_string_equal(norm_name(a, x), norm_name(a, y))
#define NEAR(got, want)                                                                    \
	do {                                                                               \
		double near_d_ = (got) - (want);                                           \
		assert_true(near_d_ < 1e-9 && near_d_ > -1e-9);                            \
	} while (0)

/* ---- norm_text: Latin ----------------------------------------------------------- */

static void test_text_ascii_case(void **state)
{
	struct arena *a = *state;
	TEXT("Hello World", "hello world");
	TEXT("ACME", "acme");
	TEXT("abc123XYZ", "abc123xyz");
}

static void test_text_latin_diacritics(void **state)
{
	struct arena *a = *state;
	/* French, German, Turkish, Malay/Indonesian, Spanish, Nordic, Polish, Czech */
	TEXT("École Générale", "ecole generale");
	TEXT("Müller Ünal", "muller unal");
	TEXT("Çelik Şahin Ağaoğlu", "celik sahin agaoglu");
	TEXT("ıİ IŞIK", "ii isik");
	TEXT("Peña Niño", "pena nino");
	TEXT("Straße", "strasse");
	TEXT("Æther Œuvre Ørsted Åland", "aether oeuvre orsted aland");
	TEXT("Łódź Žižkov Dvořák", "lodz zizkov dvorak");
	TEXT("Þór Ðoð", "thor dod");
	TEXT("ÀÁÂÃÄÅ àáâãäå ÿ", "aaaaaa aaaaaa y");
	TEXT("Ștefan Țara", "stefan tara");
}

static void test_text_combining_marks_dropped(void **state)
{
	struct arena *a = *state;
	/* decomposed (NFD) input folds like the precomposed letter */
	TEXT("E\xcc\x81" "cole", "ecole");
	TEXT("i\xcc\x87stanbul", "istanbul");
	assert_string_equal(norm_text(a, "Mu\xcc\x88ller"), norm_text(a, "Müller"));
}

static void test_text_greek_cyrillic_case(void **state)
{
	struct arena *a = *state;
	TEXT("ΑΘΗΝΑ", "αθηνα");
	TEXT("ΟΔΟΣ οδος", "οδοσ οδοσ"); /* final sigma folds to σ */
	TEXT("МОСКВА Ёлка ёлка", "москва елка елка");
}

static void test_text_multiplication_sign_breaks(void **state)
{
	struct arena *a = *state;
	TEXT("2×4 3÷1", "2 4 3 1");
}

/* ---- norm_text: Arabic and Persian ---------------------------------------------- */

static void test_text_yeh_variants(void **state)
{
	struct arena *a = *state;
	TEXT("علي", "علی"); /* U+064A */
	TEXT("على", "علی"); /* U+0649 alef maksura */
	TEXT("علی", "علی"); /* U+06CC unchanged */
	TEXT("\xd9\x8a\xd9\x89\xdb\x8c", "\xdb\x8c\xdb\x8c\xdb\x8c");
}

static void test_text_kaf_and_teh_marbuta(void **state)
{
	struct arena *a = *state;
	TEXT("كاوه", "کاوه");
	TEXT("شركة", "شرکه");
	TEXT("فاطمة", "فاطمه");
	TEXT("ۀ", "ه"); /* U+06C0 */
}

static void test_text_hamza_forms(void **state)
{
	struct arena *a = *state;
	TEXT("أحمد", "احمد");
	TEXT("إسلام", "اسلام");
	TEXT("آرش", "ارش");
	TEXT("ٱلله", "الله"); /* alef wasla */
	TEXT("مؤسسة", "موسسه");
	TEXT("رئيس", "رییس");
	TEXT("مسئول", "مسیول");
	TEXT("سماء", "سما"); /* standalone hamza dropped */
	TEXT("ء", "");
}

static void test_text_tatweel_and_harakat_dropped(void **state)
{
	struct arena *a = *state;
	TEXT("كـــاوه", "کاوه");
	TEXT("مُحَمَّد", "محمد");
	TEXT("كِتَابٌ", "کتاب");
	TEXT("\xd9\x8b\xd9\x9f", ""); /* U+064B, U+065F: ends of the harakat range */
	TEXT("هٰذا", "هذا"); /* U+0670 superscript alef */
}

static void test_text_presentation_forms(void **state)
{
	struct arena *a = *state;
	TEXT("ﻋﻠﻲ", "علی");
	TEXT("ﺷﺮﻛﺔ", "شرکه");
	TEXT("ﭘﺎﺭﺱ", "پارس");
	TEXT("ﻻ", "لا");
	assert_string_equal(norm_text(a, "ﻋﻠﻲ ﻛﺎﻭﻩ"), norm_text(a, "علي كاوه"));
}

static void test_text_zwnj_breaks_words(void **state)
{
	struct arena *a = *state;
	/* ZWNJ is a word break, like the space Persian writers use instead */
	TEXT("داده\u200cپردازان", "داده پردازان");
	TEXT("می\u200c\u200cخواهم", "می خواهم");
	TEXT("\u200cابر\u200c", "ابر");
	TEXT("a\u200bb", "a b"); /* ZERO WIDTH SPACE */
}

static void test_text_invisible_joiners_dropped(void **state)
{
	struct arena *a = *state;
	TEXT("ab\u200dcd", "abcd");  /* ZWJ */
	TEXT("ab\u200ecd", "abcd");  /* LRM */
	TEXT("ab\u200fcd", "abcd");  /* RLM */
	TEXT("ab\ufeffcd", "abcd");  /* BOM / ZWNBSP */
	TEXT("ab\u061ccd", "abcd");  /* ARABIC LETTER MARK */
	TEXT("ab\u2060cd", "abcd");  /* WORD JOINER */
	TEXT("ab\u202bcd\u202c", "abcd"); /* RLE … PDF */
	TEXT("ab\u2067cd\u2069", "abcd"); /* RLI … PDI */
	TEXT("co\u00adoperate", "cooperate"); /* SOFT HYPHEN */
	TEXT("\ufeffAcme", "acme");
}

static void test_text_digits_any_script(void **state)
{
	struct arena *a = *state;
	TEXT("۰۱۲۳۴۵۶۷۸۹", "0123456789");
	TEXT("٠١٢٣٤٥٦٧٨٩", "0123456789");
	TEXT("０１２３４５６７８９", "0123456789");
	TEXT("۱۲۳ Tech", "123 tech");
	TEXT("١٢٣ TECH", "123 tech");
	TEXT("ＡＢＣ　ｄｅｆ", "abc def"); /* fullwidth letters and ideographic space */
	TEXT("٣٫١٤", "3 14"); /* Arabic decimal separator is punctuation */
}

static void test_text_punctuation_breaks(void **state)
{
	struct arena *a = *state;
	TEXT("A.B.C Co.", "a b c co");
	TEXT("Tom&Jerry (Pvt)/Ltd", "tom jerry pvt ltd");
	TEXT("x-y_z+w=v", "x y z w v");
	TEXT("\"quoted\" [b] {c} <d> #e @f", "quoted b c d e f");
	TEXT("الف،ب؛ج؟د", "الف ب ج د");
	TEXT("«پارس»", "پارس");
	TEXT("“Acme” — ‘Beta’ – Gamma…", "acme beta gamma");
	TEXT("a•b·c", "a b c");
	TEXT("Acme™ ©2024 €5", "acme 2024 5");
	TEXT("...,;:!?", "");
}

static void test_text_apostrophes_join(void **state)
{
	struct arena *a = *state;
	TEXT("O'Brien", "obrien");
	TEXT("McDonald’s", "mcdonalds");
	TEXT("Jum`at", "jumat");
	assert_string_equal(norm_text(a, "O'Brien"), norm_text(a, "OBrien"));
}

static void test_text_white_space_collapsed(void **state)
{
	struct arena *a = *state;
	TEXT("  a \t\n b\r\n\f c  ", "a b c");
	TEXT("a\xc2\xa0" "b", "a b");                     /* NBSP */
	TEXT("a\xc2\x85" "b", "a b");                     /* NEL */
	TEXT("a\u2003b\u2009c\u202fd\u3000e\u2028f", "a b c d e f");
	TEXT("", "");
	TEXT("   ", "");
}

static void test_text_invalid_utf8_dropped(void **state)
{
	struct arena *a = *state;
	TEXT("ab\xff\xfe" "cd", "abcd");
	TEXT("ab\xc0\xaf" "cd", "abcd");         /* overlong '/' */
	TEXT("ab\xed\xa0\x80" "cd", "abcd");     /* surrogate */
	TEXT("ab\xf4\x90\x80\x80" "cd", "abcd"); /* beyond U+10FFFF */
	TEXT("abc\xd8", "abc");                  /* truncated at the end */
	TEXT("\x80\x80 x", "x");                 /* stray continuation bytes */
	TEXT("\xe2\x82", "");
}

static void test_text_null_and_other_scripts(void **state)
{
	struct arena *a = *state;
	TEXT(NULL, "");
	TEXT("東京 Tokyo", "東京 tokyo"); /* other scripts are kept as they are */
	TEXT("😀Acme🚀", "acme");
}

/* ---- norm_name ------------------------------------------------------------------- */

static void test_name_required_matches(void **state)
{
	struct arena *a = *state;
	SAME_NAME("شرکت داده‌پردازان پارس", "داده پردازان پارس");
	SAME_NAME("علي", "علی");
	SAME_NAME("كاوه", "کاوه");
	SAME_NAME("مؤسسة النور", "موسسه النور");
	SAME_NAME("۱۲۳ Tech", "123 tech");
	SAME_NAME("123 tech", "١٢٣ TECH");
	SAME_NAME("Pars Data Sdn. Bhd.", "pars data");
	SAME_NAME("Acme LLC", "ACME, Inc.");
	SAME_NAME("ACME, Inc.", "acme");
	SAME_NAME("Gulf Systems FZ-LLC", "gulf systems");
	SAME_NAME("Özyurt Bilişim A.Ş.", "ozyurt bilisim");
	SAME_NAME("Arabian Tech ذ.م.م", "arabian tech");
	SAME_NAME("PT Nusantara Data Tbk", "nusantara data");
	NAME("شرکت", "شرکت"); /* nothing left: norm_text's result, not "" */
}

static void test_name_required_values(void **state)
{
	struct arena *a = *state;
	NAME("شرکت داده‌پردازان پارس", "داده پردازان پارس");
	NAME("مؤسسة النور", "النور");
	NAME("Pars Data Sdn. Bhd.", "pars data");
	NAME("Gulf Systems FZ-LLC", "gulf systems");
	NAME("Özyurt Bilişim A.Ş.", "ozyurt bilisim");
	NAME("Arabian Tech ذ.م.م", "arabian tech");
	NAME("PT Nusantara Data Tbk", "nusantara data");
	NAME("A.B.C Co.", "a b c");
}

static void test_name_non_matches(void **state)
{
	struct arena *a = *state;
	const char *x = norm_name(a, "Pars Data");
	const char *y = norm_name(a, "Pars Digital");
	assert_string_not_equal(x, y);
	double s = norm_similarity(x, y);
	assert_true(s > 0.0 && s < 1.0);
	assert_string_not_equal(norm_name(a, "گروه پارس"), norm_name(a, "پارس"));
}

/* Every table entry, reached through a natural spelling, is removed. */
static void test_name_every_legal_form(void **state)
{
	struct arena *a = *state;
	static const char *const forms[] = {
		"Ltd", "Ltd.", "Limited", "LLC", "L.L.C.", "LLP", "Inc.", "Incorporated", "Corp.",
		"Corporation", "Co.", "Company", "PLC", "P.L.C.", "Pty", "GmbH", "AG", "S.A.",
		"SAS", "S.A.S.", "SARL", "S.à r.l.", "B.V.", "N.V.", "Tbk", "Sdn Bhd", "Sdn. Bhd.",
		"Sendirian Berhad", "Pte. Ltd.", "Pvt Ltd", "FZE", "FZCO", "FZC", "FZ-LLC", "FZ LLC",
		"Est.", "Establishment", "W.L.L.", "WLL", "JSC", "A.Ş.", "AŞ", "AS", "Ltd. Şti.",
		"San. ve Tic. Ltd. Şti.",
		"شرکت", "شركت", "شركة", "مؤسسه", "موسسه", "مؤسسة", "موسسة", "ذ.م.م", "ذ م م",
		"(سهامی خاص)", "سهامی عام", "با مسئولیت محدود", "با مسؤولیت محدود", "تضامنی",
	};
	for (size_t i = 0; i < sizeof forms / sizeof *forms; i++) {
		const char *in = arena_printf(a, "Zarin Tech %s", forms[i]);
		const char *got = norm_name(a, in);
		const char *want = strstr(forms[i], "San.") ? "zarin tech san tic" : "zarin tech";
		if (strcmp(got, want) != 0)
			fail_msg("norm_name(\"%s\") = \"%s\", want \"%s\"", in, got, want);
	}
}

static void test_name_legal_form_anywhere(void **state)
{
	struct arena *a = *state;
	NAME("PT Maju Jaya", "maju jaya");
	NAME("شرکت پارس", "پارس");
	NAME("Acme Ltd Trading", "acme trading");
	NAME("شرکت سهامی خاص داده پردازان", "داده پردازان");
	NAME("Ozyurt Ltd. Şti. Istanbul", "ozyurt istanbul");
}

static void test_name_end_only_forms(void **state)
{
	struct arena *a = *state;
	NAME("Built As Designed", "built as designed"); /* "as" is an English word here */
	NAME("Kaya AS", "kaya");
	NAME("Kaya A.Ş. Ltd", "kaya"); /* exposed at the end once Ltd is gone */
	NAME("A.S. Kaya", "a s kaya");
}

static void test_name_acronym_runs_must_be_whole(void **state)
{
	struct arena *a = *state;
	NAME("Acme L.L.C.", "acme");
	NAME("A.B.V. Trading", "a b v trading"); /* not "a" + "bv" */
	NAME("X.L.L.C", "x l l c");
}

static void test_name_keeps_non_legal_words(void **state)
{
	struct arena *a = *state;
	NAME("گروه صنعتی پارس", "گروه صنعتی پارس");
	NAME("Acme Group", "acme group");
	NAME("Costa Coffee", "costa coffee"); /* "co" only as a whole word */
	NAME("Sales Agency", "sales agency");
}

static void test_name_nothing_left_falls_back(void **state)
{
	struct arena *a = *state;
	NAME("Ltd", "ltd");
	NAME("Company Limited", "company limited");
	NAME("ذ.م.م", "ذ م م");
	NAME("", "");
	NAME(NULL, "");
	NAME("...", "");
}

/* A hostile name made of 30 000 legal-form words: end-only forms are stripped from the
 * tail one at a time, which must stay linear (this test would crawl if it were not). */
static void test_name_many_legal_words(void **state)
{
	struct arena *a = *state;
	struct strbuf sb;
	sb_init(&sb, a, 64, 1 << 20);
	sb_puts(&sb, "Acme");
	for (int i = 0; i < 30000; i++)
		sb_puts(&sb, i % 3 ? " AS" : " Ltd");
	assert_false(sb.overflow);
	NAME(sb.data, "acme");
}

/* ---- norm_tokens ----------------------------------------------------------------- */

static void test_tokens_split(void **state)
{
	struct arena *a = *state;
	const char **w;
	assert_int_equal(norm_tokens(a, "pars data co", &w), 3);
	assert_string_equal(w[0], "pars");
	assert_string_equal(w[1], "data");
	assert_string_equal(w[2], "co");
	assert_null(w[3]);
	assert_int_equal(norm_tokens(a, "داده پردازان", &w), 2);
	assert_string_equal(w[1], "پردازان");
}

static void test_tokens_empty_and_extra_spaces(void **state)
{
	struct arena *a = *state;
	const char **w;
	assert_int_equal(norm_tokens(a, "", &w), 0);
	assert_non_null(w);
	assert_null(w[0]);
	assert_int_equal(norm_tokens(a, NULL, &w), 0);
	assert_null(w[0]);
	assert_int_equal(norm_tokens(a, "   ", &w), 0);
	assert_int_equal(norm_tokens(a, "  a   b ", &w), 2);
	assert_string_equal(w[0], "a");
	assert_string_equal(w[1], "b");
	assert_null(w[2]);
}

/* ---- norm_similarity ------------------------------------------------------------- */

static void test_similarity_hand_computed(void **state)
{
	(void)state;
	/* " ab " → { ␣ab, ab␣ };  " abc " → { ␣ab, abc, bc␣ }: 1 shared of 4 */
	NEAR(norm_similarity("ab", "abc"), 0.25);
	/* { ␣ab, abc, bc␣ } vs { ␣ab, abd, bd␣ }: 1 of 5 */
	NEAR(norm_similarity("abc", "abd"), 0.2);
	/* " aa " → { ␣aa, aa␣ }; " aaa " → { ␣aa, aaa, aa␣ }: 2 of 3 */
	NEAR(norm_similarity("aa", "aaa"), 2.0 / 3.0);
	/* { ␣ab, ab␣, b␣c, ␣cd, cd␣ } vs { ␣cd, cd␣, d␣a, ␣ab, ab␣ }: 4 of 6 */
	NEAR(norm_similarity("ab cd", "cd ab"), 4.0 / 6.0);
	/* code points, not bytes: " داده " vs " دادو " share ␣دا and داد of 6 */
	NEAR(norm_similarity("داده", "دادو"), 2.0 / 6.0);
	NEAR(norm_similarity("a", "b"), 0.0);
	/* " aaaa " has the set { ␣aa, aaa, aa␣ }: duplicates count once */
	NEAR(norm_similarity("aaaa", "aaa"), 1.0);
}

static void test_similarity_bounds(void **state)
{
	(void)state;
	NEAR(norm_similarity("pars data", "pars data"), 1.0);
	NEAR(norm_similarity("", ""), 0.0);
	NEAR(norm_similarity("abc", ""), 0.0);
	NEAR(norm_similarity("", "abc"), 0.0);
	NEAR(norm_similarity(NULL, "abc"), 0.0);
	NEAR(norm_similarity("abc", NULL), 0.0);
	double s1 = norm_similarity("pars data", "pars digital");
	double s2 = norm_similarity("pars digital", "pars data");
	NEAR(s1, s2);
}

static void test_similarity_long_strings_capped(void **state)
{
	struct arena *a = *state;
	size_t n = 3 * NORM_SIM_MAX_CHARS;
	char *x = arena_alloc(a, n + 1);
	char *y = arena_alloc(a, n + 1);
	uint32_t r = 12345;
	for (size_t i = 0; i < n; i++) {
		r = r * 1103515245u + 12345u; /* aperiodic enough: ~n distinct trigrams */
		x[i] = y[i] = (char)('a' + (r >> 16) % 26);
	}
	x[n] = y[n] = '\0';
	y[n - 1] = '#'; /* differs only after the cap */
	double s = norm_similarity(x, y);
	assert_true(s >= 0.0 && s <= 1.0);
	NEAR(s, 1.0);
	y[0] = '#';
	s = norm_similarity(x, y);
	assert_true(s > 0.9 && s < 1.0);
}

/* ---- norm_phone ------------------------------------------------------------------ */

static void test_phone(void **state)
{
	struct arena *a = *state;
	assert_string_equal(norm_phone(a, "+98 (21) ۱۲۳۴-۵۶۷۸"), "+982112345678");
	assert_string_equal(norm_phone(a, "٠٩١٢ ١٢٣ ٤٥٦٧"), "09121234567");
	assert_string_equal(norm_phone(a, "０１２３"), "0123");
	assert_string_equal(norm_phone(a, "＋６０"), "+60");
	assert_string_equal(norm_phone(a, "Tel: +1-555-0100"), "+15550100");
	assert_string_equal(norm_phone(a, "(+60) 3 1234"), "+6031234");
	assert_string_equal(norm_phone(a, "12+34"), "1234");
	assert_string_equal(norm_phone(a, "0098 21"), "009821");
	assert_string_equal(norm_phone(a, "+\xff" "1\xc0" "2"), "+12");
	assert_string_equal(norm_phone(a, norm_phone(a, "+98 21 ۱۲")), "+982112");
	assert_null(norm_phone(a, "+"));
	assert_null(norm_phone(a, "no digits"));
	assert_null(norm_phone(a, ""));
	assert_null(norm_phone(a, NULL));
}

/* ---- norm_domain ----------------------------------------------------------------- */

#define DOMAIN(in, want) assert_string_equal(norm_domain(a, in), want)
#define NO_DOMAIN(in) assert_null(norm_domain(a, in))

static void test_domain_extracts_host(void **state)
{
	struct arena *a = *state;
	DOMAIN("https://WWW.Acme.com:8443/x?y#z", "acme.com");
	DOMAIN("http://acme.com", "acme.com");
	DOMAIN("acme.com", "acme.com");
	DOMAIN("  ACME.COM/about  ", "acme.com");
	DOMAIN("www.pars-data.co.ir", "pars-data.co.ir");
	DOMAIN("Sara@Acme.co.uk", "acme.co.uk");
	DOMAIN("mailto:x@acme.com", "acme.com");
	DOMAIN("MAILTO:x@acme.com", "acme.com");
	DOMAIN("ftp://user:pw@files.acme.com:21/", "files.acme.com");
	DOMAIN("//cdn.acme.com/lib.js", "cdn.acme.com");
	DOMAIN("acme.com.", "acme.com");
	DOMAIN("acme.com?q=1", "acme.com");
	DOMAIN("www.com", "www.com"); /* "www." is kept when nothing plausible is left */
	DOMAIN("https://www.www.acme.com", "www.acme.com");
	DOMAIN("پارس.ایران", "پارس.ایران"); /* IDN kept as typed */
	DOMAIN("xn--mgbai9azgqp6j.com", "xn--mgbai9azgqp6j.com");
}

static void test_domain_refuses_implausible(void **state)
{
	struct arena *a = *state;
	NO_DOMAIN(NULL);
	NO_DOMAIN("");
	NO_DOMAIN("   ");
	NO_DOMAIN("localhost");
	NO_DOMAIN("http://");
	NO_DOMAIN("https:///path");
	NO_DOMAIN("192.168.1.1");
	NO_DOMAIN("http://10.0.0.1:8080/");
	NO_DOMAIN("[::1]:80");
	NO_DOMAIN("http://[2001:db8::1]/");
	NO_DOMAIN("acme..com");
	NO_DOMAIN(".acme.com");
	NO_DOMAIN("-acme.com");
	NO_DOMAIN("acme-.com");
	NO_DOMAIN("acme.com:http");
	NO_DOMAIN("acme.com:123456");
	NO_DOMAIN("sara@");
	NO_DOMAIN("sara@localhost");
	NO_DOMAIN("not a domain");
	NO_DOMAIN("acme_corp.com");
	NO_DOMAIN("acme%2ecom");
	NO_DOMAIN("acme.c\xff" "m");
}

static void test_domain_length_limits(void **state)
{
	struct arena *a = *state;
	char label[70];
	memset(label, 'a', 63);
	label[63] = '\0';
	DOMAIN(arena_printf(a, "%s.com", label), arena_printf(a, "%s.com", label));
	memset(label, 'a', 64);
	label[64] = '\0';
	NO_DOMAIN(arena_printf(a, "%s.com", label));
	/* 4 × 63 + 3 dots = 255 > 253 */
	memset(label, 'b', 63);
	label[63] = '\0';
	NO_DOMAIN(arena_printf(a, "%s.%s.%s.%s", label, label, label, label));
	/* 3 × 63 + 60 + 3 = 252 */
	char *ok = arena_printf(a, "%s.%s.%s.%.60s", label, label, label, label);
	DOMAIN(ok, ok);
}

/* ---- random sweep ---------------------------------------------------------------- */

static uint64_t rng_state = 0x9E3779B97F4A7C15u;

static uint64_t rng(void)
{
	rng_state ^= rng_state << 13;
	rng_state ^= rng_state >> 7;
	rng_state ^= rng_state << 17;
	return rng_state;
}

static void check_normal_form(const char *s)
{
	size_t n = strlen(s);
	assert_true(utf8_valid(s, n));
	if (n == 0)
		return;
	assert_true(s[0] != ' ' && s[n - 1] != ' ');
	assert_null(strstr(s, "  "));
}

/* Mixes the pieces the rules care about with raw bytes, under ASan/UBSan. */
static void test_random_inputs_keep_invariants(void **state)
{
	(void)state;
	static const char *const pieces[] = {
		"A", "z", "9", " ", ".", "-", "'", "\t", "É", "ß", "İ", "ı", "ي", "ك", "ة", "أ", "ء",
		"ـ", "\u064e", "\u200c", "\u200d", "\ufeff", "۳", "٣", "３", "ﻻ", "ﻋ", "ltd", "co",
		"a s", "ذ م م", "شرکت", "\xff", "\xc3", "\xe2\x80", "\xf0\x9f\x98", "\x80", "€", "😀",
		"www.", "@", ":", "/", "+", "ＡＢ",
	};
	const size_t npieces = sizeof pieces / sizeof *pieces;
	char buf[512];
	for (int iter = 0; iter < 20000; iter++) {
		struct arena *a = arena_new(4096);
		size_t len = 0;
		size_t count = rng() % 24;
		for (size_t k = 0; k < count; k++) {
			const char *p;
			char raw[2] = {(char)(1 + rng() % 255), '\0'};
			p = (rng() % 4 == 0) ? raw : pieces[rng() % npieces];
			size_t pl = strlen(p);
			if (len + pl >= sizeof buf)
				break;
			memcpy(buf + len, p, pl);
			len += pl;
		}
		buf[len] = '\0';

		char *t = norm_text(a, buf);
		check_normal_form(t);
		assert_true(strlen(t) <= 2 * len);
		assert_string_equal(norm_text(a, t), t); /* idempotent */
		char *nm = norm_name(a, buf);
		check_normal_form(nm);
		const char **w;
		size_t nw = norm_tokens(a, nm, &w);
		assert_null(w[nw]);
		assert_true(nw > 0 || *nm == '\0');
		double s = norm_similarity(nm, t);
		assert_true(s >= 0.0 && s <= 1.0);
		if (*nm)
			NEAR(norm_similarity(nm, nm), 1.0);
		char *ph = norm_phone(a, buf);
		if (ph)
			assert_true(strspn(ph + (*ph == '+'), "0123456789") == strlen(ph + (*ph == '+')));
		char *d = norm_domain(a, buf);
		if (d)
			assert_true(strlen(d) <= 253 && utf8_valid(d, strlen(d)));
		arena_free(a);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_text_ascii_case, setup, teardown),
		cmocka_unit_test_setup_teardown(test_text_latin_diacritics, setup, teardown),
		cmocka_unit_test_setup_teardown(test_text_combining_marks_dropped, setup, teardown),
		cmocka_unit_test_setup_teardown(test_text_greek_cyrillic_case, setup, teardown),
		cmocka_unit_test_setup_teardown(test_text_multiplication_sign_breaks, setup, teardown),
		cmocka_unit_test_setup_teardown(test_text_yeh_variants, setup, teardown),
		cmocka_unit_test_setup_teardown(test_text_kaf_and_teh_marbuta, setup, teardown),
		cmocka_unit_test_setup_teardown(test_text_hamza_forms, setup, teardown),
		cmocka_unit_test_setup_teardown(test_text_tatweel_and_harakat_dropped, setup, teardown),
		cmocka_unit_test_setup_teardown(test_text_presentation_forms, setup, teardown),
		cmocka_unit_test_setup_teardown(test_text_zwnj_breaks_words, setup, teardown),
		cmocka_unit_test_setup_teardown(test_text_invisible_joiners_dropped, setup, teardown),
		cmocka_unit_test_setup_teardown(test_text_digits_any_script, setup, teardown),
		cmocka_unit_test_setup_teardown(test_text_punctuation_breaks, setup, teardown),
		cmocka_unit_test_setup_teardown(test_text_apostrophes_join, setup, teardown),
		cmocka_unit_test_setup_teardown(test_text_white_space_collapsed, setup, teardown),
		cmocka_unit_test_setup_teardown(test_text_invalid_utf8_dropped, setup, teardown),
		cmocka_unit_test_setup_teardown(test_text_null_and_other_scripts, setup, teardown),
		cmocka_unit_test_setup_teardown(test_name_required_matches, setup, teardown),
		cmocka_unit_test_setup_teardown(test_name_required_values, setup, teardown),
		cmocka_unit_test_setup_teardown(test_name_non_matches, setup, teardown),
		cmocka_unit_test_setup_teardown(test_name_every_legal_form, setup, teardown),
		cmocka_unit_test_setup_teardown(test_name_legal_form_anywhere, setup, teardown),
		cmocka_unit_test_setup_teardown(test_name_end_only_forms, setup, teardown),
		cmocka_unit_test_setup_teardown(test_name_acronym_runs_must_be_whole, setup, teardown),
		cmocka_unit_test_setup_teardown(test_name_keeps_non_legal_words, setup, teardown),
		cmocka_unit_test_setup_teardown(test_name_nothing_left_falls_back, setup, teardown),
		cmocka_unit_test_setup_teardown(test_name_many_legal_words, setup, teardown),
		cmocka_unit_test_setup_teardown(test_tokens_split, setup, teardown),
		cmocka_unit_test_setup_teardown(test_tokens_empty_and_extra_spaces, setup, teardown),
		cmocka_unit_test(test_similarity_hand_computed),
		cmocka_unit_test(test_similarity_bounds),
		cmocka_unit_test_setup_teardown(test_similarity_long_strings_capped, setup, teardown),
		cmocka_unit_test_setup_teardown(test_phone, setup, teardown),
		cmocka_unit_test_setup_teardown(test_domain_extracts_host, setup, teardown),
		cmocka_unit_test_setup_teardown(test_domain_refuses_implausible, setup, teardown),
		cmocka_unit_test_setup_teardown(test_domain_length_limits, setup, teardown),
		cmocka_unit_test(test_random_inputs_keep_invariants),
	};
	return cmocka_run_group_tests_name("normalize", tests, NULL, NULL);
}
