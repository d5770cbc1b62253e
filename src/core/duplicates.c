/*
 * duplicates.c — duplicate detection over all partners in memory (keys sorted by the
 * database, runs of equal keys become pairs; similar names are compared only within
 * a city and only between names sharing a word), and the merge.
 */
#include "duplicates.h"

#include "../base/arena.h"
#include "../base/clock.h"
#include "../base/normalize.h"
#include "../store/db.h"
#include "audit.h"
#include "partner.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

struct pair {
	int64_t a, b;
	const char *reason;
	const char *value;
	double score;
};

struct finder {
	struct cb_ctx *ctx;
	struct pair *pairs;
	size_t npairs, cap;
};

/* A key shared by more partners than this is not evidence of a duplicate (a hosting
 * provider's domain, a group switchboard, a placeholder tax id). */
#define MAX_RUN 10

static void add_pair(struct finder *f, int64_t a, int64_t b, const char *reason, const char *value, double score)
{
	if (f->npairs == f->cap) {
		size_t cap = f->cap ? f->cap * 2 : 1024;
		struct pair *np = arena_alloc(f->ctx->arena, sizeof *np * cap);
		if (f->npairs)
			memcpy(np, f->pairs, sizeof *np * f->npairs);
		f->pairs = np;
		f->cap = cap;
	}
	f->pairs[f->npairs++] = (struct pair){a < b ? a : b, a < b ? b : a, reason, value, score};
}

static const char *const public_mail[] = {"gmail.com", "yahoo.com", "hotmail.com", "outlook.com", "live.com",
					  "icloud.com", "aol.com", "mail.ru", "yandex.ru", "yahoo.co.id",
					  "protonmail.com", "gmx.com", NULL};

static bool is_public_mail(const char *d)
{
	for (const char *const *p = public_mail; *p; p++)
		if (strcmp(*p, d) == 0)
			return true;
	return false;
}

/* Runs of equal non-null keys → pairs (each member paired with the run's first). */
static enum cb_status exact_key(struct finder *f, const char *sql, const char *reason, double score)
{
	struct cb_ctx *ctx = f->ctx;
	struct db_stmt *st;
	enum cb_status rc = db_prepare(ctx->db, sql, &st);
	if (rc != CB_OK)
		return rc;
	char prev[512] = "";
	int64_t run[MAX_RUN + 1];
	size_t nrun = 0;
	bool row;
	for (;;) {
		rc = db_step(st, &row);
		const char *key = rc == CB_OK && row ? db_col_text(st, 1) : NULL;
		if (!key || strcmp(key, prev) != 0) {
			if (nrun >= 2 && nrun <= MAX_RUN && !(strcmp(reason, "email_domain") == 0 && is_public_mail(prev))) {
				const char *v = arena_strdup(ctx->arena, prev);
				for (size_t i = 1; i < nrun; i++)
					add_pair(f, run[0], run[i], reason, v, score);
			}
			nrun = 0;
			if (!key)
				break;
			size_t kl = strlen(key);
			if (kl >= sizeof prev)
				kl = sizeof prev - 1;
			memcpy(prev, key, kl);
			prev[kl] = '\0';
		}
		if (nrun <= MAX_RUN)
			run[nrun++] = db_col_int(st, 0);
	}
	db_done(st);
	return rc;
}

struct named {
	int64_t id;
	const char *norm;
	const char **tokens;
	size_t ntokens;
};

struct tok_ref {
	const char *token;
	size_t idx;
};

static int cmp_tok(const void *x, const void *y)
{
	const struct tok_ref *a = x, *b = y;
	int c = strcmp(a->token, b->token);
	return c ? c : (a->idx > b->idx) - (a->idx < b->idx);
}

/* The smallest word of 3+ bytes that both names have (NULL when none). */
static const char *first_shared_word(const struct named *x, const struct named *y)
{
	const char *best = NULL;
	for (size_t i = 0; i < x->ntokens; i++) {
		const char *w = x->tokens[i];
		if (strlen(w) < 3 || (best && strcmp(w, best) >= 0))
			continue;
		for (size_t k = 0; k < y->ntokens; k++)
			if (strcmp(w, y->tokens[k]) == 0) {
				best = w;
				break;
			}
	}
	return best;
}

/* Similar names within one city: candidates share a word of 3+ bytes; a pair that shares
 * several words is compared once, under the smallest of them. */
