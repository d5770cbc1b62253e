/*
 * embed.h — files compiled into the binary by tools/embed (migrations, the OpenAPI
 * document, the web UI). Each generated table ends with a {NULL} entry, lists its files
 * in byte order of their paths, and lives in read-only memory for the life of the
 * process: callers may keep pointers into it and hand them out without copying.
 */
#ifndef CB_EMBED_H
#define CB_EMBED_H

#include <stddef.h>

struct embedded_file {
	const char *path;          /* relative to the directory given to tools/embed */
	const unsigned char *data; /* NUL-terminated for convenience; len excludes it */
	size_t len;
};

/* The generated tables (build/<mode>/gen/NAME.c, made by the Makefile). */
extern const struct embedded_file embedded_schema[]; /* src/store/schema: migrations */
extern const struct embedded_file embedded_docs[];   /* docs: openapi.json */
extern const struct embedded_file embedded_web[];    /* web/dist: the built web UI */

/* Finds `path` in a NULL-terminated table, or NULL. */
const struct embedded_file *embed_find(const struct embedded_file *table, const char *path);

#endif
