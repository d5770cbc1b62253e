/*
 * metrics.h — request counters and latency histograms in Prometheus text format.
 *
 * metrics_init() sizes the tables for a route table (plus one slot for unmatched
 * requests); metrics_observe() is lock-free (relaxed atomics) and safe from any thread.
 */
#ifndef CB_METRICS_H
#define CB_METRICS_H

#include <stdint.h>

struct route;
struct strbuf;

void metrics_init(const struct route *table);
void metrics_free(void);
/* route_index -1 = unmatched. */
void metrics_observe(int route_index, int status, int64_t micros);
void metrics_db_error(void);
/* Appends the exposition text. */
void metrics_render(struct strbuf *out);

#endif
