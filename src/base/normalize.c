/*
 * normalize.c — matching keys for names, phones and domains across scripts.
 *
 * norm_text() walks the input one code point at a time (invalid UTF-8 bytes are
 * skipped) and classifies each through fold_cp(): kept (possibly replaced by a folded
 * letter or digit), dropped (format characters, diacritics, tatweel, hamza), or a word
 * break (space, punctuation, symbols). Breaks are collapsed into a single space between
 * words, so the result never has leading, trailing or doubled spaces. norm_name() then
 * removes legal-form words found in the one table below, legal_forms[]. The trigram
 * similarity works on fixed-size stack arrays so it needs no allocator.
 */
#include "normalize.h"

#include "arena.h"
#include "str.h"

#include <pthread.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* ---- UTF-8 ------------------------------------------------------------------------ */

/* Decodes the code point at s[*i] (n bytes in all) into *cp and advances *i past it.
 * Returns false for an ill-formed sequence (overlong, surrogate, truncated, > U+10FFFF
 * or a stray continuation byte); then *cp is that single byte and *i advances by one. */
static bool utf8_next(const unsigned char *s, size_t n, size_t *i, uint32_t *cp)
{
	unsigned char c = s[*i];
	size_t len;
	uint32_t v;
	if (c < 0x80) {
		*cp = c;
		*i += 1;
		return true;
	}
	if (c >= 0xC2 && c <= 0xDF) {
		len = 2;
		v = c & 0x1F;
	} else if (c >= 0xE0 && c <= 0xEF) {
		len = 3;
		v = c & 0x0F;
	} else if (c >= 0xF0 && c <= 0xF4) {
		len = 4;
		v = c & 0x07;
	} else {
		goto bad;
	}
	if (n - *i < len)
		goto bad;
	for (size_t k = 1; k < len; k++) {
		if ((s[*i + k] & 0xC0) != 0x80)
			goto bad;
		v = (v << 6) | (s[*i + k] & 0x3F);
	}
	if ((len == 3 && v < 0x800) || (len == 4 && v < 0x10000) || v > 0x10FFFF ||
	    (v >= 0xD800 && v <= 0xDFFF))
		goto bad;
	*cp = v;
	*i += len;
	return true;
bad:
	*cp = c;
	*i += 1;
	return false;
}

