/*
 * csvin.h — streaming CSV input for batch imports.
 *
 * UTF-8 text with or without a BOM; the delimiter (',' or ';') is decided from the
 * header line; RFC 4180 quoting, strict (libcsv). Each record, the header first, is
 * handed to a callback with its cells, its record number (1 = header) and the physical
 * line it starts on, and then
 * forgotten: cells live in a scratch arena that is freed after the callback, so a file
 * of any length is read in constant memory beyond the file itself. The callback may
 * return false to stop early.
 */
#ifndef CB_CSVIN_H
#define CB_CSVIN_H

#include <stdbool.h>
#include <stddef.h>

struct arena;

#define CSVIN_MAX_COLS 64
#define CSVIN_MAX_CELL 20000

struct csvin_record {
	const char *cell[CSVIN_MAX_COLS]; /* NUL-terminated, untrimmed */
	size_t ncells;
	size_t record;     /* record number, 1 = the header (blank lines not counted) */
	size_t line;       /* the physical line of the file the record starts on, 1-based (a
			    * quoted line break moves the lines of the records after it) */
	bool has_nul;      /* a cell held a NUL byte (cut there); nul_cell is the first */
	size_t nul_cell;
	bool too_wide;     /* more than CSVIN_MAX_COLS cells; the rest were dropped */
	bool too_long;     /* a cell over CSVIN_MAX_CELL bytes was cut */
	struct arena *arena; /* scratch for this record; freed after the callback */
};

typedef bool (*csvin_fn)(void *arg, struct csvin_record *rec);

enum csvin_result {
	CSVIN_OK,
	CSVIN_NOT_UTF8,   /* the file is not UTF-8 text */
	CSVIN_MALFORMED,  /* a quoting error at record `*line`; records before it were delivered */
	CSVIN_STOPPED,    /* the callback returned false */
};

/* Parses data[0..len) and calls fn for every non-blank record. On CSVIN_MALFORMED,
 * *line is the physical line where the record that could not be read starts, and *why a
 * short reason. */
enum csvin_result csvin_parse(const char *data, size_t len, csvin_fn fn, void *arg, size_t *line,
			      const char **why);

#endif
