/*
 * partner_stats.c — partner counts by facet and map points (see partner_stats.h).
 *
 * One GROUP BY over all six facet columns at once (status, tier_id, type, model, country,
 * segment — the columns of the partial index partners_facets, in its order, so SQLite
 * streams the groups from one scan of the index without sorting and PostgreSQL hashes
 * them in one pass), then each facet's totals are summed here from the groups. The
 * groups are at most as many as the partners and in practice far fewer (100,000 demo
 * partners: 26,000 groups, ~30 ms on SQLite); six separate GROUP BYs would scan six
 * times, and would not share a snapshot on PostgreSQL.
 */
#include "partner_stats.h"

#include "../base/arena.h"
#include "../store/db.h"
#include "partner_filter.h"

#include <stdlib.h>
#include <string.h>

/* ---- summing one facet: a string-keyed hash of buckets in the arena ---- */

struct facet_acc {
	struct arena *a;
	struct stat_bucket *items;
	size_t n, cap;
	uint32_t *slots; /* index + 1 into items; 0 = empty */
	size_t nslots;   /* a power of two, at least twice n */
	int64_t none;    /* partners without a value */
};

static uint64_t hash_of(const char *s)
{
	uint64_t h = 1469598103934665603ull;
	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 1099511628211ull;
	return h;
}

static void acc_rehash(struct facet_acc *f, size_t nslots)
{
	f->slots = arena_zalloc(f->a, sizeof *f->slots * nslots);
	f->nslots = nslots;
	for (size_t i = 0; i < f->n; i++) {
		size_t s = hash_of(f->items[i].key) & (nslots - 1);
		while (f->slots[s])
			s = (s + 1) & (nslots - 1);
		f->slots[s] = (uint32_t)(i + 1);
	}
}

static void acc_add(struct facet_acc *f, const char *key, int64_t count)
{
	if (!key) {
		f->none += count;
		return;
	}
	if ((f->n + 1) * 2 > f->nslots)
		acc_rehash(f, f->nslots ? f->nslots * 2 : 64);
	size_t s = hash_of(key) & (f->nslots - 1);
	while (f->slots[s]) {
		struct stat_bucket *b = &f->items[f->slots[s] - 1];
		if (strcmp(b->key, key) == 0) {
			b->count += count;
			return;
		}
		s = (s + 1) & (f->nslots - 1);
	}
	if (f->n == f->cap) {
		size_t cap = f->cap ? f->cap * 2 : 32;
		struct stat_bucket *g = arena_alloc(f->a, sizeof *g * cap);
		if (f->n)
			memcpy(g, f->items, sizeof *g * f->n);
		f->items = g;
		f->cap = cap;
	}
	f->items[f->n] = (struct stat_bucket){.key = arena_strdup(f->a, key), .count = count};
	f->slots[s] = (uint32_t)++f->n;
}

static int by_count_then_key(const void *pa, const void *pb)
{
	const struct stat_bucket *a = pa, *b = pb;
	if (a->count != b->count)
		return a->count > b->count ? -1 : 1;
	return strcmp(a->key, b->key);
}

/* The buckets with the no-value bucket last; sorted by count, then key, unless the
 * caller orders them itself. */
static struct stat_facet acc_finish(struct facet_acc *f, bool sort)
{
	if (sort && f->n > 1)
		qsort(f->items, f->n, sizeof *f->items, by_count_then_key);
	struct stat_facet out = {.items = arena_alloc(f->a, sizeof *out.items * (f->n + 1)), .count = f->n};
	if (f->n)
		memcpy(out.items, f->items, sizeof *out.items * f->n);
	if (f->none)
		out.items[out.count++] = (struct stat_bucket){.key = NULL, .count = f->none};
	return out;
}

/* ---- statuses in life-cycle order ---- */

static size_t status_rank(const char *s)
{
	size_t i = 0;
	for (const char *const *v = partner_statuses(); *v; v++, i++)
		if (strcmp(*v, s) == 0)
			return i;
	return i; /* unknown values (none are stored) after the known ones */
}

static int by_status(const void *pa, const void *pb)
{
	const struct stat_bucket *a = pa, *b = pb;
	size_t ra = status_rank(a->key), rb = status_rank(b->key);
	return ra != rb ? (ra < rb ? -1 : 1) : strcmp(a->key, b->key);
}

