/*
 * log.h — structured logs: one JSON object per line on stderr.
 *
 * log_event() writes {"time":…,"level":…,"msg":…} plus optional key/value pairs;
 * each line is emitted with a single write(2) so concurrent threads never interleave.
 * Request logs are written by the HTTP layer through log_line().
 */
#ifndef CB_LOG_H
#define CB_LOG_H

#include <stddef.h>

enum log_level { LOG_DEBUG, LOG_INFO, LOG_WARN, LOG_ERROR };

void log_set_level(enum log_level min);
/* kv is a NULL-terminated list of key, value string pairs. */
void log_event(enum log_level lvl, const char *msg, ...);
/* Writes an already-formatted line (must end in '\n') atomically to stderr. */
void log_line(const char *line, size_t len);

#endif
