/*
 * clock.h — wall-clock and monotonic time, and ISO 8601 UTC formatting.
 * Timestamps are stored as integer seconds since the Unix epoch (portable across both
 * database dialects) and rendered as "2026-11-23T10:15:00Z" at the API edge.
 */
#ifndef CB_CLOCK_H
#define CB_CLOCK_H

#include <stdbool.h>
#include <stdint.h>

struct arena;

/* Seconds since the epoch, UTC. Tests may pin it with clock_set_fake(). */
int64_t clock_now(void);
/* Microseconds from a monotonic clock (for durations only). */
int64_t clock_mono_us(void);
/* Pins clock_now() to `t` (0 restores the real clock). For tests. */
void clock_set_fake(int64_t t);
/* Writes "YYYY-MM-DDTHH:MM:SSZ" into buf (at least 21 bytes). */
void clock_iso(int64_t t, char buf[static 21]);
/* Arena copy of clock_iso. */
char *clock_iso_a(struct arena *a, int64_t t);
/* Parses "YYYY-MM-DDTHH:MM:SSZ" or "YYYY-MM-DD"; false on anything else. */
bool clock_parse_iso(const char *s, int64_t *out);

#endif
