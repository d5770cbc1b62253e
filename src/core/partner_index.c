/*
 * partner_index.c — a partner's derived data: the matching keys used by duplicate
 * detection and sorting (normalised name, sort key, phone, web domain), stored with the
 * row by partner.c, and its rows in search_terms (normalised words of names, aliases,
 * place, tags and — vendor-only — channel-manager notes), brought up to date inside the
 * writing transaction after every change that touches any of those sources. What a
 * partner has in search_terms is also listed in its search_docs row, so its rows are
 * found by key (the table has no index by partner).
 */
#include "partner.h"

#include "../base/arena.h"
#include "../base/normalize.h"
#include "../base/str.h"
#include "../store/db.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define MAX_TERMS 512
#define MAX_TERM_BYTES 64

struct terms {
	const char *term[MAX_TERMS];
	const char *source[MAX_TERMS];
	bool vendor_only[MAX_TERMS];
	size_t n;
};

/* Adds the words of a text already through norm_text(). */
static void add_norm_words(struct arena *a, struct terms *t, const char *normalised, const char *source,
			   bool vendor_only)
{
	if (!normalised || !*normalised)
		return;
	const char **words;
	size_t n = norm_tokens(a, normalised, &words);
	for (size_t i = 0; i < n && t->n < MAX_TERMS; i++) {
		size_t len = strlen(words[i]);
		if (len == 0 || len > MAX_TERM_BYTES)
			continue;
		bool dup = false;
		for (size_t k = 0; k < t->n && !dup; k++)
			dup = t->vendor_only[k] == vendor_only && strcmp(t->term[k], words[i]) == 0;
		if (dup)
			continue;
		t->term[t->n] = words[i];
		t->source[t->n] = source;
		t->vendor_only[t->n] = vendor_only;
		t->n++;
	}
}

static void add_words(struct arena *a, struct terms *t, const char *text, const char *source, bool vendor_only)
{
	if (text && *text)
		add_norm_words(a, t, norm_text(a, text), source, vendor_only);
}

static enum cb_status add_rows(struct cb_ctx *ctx, struct terms *t, const char *sql, int64_t id,
			       const char *source, bool vendor_only)
{
	struct db_stmt *st;
	enum cb_status rc = db_prepare(ctx->db, sql, &st);
	if (rc != CB_OK)
		return rc;
	db_bind_int(st, 1, id);
	bool row;
	while ((rc = db_step(st, &row)) == CB_OK && row)
		add_words(ctx->arena, t, db_col_text(st, 0), source, vendor_only);
	db_done(st);
	return rc;
}

void partner_norms(struct arena *a, const struct partner *p, const char *out[PARTNER_NORMS])
{
	const struct pval *name = &p->f[PF_NAME], *phone = &p->f[PF_PHONE], *web = &p->f[PF_WEBSITE];
	const char *n = name->null || !name->s ? "" : name->s;
	out[1] = norm_text(a, n);
	out[0] = norm_name_of_text(a, out[1]);
	const char *pn = phone->null || !phone->s ? NULL : norm_phone(a, phone->s);
	out[2] = pn && *pn ? pn : NULL;
	out[3] = web->null || !web->s ? NULL : norm_domain(a, web->s);
}

static bool has_term(const struct terms *t, const char *term, bool vendor_only)
{
	for (size_t k = 0; k < t->n; k++)
		if (t->vendor_only[k] == vendor_only && strcmp(t->term[k], term) == 0)
			return true;
	return false;
}

/* A set of terms; only `n` needs a value (the arrays are 8 KiB, filled from the start). */
static struct terms *terms_new(struct arena *a)
{
	struct terms *t = arena_alloc(a, sizeof *t);
	t->n = 0;
	return t;
}

/* Runs an INSERT or DELETE of one search_terms row whose parameters are its key, $1–$5
 * in key order (term, country, name_key, partner_id, vendor_only), and $6 the source. */
