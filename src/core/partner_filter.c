/*
 * partner_filter.c — a partner list filter as one SQL condition (see partner_filter.h):
 * the field filters, the partner user's scope, and the search words matched against the
 * normalised word index (search_terms).
 */
#include "partner_filter.h"

#include "../base/arena.h"
#include "../base/country.h"
#include "../base/normalize.h"
#include "../store/db.h"
#include "tier.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

/* Interned SQL texts: the statement cache keys on the text's address, so each distinct
 * dynamic query gets one stable copy. Bounded; past the bound the text is an arena copy,
 * still correct but not to be kept in the cache (the caller forgets it). */
static pthread_mutex_t intern_lock = PTHREAD_MUTEX_INITIALIZER;
static char *interned[1024];
static size_t ninterned;

const char *partner_sql_intern(struct arena *a, const char *sql, bool *cached)
{
	pthread_mutex_lock(&intern_lock);
	for (size_t i = 0; i < ninterned; i++) {
		if (strcmp(interned[i], sql) == 0) {
			pthread_mutex_unlock(&intern_lock);
			*cached = true;
			return interned[i];
		}
	}
	const char *r = NULL;
	if (ninterned < sizeof interned / sizeof *interned) {
		char *copy = strdup(sql);
		if (copy) {
			interned[ninterned++] = copy;
			r = copy;
		}
	}
	pthread_mutex_unlock(&intern_lock);
	*cached = r != NULL;
	return r ? r : arena_strdup(a, sql);
}

static bool check_enum(struct cb_ctx *ctx, const char *field, const char *v, const char *const *allowed)
{
	if (!v)
		return true;
	for (const char *const *a = allowed; *a; a++)
		if (strcmp(*a, v) == 0)
			return true;
	struct strbuf sb;
	sb_init(&sb, ctx->arena, 64, 512);
	for (const char *const *a = allowed; *a; a++)
		sb_printf(&sb, "%s%s", a == allowed ? "" : ", ", *a);
	errors_add(&ctx->errors, field, "must be one of: %s", sb.data);
	return false;
}

enum cb_status partner_filter_check(struct cb_ctx *ctx, const struct partner_filter *f)
{
	bool ok = check_enum(ctx, "type", f->type, partner_types());
	ok = check_enum(ctx, "model", f->model, partner_models()) && ok;
	ok = check_enum(ctx, "status", f->status, partner_statuses()) && ok;
	if (f->tier) {
		int64_t id;
		const char *names;
		enum cb_status rc = tier_find(ctx, f->tier, &id, NULL);
		if (rc == CB_OK && !id && (rc = tier_names(ctx, &names)) == CB_OK) {
			errors_add(&ctx->errors, "tier", "must be one of: %s", names);
			ok = false;
		}
		if (rc != CB_OK)
			return rc;
	}
	if (f->country && !country_valid(f->country)) {
		errors_add(&ctx->errors, "country", "must be an ISO 3166-1 alpha-2 code such as AE");
		return CB_ERR_INVALID;
	}
	return ok ? CB_OK : CB_ERR_RULE;
}

int partner_where_int(struct partner_where *w, int64_t v)
{
	if (w->np >= PARTNER_WHERE_MAX_PARAMS) {
		w->overflow = true;
		return w->np;
	}
	w->np++;
	w->i[w->np] = v;
	w->is_int[w->np] = true;
	return w->np;
}

int partner_where_text(struct partner_where *w, const char *v)
{
	if (w->np >= PARTNER_WHERE_MAX_PARAMS) {
		w->overflow = true;
		return w->np;
	}
	w->np++;
	w->s[w->np] = v;
	w->is_int[w->np] = false;
	return w->np;
}

void partner_where_bind(const struct partner_where *w, int first_param, struct db_stmt *st)
{
	for (int i = first_param; i <= w->np; i++) {
		if (w->is_int[i])
			db_bind_int(st, i, w->i[i]);
		else
			db_bind_text(st, i, w->s[i]);
	}
}

#define MAX_Q_TOKENS 5
#define MAX_EXPAND 16 /* distinct words a query word may stand for before a range scan */
#define PREFIX_END "\xf4\x8f\xbf\xbf" /* U+10FFFF: sorts after every continuation */

/* The distinct indexed words that begin with `prefix`, found by seeking from one to the
 * next in the index (a skip scan: one lookup per word, however many rows each has).
 * *n = -1 when there are more than MAX_EXPAND. */
static enum cb_status expand_prefix(struct cb_ctx *ctx, const char *prefix, const char **out, int *n)
{
	static const char first[] = "SELECT term FROM search_terms WHERE term >= $1 AND term < $2 ORDER BY term LIMIT 1";
	static const char next[] = "SELECT term FROM search_terms WHERE term > $1 AND term < $2 ORDER BY term LIMIT 1";
	const char *hi = arena_printf(ctx->arena, "%s" PREFIX_END, prefix);
	const char *from = prefix;
	*n = 0;
	for (int k = 0; k <= MAX_EXPAND; k++) {
		struct db_stmt *st;
		enum cb_status rc = db_prepare(ctx->db, k ? next : first, &st);
		if (rc != CB_OK)
			return rc;
		db_bind_text(st, 1, from);
		db_bind_text(st, 2, hi);
		bool row;
		rc = db_step(st, &row);
		const char *w = rc == CB_OK && row ? arena_strdup(ctx->arena, db_col_text(st, 0)) : NULL;
		db_done(st);
		if (rc != CB_OK)
			return rc;
		if (!w)
			return CB_OK;
		if (k == MAX_EXPAND) {
			*n = -1;
			return CB_OK;
		}
		out[(*n)++] = w;
		from = w;
	}
	return CB_OK;
}