static void similar_in_city(struct finder *f, struct named *ps, size_t n)
{
	struct arena *a = f->ctx->arena;
	size_t nref = 0;
	for (size_t i = 0; i < n; i++)
		nref += ps[i].ntokens;
	if (n < 2 || nref == 0)
		return;
	struct tok_ref *refs = arena_alloc(a, sizeof *refs * nref);
	nref = 0;
	for (size_t i = 0; i < n; i++)
		for (size_t k = 0; k < ps[i].ntokens; k++)
			if (strlen(ps[i].tokens[k]) >= 3)
				refs[nref++] = (struct tok_ref){ps[i].tokens[k], i};
	qsort(refs, nref, sizeof *refs, cmp_tok);
	for (size_t s = 0; s < nref;) {
		size_t e = s + 1;
		while (e < nref && strcmp(refs[e].token, refs[s].token) == 0)
			e++;
		if (e - s >= 2 && e - s <= MAX_RUN) {
			for (size_t i = s; i < e; i++) {
				for (size_t k = i + 1; k < e; k++) {
					struct named *x = &ps[refs[i].idx], *y = &ps[refs[k].idx];
					if (x->id == y->id || strcmp(x->norm, y->norm) == 0)
						continue;
					const char *w = first_shared_word(x, y);
					if (!w || strcmp(w, refs[s].token) != 0)
						continue;
					double sim = norm_similarity(x->norm, y->norm);
					if (sim >= 0.6)
						add_pair(f, x->id, y->id, "similar_name",
							 arena_printf(a, "%s ~ %s", x->norm, y->norm), 0.8 * sim);
				}
			}
		}
		s = e;
	}
}

static enum cb_status similar_names(struct finder *f)
{
	struct cb_ctx *ctx = f->ctx;
	struct db_stmt *st;
	enum cb_status rc = db_prepare(ctx->db,
				       "SELECT id, name_norm, COALESCE(country, ''), lower(COALESCE(city, '')) FROM partners "
				       "WHERE merged_into IS NULL AND city IS NOT NULL AND name_norm <> '' "
				       "ORDER BY country, lower(city), id", &st);
	if (rc != CB_OK)
		return rc;
	size_t cap = 256, n = 0;
	struct named *block = arena_alloc(ctx->arena, sizeof *block * cap);
	char place[256] = "";
	bool row;
	for (;;) {
		rc = db_step(st, &row);
		char here[256] = "";
		if (rc == CB_OK && row)
			snprintf(here, sizeof here, "%s|%s", db_col_text(st, 2), db_col_text(st, 3));
		if (!(rc == CB_OK && row) || strcmp(here, place) != 0) {
			similar_in_city(f, block, n);
			n = 0;
			if (!(rc == CB_OK && row))
				break;
			memcpy(place, here, sizeof place);
		}
		if (n == cap) {
			struct named *nb = arena_alloc(ctx->arena, sizeof *nb * cap * 2);
			memcpy(nb, block, sizeof *nb * n);
			block = nb;
			cap *= 2;
		}
		struct named *p = &block[n++];
		p->id = db_col_int(st, 0);
		p->norm = arena_strdup(ctx->arena, db_col_text(st, 1));
		p->ntokens = norm_tokens(ctx->arena, p->norm, &p->tokens);
	}
	db_done(st);
	return rc;
}

/* ---- grouping ---- */

struct uf {
	int64_t *ids;   /* sorted distinct ids */
	size_t *parent;
	size_t n;
};