static enum cb_status term_row(struct cb_ctx *ctx, const char *sql, const char *term, const char *country,
			       const char *name_key, int64_t id, bool vendor_only, const char *source)
{
	struct db_stmt *st;
	enum cb_status rc = db_prepare(ctx->db, sql, &st);
	if (rc != CB_OK)
		return rc;
	db_bind_text_kept(st, 1, term);
	db_bind_text_kept(st, 2, country);
	db_bind_text_kept(st, 3, name_key);
	db_bind_int(st, 4, id);
	db_bind_int(st, 5, vendor_only);
	if (source)
		db_bind_text_kept(st, 6, source);
	bool row;
	rc = db_step(st, &row);
	db_done(st);
	return rc;
}

/* Inserts one row. A partner's own rows go one statement each: they land at random
 * places in the index, and a statement writing several rows inside a transaction makes
 * SQLite keep a statement journal of every page it touches, which cost more than it
 * saved. (Rows held back by an import go several per statement: partner_index_flush.) */
static enum cb_status insert_term(struct cb_ctx *ctx, const char *term, const char *country, int64_t id,
				  bool vendor_only, const char *source, const char *name_key)
{
	return term_row(ctx, "INSERT INTO search_terms (term, country, name_key, partner_id, vendor_only, source) "
			     "VALUES ($1, $2, $3, $4, $5, $6)",
			term, country, name_key, id, vendor_only, source);
}

static enum cb_status insert_terms(struct cb_ctx *ctx, const struct terms *t, int64_t id, const char *country,
				   const char *name_key)
{
	enum cb_status rc = CB_OK;
	for (size_t i = 0; rc == CB_OK && i < t->n; i++)
		rc = insert_term(ctx, t->term[i], country, id, t->vendor_only[i], t->source[i], name_key);
	return rc;
}

/* ---- rows held back during a batch import (partner_index_defer) ---- */

#define DEFER_MAX_ROWS (256 * 1024) /* written out when this many are held (about 12 MB) */

struct held_partner {
	int64_t id;
	const char *country, *name_key;
};

struct held_row {
	uint64_t head; /* the term's first 8 bytes, big-endian: most comparisons end here */
	uint64_t place; /* the country's 2 bytes and the name_key's first 6, likewise */
	const char *term, *source;
	const struct held_partner *partner;
	bool vendor_only;
};

/* Up to n bytes of s from the top of a big-endian number, zero-padded: numbers compare
 * as the strings do on those bytes. */
static uint64_t be_bytes(const char *s, int n, uint64_t acc)
{
	const unsigned char *c = (const unsigned char *)s;
	for (int k = 0; k < n; k++)
		acc = acc << 8 | (*c ? *c++ : 0);
	return acc;
}

struct partner_terms {
	struct arena *arena; /* the held strings; replaced after each flush */
	struct held_row *rows;
	size_t n, cap;
};

void partner_index_defer(struct cb_ctx *ctx)
{
	struct partner_terms *d = calloc(1, sizeof *d);
	if (d && !(d->arena = arena_new(1 << 20))) {
		free(d);
		d = NULL;
	}
	ctx->deferred_terms = d; /* without memory, rows are simply written as they come */
}

void partner_index_end(struct cb_ctx *ctx)
{
	struct partner_terms *d = ctx->deferred_terms;
	if (!d)
		return;
	arena_free(d->arena);
	free(d->rows);
	free(d);
	ctx->deferred_terms = NULL;
}

/* The order of search_terms' primary key (byte order, as both databases compare it). */
static int held_order(const void *x, const void *y)
{
	const struct held_row *a = x, *b = y;
	if (a->head != b->head)
		return a->head < b->head ? -1 : 1;
	/* Equal heads: equal first 8 bytes, and when they hold the end, equal terms. Common
	 * words are shared by thousands of partners, so the place decides most of the rest
	 * without reading the partners' strings. */
	int c = (a->head & 0xff) ? strcmp(a->term + 8, b->term + 8) : 0;
	if (!c && a->place && b->place && a->place != b->place)
		return a->place < b->place ? -1 : 1;
	if (!c)
		c = strcmp(a->partner->country, b->partner->country);
	if (!c)
		c = strcmp(a->partner->name_key, b->partner->name_key);
	if (!c)
		c = (a->partner->id > b->partner->id) - (a->partner->id < b->partner->id);
	if (!c)
		c = (int)a->vendor_only - (int)b->vendor_only;
	return c;
}

