/*
 * errors.h — the list of field errors a request collects.
 *
 * Validation never stops at the first bad field: every check appends to a struct
 * cb_errors, and the HTTP layer renders the whole list as problem+json `errors[]`.
 * Field names use JSON Pointer-ish dotted paths ("email", "items.3.price"). Entries live
 * in the arena given at init; the list caps itself at CB_ERRORS_MAX entries.
 */
#ifndef CB_ERRORS_H
#define CB_ERRORS_H

#include <stdbool.h>
#include <stddef.h>

struct arena;

#define CB_ERRORS_MAX 64

struct cb_error {
	const char *field;   /* NULL for an error about the request as a whole */
	const char *message; /* human sentence, English */
};

struct cb_errors {
	struct arena *arena;
	struct cb_error items[CB_ERRORS_MAX];
	size_t count;
	size_t dropped;      /* errors past CB_ERRORS_MAX */
	const char *detail;  /* optional request-level detail for problem+json */
};

void errors_init(struct cb_errors *e, struct arena *a);
/* Appends an error; field and message are copied into the arena. */
void errors_add(struct cb_errors *e, const char *field, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
/* Sets the request-level detail (copied). */
void errors_detail(struct cb_errors *e, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
bool errors_any(const struct cb_errors *e);
/* True when an error for exactly this field was already recorded. */
bool errors_has(const struct cb_errors *e, const char *field);

#endif
