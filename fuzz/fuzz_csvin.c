/*
 * fuzz_csvin.c — libFuzzer harness for base/csvin, the CSV reader under every import.
 *
 * Arbitrary bytes must give one of the four results without a crash or leak, every
 * record the callback sees must hold valid UTF-8 cells within the documented limits and
 * increasing record numbers, and asking to stop after the first record must stop.
 */
#include "base/csvin.h"
#include "base/str.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

struct state {
	size_t last_line, records;
	bool stop_first;
};

static void check(int ok)
{
	if (!ok)
		abort();
}

static bool on_record(void *arg, struct csvin_record *rec)
{
	struct state *s = arg;
	check(rec->line > s->last_line);
	s->last_line = rec->line;
	check(rec->ncells <= CSVIN_MAX_COLS);
	for (size_t i = 0; i < rec->ncells; i++) {
		size_t n = strlen(rec->cell[i]);
		check(n <= CSVIN_MAX_CELL);
		check(utf8_valid(rec->cell[i], n));
	}
	s->records++;
	return !s->stop_first;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	for (int pass = 0; pass < 2; pass++) {
		struct state s = {.stop_first = pass == 1};
		size_t line;
		const char *why;
		enum csvin_result r = csvin_parse((const char *)data, size, on_record, &s, &line, &why);
		check(r == CSVIN_OK || r == CSVIN_NOT_UTF8 || r == CSVIN_MALFORMED || r == CSVIN_STOPPED);
		check(r != CSVIN_MALFORMED || (line >= 1 && why));
		check(r != CSVIN_STOPPED || (pass == 1 && s.records == 1));
		check(r != CSVIN_NOT_UTF8 || s.records == 0);
	}
	return 0;
}
