/*
 * csvin.c — streaming CSV records over libcsv.
 */
#include "csvin.h"

#include "arena.h"
#include "str.h"

#include <csv.h>
#include <string.h>

/* libcsv's parser state between rows (csv_parser.pstate; libcsv.c does not export it). */
#define ROW_NOT_BEGUN 0

struct state {
	struct csvin_record rec;
	csvin_fn fn;
	void *arg;
	bool stopped;
	size_t start_line; /* physical line the record being read started on */
};

static void on_field(void *data, size_t len, void *p)
{
	struct state *s = p;
	if (s->stopped)
		return;
	if (!s->rec.arena)
		s->rec.arena = arena_new(4096);
	if (s->rec.ncells >= CSVIN_MAX_COLS) {
		s->rec.too_wide = true;
		return;
	}
	if (len > CSVIN_MAX_CELL) {
		s->rec.too_long = true;
		len = CSVIN_MAX_CELL;
		while (len && ((unsigned char)((char *)data)[len] & 0xC0) == 0x80)
			len--;
	}
	if (data && !s->rec.has_nul && memchr(data, '\0', len)) {
		s->rec.has_nul = true;
		s->rec.nul_cell = s->rec.ncells;
	}
	s->rec.cell[s->rec.ncells++] = arena_strndup(s->rec.arena, data ? data : "", data ? len : 0);
}

static void on_record(int c, void *p)
{
	(void)c;
	struct state *s = p;
	s->rec.record++;
	s->rec.line = s->start_line;
	if (!s->stopped && !s->fn(s->arg, &s->rec))
		s->stopped = true;
	if (s->rec.arena)
		arena_free(s->rec.arena);
	size_t record = s->rec.record;
	memset(&s->rec, 0, sizeof s->rec);
	s->rec.record = record;
}

/* ',' unless the header line holds more unquoted ';' than ','. */
static unsigned char sniff_delim(const char *s, size_t len)
{
	size_t commas = 0, semis = 0;
	bool q = false;
	for (size_t i = 0; i < len && (q || s[i] != '\n'); i++) {
		if (s[i] == '"')
			q = !q;
		else if (!q && s[i] == ',')
			commas++;
		else if (!q && s[i] == ';')
			semis++;
	}
	return semis > commas ? ';' : ',';
}

enum csvin_result csvin_parse(const char *data, size_t len, csvin_fn fn, void *arg, size_t *line,
			      const char **why)
{
	*line = 0;
	*why = NULL;
	if (len >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0) {
		data += 3;
		len -= 3;
	}
	if (!utf8_valid(data, len))
		return CSVIN_NOT_UTF8;
	struct csv_parser cp;
	if (csv_init(&cp, CSV_STRICT | CSV_STRICT_FINI | CSV_APPEND_NULL) != 0) {
		*why = "out of memory";
		return CSVIN_MALFORMED;
	}
	csv_set_delim(&cp, sniff_delim(data, len));
	struct state s = {.fn = fn, .arg = arg};
	/* Fed one physical line at a time: a line that begins while the parser is between
	 * records (not inside a quoted cell or a row) is where the next record starts. This
	 * also lets a stop request end the work early. */
	size_t off = 0, physical = 0;
	bool bad = false;
	while (off < len && !s.stopped && !bad) {
		const char *nl = memchr(data + off, '\n', len - off);
		size_t n = nl ? (size_t)(nl - (data + off)) + 1 : len - off;
		physical++;
		if (cp.pstate == ROW_NOT_BEGUN)
			s.start_line = physical;
		if (csv_parse(&cp, data + off, n, on_field, on_record, &s) != n)
			bad = true;
		off += n;
	}
	if (!bad && !s.stopped && csv_fini(&cp, on_field, on_record, &s) != 0)
		bad = true;
	enum csvin_result r = s.stopped ? CSVIN_STOPPED : bad ? CSVIN_MALFORMED : CSVIN_OK;
	if (bad) {
		*line = cp.pstate == ROW_NOT_BEGUN ? physical : s.start_line;
		*why = csv_strerror(csv_error(&cp));
	}
	if (s.rec.arena)
		arena_free(s.rec.arena);
	csv_free(&cp);
	return r;
}