/* True when the words index at least common_rows() rows (in the country, when given):
 * counted up to that bound only, so the probe stays cheap. The bound is where probing
 * each row of the sorted scan starts to beat gathering the matches and sorting them; a
 * PostgreSQL row costs more to gather than a SQLite one (measured on the bench data:
 * data/AE, 1,963 matches, 25 ms gathered, 2.5 ms probed), so it switches sooner. */
static int64_t common_rows(struct db *db)
{
	return db_dialect(db) == DB_POSTGRES ? 500 : 3000;
}

static enum cb_status words_common(struct cb_ctx *ctx, const char *const *words, int n, const char *country,
				   bool *common)
{
	const int64_t bound = common_rows(ctx->db);
	static const char in_country[] = "SELECT count(*) FROM (SELECT 1 FROM search_terms WHERE term = $1 "
					 "AND country = $2 LIMIT $3) AS hits";
	static const char anywhere[] = "SELECT count(*) FROM (SELECT 1 FROM search_terms WHERE term = $1 LIMIT $2) AS hits";
	int64_t total = 0;
	for (int k = 0; k < n && total < bound; k++) {
		struct db_stmt *st;
		enum cb_status rc = db_prepare(ctx->db, country ? in_country : anywhere, &st);
		if (rc != CB_OK)
			return rc;
		db_bind_text(st, 1, words[k]);
		if (country)
			db_bind_text(st, 2, country);
		db_bind_int(st, country ? 3 : 2, bound - total);
		bool row;
		rc = db_step(st, &row);
		if (rc == CB_OK && row)
			total += db_col_int(st, 0);
		db_done(st);
		if (rc != CB_OK)
			return rc;
	}
	*common = total >= bound;
	return CB_OK;
}

#define MAX_INDUSTRY_SPELLINGS 32

/* The distinct industry tags whose norm_text() equals the filter's (at most
 * MAX_INDUSTRY_SPELLINGS spellings; more of one word would be a data problem). */
static enum cb_status industry_spellings(struct cb_ctx *ctx, const char *want_raw, const char **out, int *n)
{
	*n = 0;
	const char *want = norm_text(ctx->arena, want_raw);
	if (!*want)
		return CB_OK;
	struct db_stmt *st;
	enum cb_status rc = db_prepare(ctx->db, "SELECT DISTINCT tag FROM partner_tags WHERE kind = 'industry'", &st);
	if (rc != CB_OK)
		return rc;
	bool row;
	while (*n < MAX_INDUSTRY_SPELLINGS && (rc = db_step(st, &row)) == CB_OK && row) {
		const char *tag = db_col_text(st, 0);
		if (strcmp(norm_text(ctx->arena, tag), want) == 0)
			out[(*n)++] = arena_strdup(ctx->arena, tag);
	}
	db_done(st);
	return rc;
}

/* True when the filter asks for more than words and a country. */
static bool other_filters(const struct partner_filter *f)
{
	return f->region || f->type || f->model || f->status || f->segment || f->tier || f->industry || f->manager_id;
}

enum cb_status partner_where_build(struct cb_ctx *ctx, const struct partner_filter *f, int first_param, bool probe,
				   struct partner_where *w)
{
	struct arena *a = ctx->arena;
	bool want_drive = w->drive;
	w->drive = false;
	w->drive_nw = 0;
	w->uses_tier = false;
	w->overflow = false;
	w->np = first_param - 1;
	sb_init(&w->sql, a, 1024, 8192);
	struct strbuf *sql = &w->sql;

	const char **tokens = NULL;
	size_t ntok = 0;
	if (f->q && *f->q) {
		ntok = norm_tokens(a, norm_name(a, f->q), &tokens);
		if (ntok > MAX_Q_TOKENS)
			ntok = MAX_Q_TOKENS;
	}
	struct scope sc = scope_of(ctx->who);
	bool vendor = sc.all;

