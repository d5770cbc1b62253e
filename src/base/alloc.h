/*
 * alloc.h — the process's malloc: which one the binary was linked with, and its settings
 * for a long-running server.
 *
 * The release build links mimalloc ahead of the C library, so it serves every malloc in
 * the process: ours, SQLite's, libmicrohttpd's. The sanitizer build keeps AddressSanitizer's
 * allocator, and a build without -DCB_MIMALLOC keeps glibc's (docs/architecture.md, "Memory").
 */
#ifndef CB_ALLOC_H
#define CB_ALLOC_H

/* "mimalloc 2.0.9" or "glibc malloc": for the server's start-up line. */
const char *alloc_name(void);
/* Settings for a server that runs for days: set once, before the worker threads start. */
void alloc_tune_server(void);

#endif
