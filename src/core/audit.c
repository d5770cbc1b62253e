/*
 * audit.c — writing and reading audit_log.
 */
#include "audit.h"

#include "../base/arena.h"
#include "../base/clock.h"
#include "../store/db.h"

#include <stdlib.h>
#include <string.h>

static void decref(void *p)
{
	json_decref(p);
}

json_t *audit_changes(struct cb_ctx *ctx)
{
	json_t *o = json_object();
	arena_defer(ctx->arena, decref, o);
	return o;
}

static json_t *str_or_null(const char *s)
{
	return s ? json_string(s) : json_null();
}

void audit_diff_str(json_t *changes, const char *field, const char *before, const char *after)
{
	if ((before == NULL) == (after == NULL) && (!before || strcmp(before, after) == 0))
		return;
	json_object_set_new(changes, field, json_pack("[oo]", str_or_null(before), str_or_null(after)));
}

void audit_diff_int(json_t *changes, const char *field, int64_t before, int64_t after)
{
	if (before != after)
		json_object_set_new(changes, field, json_pack("[II]", (json_int_t)before, (json_int_t)after));
}

void audit_diff_bool(json_t *changes, const char *field, bool before, bool after)
{
	if (before != after)
		json_object_set_new(changes, field, json_pack("[bb]", before, after));
}

enum cb_status audit_write(struct cb_ctx *ctx, const char *action, const char *entity,
			   int64_t entity_id, json_t *changes)
{
	return audit_write_partner(ctx, 0, action, entity, entity_id, changes);
}

enum cb_status audit_write_partner(struct cb_ctx *ctx, int64_t partner_id, const char *action,
				   const char *entity, int64_t entity_id, json_t *changes)
{
	char *text = NULL;
	if (changes && json_object_size(changes) > 0)
		text = json_dumps(changes, JSON_COMPACT | JSON_SORT_KEYS | JSON_REAL_PRECISION(12));
	enum cb_status rc = audit_write_partner_text(ctx, partner_id, action, entity, entity_id, text);
	free(text);
	return rc;
}

enum cb_status audit_write_partner_text(struct cb_ctx *ctx, int64_t partner_id, const char *action,
					const char *entity, int64_t entity_id, const char *text)
{
	static const char sql[] =
		"INSERT INTO audit_log (at, actor_id, actor, action, entity, entity_id, changes, "
		"request_id, client_ip, partner_id) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)";
	struct db_stmt *st;
	enum cb_status rc = db_prepare(ctx->db, sql, &st);
	if (rc != CB_OK)
		return rc;
	db_bind_int(st, 1, clock_now());
	if (ctx->who->user_id)
		db_bind_int(st, 2, ctx->who->user_id);
	else
		db_bind_null(st, 2);
	db_bind_text_kept(st, 3, ctx->who->email);
	db_bind_text_kept(st, 4, action);
	db_bind_text_kept(st, 5, entity);
	if (entity_id)
		db_bind_int(st, 6, entity_id);
	else
		db_bind_null(st, 6);
	db_bind_text_kept(st, 7, text);
	db_bind_text_kept(st, 8, ctx->request_id);
	db_bind_text_kept(st, 9, ctx->client_ip);
	if (partner_id)
		db_bind_int(st, 10, partner_id);
	else
		db_bind_null(st, 10);
	bool row;
	rc = db_step(st, &row);
	db_done(st);
	return rc;
}

enum cb_status audit_read_page(struct cb_ctx *ctx, struct db_stmt *st, int limit, bool with_name,
			       struct audit_page *out)
{
	out->items = arena_alloc(ctx->arena, sizeof *out->items * (size_t)(limit + 1));
	out->count = 0;
	out->next_after = 0;
	enum cb_status rc;
	bool row;
	while ((rc = db_step(st, &row)) == CB_OK && row) {
		if (out->count == (size_t)limit) {
			out->next_after = out->items[limit - 1].id;
			break;
		}
		struct audit_entry *e = &out->items[out->count++];
		e->id = db_col_int(st, 0);
		e->at = clock_iso_a(ctx->arena, db_col_int(st, 1));
		e->actor_id = db_col_int(st, 2);
		e->actor = arena_strdup(ctx->arena, db_col_text(st, 3));
		e->action = arena_strdup(ctx->arena, db_col_text(st, 4));
		e->entity = arena_strdup(ctx->arena, db_col_text(st, 5));
		e->entity_id = db_col_int(st, 6);
		e->changes = NULL;
		const char *ch = db_col_text(st, 7);
		if (ch) {
			e->changes = json_loads(ch, 0, NULL);
			if (e->changes)
				arena_defer(ctx->arena, decref, e->changes);
		}
		e->request_id = arena_strdup(ctx->arena, db_col_text(st, 8));
		e->client_ip = arena_strdup(ctx->arena, db_col_text(st, 9));
		e->partner_id = db_col_int(st, 10);
		e->partner_name = with_name ? arena_strdup(ctx->arena, db_col_text(st, 11)) : NULL;
	}
	db_done(st);
	return rc;
}

enum cb_status audit_list(struct cb_ctx *ctx, const struct audit_filter *f, struct audit_page *out)
{
	static const char sql[] =
		"SELECT " AUDIT_COLS " FROM audit_log a "
		"WHERE (CAST($1 AS TEXT) IS NULL OR a.entity = $1) AND (CAST($2 AS BIGINT) IS NULL OR a.entity_id = $2) "
		"AND (CAST($3 AS BIGINT) IS NULL OR a.actor_id = $3) AND (CAST($4 AS BIGINT) IS NULL OR a.id < $4) "
		"ORDER BY a.id DESC LIMIT $5";
	struct db_stmt *st;
	enum cb_status rc = db_prepare(ctx->db, sql, &st);
	if (rc != CB_OK)
		return rc;
	db_bind_text(st, 1, f->entity);
	if (f->entity_id) db_bind_int(st, 2, f->entity_id); else db_bind_null(st, 2);
	if (f->actor_id) db_bind_int(st, 3, f->actor_id); else db_bind_null(st, 3);
	if (f->after) db_bind_int(st, 4, f->after); else db_bind_null(st, 4);
	db_bind_int(st, 5, f->limit + 1);
	return audit_read_page(ctx, st, f->limit, false, out);
}
