/*
 * tier.c — configurable partner tiers.
 */
#include "tier.h"

#include "../base/arena.h"
#include "../base/clock.h"
#include "../base/jsonv.h"
#include "../base/normalize.h"
#include "../base/str.h"
#include "../store/db.h"
#include "audit.h"

#include <string.h>

#define SELECT "SELECT t.id, t.name, t.rank, t.colour, t.description, " \
	       "(SELECT COUNT(*) FROM partners p WHERE p.tier_id = t.id AND p.merged_into IS NULL) FROM tiers t"

static void read_row(struct cb_ctx *ctx, struct db_stmt *st, struct tier *t)
{
	t->id = db_col_int(st, 0);
	t->name = arena_strdup(ctx->arena, db_col_text(st, 1));
	t->rank = db_col_int(st, 2);
	t->colour = arena_strdup(ctx->arena, db_col_text(st, 3));
	t->description = arena_strdup(ctx->arena, db_col_text(st, 4));
	t->partners = db_col_int(st, 5);
}

enum cb_status tier_list(struct cb_ctx *ctx, struct tier **out, size_t *n)
{
	struct db_stmt *st;
	enum cb_status rc = db_prepare(ctx->db, SELECT " ORDER BY t.rank LIMIT 100", &st);
	if (rc != CB_OK)
		return rc;
	*out = arena_alloc(ctx->arena, sizeof **out * 100);
	*n = 0;
	bool row;
	while ((rc = db_step(st, &row)) == CB_OK && row)
		read_row(ctx, st, &(*out)[(*n)++]);
	db_done(st);
	return rc;
}

enum cb_status tier_find(struct cb_ctx *ctx, const char *name, int64_t *id, const char **canonical)
{
	*id = 0;
	unsigned known = ctx->tier_seen_count < CTX_TIERS_SEEN ? ctx->tier_seen_count : CTX_TIERS_SEEN;
	for (unsigned i = 0; i < known; i++) {
		if (strcmp(ctx->tier_seen[i].asked, name) == 0) {
			*id = ctx->tier_seen[i].id;
			if (canonical)
				*canonical = arena_strdup(ctx->arena, ctx->tier_seen[i].name);
			return CB_OK;
		}
	}
	const char *want = norm_text(ctx->arena, name);
	struct db_stmt *st;
	enum cb_status rc = db_prepare(ctx->db, "SELECT id, name FROM tiers ORDER BY rank, id LIMIT 1000", &st);
	if (rc != CB_OK)
		return rc;
	bool row;
	while (*want && (rc = db_step(st, &row)) == CB_OK && row) {
		if (strcmp(norm_text(ctx->arena, db_col_text(st, 1)), want) == 0) {
			*id = db_col_int(st, 0);
			const char *stored = db_col_text(st, 1);
			if (canonical)
				*canonical = arena_strdup(ctx->arena, stored);
			size_t na = strlen(name), ns = strlen(stored);
			if (na < CTX_TIER_NAME && ns < CTX_TIER_NAME) {
				unsigned slot = ctx->tier_seen_count++ % CTX_TIERS_SEEN;
				memcpy(ctx->tier_seen[slot].asked, name, na + 1);
				memcpy(ctx->tier_seen[slot].name, stored, ns + 1);
				ctx->tier_seen[slot].id = *id;
			}
			break;
		}
	}
	db_done(st);
	return rc;
}

enum cb_status tier_names(struct cb_ctx *ctx, const char **out)
{
	struct tier *ts;
	size_t n;
	enum cb_status rc = tier_list(ctx, &ts, &n);
	if (rc != CB_OK)
		return rc;
	struct strbuf sb;
	sb_init(&sb, ctx->arena, 128, 8192);
	for (size_t i = 0; i < n; i++)
		sb_printf(&sb, "%s%s", i ? ", " : "", ts[i].name);
	*out = sb.data;
	return CB_OK;
}

static const struct jv_field fields[] = {
	{"name", JV_STRING, JV_NONEMPTY, 60, 0, 0},
	{"rank", JV_INT, 0, 0, 1, 100},
	{"colour", JV_STRING, 0, 7, 0, 0},
	{"description", JV_STRING, 0, 1000, 0, 0},
	{NULL, 0, 0, 0, 0, 0},
};

