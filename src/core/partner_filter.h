/*
 * partner_filter.h — which partners a list filter (struct partner_filter: words, country,
 * region, type, model, status, segment, tier, manager, industry) selects, as one SQL
 * condition shared by the partner list and the partner statistics, so that a count on the
 * dashboard and the list it links to always agree.
 *
 * The condition is written over `partners p`, and over `tiers t` (LEFT JOIN tiers t ON
 * t.id = p.tier_id) when `uses_tier` is set; merged partners are never selected, and a
 * partner user's scope is applied. Parameters are numbered from the caller's first free
 * number; the caller may add its own after them with partner_where_int/_text.
 */
#ifndef CB_PARTNER_FILTER_H
#define CB_PARTNER_FILTER_H

#include "../base/str.h"
#include "partner.h"

#define PARTNER_WHERE_MAX_PARAMS 128

struct partner_where {
	struct strbuf sql;      /* " WHERE p.merged_into IS NULL AND …" */
	bool uses_tier;         /* the condition names t */
	/* In: the caller lists in name order and can read from `search_terms s JOIN partners p
	 * ON p.id = s.partner_id`. Out: it must — the first search word is matched on s, so
	 * the rows come from the index in (s.name_key, s.partner_id) order and a page stops
	 * after its rows; a partner may come twice in a row (the word in its notes too). */
	bool drive;
	/* Out, with drive: when drive_nw > 1, s is not the table but the page of index rows
	 * of several words (parameters drive_word[], country parameter drive_country), their
	 * ordered index reads merged without duplicates and cut to the page with the cursor
	 * applied inside — set only when nothing but the words and a country is asked, so an
	 * indexed row (a live partner of that country) needs no other test. */
	int drive_word[16];
	int drive_nw;
	int drive_country;
	bool overflow;          /* more parameters than PARTNER_WHERE_MAX_PARAMS */
	int np;                 /* the last parameter number used */
	const char *s[PARTNER_WHERE_MAX_PARAMS + 1];
	int64_t i[PARTNER_WHERE_MAX_PARAMS + 1];
	bool is_int[PARTNER_WHERE_MAX_PARAMS + 1];
};

/* Checks the filter's values without a query: an unknown type, model or status is
 * CB_ERR_RULE naming each (with the allowed values), a malformed country
 * CB_ERR_INVALID. */
enum cb_status partner_filter_check(struct cb_ctx *ctx, const struct partner_filter *f);

/* Builds the condition of a checked filter into *w (strings borrowed from f and ctx's
 * arena), its parameters numbered from first_param. `probe`: a common search word may be
 * tested row by row (right for a sorted scan that stops after a page); otherwise the
 * matching partners are always gathered first (right for counting every match). May run
 * small index queries to expand search-word prefixes. */
enum cb_status partner_where_build(struct cb_ctx *ctx, const struct partner_filter *f, int first_param, bool probe,
				   struct partner_where *w);
/* Adds a parameter after the condition's own; returns its number. */
int partner_where_int(struct partner_where *w, int64_t v);
int partner_where_text(struct partner_where *w, const char *v);
/* Binds every parameter of w (first_param..np) on st. */
struct db_stmt;
void partner_where_bind(const struct partner_where *w, int first_param, struct db_stmt *st);


/* A stable copy of a dynamic SQL text for db_prepare(), whose statement cache keys on the
 * text's address: the same text always gives the same copy. Past a bound of distinct
 * texts the copy is in arena `a` and *cached is false: the caller must db_forget() it
 * after db_done(), before the arena is freed. */
const char *partner_sql_intern(struct arena *a, const char *sql, bool *cached);

#endif
