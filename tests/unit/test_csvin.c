/*
 * test_csvin.c — base/csvin: the streaming CSV reader under the imports: BOM, delimiter
 * choice, quoting, blank lines, record numbers, limits, malformed input and early stop.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "base/arena.h"
#include "base/csvin.h"

#include <stdio.h>
#include <string.h>

struct seen {
	char text[4096]; /* records as "record:cell|cell\n" */
	char lines[256]; /* physical start lines as "1,3,6," */
	size_t nul_cells; /* records with a NUL byte */
	size_t nul_at;    /* the cell of the last one */
	size_t records;
	size_t stop_at;
	bool wide, long_cell;
};

static bool collect(void *arg, struct csvin_record *rec)
{
	struct seen *s = arg;
	size_t n = strlen(s->text);
	if (n < sizeof s->text - 32)
		n += (size_t)snprintf(s->text + n, sizeof s->text - n, "%zu:", rec->record);
	size_t nl = strlen(s->lines);
	if (nl < sizeof s->lines - 24)
		snprintf(s->lines + nl, sizeof s->lines - nl, "%zu,", rec->line);
	if (rec->has_nul) {
		s->nul_cells++;
		s->nul_at = rec->nul_cell;
	}
	for (size_t i = 0; i < rec->ncells && n < sizeof s->text - 1; i++) {
		n += (size_t)snprintf(s->text + n, sizeof s->text - n, "%s%s", i ? "|" : "", rec->cell[i]);
		if (n >= sizeof s->text)
			n = sizeof s->text - 1;
	}
	if (n < sizeof s->text - 1)
		snprintf(s->text + n, sizeof s->text - n, "\n");
	s->records++;
	s->wide = s->wide || rec->too_wide;
	s->long_cell = s->long_cell || rec->too_long;
	return !(s->stop_at && s->records == s->stop_at);
}

static enum csvin_result parse(const char *csv, struct seen *s, size_t *line, const char **why)
{
	return csvin_parse(csv, strlen(csv), collect, s, line, why);
}

static void test_comma_and_bom(void **state)
{
	(void)state;
	struct seen s = {0};
	size_t line;
	const char *why;
	assert_int_equal(parse("\xEF\xBB\xBFname,city\r\nPars,Tehran\r\n", &s, &line, &why), CSVIN_OK);
	assert_string_equal(s.text, "1:name|city\n2:Pars|Tehran\n");
}

static void test_semicolon_chosen_from_header(void **state)
{
	(void)state;
	struct seen s = {0};
	size_t line;
	const char *why;
	assert_int_equal(parse("name;city;note\nA, B;Dubai;x,y\n", &s, &line, &why), CSVIN_OK);
	assert_string_equal(s.text, "1:name|city|note\n2:A, B|Dubai|x,y\n");
}

static void test_quotes_newlines_and_blank_lines(void **state)
{
	(void)state;
	struct seen s = {0};
	size_t line;
	const char *why;
	assert_int_equal(parse("a,b\n\n\"x \"\"y\"\"\",\"two\nlines\"\n\nlast,row", &s, &line, &why), CSVIN_OK);
	/* records are numbered as a spreadsheet numbers rows: blank lines are skipped and a
	 * quoted line break stays inside its record */
	assert_string_equal(s.text, "1:a|b\n2:x \"y\"|two\nlines\n3:last|row\n");
}

static void test_unicode_cells_kept(void **state)
{
	(void)state;
	struct seen s = {0};
	size_t line;
	const char *why;
	assert_int_equal(parse("name\nشرکت داده‌پردازان پارس\n", &s, &line, &why), CSVIN_OK);
	assert_string_equal(s.text, "1:name\n2:شرکت داده‌پردازان پارس\n");
}

static void test_not_utf8(void **state)
{
	(void)state;
	struct seen s = {0};
	size_t line;
	const char *why;
	assert_int_equal(parse("name\n\xff\xfe\n", &s, &line, &why), CSVIN_NOT_UTF8);
	assert_int_equal(s.records, 0);
}