enum cb_status partner_index_flush(struct cb_ctx *ctx)
{
	struct partner_terms *d = ctx->deferred_terms;
	if (!d || !d->n)
		return CB_OK;
	qsort(d->rows, d->n, sizeof *d->rows, held_order);
	/* Several rows per statement: in key order they share a page or two, so the
	 * statement journal SQLite then keeps stays small. */
	static const char prefix[] = "INSERT INTO search_terms (term, country, name_key, partner_id, vendor_only, source)";
	enum { COLS = 6, ROWS = DB_MAX_PARAMS / COLS };
	enum cb_status rc = CB_OK;
	for (size_t i = 0; rc == CB_OK && i < d->n;) {
		int rows = d->n - i < ROWS ? (int)(d->n - i) : ROWS;
		const char *sql = db_insert_sql(prefix, COLS, rows);
		struct db_stmt *st;
		if (!sql)
			rc = CB_ERR_INTERNAL;
		else if ((rc = db_prepare(ctx->db, sql, &st)) == CB_OK) {
			for (int k = 0; k < rows; k++, i++) {
				const struct held_row *r = &d->rows[i];
				db_bind_text_kept(st, COLS * k + 1, r->term);
				db_bind_text_kept(st, COLS * k + 2, r->partner->country);
				db_bind_text_kept(st, COLS * k + 3, r->partner->name_key);
				db_bind_int(st, COLS * k + 4, r->partner->id);
				db_bind_int(st, COLS * k + 5, r->vendor_only);
				db_bind_text_kept(st, COLS * k + 6, r->source);
			}
			bool row;
			rc = db_step(st, &row);
			db_done(st);
		}
	}
	struct arena *fresh = rc == CB_OK ? arena_new(1 << 20) : NULL;
	if (rc == CB_OK && !fresh)
		rc = CB_ERR_INTERNAL;
	arena_free(d->arena);
	d->arena = fresh;
	d->n = 0;
	if (rc != CB_OK)
		partner_index_end(ctx);
	return rc;
}

static enum cb_status defer_terms(struct cb_ctx *ctx, const struct terms *t, int64_t id, const char *country,
				  const char *name_key)
{
	struct partner_terms *d = ctx->deferred_terms;
	if (d->n + t->n > d->cap) {
		size_t cap = d->cap ? d->cap * 2 : 4096;
		while (cap < d->n + t->n)
			cap *= 2;
		struct held_row *rows = realloc(d->rows, cap * sizeof *rows);
		if (!rows)
			return CB_ERR_INTERNAL;
		d->rows = rows;
		d->cap = cap;
	}
	struct held_partner *p = arena_alloc(d->arena, sizeof *p);
	*p = (struct held_partner){id, arena_strdup(d->arena, country), arena_strdup(d->arena, name_key)};
	/* Countries are ISO codes or empty, so (country, name_key) order is the order of
	 * country's 2 bytes then name_key's. A longer country gets no place (0), and a row
	 * without one is compared by the strings. */
	uint64_t place = strlen(p->country) <= 2 ? be_bytes(p->name_key, 6, be_bytes(p->country, 2, 0)) : 0;
	for (size_t i = 0; i < t->n; i++)
		d->rows[d->n++] = (struct held_row){be_bytes(t->term[i], 8, 0), place, arena_strdup(d->arena, t->term[i]),
						    t->source[i], p, t->vendor_only[i]};
	return d->n >= DEFER_MAX_ROWS ? partner_index_flush(ctx) : CB_OK;
}

static void add_place_and_names(struct arena *a, struct terms *t, const char *name, const char *legal,
				const char *city, const char *region)
{
	add_words(a, t, name, "name", false);
	if (legal && (!name || strcmp(legal, name) != 0)) /* usually the same: no new words */
		add_words(a, t, legal, "name", false);
	add_words(a, t, city, "city", false);
	add_words(a, t, region, "city", false);
}

static const char *text_of(const struct pval *v)
{
	return v->null ? NULL : v->s;
}

/* ---- search_docs: the list of what a partner has in search_terms ---- */

/* Reads the partner's list into `have` (words, then note words as vendor-only) and the
 * country and sort key its rows were written under; *found = false when it has none. */
