/*
 * normalize.h — text normalisation for matching partner names, phones and domains
 * typed in English, Persian, Arabic, Malay, Turkish and other Latin-script languages.
 *
 * norm_text() gives a search key: lower-case words joined by single spaces, with Latin
 * diacritics folded to base letters, Arabic/Persian letter variants unified, digits of
 * every script turned into ASCII, punctuation turned into word breaks and invisible
 * format characters removed. norm_name() also drops legal-form words ("Sdn Bhd", "LLC",
 * "شرکت", "ذ.م.م" …) so that two spellings of one company compare equal. The rest
 * are helpers for duplicate detection: word splitting, trigram similarity, phone and
 * domain keys.
 *
 * Ownership: every returned string or array is allocated in the caller's arena and
 * lives as long as it. Inputs are borrowed and never modified. Input is UTF-8; invalid
 * byte sequences are dropped, never trusted, so any byte string is safe to pass. No
 * result is longer than twice its input in bytes, so the caller's input cap bounds the
 * memory.
 */
#ifndef CB_NORMALIZE_H
#define CB_NORMALIZE_H

#include <stddef.h>

struct arena;

/*
 * Search form of a UTF-8 string: lower-case words separated by single spaces, no
 * leading or trailing space. Rules:
 *   - ASCII, Latin-1 and Latin Extended-A letters are lower-cased and stripped of
 *     diacritics (é→e, ş→s, ı/İ→i, ß→ss, æ→ae); Greek and Cyrillic capitals are
 *     lower-cased; combining marks (U+0300–U+036F) are dropped;
 *   - Arabic/Persian: ي ى ئ → ی, ك → ک, ة ۀ → ه, أ إ آ ٱ → ا, ؤ → و; ء, tatweel and
 *     harakat (U+064B–U+065F, U+0670) are dropped; presentation forms (ﻋ ﻠ ﻲ ﻻ as
 *     copied from PDFs) become their base letters first;
 *   - digits of every script (Persian, Arabic-Indic, fullwidth) become ASCII digits;
 *   - ZWNJ (U+200C) and ZWSP (U+200B) break words, like a space: Persian writers use
 *     ZWNJ and a space interchangeably inside compounds ("داده‌پردازان" / "داده
 *     پردازان"), so both must give the same key. ZWJ, LRM, RLM, ALM, the bidi embedding
 *     and isolate controls, WORD JOINER, BOM and SOFT HYPHEN are removed without a break;
 *   - apostrophes (' ’ ‘ ʼ `) are removed without a break ("O'Brien" → "obrien");
 *   - all other punctuation, symbols, control characters and white space of any kind
 *     break words ("A.B.C Co." → "a b c co").
 * Returns "" for NULL or for input with no letters or digits; never NULL.
 */
char *norm_text(struct arena *a, const char *utf8);

/*
 * norm_text(), then legal-form words removed wherever they occur as whole words (see
 * the table in normalize.c: ltd, llc, sdn, bhd, gmbh, pt, tbk, fz llc, ltd sti, شرکت,
 * موسسه, ذ م م, سهامی خاص …). A run of single-letter words is also compared as one
 * word, so "L.L.C." and "A.Ş." count like "llc" and "as". Some forms ("as") are removed
 * only at the end of the name, where they cannot be an ordinary word. When removal
 * would leave nothing, the norm_text() result is returned instead. Never NULL.
 */
char *norm_name(struct arena *a, const char *utf8);
/* norm_name() of a string already through norm_text() (saves normalising it twice). */
char *norm_name_of_text(struct arena *a, const char *normalised);

/*
 * Splits a normalised string at spaces (runs of spaces count as one) and stores its
 * words in *out: an arena array of the words followed by a NULL pointer, each word its
 * own arena copy. Returns the number of words; 0 (and an array holding only NULL) for
 * NULL or empty input.
 */
size_t norm_tokens(struct arena *a, const char *normalised, const char ***out);

/*
 * Jaccard index |A∩B| / |A∪B| of the sets of code-point trigrams of " " a " " and
 * " " b " " (the strings padded with one space each side). 1.0 when the strings are
 * equal, 0.0 when either is NULL or empty (two empty names never match). Both inputs
 * should be norm_text()/norm_name() results; any bytes are safe (invalid UTF-8 bytes
 * count as one code point each). Only the first NORM_SIM_MAX_CHARS code points of each
 * string are compared. Allocates nothing.
 */
#define NORM_SIM_MAX_CHARS 1024
double norm_similarity(const char *a_norm, const char *b_norm);

/*
 * Phone key for duplicate detection: the digits of the input after digit-script
 * folding (Persian, Arabic-Indic, fullwidth → ASCII), prefixed with "+" when a plus
 * sign (+ or ＋) occurs before the first digit. No other rewriting ("00" prefixes and
 * trunk zeros are kept as typed). Returns NULL for NULL input or when there is no digit.
 */
char *norm_phone(struct arena *a, const char *utf8);

/*
 * Domain key of a URL, host name or e-mail address: the host lower-cased (ASCII), with
 * the scheme, user info, e-mail local part, port, path, query, fragment, a trailing dot
 * and one leading "www." removed ("https://WWW.Acme.com:8443/x" → "acme.com",
 * "Sara@Acme.co.uk" → "acme.co.uk", "mailto:x@acme.com" → "acme.com").
 * Returns NULL when there is no plausible domain: a host needs at least two dot-separated
 * labels of 1–63 bytes of letters, digits, '-' (not at either end) or non-ASCII UTF-8
 * (internationalised names are kept as typed, not converted to punycode), at most 253
 * bytes, and a top-level label that is not all digits (IP addresses are refused).
 */
char *norm_domain(struct arena *a, const char *url_or_email);

#endif
