/*
 * partner.c — partner identity: create, read, list (scoped).
 */
#include "partner.h"

#include "../base/arena.h"
#include "../base/clock.h"
#include "../base/str.h"
#include "../store/db.h"
#include "audit.h"

static void read_row(struct cb_ctx *ctx, struct db_stmt *st, struct partner *p)
{
	p->id = db_col_int(st, 0);
	p->name = arena_strdup(ctx->arena, db_col_text(st, 1));
	p->created_at = db_col_int(st, 2);
	p->updated_at = db_col_int(st, 3);
}

enum cb_status partner_create(struct cb_ctx *ctx, const char *name, struct partner *out)
{
	if (!principal_in(ctx->who, ROLE_BIT(ROLE_ADMIN) | ROLE_BIT(ROLE_CHANNEL_MANAGER)))
		return CB_ERR_FORBIDDEN;
	const char *n = name ? str_trim(ctx->arena, name) : "";
	if (!*n) {
		errors_add(&ctx->errors, "name", "must not be empty");
		return CB_ERR_INVALID;
	}
	struct db_stmt *st;
	enum cb_status rc = db_prepare(ctx->db,
				       "INSERT INTO partners (name, created_at, updated_at) "
				       "VALUES ($1, $2, $2) RETURNING id, name, created_at, updated_at",
				       &st);
	if (rc != CB_OK)
		return rc;
	db_bind_text(st, 1, n);
	db_bind_int(st, 2, clock_now());
	bool row;
	rc = db_step(st, &row);
	if (rc == CB_OK && row)
		read_row(ctx, st, out);
	db_done(st);
	if (rc != CB_OK)
		return rc;
	json_t *ch = audit_changes(ctx);
	audit_diff_str(ch, "name", NULL, out->name);
	return audit_write(ctx, "partner.create", "partner", out->id, ch);
}

enum cb_status partner_get(struct cb_ctx *ctx, int64_t id, struct partner *out)
{
	struct db_stmt *st;
	enum cb_status rc = db_prepare(ctx->db,
				       "SELECT id, name, created_at, updated_at FROM partners "
				       "WHERE id = $1 AND ($2 IS NULL OR id = $2)", &st);
	if (rc != CB_OK)
		return rc;
	db_bind_int(st, 1, id);
	scope_bind(st, 2, scope_of(ctx->who));
	bool row;
	rc = db_step(st, &row);
	if (rc == CB_OK && !row)
		rc = CB_ERR_NOT_FOUND;
	if (rc == CB_OK)
		read_row(ctx, st, out);
	db_done(st);
	return rc;
}

enum cb_status partner_list(struct cb_ctx *ctx, int64_t after, int limit, struct partner_page *out)
{
	struct db_stmt *st;
	enum cb_status rc = db_prepare(ctx->db,
				       "SELECT id, name, created_at, updated_at FROM partners "
				       "WHERE ($1 IS NULL OR id = $1) AND id > $2 ORDER BY id LIMIT $3",
				       &st);
	if (rc != CB_OK)
		return rc;
	scope_bind(st, 1, scope_of(ctx->who));
	db_bind_int(st, 2, after);
	db_bind_int(st, 3, limit + 1);
	out->items = arena_alloc(ctx->arena, sizeof *out->items * (size_t)(limit + 1));
	out->count = 0;
	out->next_after = 0;
	bool row;
	while ((rc = db_step(st, &row)) == CB_OK && row) {
		if (out->count == (size_t)limit) {
			out->next_after = out->items[limit - 1].id;
			break;
		}
		read_row(ctx, st, &out->items[out->count++]);
	}
	db_done(st);
	return rc;
}

enum cb_status partner_exists(struct cb_ctx *ctx, int64_t id, bool *exists)
{
	struct db_stmt *st;
	enum cb_status rc = db_prepare(ctx->db, "SELECT 1 FROM partners WHERE id = $1", &st);
	if (rc != CB_OK)
		return rc;
	db_bind_int(st, 1, id);
	rc = db_step(st, exists);
	db_done(st);
	return rc;
}
