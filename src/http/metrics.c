/*
 * metrics.c — fixed-size atomic counters per route × status class and per-route
 * latency buckets.
 */
#include "metrics.h"

#include "../base/str.h"
#include "router.h"

#include <stdatomic.h>
#include <stdlib.h>
#include <time.h>

static const int codes[] = {200, 201, 204, 304, 400, 401, 403, 404, 405, 409,
			    412, 413, 415, 422, 429, 500, 503, 0 /* other */};
#define NCODES (sizeof codes / sizeof *codes)
static const double bounds[] = {0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025,
				0.05,   0.1,   0.25,   0.5,   1,    2.5};
#define NBOUNDS (sizeof bounds / sizeof *bounds)

struct route_stats {
	_Atomic uint64_t count[NCODES];
	_Atomic uint64_t bucket[NBOUNDS + 1];
	_Atomic uint64_t sum_us;
};

static const struct route *routes;
static int nroutes;
static struct route_stats *stats; /* nroutes + 2: then unmatched, then static */
static _Atomic uint64_t db_errors;
static time_t started;

void metrics_init(const struct route *table)
{
	routes = table;
	nroutes = 0;
	while (table[nroutes].method)
		nroutes++;
	stats = calloc((size_t)nroutes + 2, sizeof *stats);
	started = time(NULL);
}

void metrics_free(void)
{
	free(stats);
	stats = NULL;
}

void metrics_observe(int route_index, int status, int64_t micros)
{
	if (!stats)
		return;
	int slot = nroutes; /* unmatched */
	if (route_index >= 0 && route_index < nroutes)
		slot = route_index;
	else if (route_index == METRICS_STATIC)
		slot = nroutes + 1;
	struct route_stats *s = &stats[slot];
	size_t c = NCODES - 1;
	for (size_t i = 0; i + 1 < NCODES; i++)
		if (codes[i] == status)
			c = i;
	atomic_fetch_add_explicit(&s->count[c], 1, memory_order_relaxed);
	double sec = (double)micros / 1e6;
	size_t b = NBOUNDS;
	for (size_t i = 0; i < NBOUNDS; i++) {
		if (sec <= bounds[i]) {
			b = i;
			break;
		}
	}
	atomic_fetch_add_explicit(&s->bucket[b], 1, memory_order_relaxed);
	atomic_fetch_add_explicit(&s->sum_us, (uint64_t)(micros > 0 ? micros : 0), memory_order_relaxed);
}

void metrics_db_error(void)
{
	atomic_fetch_add_explicit(&db_errors, 1, memory_order_relaxed);
}

static void labels(struct strbuf *out, int i)
{
	if (i < nroutes)
		sb_printf(out, "method=\"%s\",route=\"%s\"", routes[i].method, routes[i].pattern);
	else if (i == nroutes)
		sb_puts(out, "method=\"\",route=\"unmatched\"");
	else
		sb_puts(out, "method=\"\",route=\"static\"");
}

void metrics_render(struct strbuf *out)
{
	sb_puts(out, "# HELP channelbase_http_requests_total HTTP requests by route and status.\n"
		     "# TYPE channelbase_http_requests_total counter\n");
	for (int i = 0; stats && i <= nroutes + 1; i++) {
		for (size_t c = 0; c < NCODES; c++) {
			uint64_t n = atomic_load_explicit(&stats[i].count[c], memory_order_relaxed);
			if (!n)
				continue;
			sb_puts(out, "channelbase_http_requests_total{");
			labels(out, i);
			if (codes[c])
				sb_printf(out, ",status=\"%d\"} %llu\n", codes[c], (unsigned long long)n);
			else
				sb_printf(out, ",status=\"other\"} %llu\n", (unsigned long long)n);
		}
	}
	sb_puts(out, "# HELP channelbase_http_request_duration_seconds Time to answer a request.\n"
		     "# TYPE channelbase_http_request_duration_seconds histogram\n");
	for (int i = 0; stats && i <= nroutes + 1; i++) {
		uint64_t total = 0;
		for (size_t b = 0; b <= NBOUNDS; b++)
			total += atomic_load_explicit(&stats[i].bucket[b], memory_order_relaxed);
		if (!total)
			continue;
		uint64_t cum = 0;
		for (size_t b = 0; b <= NBOUNDS; b++) {
			cum += atomic_load_explicit(&stats[i].bucket[b], memory_order_relaxed);
			sb_puts(out, "channelbase_http_request_duration_seconds_bucket{");
			labels(out, i);
			if (b < NBOUNDS)
				sb_printf(out, ",le=\"%g\"} %llu\n", bounds[b], (unsigned long long)cum);
			else
				sb_printf(out, ",le=\"+Inf\"} %llu\n", (unsigned long long)cum);
		}
		sb_puts(out, "channelbase_http_request_duration_seconds_sum{");
		labels(out, i);
		sb_printf(out, "} %.6f\n",
			  (double)atomic_load_explicit(&stats[i].sum_us, memory_order_relaxed) / 1e6);
		sb_puts(out, "channelbase_http_request_duration_seconds_count{");
		labels(out, i);
		sb_printf(out, "} %llu\n", (unsigned long long)total);
	}
	sb_printf(out,
		  "# HELP channelbase_db_errors_total Database errors seen while serving requests.\n"
		  "# TYPE channelbase_db_errors_total counter\n"
		  "channelbase_db_errors_total %llu\n"
		  "# HELP process_start_time_seconds Start time of the process since the Unix epoch.\n"
		  "# TYPE process_start_time_seconds gauge\n"
		  "process_start_time_seconds %lld\n",
		  (unsigned long long)atomic_load(&db_errors), (long long)started);
}
