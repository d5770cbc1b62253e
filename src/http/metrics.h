/*
 * metrics.h — request counters and latency histograms in Prometheus text format.
 *
 * metrics_init() sizes the tables for a route table (plus one slot for unmatched
 * requests and one for the embedded web UI); metrics_observe() is lock-free (relaxed
 * atomics) and safe from any thread.
 */
#ifndef CB_METRICS_H
#define CB_METRICS_H

#include <stdint.h>

struct route;
struct strbuf;

void metrics_init(const struct route *table);
void metrics_free(void);
enum { METRICS_UNMATCHED = -1, METRICS_STATIC = -2 };

/* route_index: an index in the route table, METRICS_UNMATCHED or METRICS_STATIC
 * (labelled route="static"). */
void metrics_observe(int route_index, int status, int64_t micros);
void metrics_db_error(void);
/* Appends the exposition text. */
void metrics_render(struct strbuf *out);

#endif