static size_t uf_index(const struct uf *u, int64_t id)
{
	size_t lo = 0, hi = u->n;
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		if (u->ids[mid] < id)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

static size_t uf_find(struct uf *u, size_t i)
{
	while (u->parent[i] != i) {
		u->parent[i] = u->parent[u->parent[i]];
		i = u->parent[i];
	}
	return i;
}

static int cmp_i64(const void *x, const void *y)
{
	int64_t a = *(const int64_t *)x, b = *(const int64_t *)y;
	return (a > b) - (a < b);
}

struct gtmp {
	double score;
	int64_t *ids;
	size_t nids;
	struct dup_reason *reasons;
	size_t nreasons;
};

static int cmp_gtmp(const void *x, const void *y)
{
	const struct gtmp *a = x, *b = y;
	if (a->score != b->score)
		return a->score < b->score ? 1 : -1;
	return cmp_i64(&a->ids[0], &b->ids[0]);
}

static enum cb_status fill_members(struct cb_ctx *ctx, struct dup_group *g, const int64_t *ids, size_t n)
{
	g->members = arena_alloc(ctx->arena, sizeof *g->members * n);
	g->nmembers = 0;
	for (size_t i = 0; i < n; i++) {
		struct db_stmt *st;
		enum cb_status rc = db_prepare(ctx->db, "SELECT id, name, COALESCE(city, ''), COALESCE(country, '') "
							"FROM partners WHERE id = $1", &st);
		if (rc != CB_OK)
			return rc;
		db_bind_int(st, 1, ids[i]);
		bool row;
		rc = db_step(st, &row);
		if (rc == CB_OK && row)
			g->members[g->nmembers++] = (struct dup_member){db_col_int(st, 0), arena_strdup(ctx->arena, db_col_text(st, 1)),
									arena_strdup(ctx->arena, db_col_text(st, 2)),
									arena_strdup(ctx->arena, db_col_text(st, 3))};
		db_done(st);
		if (rc != CB_OK)
			return rc;
	}
	return CB_OK;
}

enum cb_status duplicates_find(struct cb_ctx *ctx, int64_t partner_id, int limit, struct dup_group **out, size_t *n)
{
	size_t total;
	return duplicates_page(ctx, partner_id, 0, limit, out, n, &total);
}

enum cb_status duplicates_page(struct cb_ctx *ctx, int64_t partner_id, int64_t offset, int limit,
			       struct dup_group **out, size_t *n, size_t *total)
{
	struct finder f = {.ctx = ctx};
	enum cb_status rc;
	if ((rc = exact_key(&f, "SELECT id, tax_id FROM partners WHERE merged_into IS NULL AND tax_id IS NOT NULL "
				"ORDER BY tax_id, id", "tax_id", 0.95)) != CB_OK ||
	    /* the same name in another country is most often another company */
	    (rc = exact_key(&f, "SELECT id, COALESCE(country, '') || ' ' || name_norm FROM partners "
				"WHERE merged_into IS NULL AND name_norm <> '' ORDER BY country, name_norm, id", "name",
			    0.9)) != CB_OK ||
	    (rc = exact_key(&f, "SELECT id, web_domain FROM partners WHERE merged_into IS NULL AND web_domain IS NOT NULL "
				"ORDER BY web_domain, id", "web_domain", 0.85)) != CB_OK ||
	    (rc = exact_key(&f, "SELECT id, email_domain FROM partners WHERE merged_into IS NULL "
				"AND email_domain IS NOT NULL ORDER BY email_domain, id", "email_domain", 0.8)) != CB_OK ||
	    (rc = exact_key(&f, "SELECT id, phone_norm FROM partners WHERE merged_into IS NULL AND phone_norm IS NOT NULL "
				"ORDER BY phone_norm, id", "phone", 0.7)) != CB_OK ||
	    (rc = similar_names(&f)) != CB_OK)
		return rc;

	struct arena *a = ctx->arena;
	struct uf u = {.ids = arena_alloc(a, sizeof(int64_t) * (f.npairs * 2 + 1))};
	for (size_t i = 0; i < f.npairs; i++) {
		u.ids[u.n++] = f.pairs[i].a;
		u.ids[u.n++] = f.pairs[i].b;
	}
	qsort(u.ids, u.n, sizeof *u.ids, cmp_i64);
	size_t w = 0;
	for (size_t i = 0; i < u.n; i++)
		if (w == 0 || u.ids[w - 1] != u.ids[i])
			u.ids[w++] = u.ids[i];
	u.n = w;
	u.parent = arena_alloc(a, sizeof *u.parent * (u.n + 1));
	for (size_t i = 0; i < u.n; i++)
		u.parent[i] = i;
	for (size_t i = 0; i < f.npairs; i++) {
		size_t x = uf_find(&u, uf_index(&u, f.pairs[i].a)), y = uf_find(&u, uf_index(&u, f.pairs[i].b));
		if (x != y)
			u.parent[x] = y;
	}
	/* One group per union-find root: count members and pairs, then fill. */
	size_t *gi = arena_alloc(a, sizeof *gi * (u.n + 1));
	for (size_t i = 0; i < u.n; i++)
		gi[i] = SIZE_MAX;
	struct gtmp *g = arena_zalloc(a, sizeof *g * (u.n + 1));
	size_t ng = 0;
	for (size_t i = 0; i < u.n; i++) {
		size_t r = uf_find(&u, i);
		if (gi[r] == SIZE_MAX)
			gi[r] = ng++;
		g[gi[r]].nids++;
	}
	for (size_t i = 0; i < f.npairs; i++)
		g[gi[uf_find(&u, uf_index(&u, f.pairs[i].a))]].nreasons++;
	for (size_t k = 0; k < ng; k++) {
		g[k].ids = arena_alloc(a, sizeof(int64_t) * g[k].nids);
		g[k].reasons = arena_alloc(a, sizeof(struct dup_reason) * g[k].nreasons);
		g[k].nids = g[k].nreasons = 0;
	}
	for (size_t i = 0; i < u.n; i++) {
		struct gtmp *t = &g[gi[uf_find(&u, i)]];
		t->ids[t->nids++] = u.ids[i]; /* ascending, since u.ids is sorted */
	}
	for (size_t i = 0; i < f.npairs; i++) {
		struct gtmp *t = &g[gi[uf_find(&u, uf_index(&u, f.pairs[i].a))]];
		t->reasons[t->nreasons++] = (struct dup_reason){f.pairs[i].reason, f.pairs[i].score, f.pairs[i].a,
							       f.pairs[i].b, f.pairs[i].value};
		if (f.pairs[i].score > t->score)
			t->score = f.pairs[i].score;
	}
	size_t keep = 0;
	for (size_t k = 0; k < ng; k++) {
		bool has = partner_id == 0;
		for (size_t m = 0; !has && m < g[k].nids; m++)
			has = g[k].ids[m] == partner_id;
		if (has)
			g[keep++] = g[k];
	}
	qsort(g, keep, sizeof *g, cmp_gtmp);
	*total = keep;
	size_t from = (uint64_t)offset < keep ? (size_t)offset : keep;
	size_t take = keep - from < (size_t)limit ? keep - from : (size_t)limit;
	struct dup_group *res = arena_zalloc(a, sizeof *res * (take + 1));
	for (size_t i = 0; i < take; i++) {
		const struct gtmp *t = &g[from + i];
		res[i].score = t->score;
		res[i].reasons = t->reasons;
		res[i].nreasons = t->nreasons;
		if ((rc = fill_members(ctx, &res[i], t->ids, t->nids)) != CB_OK)
			return rc;
	}
	*out = res;
	*n = take;
	return CB_OK;
}

/* ---- merge ---- */

/* Child tables whose rows follow a merged partner to the survivor. Later capabilities
 * (deals, leads, sales, …) add their tables here. Territories, tags and partner users are
 * moved by the functions below, which audit each row they change. */
static const char *const child_moves[] = {
	"UPDATE contacts SET partner_id = $1 WHERE partner_id = $2",
	"UPDATE notes SET partner_id = $1 WHERE partner_id = $2",
	"UPDATE documents SET partner_id = $1 WHERE partner_id = $2",
	"UPDATE partner_aliases SET partner_id = $1 WHERE partner_id = $2",
	NULL,
};

static enum cb_status run2(struct cb_ctx *ctx, const char *sql, int64_t a, int64_t b, int64_t *changed)
{
	struct db_stmt *st;
	enum cb_status rc = db_prepare(ctx->db, sql, &st);
	if (rc != CB_OK)
		return rc;
	db_bind_int(st, 1, a);
	db_bind_int(st, 2, b);
	bool row;
	rc = db_step(st, &row);
	if (changed)
		*changed = db_changes(st);
	db_done(st);
	return rc;
}

struct terr {
	int64_t id;
	const char *country, *region;
	bool exclusive;
};

/* Territories of `from` onto `survivor`: an area the survivor already covers stays the
 * survivor's entry, made exclusive when either was, and the merged partner's entry is
 * removed; other areas move over. Each changed row gets its audit entry. */
static enum cb_status move_territories(struct cb_ctx *ctx, int64_t survivor, int64_t from)
{
	struct db_stmt *st;
	enum cb_status rc = db_prepare(ctx->db, "SELECT id, country, region, exclusive FROM territories "
						"WHERE partner_id = $1 ORDER BY id", &st);
	if (rc != CB_OK)
		return rc;
	db_bind_int(st, 1, from);
	size_t n = 0, cap = 16;
	struct terr *ts = arena_alloc(ctx->arena, sizeof *ts * cap);
	bool row;
	while ((rc = db_step(st, &row)) == CB_OK && row) {
		if (n == cap) {
			struct terr *g = arena_alloc(ctx->arena, sizeof *g * cap * 2);
			memcpy(g, ts, sizeof *g * n);
			ts = g;
			cap *= 2;
		}
		ts[n++] = (struct terr){db_col_int(st, 0), arena_strdup(ctx->arena, db_col_text(st, 1)),
					arena_strdup(ctx->arena, db_col_text(st, 2)), db_col_int(st, 3) != 0};
	}
	db_done(st);
	for (size_t i = 0; rc == CB_OK && i < n; i++) {
		const struct terr *t = &ts[i];
		if ((rc = db_prepare(ctx->db, "SELECT id, exclusive FROM territories WHERE partner_id = $1 AND country = $2 "
						"AND region = $3", &st)) != CB_OK)
			break;
		db_bind_int(st, 1, survivor);
		db_bind_text(st, 2, t->country);
		db_bind_text(st, 3, t->region);
		rc = db_step(st, &row);
		int64_t kept = rc == CB_OK && row ? db_col_int(st, 0) : 0;
		bool kept_exclusive = rc == CB_OK && row && db_col_int(st, 1) != 0;
		db_done(st);
		if (rc != CB_OK)
			break;
		json_t *ch = audit_changes(ctx);
		if (!kept) {
			if ((rc = run2(ctx, "UPDATE territories SET partner_id = $1 WHERE id = $2", survivor, t->id,
				       NULL)) != CB_OK)
				break;
			audit_diff_int(ch, "partner_id", from, survivor);
			rc = audit_write_partner(ctx, survivor, "territory.update", "territory", t->id, ch);
			continue;
		}
		/* The removal first: the survivor's entry may become exclusive only once the
		 * merged partner's exclusive entry for the area is gone. */
		if ((rc = db_exec1_int(ctx->db, "DELETE FROM territories WHERE id = $1", t->id)) != CB_OK)
			break;
		audit_diff_int(ch, "partner_id", from, 0);
		audit_diff_str(ch, "country", t->country, NULL);
		audit_diff_str(ch, "region", t->region, NULL);
		audit_diff_bool(ch, "exclusive", t->exclusive, false);
		json_object_set_new(ch, "kept_as", json_integer(kept));
		if ((rc = audit_write_partner(ctx, from, "territory.remove", "territory", t->id, ch)) != CB_OK)
			break;
		if (t->exclusive && !kept_exclusive) {
			if ((rc = db_exec1_int(ctx->db, "UPDATE territories SET exclusive = 1 WHERE id = $1", kept)) != CB_OK)
				break;
			json_t *up = audit_changes(ctx);
			audit_diff_bool(up, "exclusive", false, true);
			rc = audit_write_partner(ctx, survivor, "territory.update", "territory", kept, up);
		}
	}
	return rc;
}

/* Partner users of `from` become users of `survivor`, each with its audit entry. */
static enum cb_status move_users(struct cb_ctx *ctx, int64_t survivor, int64_t from)
{
	struct db_stmt *st;
	enum cb_status rc = db_prepare(ctx->db, "UPDATE users SET partner_id = $1 WHERE partner_id = $2 RETURNING id",
				       &st);
	if (rc != CB_OK)
		return rc;
	db_bind_int(st, 1, survivor);
	db_bind_int(st, 2, from);
	int64_t *ids;
	size_t n;
	rc = db_step_ids(st, ctx->arena, &ids, &n);
	db_done(st);
	for (size_t i = 0; rc == CB_OK && i < n; i++) {
		json_t *ch = audit_changes(ctx);
		audit_diff_int(ch, "partner_id", from, survivor);
		rc = audit_write(ctx, "user.update", "user", ids[i], ch);
	}
	return rc;
}

static bool has_tag(const struct pval *v, const char *t)
{
	for (size_t i = 0; i < v->ntags; i++)
		if (strcasecmp(v->tags[i], t) == 0)
			return true;
	return false;
}

static int cmp_str(const void *x, const void *y)
{
	return strcmp(*(const char *const *)x, *(const char *const *)y);
}

/* The survivor's tag lists after the merge (*after, from *s and every merged partner),
 * or CB_ERR_RULE naming each list that would exceed PARTNER_MAX_TAGS. */
static enum cb_status union_tags(struct cb_ctx *ctx, const struct partner *s, const struct partner *merged,
				 size_t nmerged, struct partner *after)
{
	*after = *s;
	bool over = false;
	for (int f = 0; f < PF_COUNT; f++) {
		if (partner_fields[f].kind != PK_TAGS)
			continue;
		size_t cap = s->f[f].ntags;
		for (size_t m = 0; m < nmerged; m++)
			cap += merged[m].f[f].ntags;
		struct pval *v = &after->f[f];
		v->tags = arena_alloc(ctx->arena, sizeof(char *) * (cap + 1));
		v->ntags = 0;
		for (size_t i = 0; i < s->f[f].ntags; i++)
			v->tags[v->ntags++] = s->f[f].tags[i];
		for (size_t m = 0; m < nmerged; m++)
			for (size_t i = 0; i < merged[m].f[f].ntags; i++)
				if (!has_tag(v, merged[m].f[f].tags[i]))
					v->tags[v->ntags++] = merged[m].f[f].tags[i];
		qsort(v->tags, v->ntags, sizeof(char *), cmp_str);
		if (v->ntags > PARTNER_MAX_TAGS) {
			errors_add(&ctx->errors, partner_fields[f].json,
				   "the merged partners have %zu distinct entries together; at most %d are allowed — "
				   "remove some first", v->ntags, PARTNER_MAX_TAGS);
			over = true;
		}
	}
	return over ? CB_ERR_RULE : CB_OK;
}

static enum cb_status insert_tag(struct cb_ctx *ctx, int64_t id, enum pf_id f, const char *tag)
{
	struct db_stmt *st;
	enum cb_status rc = db_prepare(ctx->db, "INSERT INTO partner_tags (partner_id, kind, tag) VALUES ($1, $2, $3)",
				       &st);
	if (rc != CB_OK)
		return rc;
	db_bind_int(st, 1, id);
	db_bind_text(st, 2, partner_fields[f].column);
	db_bind_text(st, 3, tag);
	bool row;
	rc = db_step(st, &row);
	db_done(st);
	return rc;
}

enum cb_status partner_merge(struct cb_ctx *ctx, int64_t survivor, const int64_t *from, size_t nfrom)
{
	struct partner s;
	enum cb_status rc = partner_get(ctx, survivor, &s);
	if (rc != CB_OK)
		return rc;
	if (!pf_may_write(ctx->who, PF_STATUS, survivor, s.f[PF_MANAGER].null ? 0 : s.f[PF_MANAGER].i)) {
		errors_detail(&ctx->errors, "only an admin or the survivor's channel manager may merge into it");
		return CB_ERR_FORBIDDEN;
	}
	if (s.merged_into) {
		errors_add(&ctx->errors, "id", "partner %lld was itself merged into %lld", (long long)survivor,
			   (long long)s.merged_into);
		return CB_ERR_RULE;
	}
	if (nfrom == 0)
		errors_add(&ctx->errors, "from", "must name at least one partner to merge");
	struct partner *merged = arena_zalloc(ctx->arena, sizeof *merged * (nfrom + 1));
	int64_t *forbidden = arena_alloc(ctx->arena, sizeof *forbidden * (nfrom + 1));
	size_t nforbidden = 0, mark = ctx->errors.count;
	for (size_t i = 0; i < nfrom; i++) {
		for (size_t k = 0; k < i; k++)
			if (from[k] == from[i])
				errors_add(&ctx->errors, "from", "lists partner %lld twice", (long long)from[i]);
		if (from[i] == survivor) {
			errors_add(&ctx->errors, "from", "cannot merge partner %lld into itself", (long long)survivor);
			continue;
		}
		rc = partner_get(ctx, from[i], &merged[i]);
		if (rc == CB_ERR_NOT_FOUND) {
			errors_add(&ctx->errors, "from", "no partner with id %lld", (long long)from[i]);
			continue;
		}
		if (rc != CB_OK)
			return rc;
		if (merged[i].merged_into)
			errors_add(&ctx->errors, "from", "partner %lld was already merged into %lld", (long long)from[i],
				   (long long)merged[i].merged_into);
		/* Merging a partner away changes it as much as a status change does: the
		 * principal must be allowed to write each merged partner, not only the survivor. */
		if (!merged[i].merged_into &&
		    !pf_may_write(ctx->who, PF_STATUS, from[i],
				  merged[i].f[PF_MANAGER].null ? 0 : merged[i].f[PF_MANAGER].i))
			forbidden[nforbidden++] = from[i];
	}
	if (nforbidden) {
		ctx->errors.count = mark;
		for (size_t i = 0; i < nforbidden; i++)
			errors_add(&ctx->errors, "from", "you may not merge partner %lld: only an admin or its channel "
							 "manager may", (long long)forbidden[i]);
		errors_detail(&ctx->errors, "only an admin or the channel manager of every partner involved may merge them");
		return CB_ERR_FORBIDDEN;
	}
	if (errors_any(&ctx->errors))
		return CB_ERR_RULE;
	/* The survivor's tag lists gain the merged partners' entries; a union over the
	 * limit is refused rather than cut short. */
	struct partner after;
	if ((rc = union_tags(ctx, &s, merged, nfrom, &after)) != CB_OK)
		return rc;

	int64_t now = clock_now();
	json_t *moved = json_array();
	for (int f = 0; f < PF_COUNT; f++)
		if (partner_fields[f].kind == PK_TAGS)
			for (size_t i = 0; i < after.f[f].ntags; i++)
				if (!has_tag(&s.f[f], after.f[f].tags[i]) &&
				    (rc = insert_tag(ctx, survivor, f, after.f[f].tags[i])) != CB_OK)
					goto out;
	for (size_t i = 0; i < nfrom; i++) {
		int64_t id = from[i];
		for (const char *const *sql = child_moves; *sql; sql++)
			if ((rc = run2(ctx, *sql, survivor, id, NULL)) != CB_OK)
				goto out;
		if ((rc = partner_unindex(ctx, id)) != CB_OK || (rc = move_territories(ctx, survivor, id)) != CB_OK ||
		    (rc = move_users(ctx, survivor, id)) != CB_OK ||
		    (rc = db_exec1_int(ctx->db, "DELETE FROM partner_tags WHERE partner_id = $1", id)) != CB_OK)
			goto out;
		const char *names[2] = {merged[i].f[PF_NAME].s, merged[i].f[PF_LEGAL_NAME].s};
		for (int k = 0; k < 2; k++) {
			if (!names[k] || (k == 1 && names[0] && strcmp(names[0], names[1]) == 0))
				continue;
			struct db_stmt *st;
			if ((rc = db_prepare(ctx->db, "INSERT INTO partner_aliases (partner_id, name, from_partner, created_at) "
						      "VALUES ($1, $2, $3, $4)", &st)) != CB_OK)
				goto out;
			db_bind_int(st, 1, survivor);
			db_bind_text(st, 2, names[k]);
			db_bind_int(st, 3, id);
			db_bind_int(st, 4, now);
			bool row;
			rc = db_step(st, &row);
			db_done(st);
			if (rc != CB_OK)
				goto out;
		}
		if ((rc = run2(ctx, "UPDATE partners SET merged_into = $1, version = version + 1 WHERE id = $2", survivor,
			       id, NULL)) != CB_OK)
			goto out;
		json_t *ch = audit_changes(ctx);
		audit_diff_int(ch, "merged_into", 0, survivor);
		for (int f = 0; f < PF_COUNT; f++)
			if (partner_fields[f].kind == PK_TAGS && merged[i].f[f].ntags)
				json_object_set_new(ch, partner_fields[f].json,
						    json_pack("[oo]", pf_json(f, &merged[i].f[f]), json_array()));
		if ((rc = audit_write_partner(ctx, id, "partner.merged", "partner", id, ch)) != CB_OK)
			goto out;
		json_array_append_new(moved, json_integer(id));
	}
	if ((rc = run2(ctx, "UPDATE partners SET version = version + 1, updated_at = $2 WHERE id = $1", survivor, now,
		       NULL)) != CB_OK ||
	    (rc = partner_reindex(ctx, survivor)) != CB_OK)
		goto out;
	json_t *ch = audit_changes(ctx);
	json_object_set_new(ch, "merged", json_pack("[nO]", moved));
	for (int f = 0; f < PF_COUNT; f++)
		if (partner_fields[f].kind == PK_TAGS && after.f[f].ntags != s.f[f].ntags) /* a superset */
			json_object_set_new(ch, partner_fields[f].json,
					    json_pack("[oo]", pf_json(f, &s.f[f]), pf_json(f, &after.f[f])));
	rc = audit_write_partner(ctx, survivor, "partner.merge", "partner", survivor, ch);
out:
	json_decref(moved);
	return rc;
}