/* Writes the UTF-8 encoding of a valid scalar value cp into out; returns its length. */
static size_t utf8_put(uint32_t cp, char out[4])
{
	if (cp < 0x80) {
		out[0] = (char)cp;
		return 1;
	}
	if (cp < 0x800) {
		out[0] = (char)(0xC0 | (cp >> 6));
		out[1] = (char)(0x80 | (cp & 0x3F));
		return 2;
	}
	if (cp < 0x10000) {
		out[0] = (char)(0xE0 | (cp >> 12));
		out[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
		out[2] = (char)(0x80 | (cp & 0x3F));
		return 3;
	}
	out[0] = (char)(0xF0 | (cp >> 18));
	out[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
	out[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
	out[3] = (char)(0x80 | (cp & 0x3F));
	return 4;
}

/* ---- folding ---------------------------------------------------------------------- */

/* U+00C0–U+017F (Latin-1 letters and Latin Extended-A) folded to lower-case ASCII;
 * NULL marks the two symbols in the range (× ÷), which break words. */
static const char *const latin_fold[0x180 - 0xC0] = {
	/* U+00C0 */ "a", "a", "a", "a", "a", "a", "ae", "c", "e", "e", "e", "e", "i", "i", "i", "i",
	/* U+00D0 */ "d", "n", "o", "o", "o", "o", "o", NULL, "o", "u", "u", "u", "u", "y", "th", "ss",
	/* U+00E0 */ "a", "a", "a", "a", "a", "a", "ae", "c", "e", "e", "e", "e", "i", "i", "i", "i",
	/* U+00F0 */ "d", "n", "o", "o", "o", "o", "o", NULL, "o", "u", "u", "u", "u", "y", "th", "y",
	/* U+0100 */ "a", "a", "a", "a", "a", "a", "c", "c", "c", "c", "c", "c", "c", "c", "d", "d",
	/* U+0110 */ "d", "d", "e", "e", "e", "e", "e", "e", "e", "e", "e", "e", "g", "g", "g", "g",
	/* U+0120 */ "g", "g", "g", "g", "h", "h", "h", "h", "i", "i", "i", "i", "i", "i", "i", "i",
	/* U+0130 */ "i", "i", "ij", "ij", "j", "j", "k", "k", "k", "l", "l", "l", "l", "l", "l", "l",
	/* U+0140 */ "l", "l", "l", "n", "n", "n", "n", "n", "n", "n", "n", "n", "o", "o", "o", "o",
	/* U+0150 */ "o", "o", "oe", "oe", "r", "r", "r", "r", "r", "r", "s", "s", "s", "s", "s", "s",
	/* U+0160 */ "s", "s", "t", "t", "t", "t", "t", "t", "u", "u", "u", "u", "u", "u", "u", "u",
	/* U+0170 */ "u", "u", "u", "u", "w", "w", "y", "y", "y", "z", "z", "z", "z", "z", "z", "s",
};

enum fold_kind {
	FOLD_KEEP,  /* emit f->str if set, else f->cp */
	FOLD_DROP,  /* remove, no word break */
	FOLD_BREAK, /* word break */
};

struct folded {
	const char *str; /* UTF-8 replacement, or NULL to emit cp */
	uint32_t cp;
};

/* Value 0–9 of a decimal digit in ASCII, Arabic-Indic, Persian or fullwidth; else -1. */
static int digit_value(uint32_t cp)
{
	if (cp >= '0' && cp <= '9')
		return (int)(cp - '0');
	if (cp >= 0x0660 && cp <= 0x0669)
		return (int)(cp - 0x0660);
	if (cp >= 0x06F0 && cp <= 0x06F9)
		return (int)(cp - 0x06F0);
	if (cp >= 0xFF10 && cp <= 0xFF19)
		return (int)(cp - 0xFF10);
	return -1;
}

/* Arabic Presentation Forms-B (U+FE80–U+FEF4), as produced by PDF and legacy text
 * copies: runs of 1, 2 or 4 contextual forms per letter, in letter order. */
static const struct {
	uint16_t first;
	uint16_t letter;
} arabic_forms_b[] = {
	{0xFE80, 0x0621}, {0xFE81, 0x0622}, {0xFE83, 0x0623}, {0xFE85, 0x0624}, {0xFE87, 0x0625},
	{0xFE89, 0x0626}, {0xFE8D, 0x0627}, {0xFE8F, 0x0628}, {0xFE93, 0x0629}, {0xFE95, 0x062A},
	{0xFE99, 0x062B}, {0xFE9D, 0x062C}, {0xFEA1, 0x062D}, {0xFEA5, 0x062E}, {0xFEA9, 0x062F},
	{0xFEAB, 0x0630}, {0xFEAD, 0x0631}, {0xFEAF, 0x0632}, {0xFEB1, 0x0633}, {0xFEB5, 0x0634},
	{0xFEB9, 0x0635}, {0xFEBD, 0x0636}, {0xFEC1, 0x0637}, {0xFEC5, 0x0638}, {0xFEC9, 0x0639},
	{0xFECD, 0x063A}, {0xFED1, 0x0641}, {0xFED5, 0x0642}, {0xFED9, 0x0643}, {0xFEDD, 0x0644},
	{0xFEE1, 0x0645}, {0xFEE5, 0x0646}, {0xFEE9, 0x0647}, {0xFEED, 0x0648}, {0xFEEF, 0x0649},
	{0xFEF1, 0x064A}, {0xFEF5, 0x0000},
};

/* The base letter of a presentation form (Persian letters of Forms-A included), or 0. */
static uint32_t arabic_presentation_base(uint32_t cp)
{
	if (cp >= 0xFB56 && cp <= 0xFB59)
		return 0x067E; /* پ */
	if (cp >= 0xFB7A && cp <= 0xFB7D)
		return 0x0686; /* چ */
	if (cp == 0xFB8A || cp == 0xFB8B)
		return 0x0698; /* ژ */
	if (cp >= 0xFB8E && cp <= 0xFB91)
		return 0x06A9; /* ک */
	if (cp >= 0xFB92 && cp <= 0xFB95)
		return 0x06AF; /* گ */
	if (cp >= 0xFBFC && cp <= 0xFBFF)
		return 0x06CC; /* ی */
	if (cp < 0xFE80 || cp >= 0xFEF5)
		return 0;
	size_t k = 0;
	while (arabic_forms_b[k + 1].first <= cp)
		k++;
	return arabic_forms_b[k].letter;
}

/* The Arabic block, U+0600–U+06FF. */
static enum fold_kind fold_arabic(uint32_t cp, struct folded *f)
{
	if (cp <= 0x0605 || (cp >= 0x0610 && cp <= 0x061A) || cp == 0x061C)
		return FOLD_DROP; /* number signs, Quranic marks, ARABIC LETTER MARK */
	if (cp <= 0x061F)
		return FOLD_BREAK; /* ، ؛ ؟ and other punctuation */
	if ((cp >= 0x064B && cp <= 0x065F) || cp == 0x0670)
		return FOLD_DROP; /* harakat, superscript alef */
	if ((cp >= 0x06D6 && cp <= 0x06DC) || (cp >= 0x06DF && cp <= 0x06E4) ||
	    cp == 0x06E7 || cp == 0x06E8 || (cp >= 0x06EA && cp <= 0x06ED))
		return FOLD_DROP; /* Quranic annotation marks */
	if ((cp >= 0x066A && cp <= 0x066D) || cp == 0x06D4 || cp == 0x06DD || cp == 0x06DE ||
	    cp == 0x06E9 || cp == 0x06FD || cp == 0x06FE)
		return FOLD_BREAK; /* ٪ ٫ ٬ ٭ ۔ and symbols */
	switch (cp) {
	case 0x0621: /* ء standalone hamza */
	case 0x0640: /* ـ tatweel */
		return FOLD_DROP;
	case 0x0622: /* آ */
	case 0x0623: /* أ */
	case 0x0625: /* إ */
	case 0x0671: /* ٱ */
	case 0x0672: /* ٲ */
	case 0x0673: /* ٳ */
		f->cp = 0x0627; /* ا */
		return FOLD_KEEP;
	case 0x0624: /* ؤ */
		f->cp = 0x0648; /* و */
		return FOLD_KEEP;
	case 0x0626: /* ئ */
	case 0x0649: /* ى */
	case 0x064A: /* ي */
		f->cp = 0x06CC; /* ی */
		return FOLD_KEEP;
	case 0x0629: /* ة */
	case 0x06C0: /* ۀ */
		f->cp = 0x0647; /* ه */
		return FOLD_KEEP;
	case 0x0643: /* ك */
		f->cp = 0x06A9; /* ک */
		return FOLD_KEEP;
	default:
		break;
	}
	return FOLD_KEEP;
}

/* Classifies one code point; for FOLD_KEEP fills *f with what to emit. */
static enum fold_kind fold_cp(uint32_t cp, struct folded *f)
{
	static const char digits[] = "0\0" "1\0" "2\0" "3\0" "4\0" "5\0" "6\0" "7\0" "8\0" "9";
	f->str = NULL;
	f->cp = cp;
	int d = digit_value(cp);
	if (d >= 0) {
		f->str = digits + 2 * d;
		return FOLD_KEEP;
	}
	if (cp >= 0xFF01 && cp <= 0xFF5E) /* fullwidth ASCII */
		cp -= 0xFEE0;
	if (cp < 0x80) {
		if (cp >= 'A' && cp <= 'Z') {
			f->cp = cp + ('a' - 'A');
			return FOLD_KEEP;
		}
		if (cp >= 'a' && cp <= 'z') {
			f->cp = cp;
			return FOLD_KEEP;
		}
		if (cp == '\'' || cp == '`')
			return FOLD_DROP;
		return FOLD_BREAK;
	}
	if (cp < 0xC0)
		return cp == 0x00AD ? FOLD_DROP : FOLD_BREAK; /* C1 controls, NBSP, « » ¿ © … */
	if (cp < 0x180) {
		f->str = latin_fold[cp - 0xC0];
		return f->str ? FOLD_KEEP : FOLD_BREAK;
	}
	switch (cp) {
	case 0x01A0: case 0x01A1: f->str = "o"; return FOLD_KEEP; /* Ơ ơ */
	case 0x01AF: case 0x01B0: f->str = "u"; return FOLD_KEEP; /* Ư ư */
	case 0x0218: case 0x0219: f->str = "s"; return FOLD_KEEP; /* Ș ș */
	case 0x021A: case 0x021B: f->str = "t"; return FOLD_KEEP; /* Ț ț */
	case 0x02B9: case 0x02BB: case 0x02BC: case 0x02BE: case 0x02BF:
		return FOLD_DROP; /* modifier-letter apostrophes, ʾ ʿ of transliteration */
	default:
		break;
	}
	if (cp >= 0x02B0 && cp <= 0x02FF)
		return FOLD_BREAK;
	if (cp >= 0x0300 && cp <= 0x036F)
		return FOLD_DROP; /* combining diacritics: decomposed é is e + U+0301 */
	if (cp >= 0x0391 && cp <= 0x03A9 && cp != 0x03A2) {
		f->cp = cp + 0x20; /* Greek capitals */
		return FOLD_KEEP;
	}
	if (cp == 0x03C2) {
		f->cp = 0x03C3; /* final sigma */
		return FOLD_KEEP;
	}
	if (cp >= 0x0400 && cp <= 0x042F) {
		f->cp = cp < 0x0410 ? cp + 0x50 : cp + 0x20; /* Cyrillic capitals */
		if (f->cp == 0x0451)
			f->cp = 0x0435; /* ё → е */
		return FOLD_KEEP;
	}
	if (cp == 0x0451) {
		f->cp = 0x0435;
		return FOLD_KEEP;
	}
	if (cp >= 0x0600 && cp <= 0x06FF)
		return fold_arabic(cp, f);
	uint32_t base = arabic_presentation_base(cp);
	if (base) {
		f->cp = base;
		return fold_arabic(base, f);
	}
	if (cp >= 0xFEF5 && cp <= 0xFEFC) {
		f->str = "\u0644\u0627"; /* lam-alef ligatures (with any hamza or madda): لا */
		return FOLD_KEEP;
	}
	if (cp >= 0xFE70 && cp <= 0xFE7F)
		return FOLD_DROP; /* harakat presentation forms */
	if ((cp >= 0x08D3 && cp <= 0x08E1) || (cp >= 0x08E3 && cp <= 0x08FF))
		return FOLD_DROP; /* extended Arabic marks */
	if (cp == 0x1680 || (cp >= 0x2000 && cp <= 0x200C))
		return FOLD_BREAK; /* spaces, ZWSP, ZWNJ (see normalize.h) */
	if (cp == 0x200D || cp == 0x200E || cp == 0x200F)
		return FOLD_DROP; /* ZWJ, LRM, RLM */
	if (cp == 0x2018 || cp == 0x2019)
		return FOLD_DROP; /* typographic apostrophes */
	if ((cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2060 && cp <= 0x206F))
		return FOLD_DROP; /* bidi embeddings, WORD JOINER, isolates */
	if (cp >= 0x20D0 && cp <= 0x20FF)
		return FOLD_DROP; /* combining marks for symbols */
	if ((cp >= 0x2010 && cp <= 0x2BFF) || (cp >= 0x2E00 && cp <= 0x2E7F))
		return FOLD_BREAK; /* general punctuation, currency, letterlike, math, arrows */
	if ((cp >= 0x3000 && cp <= 0x3003) || (cp >= 0x3008 && cp <= 0x301F))
		return FOLD_BREAK; /* CJK space and brackets */
	if ((cp >= 0xFE00 && cp <= 0xFE0F) || (cp >= 0xFE20 && cp <= 0xFE2F) || cp == 0xFEFF ||
	    (cp >= 0xFFF9 && cp <= 0xFFFB))
		return FOLD_DROP; /* variation selectors, half marks, BOM, annotation controls */
	if ((cp >= 0xFE10 && cp <= 0xFE1F) || (cp >= 0xFE30 && cp <= 0xFE6F) ||
	    (cp >= 0xFF5F && cp <= 0xFF65) || cp == 0xFFFC || cp == 0xFFFD)
		return FOLD_BREAK; /* vertical and small forms, halfwidth punctuation */
	if ((cp >= 0xE0000 && cp <= 0xE007F) || (cp >= 0xE0100 && cp <= 0xE01EF))
		return FOLD_DROP; /* tags, variation selectors supplement */
	if (cp >= 0x1F000 && cp <= 0x1FAFF)
		return FOLD_BREAK; /* emoji and pictographs */
	return FOLD_KEEP;
}

char *norm_text(struct arena *a, const char *utf8)
{
	if (!utf8)
		return arena_strdup(a, "");
	const unsigned char *s = (const unsigned char *)utf8;
	size_t n = strlen(utf8);
	struct strbuf sb;
	/* Every code point folds to at most as many bytes as it occupies, except the lam-alef
	 * ligatures (3 → 4 bytes); a space is written only in place of at least one byte of
	 * break. So 2n bytes always suffice. */
	if (n > SIZE_MAX / 2 - 1)
		abort();
	sb_init(&sb, a, n < 64 ? n : 64, 2 * n);
	bool pending = false;
	size_t i = 0;
	while (i < n) {
		uint32_t cp;
		if (!utf8_next(s, n, &i, &cp))
			continue; /* invalid sequence: dropped */
		struct folded f;
		switch (fold_cp(cp, &f)) {
		case FOLD_DROP:
			break;
		case FOLD_BREAK:
			pending = true;
			break;
		case FOLD_KEEP:
			if (pending && sb.len > 0)
				sb_putc(&sb, ' ');
			pending = false;
			if (f.str) {
				sb_puts(&sb, f.str);
			} else {
				char buf[4];
				sb_append(&sb, buf, utf8_put(f.cp, buf));
			}
			break;
		}
	}
	/* Proven by the bound above; kept as a check because a table edit could break it. */
	if (sb.overflow)
		abort();
	return sb.data;
}

/* ---- legal forms ------------------------------------------------------------------ */

enum legal_where {
	LEGAL_ANYWHERE, /* removed wherever it stands as whole words */
	LEGAL_AT_END,   /* removed only as the last word(s): also an ordinary word */
};

struct legal_form {
	const char *words; /* already in norm_text() form: single spaces, folded letters */
	enum legal_where where;
};

/* The one list of legal-form words. Entries must be norm_text() fixed points (Arabic
 * letters after unification: ك→ک, ي/ئ→ی, ة→ه, ؤ→و); test_normalize checks each
 * through its natural spelling. Single-letter runs also match a one-word entry, so
 * "l l c" (from "L.L.C.") needs no entry of its own. */
static const struct legal_form legal_forms[] = {
	/* English and international */
	{"ltd", LEGAL_ANYWHERE},
	{"limited", LEGAL_ANYWHERE},
	{"llc", LEGAL_ANYWHERE},
	{"llp", LEGAL_ANYWHERE},
	{"inc", LEGAL_ANYWHERE},
	{"incorporated", LEGAL_ANYWHERE},
	{"corp", LEGAL_ANYWHERE},
	{"corporation", LEGAL_ANYWHERE},
	{"co", LEGAL_ANYWHERE},
	{"company", LEGAL_ANYWHERE},
	{"plc", LEGAL_ANYWHERE},
	{"pty", LEGAL_ANYWHERE},
	/* German, French, Dutch, Swiss */
	{"gmbh", LEGAL_ANYWHERE},
	{"ag", LEGAL_ANYWHERE},
	{"sa", LEGAL_ANYWHERE},
	{"sas", LEGAL_ANYWHERE},
	{"sarl", LEGAL_ANYWHERE},
	{"bv", LEGAL_ANYWHERE},
	{"nv", LEGAL_ANYWHERE},
	/* Indonesia, Malaysia, Singapore, South Asia */
	{"pt", LEGAL_ANYWHERE},
	{"tbk", LEGAL_ANYWHERE},
	{"sdn", LEGAL_ANYWHERE},
	{"sendirian", LEGAL_ANYWHERE},
	{"bhd", LEGAL_ANYWHERE},
	{"berhad", LEGAL_ANYWHERE},
	{"pte", LEGAL_ANYWHERE},
	{"pvt", LEGAL_ANYWHERE},
	/* Gulf free zones and establishments */
	{"fze", LEGAL_ANYWHERE},
	{"fzco", LEGAL_ANYWHERE},
	{"fzc", LEGAL_ANYWHERE},
	{"fz llc", LEGAL_ANYWHERE},
	{"est", LEGAL_ANYWHERE},
	{"establishment", LEGAL_ANYWHERE},
	{"wll", LEGAL_ANYWHERE},
	{"jsc", LEGAL_ANYWHERE},
	/* Turkish: "Ltd. Şti.", "A.Ş." (→ "a s", matched as "as"), "ve" of "San. ve Tic." */
	{"ltd sti", LEGAL_ANYWHERE},
	{"ve", LEGAL_ANYWHERE},
	{"as", LEGAL_AT_END},
	/* Persian and Arabic */
	{"شرکت", LEGAL_ANYWHERE},                /* شرکت, شركت */
	{"شرکه", LEGAL_ANYWHERE},                /* شركة */
	{"موسسه", LEGAL_ANYWHERE},               /* مؤسسه, موسسه, مؤسسة, موسسة */
	{"ذ م م", LEGAL_ANYWHERE},               /* ذ.م.م */
	{"سهامی خاص", LEGAL_ANYWHERE},           /* سهامی خاص */
	{"سهامی عام", LEGAL_ANYWHERE},           /* سهامی عام */
	{"با مسیولیت محدود", LEGAL_ANYWHERE},    /* با مسئولیت محدود */
	{"با مسوولیت محدود", LEGAL_ANYWHERE},    /* با مسؤولیت محدود */
	{"تضامنی", LEGAL_ANYWHERE},              /* تضامنی */
};

/* True when word w is exactly one code point. */
static bool is_single_cp(const char *w)
{
	size_t n = strlen(w), i = 0;
	uint32_t cp;
	return n > 0 && utf8_next((const unsigned char *)w, n, &i, &cp) && i == n;
}

/* Number of words of `lf` matching tok[at..]: its words in order, or — for a one-word
 * entry — a maximal run of single-code-point words spelling it. 0 when no match. */
static size_t legal_match(const struct legal_form *lf, const char **tok, size_t m, size_t at)
{
	/* Either way the first word begins with the entry's first byte: most entries stop
	 * here (a fifth of an import's time went to this loop). */
	if (at >= m || tok[at][0] != lf->words[0])
		return 0;
	const char *w = lf->words;
	size_t k = 0;
	bool ok = true;
	while (*w) {
		size_t wl = strcspn(w, " ");
		if (at + k >= m || strlen(tok[at + k]) != wl || memcmp(tok[at + k], w, wl) != 0) {
			ok = false;
			break;
		}
		k++;
		w += wl;
		if (*w == ' ')
			w++;
	}
	if (ok)
		return k;
	if (strchr(lf->words, ' '))
		return 0;
	/* Acronym: "l" "l" "c" spells "llc". The run must be maximal so that "a b v" is
	 * never read as "a" + "bv". */
	if (at > 0 && is_single_cp(tok[at - 1]))
		return 0;
	const unsigned char *e = (const unsigned char *)lf->words;
	size_t el = strlen(lf->words), i = 0;
	k = 0;
	while (i < el) {
		size_t start = i;
		uint32_t cp;
		utf8_next(e, el, &i, &cp);
		if (at + k >= m || !is_single_cp(tok[at + k]) || strlen(tok[at + k]) != i - start ||
		    memcmp(tok[at + k], e + start, i - start) != 0)
			return 0;
		k++;
	}
	if (k < 2 || (at + k < m && is_single_cp(tok[at + k])))
		return 0;
	return k;
}

#define LEGAL_COUNT (sizeof legal_forms / sizeof *legal_forms)

/* The entries by their first byte, which every match (words or acronym) shares with the
 * token it starts at: legal_by_byte[legal_first[b] .. legal_first[b + 1]) are the entries
 * beginning with byte b. A name's tokens meet a handful of entries instead of all of them
 * (an import normalises every partner's name and legal name). */
static uint16_t legal_first[257], legal_by_byte[LEGAL_COUNT];
static pthread_once_t legal_once = PTHREAD_ONCE_INIT;

static void legal_index(void)
{
	for (size_t j = 0; j < LEGAL_COUNT; j++)
		legal_first[(unsigned char)legal_forms[j].words[0] + 1]++;
	for (int b = 0; b < 256; b++)
		legal_first[b + 1] = (uint16_t)(legal_first[b + 1] + legal_first[b]);
	uint16_t at[256];
	memcpy(at, legal_first, sizeof at);
	for (size_t j = 0; j < LEGAL_COUNT; j++)
		legal_by_byte[at[(unsigned char)legal_forms[j].words[0]]++] = (uint16_t)j;
}

/* Longest match of any entry at tok[at..] (0 if none); with `tail`, only matches that
 * end exactly at m count, and end-only entries are allowed. */
static size_t legal_longest(const char **tok, size_t m, size_t at, bool tail)
{
	size_t best = 0;
	if (at >= m)
		return 0;
	pthread_once(&legal_once, legal_index);
	unsigned char b = (unsigned char)tok[at][0];
	for (size_t i = legal_first[b]; i < legal_first[b + 1]; i++) {
		size_t j = legal_by_byte[i];
		size_t k = legal_match(&legal_forms[j], tok, m, at);
		bool placed = tail ? at + k == m : legal_forms[j].where == LEGAL_ANYWHERE;
		if (k > best && placed)
			best = k;
	}
	return best;
}

/* Longest possible match in words: the longest acronym entry ("establishment" spelt
 * out letter by letter) is far shorter. Bounds the tail search. */
#define LEGAL_MAX_WORDS 16

char *norm_name(struct arena *a, const char *utf8)
{
	return norm_name_of_text(a, norm_text(a, utf8));
}

char *norm_name_of_text(struct arena *a, const char *text)
{
	const char **tok;
	size_t n = norm_tokens(a, text, &tok);
	const char **kept = arena_alloc(a, (n + 1) * sizeof *kept);
	size_t m = 0;
	/* One left-to-right pass removes the longest match at each position… */
	for (size_t i = 0; i < n;) {
		size_t k = legal_longest(tok, n, i, false);
		if (k > 0)
			i += k;
		else
			kept[m++] = tok[i++];
	}
	/* …then forms at the end are stripped one by one, so that an end-only form exposed
	 * by an earlier removal ("kaya a s ltd") goes too. Each step removes at least one
	 * word and looks at no more than LEGAL_MAX_WORDS positions: linear overall, however
	 * many words a hostile name has. */
	for (bool stripped = true; stripped && m > 0;) {
		stripped = false;
		for (size_t i = m > LEGAL_MAX_WORDS ? m - LEGAL_MAX_WORDS : 0; i < m; i++) {
			if (legal_longest(kept, m, i, true) > 0) {
				m = i;
				stripped = true;
				break;
			}
		}
	}
	tok = kept;
	if (m == 0)
		return arena_strdup(a, text);
	struct strbuf sb;
	size_t tl = strlen(text);
	sb_init(&sb, a, tl, tl);
	for (size_t i = 0; i < m; i++) {
		if (i > 0)
			sb_putc(&sb, ' ');
		sb_puts(&sb, tok[i]);
	}
	return sb.data;
}

size_t norm_tokens(struct arena *a, const char *normalised, const char ***out)
{
	size_t count = 0;
	const char *p = normalised ? normalised : "";
	for (const char *q = p; *q;) {
		while (*q == ' ')
			q++;
		if (!*q)
			break;
		count++;
		q += strcspn(q, " ");
	}
	const char **words = arena_alloc(a, (count + 1) * sizeof *words);
	size_t k = 0;
	while (*p) {
		while (*p == ' ')
			p++;
		if (!*p)
			break;
		size_t wl = strcspn(p, " ");
		words[k++] = arena_strndup(a, p, wl);
		p += wl;
	}
	words[k] = NULL;
	*out = words;
	return k;
}

/* ---- similarity ------------------------------------------------------------------- */

static int cmp_u64(const void *x, const void *y)
{
	uint64_t a = *(const uint64_t *)x, b = *(const uint64_t *)y;
	return (a > b) - (a < b);
}

/* Sorted, de-duplicated trigrams of " " s " " into tri[]; returns how many. A code
 * point takes 21 bits, so three pack into one uint64_t. */
static size_t trigrams(const char *str, uint64_t tri[NORM_SIM_MAX_CHARS])
{
	const unsigned char *s = (const unsigned char *)str;
	size_t n = strlen(str), i = 0, count = 0, chars = 0, seen = 1;
	uint64_t prev2 = 0, prev1 = ' '; /* the padded sequence starts with a space */
	for (;;) {
		bool last = i >= n || chars >= NORM_SIM_MAX_CHARS;
		uint32_t cp = ' '; /* the closing pad */
		if (!last) {
			utf8_next(s, n, &i, &cp); /* an invalid byte counts as itself */
			chars++;
		}
		/* seen - 2 trigrams in a sequence of `seen`, i.e. one per real code point */
		if (++seen >= 3)
			tri[count++] = (prev2 << 42) | (prev1 << 21) | cp;
		prev2 = prev1;
		prev1 = cp;
		if (last)
			break;
	}
	qsort(tri, count, sizeof *tri, cmp_u64);
	size_t u = 0;
	for (size_t k = 0; k < count; k++)
		if (u == 0 || tri[u - 1] != tri[k])
			tri[u++] = tri[k];
	return u;
}

double norm_similarity(const char *a_norm, const char *b_norm)
{
	if (!a_norm || !b_norm || !*a_norm || !*b_norm)
		return 0.0;
	if (strcmp(a_norm, b_norm) == 0)
		return 1.0;
	uint64_t ta[NORM_SIM_MAX_CHARS], tb[NORM_SIM_MAX_CHARS];
	size_t na = trigrams(a_norm, ta), nb = trigrams(b_norm, tb);
	size_t i = 0, j = 0, both = 0;
	while (i < na && j < nb) {
		if (ta[i] == tb[j]) {
			both++;
			i++;
			j++;
		} else if (ta[i] < tb[j]) {
			i++;
		} else {
			j++;
		}
	}
	size_t any = na + nb - both;
	return any ? (double)both / (double)any : 0.0;
}

/* ---- phones and domains ----------------------------------------------------------- */

char *norm_phone(struct arena *a, const char *utf8)
{
	if (!utf8)
		return NULL;
	const unsigned char *s = (const unsigned char *)utf8;
	size_t n = strlen(utf8), i = 0;
	struct strbuf sb;
	sb_init(&sb, a, n < 32 ? n : 32, n);
	bool plus = false, digits = false;
	while (i < n) {
		uint32_t cp;
		if (!utf8_next(s, n, &i, &cp))
			continue;
		int d = digit_value(cp);
		if (d >= 0) {
			if (!digits && plus)
				sb_putc(&sb, '+');
			digits = true;
			sb_putc(&sb, (char)('0' + d));
		} else if (!digits && (cp == '+' || cp == 0xFF0B)) {
			plus = true;
		}
	}
	return digits ? sb.data : NULL;
}

static bool ascii_prefix_ci(const char *s, size_t n, const char *prefix)
{
	size_t pl = strlen(prefix);
	if (n < pl)
		return false;
	for (size_t i = 0; i < pl; i++) {
		char c = s[i];
		if (c >= 'A' && c <= 'Z')
			c = (char)(c + ('a' - 'A'));
		if (c != prefix[i])
			return false;
	}
	return true;
}

static bool is_ascii_space(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

/* True when host[0..n) (lower-cased) has ≥ 2 valid labels and a non-numeric TLD. */
static bool domain_plausible(const char *host, size_t n)
{
	if (n == 0 || n > 253 || !utf8_valid(host, n))
		return false;
	size_t labels = 0, start = 0;
	bool tld_digits = true;
	for (size_t i = 0; i <= n; i++) {
		if (i < n && host[i] != '.')
			continue;
		size_t ll = i - start;
		if (ll == 0 || ll > 63 || host[start] == '-' || host[i - 1] == '-')
			return false;
		tld_digits = true;
		for (size_t k = start; k < i; k++) {
			unsigned char c = (unsigned char)host[k];
			bool ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c >= 0x80;
			if (!ok)
				return false;
			if (!(c >= '0' && c <= '9'))
				tld_digits = false;
		}
		labels++;
		start = i + 1;
	}
	return labels >= 2 && !tld_digits;
}

char *norm_domain(struct arena *a, const char *url_or_email)
{
	if (!url_or_email)
		return NULL;
	const char *s = url_or_email;
	size_t n = strlen(s);
	while (n > 0 && is_ascii_space(*s)) {
		s++;
		n--;
	}
	while (n > 0 && is_ascii_space(s[n - 1]))
		n--;
	/* scheme */
	if (ascii_prefix_ci(s, n, "mailto:")) {
		s += 7;
		n -= 7;
	} else {
		size_t k = 0;
		if (n > 0 && ((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z'))) {
			k = 1;
			while (k < n && ((s[k] >= 'a' && s[k] <= 'z') || (s[k] >= 'A' && s[k] <= 'Z') ||
					 (s[k] >= '0' && s[k] <= '9') || s[k] == '+' || s[k] == '-' ||
					 s[k] == '.'))
				k++;
		}
		if (k > 0 && n - k >= 3 && memcmp(s + k, "://", 3) == 0) {
			s += k + 3;
			n -= k + 3;
		} else if (n >= 2 && s[0] == '/' && s[1] == '/') {
			s += 2;
			n -= 2;
		}
	}
	/* authority: up to the path, query or fragment; host after any user info or local
	 * part; then no port */
	size_t end = 0;
	while (end < n && s[end] != '/' && s[end] != '?' && s[end] != '#' && s[end] != '\\')
		end++;
	size_t host = 0;
	for (size_t k = 0; k < end; k++)
		if (s[k] == '@')
			host = k + 1;
	size_t hl = end - host;
	const char *h = s + host;
	if (hl > 0 && h[0] == '[')
		return NULL; /* IPv6 literal */
	const char *colon = memchr(h, ':', hl);
	if (colon) {
		size_t port = (size_t)(h + hl - colon) - 1;
		if (port > 5)
			return NULL;
		for (size_t k = 1; k <= port; k++)
			if (colon[k] < '0' || colon[k] > '9')
				return NULL;
		hl = (size_t)(colon - h);
	}
	if (hl > 0 && h[hl - 1] == '.')
		hl--;
	if (hl == 0 || hl > 253)
		return NULL;
	char *out = arena_strndup(a, h, hl);
	for (size_t k = 0; k < hl; k++)
		if (out[k] >= 'A' && out[k] <= 'Z')
			out[k] = (char)(out[k] + ('a' - 'A'));
	if (hl > 4 && memcmp(out, "www.", 4) == 0 && domain_plausible(out + 4, hl - 4)) {
		out += 4;
		hl -= 4;
	}
	return domain_plausible(out, hl) ? out : NULL;
}