static enum cb_status doc_read(struct cb_ctx *ctx, int64_t id, struct terms *have, const char **country,
			       const char **name_key, bool *found)
{
	struct db_stmt *st;
	enum cb_status rc = db_prepare(ctx->db, "SELECT country, name_key, terms, note_terms FROM search_docs "
						"WHERE partner_id = $1", &st);
	if (rc != CB_OK)
		return rc;
	db_bind_int(st, 1, id);
	rc = db_step(st, found);
	if (rc == CB_OK && *found) {
		*country = arena_strdup(ctx->arena, db_col_text(st, 0));
		*name_key = arena_strdup(ctx->arena, db_col_text(st, 1));
		for (int k = 0; k < 2; k++) {
			const char **words;
			size_t n = norm_tokens(ctx->arena, db_col_text(st, 2 + k), &words);
			for (size_t i = 0; i < n && have->n < MAX_TERMS; i++) {
				have->term[have->n] = words[i];
				have->source[have->n] = NULL;
				have->vendor_only[have->n++] = k == 1;
			}
		}
	}
	db_done(st);
	return rc;
}

/* Writes the partner's list: `fresh` for a partner that has none yet. */
static enum cb_status doc_write(struct cb_ctx *ctx, int64_t id, const char *country, const char *name_key,
				const struct terms *t, bool fresh)
{
	struct strbuf words[2];
	for (int k = 0; k < 2; k++)
		sb_init(&words[k], ctx->arena, 256, (size_t)MAX_TERMS * (MAX_TERM_BYTES + 1));
	for (size_t i = 0; i < t->n; i++) {
		struct strbuf *w = &words[t->vendor_only[i]];
		if (w->len)
			sb_putc(w, ' ');
		sb_puts(w, t->term[i]);
	}
	struct db_stmt *st;
	enum cb_status rc = db_prepare(ctx->db,
				       fresh ? "INSERT INTO search_docs (partner_id, country, name_key, terms, note_terms) "
					       "VALUES ($1, $2, $3, $4, $5)"
					     : "INSERT INTO search_docs (partner_id, country, name_key, terms, note_terms) "
					       "VALUES ($1, $2, $3, $4, $5) ON CONFLICT (partner_id) DO UPDATE SET "
					       "country = excluded.country, name_key = excluded.name_key, "
					       "terms = excluded.terms, note_terms = excluded.note_terms",
				       &st);
	if (rc != CB_OK)
		return rc;
	db_bind_int(st, 1, id);
	db_bind_text_kept(st, 2, country);
	db_bind_text_kept(st, 3, name_key);
	db_bind_text_kept(st, 4, words[0].data);
	db_bind_text_kept(st, 5, words[1].data);
	bool row;
	rc = db_step(st, &row);
	db_done(st);
	return rc;
}

enum cb_status partner_index_new(struct cb_ctx *ctx, int64_t id, const struct partner *p, const char *name_key)
{
	struct terms *want = terms_new(ctx->arena);
	/* name_key is the name through norm_text() (partner_norms): its words need no second pass */
	const char *name = text_of(&p->f[PF_NAME]), *legal = text_of(&p->f[PF_LEGAL_NAME]);
	add_norm_words(ctx->arena, want, name_key, "name", false);
	add_place_and_names(ctx->arena, want, NULL, legal && (!name || strcmp(legal, name) != 0) ? legal : NULL,
			    text_of(&p->f[PF_CITY]), text_of(&p->f[PF_REGION]));
	/* the tags partner_reindex reads: every kind but languages */
	for (int f = 0; f < PF_COUNT; f++)
		if (partner_fields[f].kind == PK_TAGS && f != PF_LANGUAGES)
			for (size_t i = 0; i < p->f[f].ntags; i++)
				add_words(ctx->arena, want, p->f[f].tags[i], "tag", false);
	const char *country = text_of(&p->f[PF_COUNTRY]);
	country = country ? country : "";
	name_key = name_key ? name_key : "";
	enum cb_status rc = doc_write(ctx, id, country, name_key, want, true);
	if (rc != CB_OK)
		return rc;
	if (ctx->deferred_terms)
		return defer_terms(ctx, want, id, country, name_key);
	return insert_terms(ctx, want, id, country, name_key);
}

