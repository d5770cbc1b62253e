/*
 * embed.h — files compiled into the binary by tools/embed (migrations, the OpenAPI
 * document, and later the web UI). Each generated table ends with a {NULL} entry.
 */
#ifndef CB_EMBED_H
#define CB_EMBED_H

#include <stddef.h>

struct embedded_file {
	const char *path;          /* relative to the directory given to tools/embed */
	const unsigned char *data; /* NUL-terminated for convenience; len excludes it */
	size_t len;
};

/* Finds `path` in a NULL-terminated table, or NULL. */
const struct embedded_file *embed_find(const struct embedded_file *table, const char *path);

#endif
