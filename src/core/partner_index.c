/*
 * partner_index.c — keeps a partner's derived data current: the matching keys used by
 * duplicate detection (normalised name, phone, web domain), the sort key, and its rows
 * in search_terms (normalised words of names, aliases, place, tags and — vendor-only —
 * channel-manager notes). Called inside the writing transaction after every change that
 * touches any of those sources.
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

enum cb_status partner_reindex(struct cb_ctx *ctx, int64_t id)
{
	struct arena *a = ctx->arena;
	struct db_stmt *st;
	enum cb_status rc = db_prepare(ctx->db, "SELECT name, legal_name, city, region, country, phone, website, "
						"email_domain FROM partners WHERE id = $1", &st);
	if (rc != CB_OK)
		return rc;
	db_bind_int(st, 1, id);
	bool row;
	rc = db_step(st, &row);
	if (rc == CB_OK && !row)
		rc = CB_ERR_NOT_FOUND;
	const char *name = NULL, *legal = NULL, *city = NULL, *region = NULL, *country = NULL, *phone = NULL,
		   *website = NULL, *mail = NULL;
	if (rc == CB_OK) {
		name = arena_strdup(a, db_col_text(st, 0));
		legal = arena_strdup(a, db_col_text(st, 1));
		city = arena_strdup(a, db_col_text(st, 2));
		region = arena_strdup(a, db_col_text(st, 3));
		country = arena_strdup(a, db_col_text(st, 4));
		phone = arena_strdup(a, db_col_text(st, 5));
		website = arena_strdup(a, db_col_text(st, 6));
		mail = arena_strdup(a, db_col_text(st, 7));
	}
	db_done(st);
	if (rc != CB_OK)
		return rc;

	const char *web = website ? norm_domain(a, website) : NULL;
	(void)mail; /* the e-mail domain is matched as stored (already lower-case) */
	if ((rc = db_prepare(ctx->db, "UPDATE partners SET name_norm = $2, name_key = $3, phone_norm = $4, "
				      "web_domain = $5 WHERE id = $1", &st)) != CB_OK)
		return rc;
	db_bind_int(st, 1, id);
	db_bind_text(st, 2, norm_name(a, name ? name : ""));
	db_bind_text(st, 3, norm_text(a, name ? name : ""));
	const char *pn = phone ? norm_phone(a, phone) : NULL;
	db_bind_text(st, 4, pn && *pn ? pn : NULL);
	db_bind_text(st, 5, web);
	rc = db_step(st, &row);
	db_done(st);
	if (rc != CB_OK)
		return rc;

	struct terms *t = arena_zalloc(a, sizeof *t);
	add_words(a, t, name, "name", false);
	add_words(a, t, legal, "name", false);
	add_words(a, t, city, "city", false);
	add_words(a, t, region, "city", false);
	if ((rc = add_rows(ctx, t, "SELECT tag FROM partner_tags WHERE partner_id = $1", id, "tag", false)) != CB_OK ||
	    (rc = add_rows(ctx, t, "SELECT name FROM partner_aliases WHERE partner_id = $1", id, "alias", false)) != CB_OK ||
	    (rc = add_rows(ctx, t, "SELECT body FROM notes WHERE partner_id = $1", id, "note", true)) != CB_OK)
		return rc;

	if ((rc = db_prepare(ctx->db, "DELETE FROM search_terms WHERE partner_id = $1", &st)) != CB_OK)
		return rc;
	db_bind_int(st, 1, id);
	rc = db_step(st, &row);
	db_done(st);
	for (size_t i = 0; rc == CB_OK && i < t->n; i++) {
		if ((rc = db_prepare(ctx->db, "INSERT INTO search_terms (term, country, partner_id, source, vendor_only) "
					      "VALUES ($1, $2, $3, $4, $5)", &st)) != CB_OK)
			break;
		db_bind_text(st, 1, t->term[i]);
		db_bind_text(st, 2, country ? country : "");
		db_bind_int(st, 3, id);
		db_bind_text(st, 4, t->source[i]);
		db_bind_int(st, 5, t->vendor_only[i]);
		rc = db_step(st, &row);
		db_done(st);
	}
	return rc;
}