/* ---- tiers: few (configured by an admin), summed by id, labelled and ranked after ---- */

struct tier_acc {
	int64_t *ids;
	int64_t *counts;
	size_t n, cap;
	int64_t none;
};

static void tier_add(struct arena *a, struct tier_acc *t, bool null, int64_t id, int64_t count)
{
	if (null) {
		t->none += count;
		return;
	}
	for (size_t i = 0; i < t->n; i++) {
		if (t->ids[i] == id) {
			t->counts[i] += count;
			return;
		}
	}
	if (t->n == t->cap) {
		size_t cap = t->cap ? t->cap * 2 : 16;
		int64_t *ids = arena_alloc(a, sizeof *ids * cap), *counts = arena_alloc(a, sizeof *counts * cap);
		if (t->n) {
			memcpy(ids, t->ids, sizeof *ids * t->n);
			memcpy(counts, t->counts, sizeof *counts * t->n);
		}
		t->ids = ids;
		t->counts = counts;
		t->cap = cap;
	}
	t->ids[t->n] = id;
	t->counts[t->n++] = count;
}

static int by_rank(const void *pa, const void *pb)
{
	const struct stat_bucket *a = pa, *b = pb;
	if (a->tier_rank != b->tier_rank)
		return a->tier_rank < b->tier_rank ? -1 : 1;
	return a->tier_id < b->tier_id ? -1 : a->tier_id > b->tier_id;
}

/* Names, ranks and colours of the tiers seen. Read after the counts: a tier a partner
 * referred to then still exists now (tiers are never deleted). */
static enum cb_status tier_finish(struct cb_ctx *ctx, const struct tier_acc *t, struct stat_facet *out)
{
	out->items = arena_alloc(ctx->arena, sizeof *out->items * (t->n + 1));
	out->count = 0;
	struct db_stmt *st;
	enum cb_status rc = db_prepare(ctx->db, "SELECT id, name, rank, colour FROM tiers", &st);
	if (rc != CB_OK)
		return rc;
	bool row;
	while ((rc = db_step(st, &row)) == CB_OK && row) {
		int64_t id = db_col_int(st, 0);
		for (size_t i = 0; i < t->n; i++) {
			if (t->ids[i] != id)
				continue;
			out->items[out->count++] = (struct stat_bucket){
				.key = arena_strdup(ctx->arena, db_col_text(st, 1)), .count = t->counts[i], .tier_id = id,
				.tier_rank = db_col_int(st, 2), .tier_colour = arena_strdup(ctx->arena, db_col_text(st, 3))};
			break;
		}
	}
	db_done(st);
	if (rc != CB_OK)
		return rc;
	if (out->count != t->n)
		return CB_ERR_INTERNAL; /* a partner names a tier that is not in the table */
	if (out->count > 1)
		qsort(out->items, out->count, sizeof *out->items, by_rank);
	if (t->none)
		out->items[out->count++] = (struct stat_bucket){.key = NULL, .count = t->none};
	return CB_OK;
}

/* ---- the statement ---- */

/* Columns in the order of the index partners_facets. */
#define FACETS "p.status, p.tier_id, p.type, p.model, p.country, p.segment"

static enum cb_status run(struct cb_ctx *ctx, const char *sql, const struct partner_where *w, struct db_stmt **st)
{
	enum cb_status rc = db_prepare(ctx->db, sql, st);
	if (rc == CB_OK)
		partner_where_bind(w, 1, *st);
	return rc;
}

