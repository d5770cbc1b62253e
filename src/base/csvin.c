/*
 * csvin.c — streaming CSV records over libcsv.
 */
#include "csvin.h"

#include "arena.h"
#include "str.h"

#include <csv.h>
#include <string.h>

struct state {
	struct csvin_record rec;
	csvin_fn fn;
	void *arg;
	bool stopped;
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
	s->rec.cell[s->rec.ncells++] = arena_strndup(s->rec.arena, data ? data : "", data ? len : 0);
}

static void on_record(int c, void *p)
{
	(void)c;
	struct state *s = p;
	s->rec.line++;
	if (!s->stopped && !s->fn(s->arg, &s->rec))
		s->stopped = true;
	if (s->rec.arena)
		arena_free(s->rec.arena);
	size_t line = s->rec.line;
	memset(&s->rec, 0, sizeof s->rec);
	s->rec.line = line;
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
	/* Feed in slices so that a stop request ends the work early. */
	size_t off = 0;
	bool bad = false;
	while (off < len && !s.stopped && !bad) {
		size_t n = len - off < 65536 ? len - off : 65536;
		if (csv_parse(&cp, data + off, n, on_field, on_record, &s) != n)
			bad = true;
		off += n;
	}
	if (!bad && !s.stopped && csv_fini(&cp, on_field, on_record, &s) != 0)
		bad = true;
	enum csvin_result r = s.stopped ? CSVIN_STOPPED : bad ? CSVIN_MALFORMED : CSVIN_OK;
	if (bad) {
		*line = s.rec.line + 1;
		*why = csv_strerror(csv_error(&cp));
	}
	if (s.rec.arena)
		arena_free(s.rec.arena);
	csv_free(&cp);
	return r;
}