static bool colour_ok(const char *c)
{
	if (strlen(c) != 7 || c[0] != '#')
		return false;
	for (int i = 1; i < 7; i++)
		if (!strchr("0123456789abcdefABCDEF", c[i]))
			return false;
	return true;
}

static enum cb_status load(struct cb_ctx *ctx, int64_t id, struct tier *t)
{
	struct db_stmt *st;
	enum cb_status rc = db_prepare(ctx->db, SELECT " WHERE t.id = $1", &st);
	if (rc != CB_OK)
		return rc;
	db_bind_int(st, 1, id);
	bool row;
	rc = db_step(st, &row);
	if (rc == CB_OK && !row)
		rc = CB_ERR_NOT_FOUND;
	if (rc == CB_OK)
		read_row(ctx, st, t);
	db_done(st);
	return rc;
}

static enum cb_status save(struct cb_ctx *ctx, const struct tier *cur, const json_t *body, struct tier *out)
{
	if (!jv_check(body, fields, &ctx->errors))
		return CB_ERR_INVALID;
	ctx->tier_seen_count = 0;
	struct tier t = cur ? *cur : (struct tier){.colour = "#6b7280", .description = ""};
	if (jv_has(body, "name"))
		t.name = str_trim(ctx->arena, jv_str(body, "name"));
	if (jv_has(body, "rank"))
		t.rank = jv_int(body, "rank", 0);
	if (jv_has(body, "colour"))
		t.colour = jv_str(body, "colour");
	if (jv_has(body, "description"))
		t.description = jv_str(body, "description");
	if (!cur && !jv_has(body, "name"))
		errors_add(&ctx->errors, "name", "is required");
	if (!cur && !jv_has(body, "rank"))
		errors_add(&ctx->errors, "rank", "is required");
	if (!colour_ok(t.colour))
		errors_add(&ctx->errors, "colour", "must be a colour such as #d4a017");
	if (errors_any(&ctx->errors))
		return CB_ERR_INVALID;
	int64_t same;
	const char *other;
	enum cb_status rc = tier_find(ctx, t.name, &same, &other);
	if (rc != CB_OK)
		return rc;
	if (same && (!cur || same != cur->id)) {
		errors_add(&ctx->errors, "name", "tier '%s' already exists; names are compared without case", other);
		return CB_ERR_CONFLICT;
	}
	struct db_stmt *st;
	rc = cur ? db_prepare(ctx->db, "UPDATE tiers SET name = $2, rank = $3, colour = $4, description = $5, "
						      "updated_at = $6 WHERE id = $1 RETURNING id", &st)
				: db_prepare(ctx->db, "INSERT INTO tiers (name, rank, colour, description, created_at, updated_at) "
						      "VALUES ($2, $3, $4, $5, $6, $6) RETURNING id", &st);
	if (rc != CB_OK)
		return rc;
	db_bind_int(st, 1, cur ? cur->id : 0);
	db_bind_text(st, 2, t.name);
	db_bind_int(st, 3, t.rank);
	db_bind_text(st, 4, t.colour);
	db_bind_text(st, 5, t.description);
	db_bind_int(st, 6, clock_now());
	bool row;
	rc = db_step(st, &row);
	int64_t id = rc == CB_OK && row ? db_col_int(st, 0) : 0;
	db_done(st);
	if (rc == CB_ERR_CONFLICT) {
		errors_add(&ctx->errors, NULL, "another tier has the same name or rank");
		return rc;
	}
	if (rc != CB_OK || (rc = load(ctx, id, out)) != CB_OK)
		return rc;
	json_t *ch = audit_changes(ctx);
	audit_diff_str(ch, "name", cur ? cur->name : NULL, out->name);
	audit_diff_int(ch, "rank", cur ? cur->rank : 0, out->rank);
	audit_diff_str(ch, "colour", cur ? cur->colour : NULL, out->colour);
	audit_diff_str(ch, "description", cur ? cur->description : NULL, out->description);
	return audit_write(ctx, cur ? "tier.update" : "tier.create", "tier", id, ch);
}

enum cb_status tier_create(struct cb_ctx *ctx, const json_t *body, struct tier *out)
{
	return save(ctx, NULL, body, out);
}

enum cb_status tier_update(struct cb_ctx *ctx, int64_t id, const json_t *body, struct tier *out)
{
	struct tier cur;
	enum cb_status rc = load(ctx, id, &cur);
	return rc == CB_OK ? save(ctx, &cur, body, out) : rc;
}