static enum cb_status count_facets(struct cb_ctx *ctx, const struct partner_where *w, struct partner_stats *out)
{
	struct arena *a = ctx->arena;
	struct strbuf sql;
	sb_init(&sql, a, 1024, 16384);
	sb_printf(&sql, "SELECT " FACETS ", count(*) FROM partners p%s%s GROUP BY " FACETS,
		  w->uses_tier ? " LEFT JOIN tiers t ON t.id = p.tier_id" : "", w->sql.data);
	if (sql.overflow)
		return CB_ERR_INTERNAL;
	bool cached;
	const char *text = partner_sql_intern(a, sql.data, &cached);
	struct db_stmt *st;
	enum cb_status rc = run(ctx, text, w, &st);
	if (rc != CB_OK)
		return rc;
	struct facet_acc status = {.a = a}, type = {.a = a}, model = {.a = a}, country = {.a = a}, segment = {.a = a};
	struct tier_acc tier = {0};
	bool row;
	out->total = 0;
	while ((rc = db_step(st, &row)) == CB_OK && row) {
		int64_t n = db_col_int(st, 6);
		out->total += n;
		acc_add(&status, db_col_text(st, 0), n);
		tier_add(a, &tier, db_col_null(st, 1), db_col_int(st, 1), n);
		acc_add(&type, db_col_text(st, 2), n);
		acc_add(&model, db_col_text(st, 3), n);
		acc_add(&country, db_col_text(st, 4), n);
		acc_add(&segment, db_col_text(st, 5), n);
	}
	db_done(st);
	if (!cached)
		db_forget(ctx->db, text);
	if (rc != CB_OK)
		return rc;
	out->by_status = acc_finish(&status, false);
	if (out->by_status.count > 1)
		qsort(out->by_status.items, out->by_status.count, sizeof *out->by_status.items, by_status);
	out->by_type = acc_finish(&type, true);
	out->by_model = acc_finish(&model, true);
	out->by_country = acc_finish(&country, true);
	out->by_segment = acc_finish(&segment, true);
	return tier_finish(ctx, &tier, &out->by_tier);
}

static enum cb_status read_points(struct cb_ctx *ctx, const struct partner_where *w, struct partner_stats *out)
{
	struct arena *a = ctx->arena;
	struct strbuf sql;
	sb_init(&sql, a, 1024, 16384);
	/* The limit is a constant so the text (and its cached statement) is one per filter. */
	sb_printf(&sql,
		  "SELECT p.id, p.name, t.name, p.status, p.lat_e6, p.lon_e6 FROM partners p "
		  "LEFT JOIN tiers t ON t.id = p.tier_id%s AND p.lat_e6 IS NOT NULL AND p.lon_e6 IS NOT NULL "
		  "ORDER BY p.id LIMIT %d",
		  w->sql.data, PARTNER_STATS_MAX_POINTS + 1);
	if (sql.overflow)
		return CB_ERR_INTERNAL;
	bool cached;
	const char *text = partner_sql_intern(a, sql.data, &cached);
	struct db_stmt *st;
	enum cb_status rc = run(ctx, text, w, &st);
	if (rc != CB_OK)
		return rc;
	out->points = NULL;
	out->npoints = 0;
	out->points_truncated = false;
	size_t cap = 0;
	bool row;
	while ((rc = db_step(st, &row)) == CB_OK && row) {
		if (out->npoints == PARTNER_STATS_MAX_POINTS) {
			out->points_truncated = true;
			break;
		}
		if (out->npoints == cap) {
			cap = cap ? cap * 4 : 256;
			if (cap > PARTNER_STATS_MAX_POINTS)
				cap = PARTNER_STATS_MAX_POINTS;
			struct partner_point *g = arena_alloc(a, sizeof *g * cap);
			if (out->npoints)
				memcpy(g, out->points, sizeof *g * out->npoints);
			out->points = g;
		}
		out->points[out->npoints++] = (struct partner_point){
			.id = db_col_int(st, 0), .name = arena_strdup(a, db_col_text(st, 1)),
			.tier = arena_strdup(a, db_col_text(st, 2)), .status = arena_strdup(a, db_col_text(st, 3)),
			.lat_e6 = db_col_int(st, 4), .lon_e6 = db_col_int(st, 5)};
	}
	db_done(st);
	if (!cached)
		db_forget(ctx->db, text);
	return rc;
}

enum cb_status partner_stats(struct cb_ctx *ctx, const struct partner_filter *f, struct partner_stats *out)
{
	memset(out, 0, sizeof *out);
	if (!principal_is_vendor(ctx->who)) {
		errors_detail(&ctx->errors, "partner statistics are for vendor users");
		return CB_ERR_FORBIDDEN;
	}
	enum cb_status rc = partner_filter_check(ctx, f);
	if (rc != CB_OK)
		return rc;
	struct partner_where w = {.drive = false};
	if ((rc = partner_where_build(ctx, f, 1, false, &w)) != CB_OK)
		return rc;
	if ((rc = count_facets(ctx, &w, out)) != CB_OK)
		return rc;
	return read_points(ctx, &w, out);
}
