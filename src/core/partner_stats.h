/*
 * partner_stats.h — the partner counts behind the console's home page: how many live
 * (not merged) partners a list filter selects, broken down by status, tier, type,
 * engagement model, country and segment, and the positions of the first of them for a
 * map.
 *
 * The counts come from one statement — one snapshot on every backend, so the total and
 * each breakdown always add up — grouping on the facet columns of a covering index; the
 * filter is the list's own (partner_filter.h), so a count and the list it links to
 * agree. Vendor principals only (CB_ERR_FORBIDDEN otherwise): segments are internal.
 * Everything returned lives in ctx's arena.
 */
#ifndef CB_PARTNER_STATS_H
#define CB_PARTNER_STATS_H

#include "partner.h"

#include <stdbool.h>
#include <stdint.h>

/* At most this many map points are returned (the first by id). */
#define PARTNER_STATS_MAX_POINTS 5000

/* One value of a facet and how many partners have it. key NULL = no value. */
struct stat_bucket {
	const char *key;
	int64_t count;
	/* by_tier only (0 / NULL for the no-tier bucket): */
	int64_t tier_id;
	int64_t tier_rank;
	const char *tier_colour;
};

struct stat_facet {
	struct stat_bucket *items;
	size_t count;
};

struct partner_point {
	int64_t id;
	const char *name;
	const char *tier;     /* tier name; NULL when none */
	const char *status;
	int64_t lat_e6, lon_e6;
};

struct partner_stats {
	int64_t total;
	/* Buckets with a count above zero. by_status in life-cycle order; by_tier by rank,
	 * no tier last; the others by count descending, then key, no value last. */
	struct stat_facet by_status, by_tier, by_type, by_model, by_country, by_segment;
	struct partner_point *points; /* partners with both coordinates, by id */
	size_t npoints;
	bool points_truncated;        /* more than PARTNER_STATS_MAX_POINTS have a position */
};

/* The filter's q, country, region, type, model, status, segment, tier, manager_id and
 * industry apply as in partner_list(); sort, after and limit are ignored. Errors as
 * partner_filter_check(). */
enum cb_status partner_stats(struct cb_ctx *ctx, const struct partner_filter *f, struct partner_stats *out);

#endif