/* Deletes one stored row by its whole key (search_terms' primary key). */
static enum cb_status delete_term(struct cb_ctx *ctx, const char *term, const char *country, const char *name_key,
				  int64_t id, bool vendor_only)
{
	return term_row(ctx, "DELETE FROM search_terms WHERE term = $1 AND country = $2 AND name_key = $3 "
			     "AND partner_id = $4 AND vendor_only = $5",
			term, country, name_key, id, vendor_only, NULL);
}

enum cb_status partner_reindex(struct cb_ctx *ctx, int64_t id)
{
	struct arena *a = ctx->arena;
	struct db_stmt *st;
	enum cb_status rc = partner_index_flush(ctx); /* the partner may have been created just before */
	if (rc != CB_OK)
		return rc;
	rc = db_prepare(ctx->db, "SELECT name, legal_name, city, region, COALESCE(country, ''), name_key "
						"FROM partners WHERE id = $1", &st);
	if (rc != CB_OK)
		return rc;
	db_bind_int(st, 1, id);
	bool row;
	rc = db_step(st, &row);
	if (rc == CB_OK && !row)
		rc = CB_ERR_NOT_FOUND;
	struct terms *want = terms_new(a);
	const char *country = "", *name_key = "";
	if (rc == CB_OK) {
		add_place_and_names(a, want, db_col_text(st, 0), db_col_text(st, 1), db_col_text(st, 2),
				    db_col_text(st, 3));
		country = arena_strdup(a, db_col_text(st, 4));
		name_key = arena_strdup(a, db_col_text(st, 5));
	}
	db_done(st);
	if (rc != CB_OK)
		return rc;
	if ((rc = add_rows(ctx, want, "SELECT tag FROM partner_tags WHERE partner_id = $1 AND kind <> 'language'", id,
				  "tag", false)) != CB_OK ||
	    (rc = add_rows(ctx, want, "SELECT name FROM partner_aliases WHERE partner_id = $1", id, "alias", false)) != CB_OK ||
	    (rc = add_rows(ctx, want, "SELECT body FROM notes WHERE partner_id = $1", id, "note", true)) != CB_OK)
		return rc;

	/* What is stored now. Under the same country and sort key (both part of a row's
	 * key) only the words that changed are written; otherwise every row is replaced. */
	struct terms *have = terms_new(a);
	const char *had_country = "", *had_key = "";
	bool found;
	if ((rc = doc_read(ctx, id, have, &had_country, &had_key, &found)) != CB_OK)
		return rc;
	bool same_key = strcmp(had_country, country) == 0 && strcmp(had_key, name_key) == 0;
	for (size_t i = 0; rc == CB_OK && i < have->n; i++)
		if (!same_key || !has_term(want, have->term[i], have->vendor_only[i]))
			rc = delete_term(ctx, have->term[i], had_country, had_key, id, have->vendor_only[i]);
	struct terms *add = terms_new(a);
	for (size_t i = 0; i < want->n; i++) {
		if (same_key && has_term(have, want->term[i], want->vendor_only[i]))
			continue;
		add->term[add->n] = want->term[i];
		add->source[add->n] = want->source[i];
		add->vendor_only[add->n++] = want->vendor_only[i];
	}
	if (rc == CB_OK)
		rc = insert_terms(ctx, add, id, country, name_key);
	if (rc == CB_OK)
		rc = doc_write(ctx, id, country, name_key, want, !found);
	return rc;
}

enum cb_status partner_unindex(struct cb_ctx *ctx, int64_t id)
{
	enum cb_status rc = partner_index_flush(ctx);
	struct terms *have = terms_new(ctx->arena);
	const char *country = "", *name_key = "";
	bool found = false;
	if (rc == CB_OK)
		rc = doc_read(ctx, id, have, &country, &name_key, &found);
	for (size_t i = 0; rc == CB_OK && i < have->n; i++)
		rc = delete_term(ctx, have->term[i], country, name_key, id, have->vendor_only[i]);
	if (rc == CB_OK && found)
		rc = db_exec1_int(ctx->db, "DELETE FROM search_docs WHERE partner_id = $1", id);
	return rc;
}
