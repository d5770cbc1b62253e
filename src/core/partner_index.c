/*
 * partner_index.c — a partner's derived data: the matching keys used by duplicate
 * detection and sorting (normalised name, sort key, phone, web domain), stored with the
 * row by partner.c, and its rows in search_terms (normalised words of names, aliases,
 * place, tags and — vendor-only — channel-manager notes), brought up to date inside the
 * writing transaction after every change that touches any of those sources.
 */
#include "partner.h"

#include "../base/arena.h"
#include "../base/normalize.h"
#include "../store/db.h"

#include <string.h>

#define MAX_TERMS 512
#define MAX_TERM_BYTES 64

struct terms {
	const char *term[MAX_TERMS];
	const char *source[MAX_TERMS];
	bool vendor_only[MAX_TERMS];
	size_t n;
};

static void add_words(struct arena *a, struct terms *t, const char *text, const char *source, bool vendor_only)
{
	if (!text || !*text)
		return;
	const char **words;
	size_t n = norm_tokens(a, norm_text(a, text), &words);
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
	out[0] = norm_name(a, n);
	out[1] = norm_text(a, n);
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

/* Inserts rows for t's terms, one statement each: a statement writing several rows inside
 * a transaction makes SQLite keep a statement journal, which cost more than it saved. */
static enum cb_status insert_terms(struct cb_ctx *ctx, const struct terms *t, int64_t id, const char *country,
				   const char *name_key)
{
	enum cb_status rc = CB_OK;
	for (size_t i = 0; rc == CB_OK && i < t->n; i++) {
		struct db_stmt *st;
		if ((rc = db_prepare(ctx->db, "INSERT INTO search_terms (term, country, partner_id, vendor_only, source, "
					      "name_key) VALUES ($1, $2, $3, $4, $5, $6)", &st)) != CB_OK)
			return rc;
		db_bind_text(st, 1, t->term[i]);
		db_bind_text(st, 2, country);
		db_bind_int(st, 3, id);
		db_bind_int(st, 4, t->vendor_only[i]);
		db_bind_text(st, 5, t->source[i]);
		db_bind_text(st, 6, name_key);
		bool row;
		rc = db_step(st, &row);
		db_done(st);
	}
	return rc;
}

static void add_place_and_names(struct arena *a, struct terms *t, const char *name, const char *legal,
				const char *city, const char *region)
{
	add_words(a, t, name, "name", false);
	add_words(a, t, legal, "name", false);
	add_words(a, t, city, "city", false);
	add_words(a, t, region, "city", false);
}

static const char *text_of(const struct pval *v)
{
	return v->null ? NULL : v->s;
}

enum cb_status partner_index_new(struct cb_ctx *ctx, int64_t id, const struct partner *p, const char *name_key)
{
	struct terms *want = terms_new(ctx->arena);
	add_place_and_names(ctx->arena, want, text_of(&p->f[PF_NAME]), text_of(&p->f[PF_LEGAL_NAME]),
			    text_of(&p->f[PF_CITY]), text_of(&p->f[PF_REGION]));
	/* the tags partner_reindex reads: every kind but languages */
	for (int f = 0; f < PF_COUNT; f++)
		if (partner_fields[f].kind == PK_TAGS && f != PF_LANGUAGES)
			for (size_t i = 0; i < p->f[f].ntags; i++)
				add_words(ctx->arena, want, p->f[f].tags[i], "tag", false);
	const char *country = text_of(&p->f[PF_COUNTRY]);
	return insert_terms(ctx, want, id, country ? country : "", name_key ? name_key : "");
}

static enum cb_status delete_term(struct cb_ctx *ctx, const char *term, const char *country, int64_t id,
				  bool vendor_only)
{
	struct db_stmt *st;
	enum cb_status rc = db_prepare(ctx->db, "DELETE FROM search_terms WHERE term = $1 AND country = $2 "
						"AND partner_id = $3 AND vendor_only = $4", &st);
	if (rc != CB_OK)
		return rc;
	db_bind_text(st, 1, term);
	db_bind_text(st, 2, country);
	db_bind_int(st, 3, id);
	db_bind_int(st, 4, vendor_only);
	bool row;
	rc = db_step(st, &row);
	db_done(st);
	return rc;
}

enum cb_status partner_reindex(struct cb_ctx *ctx, int64_t id)
{
	struct arena *a = ctx->arena;
	struct db_stmt *st;
	enum cb_status rc = db_prepare(ctx->db, "SELECT name, legal_name, city, region, COALESCE(country, ''), name_key "
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

	/* What is stored now; rows under another country are stale as a whole. */
	struct terms *have = terms_new(a);
	struct terms *stale = terms_new(a);
	if ((rc = db_prepare(ctx->db, "SELECT term, vendor_only, country FROM search_terms WHERE partner_id = $1",
			     &st)) != CB_OK)
		return rc;
	db_bind_int(st, 1, id);
	while ((rc = db_step(st, &row)) == CB_OK && row) {
		bool vo = db_col_int(st, 1) != 0;
		const char *term = db_col_text(st, 0), *c = db_col_text(st, 2);
		struct terms *into = strcmp(c ? c : "", country) == 0 && has_term(want, term, vo) ? have : stale;
		if (into->n < MAX_TERMS) {
			into->term[into->n] = arena_strdup(a, term);
			into->source[into->n] = arena_strdup(a, c ? c : ""); /* the stored country */
			into->vendor_only[into->n++] = vo;
		}
	}
	db_done(st);
	for (size_t i = 0; rc == CB_OK && i < stale->n; i++)
		rc = delete_term(ctx, stale->term[i], stale->source[i], id, stale->vendor_only[i]);
	struct terms *add = terms_new(a);
	for (size_t i = 0; i < want->n; i++) {
		if (has_term(have, want->term[i], want->vendor_only[i]))
			continue;
		add->term[add->n] = want->term[i];
		add->source[add->n] = want->source[i];
		add->vendor_only[add->n++] = want->vendor_only[i];
	}
	if (rc == CB_OK)
		rc = insert_terms(ctx, add, id, country, name_key);
	/* The rows kept carry the sort key of the name they were indexed under. */
	if (rc == CB_OK && have->n) {
		if ((rc = db_prepare(ctx->db, "UPDATE search_terms SET name_key = $2 WHERE partner_id = $1 "
					      "AND name_key <> $2", &st)) != CB_OK)
			return rc;
		db_bind_int(st, 1, id);
		db_bind_text(st, 2, name_key);
		rc = db_step(st, &row);
		db_done(st);
	}
	return rc;
}
