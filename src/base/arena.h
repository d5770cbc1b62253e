/*
 * arena.h — region allocator with a cleanup list.
 *
 * One arena per request and per CLI command: everything the request allocates comes
 * from it and is released at once by arena_free(). Non-memory resources (jansson
 * references, statements, file descriptors) register a cleanup hook that runs, newest
 * first, when the arena is freed.
 *
 * Ownership: the creator owns the arena and must call arena_free() once. Memory
 * returned by arena_* belongs to the arena; never free() it. Allocation failure aborts
 * the process (the allocator is only ever asked for bounded sizes, see the caps in
 * each parser), so callers do not check for NULL.
 */
#ifndef CB_ARENA_H
#define CB_ARENA_H

#include <stddef.h>

struct arena;

/* Creates an arena whose first block holds at least `first_block` bytes. */
struct arena *arena_new(size_t first_block);

/* Runs the cleanup hooks (newest first), then releases every block. NULL is a no-op. */
void arena_free(struct arena *a);

/* Returns `size` bytes aligned for any object; contents undefined. */
void *arena_alloc(struct arena *a, size_t size);

/* Same as arena_alloc but zero-filled. */
void *arena_zalloc(struct arena *a, size_t size);

/* Room for one more element in an arena array `arr` of `*cap` elements of `size` bytes
 * that holds `n`: when it is full, the elements move to one twice as large (8 to start
 * with; the old one stays until the arena goes) and *cap grows. Returns the array. */
void *arena_grow(struct arena *a, void *arr, size_t n, size_t *cap, size_t size);

/* Copies a NUL-terminated string (NULL in, NULL out). */
char *arena_strdup(struct arena *a, const char *s);

/* Copies `len` bytes and terminates them with NUL. */
char *arena_strndup(struct arena *a, const char *s, size_t len);

/* printf into arena memory. */
char *arena_printf(struct arena *a, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* Registers fn(arg) to run when the arena is freed. */
void arena_defer(struct arena *a, void (*fn)(void *), void *arg);

/* Bytes handed out so far (for tests and metrics). */
size_t arena_used(const struct arena *a);

#endif