static void test_unclosed_quote_names_the_record(void **state)
{
	(void)state;
	struct seen s = {0};
	size_t line;
	const char *why = NULL;
	assert_int_equal(parse("a,b\n1,2\n\"open,3\n", &s, &line, &why), CSVIN_MALFORMED);
	assert_int_equal(line, 3);
	assert_non_null(why);
	assert_int_equal(s.records, 2);
}

static void test_stray_quote_is_malformed(void **state)
{
	(void)state;
	struct seen s = {0};
	size_t line;
	const char *why;
	assert_int_equal(parse("a,b\n\"x\"y,2\n", &s, &line, &why), CSVIN_MALFORMED);
	assert_int_equal(line, 2);
}

static void test_stop_early(void **state)
{
	(void)state;
	struct seen s = {.stop_at = 2};
	size_t line;
	const char *why;
	assert_int_equal(parse("a\n1\n2\n3\n", &s, &line, &why), CSVIN_STOPPED);
	assert_int_equal(s.records, 2);
}

static void test_limits_flagged(void **state)
{
	(void)state;
	char wide[400] = "";
	size_t w = 0;
	for (int i = 0; i < CSVIN_MAX_COLS + 5; i++)
		w += (size_t)snprintf(wide + w, sizeof wide - w, "%s", i ? ",x" : "x");
	assert_true(w < sizeof wide);
	struct seen s = {0};
	size_t line;
	const char *why;
	assert_int_equal(parse(wide, &s, &line, &why), CSVIN_OK);
	assert_true(s.wide);

	static char big[CSVIN_MAX_CELL + 64];
	memset(big, 'a', sizeof big - 1);
	big[sizeof big - 1] = '\0';
	struct seen s2 = {0};
	assert_int_equal(parse(big, &s2, &line, &why), CSVIN_OK);
	assert_true(s2.long_cell);
}

/* Issue 3: errors name the physical line a record starts on, as an editor shows it. */
static void test_physical_lines(void **state)
{
	(void)state;
	struct seen s = {0};
	const char *why;
	size_t line;
	assert_int_equal(parse("a,b\n\n\"x \"\"y\"\"\",\"two\nlines\"\n\nlast,row", &s, &line, &why), CSVIN_OK);
	assert_string_equal(s.lines, "1,3,6,");
	struct seen s2 = {0};
	assert_int_equal(parse("a,b\r\n\"multi\r\nline\r\ncell\",1\r\nok,2\r\n\"open,3\r\n", &s2, &line, &why), CSVIN_MALFORMED);
	assert_string_equal(s2.lines, "1,2,5,");
	assert_int_equal(line, 6);
}

/* Issue 3: a NUL byte in a cell is reported, not silently cut. */
static void test_nul_byte_flagged(void **state)
{
	(void)state;
	struct seen s = {0};
	const char *why;
	size_t line;
	static const char csv[] = "a,b,c\nx,y\0z,w\nok,ok,ok\n";
	assert_int_equal(csvin_parse(csv, sizeof csv - 1, collect, &s, &line, &why), CSVIN_OK);
	assert_int_equal(s.records, 3);
	assert_int_equal(s.nul_cells, 1);
	assert_int_equal(s.nul_at, 1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_comma_and_bom),
		cmocka_unit_test(test_semicolon_chosen_from_header),
		cmocka_unit_test(test_quotes_newlines_and_blank_lines),
		cmocka_unit_test(test_unicode_cells_kept),
		cmocka_unit_test(test_not_utf8),
		cmocka_unit_test(test_unclosed_quote_names_the_record),
		cmocka_unit_test(test_stray_quote_is_malformed),
		cmocka_unit_test(test_stop_early),
		cmocka_unit_test(test_limits_flagged),
		cmocka_unit_test(test_physical_lines),
		cmocka_unit_test(test_nul_byte_flagged),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
