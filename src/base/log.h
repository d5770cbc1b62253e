/*
 * log.h — structured logs: one JSON object per line on stderr.
 *
 * log_event() writes {"time":…,"level":…,"msg":…} plus optional key/value pairs;
 * each line is emitted with a single write(2) so concurrent threads never interleave.
 * Request logs are written by the HTTP layer through log_access(): while the server
 * runs they are gathered per thread and written in batches (log_batch_start()), so a
 * request costs no write(2) of its own; a batch goes out when it fills or at most
 * LOG_BATCH_MS after its first line, and log_batch_stop() writes what is left.
 */
#ifndef CB_LOG_H
#define CB_LOG_H

#include <stdbool.h>
#include <stddef.h>

enum log_level { LOG_DEBUG, LOG_INFO, LOG_WARN, LOG_ERROR };

void log_set_level(enum log_level min);
/* kv is a NULL-terminated list of key, value string pairs. */
void log_event(enum log_level lvl, const char *msg, ...);
/* Writes an already-formatted line (must end in '\n') atomically to stderr. */
void log_line(const char *line, size_t len);

enum { LOG_BATCH_MS = 100 };
/* An access line (ends in '\n'): batched between log_batch_start() and log_batch_stop(),
 * written at once otherwise. Whole lines only, so batches never split one. */
void log_access(const char *line, size_t len);
/* Starts the thread that writes the batches; false if it could not (lines are then
 * written at once). */
bool log_batch_start(void);
/* Writes every batch and stops that thread; call after the last log_access(). */
void log_batch_stop(void);

#endif