	sb_puts(sql, " WHERE p.merged_into IS NULL");
	if (!sc.all)
		sb_printf(sql, " AND p.id = $%d", partner_where_int(w, sc.partner_id));
	if (f->country)
		sb_printf(sql, " AND p.country = $%d", partner_where_text(w, f->country));
	if (f->region)
		sb_printf(sql, " AND p.region = $%d", partner_where_text(w, f->region));
	if (f->type)
		sb_printf(sql, " AND p.type = $%d", partner_where_text(w, f->type));
	if (f->model)
		sb_printf(sql, " AND p.model = $%d", partner_where_text(w, f->model));
	if (f->status)
		sb_printf(sql, " AND p.status = $%d", partner_where_text(w, f->status));
	if (f->segment)
		sb_printf(sql, " AND p.segment = $%d", partner_where_text(w, f->segment));
	if (f->tier) {
		/* Names are matched in C (tier_find), so both backends fold case alike. */
		int64_t tier_id;
		enum cb_status trc = tier_find(ctx, f->tier, &tier_id, NULL);
		if (trc != CB_OK)
			return trc;
		sb_printf(sql, " AND p.tier_id = $%d", partner_where_int(w, tier_id));
	}
	if (f->manager_id)
		sb_printf(sql, " AND p.manager_id = $%d", partner_where_int(w, f->manager_id));
	if (f->industry) {
		/* The stored spellings that fold (norm_text, in C) to the filter's: SQL lower()
		 * folds non-ASCII letters on PostgreSQL but not on SQLite. */
		const char *tags[MAX_INDUSTRY_SPELLINGS];
		int nt;
		enum cb_status irc = industry_spellings(ctx, f->industry, tags, &nt);
		if (irc != CB_OK)
			return irc;
		if (nt == 0)
			sb_puts(sql, " AND 1 = 0");
		else {
			sb_puts(sql, " AND EXISTS (SELECT 1 FROM partner_tags g WHERE g.partner_id = p.id "
				     "AND g.kind = 'industry' AND g.tag IN (");
			for (int k = 0; k < nt; k++)
				sb_printf(sql, "%s$%d", k ? ", " : "", partner_where_text(w, tags[k]));
			sb_puts(sql, "))");
		}
	}
	for (size_t i = 0; i < ntok; i++) {
		/* A word matches the indexed words it begins. When those are few they are looked
		 * up by key: for a common word (many partners) each candidate row is checked with
		 * one index seek while the sorted scan runs — it stops after a page; for a rarer
		 * word, or when every match is wanted, the matching partners are gathered first.
		 * Past MAX_EXPAND words the range is scanned. */
		const char *words[MAX_EXPAND];
		int nw;
		bool common = false;
		enum cb_status erc = expand_prefix(ctx, tokens[i], words, &nw);
		if (erc == CB_OK && i == 0 && nw == 1 && want_drive && vendor && f->country) {
			/* One word in one country: its index rows are in name order already. */
			sb_printf(sql, " AND s.term = $%d", partner_where_text(w, words[0]));
			sb_printf(sql, " AND s.country = $%d", partner_where_text(w, f->country));
			w->drive = true;
			continue;
		}
		if (erc == CB_OK && nw > 1 && want_drive && vendor && f->country && ntok == 1 && !other_filters(f)) {
			/* Several words of one prefix in one country and nothing else asked: each
			 * word's index rows come in name order; merged, they are cut to a page before
			 * any partner is read (an indexed row is a live partner of that country). */
			for (int k = 0; k < nw; k++)
				w->drive_word[k] = partner_where_text(w, words[k]);
			w->drive_nw = nw;
			w->drive_country = partner_where_text(w, f->country);
			w->drive = true;
			continue;
		}
		if (erc == CB_OK && nw > 0 && probe)
			erc = words_common(ctx, words, nw, f->country, &common);
		if (erc != CB_OK)
			return erc;
		if (nw > 0 && common) {
			/* A scalar subquery rather than EXISTS: PostgreSQL turns EXISTS into a
			 * semi-join over every candidate, not a probe per row of the sorted scan. */
			sb_puts(sql, " AND (SELECT 1 FROM search_terms s WHERE s.term IN (");
			for (int k = 0; k < nw; k++)
				sb_printf(sql, "%s$%d", k ? ", " : "", partner_where_text(w, words[k]));
			sb_printf(sql, ") AND s.country = COALESCE(p.country, '') AND s.name_key = p.name_key "
				       "AND s.partner_id = p.id AND s.vendor_only IN (%s) LIMIT 1) IS NOT NULL", vendor ? "0, 1" : "0");
			continue;
		}
		if (nw >= 0) {
			sb_puts(sql, " AND p.id IN (SELECT s.partner_id FROM search_terms s WHERE s.term IN (");
			for (int k = 0; k < nw; k++)
				sb_printf(sql, "%s$%d", k ? ", " : "", partner_where_text(w, words[k]));
			if (nw == 0)
				sb_printf(sql, "$%d", partner_where_text(w, tokens[i]));
			sb_putc(sql, ')');
		} else {
			int lo = partner_where_text(w, tokens[i]);
			int hi = partner_where_text(w, arena_printf(a, "%s" PREFIX_END, tokens[i]));
			sb_printf(sql, " AND p.id IN (SELECT s.partner_id FROM search_terms s WHERE s.term >= $%d "
				       "AND s.term < $%d", lo, hi);
		}
		if (f->country)
			sb_printf(sql, " AND s.country = $%d", partner_where_text(w, f->country));
		if (!vendor)
			sb_puts(sql, " AND s.vendor_only = 0");
		sb_putc(sql, ')');
	}
	return sql->overflow || w->overflow ? CB_ERR_INTERNAL : CB_OK;
}
