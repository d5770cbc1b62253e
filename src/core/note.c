/*
 * note.c — channel-manager notes.
 */
#include "note.h"

#include "../base/arena.h"
#include "../base/clock.h"
#include "../base/str.h"
#include "../store/db.h"
#include "audit.h"
#include "partner.h"

#include <string.h>

static const char *const kinds[] = {"visit", "call", "email", "qbr", "other", NULL};

const char *const *note_kinds(void) { return kinds; }

#define COLS "n.id, n.partner_id, n.author_id, COALESCE(NULLIF(u.name, ''), u.email), n.kind, n.day, n.body, n.created_at"

static void read_row(struct cb_ctx *ctx, struct db_stmt *st, struct note *n)
{
	struct arena *a = ctx->arena;
	n->id = db_col_int(st, 0);
	n->partner_id = db_col_int(st, 1);
	n->author_id = db_col_int(st, 2);
	n->author = arena_strdup(a, db_col_text(st, 3));
	n->kind = arena_strdup(a, db_col_text(st, 4));
	n->day = arena_strdup(a, db_col_text(st, 5));
	n->body = arena_strdup(a, db_col_text(st, 6));
	n->created_at = db_col_int(st, 7);
}

static enum cb_status vendor_only(struct cb_ctx *ctx)
{
	if (principal_is_vendor(ctx->who))
		return CB_OK;
	errors_detail(&ctx->errors, "notes are for vendor staff only");
	return CB_ERR_FORBIDDEN;
}

enum cb_status note_list(struct cb_ctx *ctx, int64_t partner_id, int64_t after, int limit, struct note **out, size_t *n,
			 int64_t *next_after)
{
	enum cb_status rc = vendor_only(ctx);
	if (rc == CB_OK)
		rc = partner_check_access(ctx, partner_id, false);
	if (rc != CB_OK)
		return rc;
	/* Newest day first; the cursor is the last note's id, and the page goes on after its
	 * (day, id) — an index range on notes_partner (partner_id, day, id). A cursor that is
	 * not a note of this partner gives an empty page. */
	struct db_stmt *st;
	if ((rc = db_prepare(ctx->db,
			     "SELECT " COLS " FROM notes n LEFT JOIN users u ON u.id = n.author_id "
			     "WHERE n.partner_id = $1 AND (CAST($3 AS BIGINT) IS NULL OR EXISTS (SELECT 1 FROM notes c "
			     "WHERE c.id = $3 AND c.partner_id = $1 AND (n.day < c.day OR (n.day = c.day AND n.id < c.id)))) "
			     "ORDER BY n.day DESC, n.id DESC LIMIT $2",
			     &st)) != CB_OK)
		return rc;
	db_bind_int(st, 1, partner_id);
	db_bind_int(st, 2, limit + 1);
	if (after)
		db_bind_int(st, 3, after);
	else
		db_bind_null(st, 3);
	*out = arena_alloc(ctx->arena, sizeof **out * (size_t)(limit + 1));
	*n = 0;
	bool row;
	while ((rc = db_step(st, &row)) == CB_OK && row)
		read_row(ctx, st, &(*out)[(*n)++]);
	db_done(st);
	*next_after = 0;
	if (rc == CB_OK && *n > (size_t)limit) {
		*n = (size_t)limit;
		*next_after = (*out)[limit - 1].id;
	}
	return rc;
}

enum cb_status note_add(struct cb_ctx *ctx, int64_t partner_id, const char *kind, const char *day, const char *body,
			struct note *out)
{
	enum cb_status rc = vendor_only(ctx);
	if (rc == CB_OK)
		rc = partner_check_access(ctx, partner_id, true);
	if (rc != CB_OK)
		return rc;
	bool ok = false;
	for (const char *const *k = kinds; *k; k++)
		ok = ok || (kind && strcmp(*k, kind) == 0);
	int64_t t;
	char today[21];
	clock_iso(clock_now(), today);
	today[10] = '\0';
	if (day && (strlen(day) != 10 || !clock_parse_iso(day, &t)))
		errors_add(&ctx->errors, "date", "must be a date such as 2026-11-23");
	const char *text = body ? str_trim(ctx->arena, body) : "";
	if (!*text)
		errors_add(&ctx->errors, "text", "must not be empty");
	if (errors_any(&ctx->errors))
		return CB_ERR_INVALID;
	if (!ok) {
		errors_add(&ctx->errors, "kind", "must be one of: visit, call, email, qbr, other");
		return CB_ERR_RULE;
	}
	struct db_stmt *st;
	if ((rc = db_prepare(ctx->db, "INSERT INTO notes (partner_id, author_id, kind, day, body, created_at) "
				      "VALUES ($1, $2, $3, $4, $5, $6) RETURNING id", &st)) != CB_OK)
		return rc;
	db_bind_int(st, 1, partner_id);
	if (ctx->who->user_id)
		db_bind_int(st, 2, ctx->who->user_id);
	else
		db_bind_null(st, 2);
	db_bind_text(st, 3, kind);
	db_bind_text(st, 4, day ? day : today);
	db_bind_text(st, 5, text);
	db_bind_int(st, 6, clock_now());
	bool row;
	rc = db_step(st, &row);
	int64_t id = rc == CB_OK && row ? db_col_int(st, 0) : 0;
	db_done(st);
	if (rc != CB_OK)
		return rc;
	if ((rc = db_prepare(ctx->db, "SELECT " COLS " FROM notes n LEFT JOIN users u ON u.id = n.author_id "
				      "WHERE n.id = $1", &st)) != CB_OK)
		return rc;
	db_bind_int(st, 1, id);
	rc = db_step(st, &row);
	if (rc == CB_OK && row)
		read_row(ctx, st, out);
	db_done(st);
	if (rc == CB_OK)
		rc = partner_reindex(ctx, partner_id);
	if (rc != CB_OK)
		return rc;
	json_t *ch = audit_changes(ctx);
	audit_diff_int(ch, "partner_id", 0, partner_id);
	audit_diff_str(ch, "kind", NULL, out->kind);
	audit_diff_str(ch, "date", NULL, out->day);
	audit_diff_str(ch, "text", NULL, out->body);
	return audit_write_partner(ctx, partner_id, "note.add", "note", id, ch);
}

enum cb_status note_delete(struct cb_ctx *ctx, int64_t partner_id, int64_t id)
{
	enum cb_status rc = vendor_only(ctx);
	if (rc == CB_OK)
		rc = partner_check_access(ctx, partner_id, false);
	if (rc != CB_OK)
		return rc;
	struct db_stmt *st;
	if ((rc = db_prepare(ctx->db, "SELECT author_id, body FROM notes WHERE id = $1 AND partner_id = $2", &st)) != CB_OK)
		return rc;
	db_bind_int(st, 1, id);
	db_bind_int(st, 2, partner_id);
	bool row;
	rc = db_step(st, &row);
	int64_t author = row ? db_col_int(st, 0) : 0;
	const char *body = row ? arena_strdup(ctx->arena, db_col_text(st, 1)) : NULL;
	db_done(st);
	if (rc != CB_OK)
		return rc;
	if (!row)
		return CB_ERR_NOT_FOUND;
	if (author != ctx->who->user_id && !principal_in(ctx->who, ROLE_BIT(ROLE_ADMIN))) {
		errors_detail(&ctx->errors, "only the author or an admin may delete a note");
		return CB_ERR_FORBIDDEN;
	}
	if ((rc = db_exec1_int(ctx->db, "DELETE FROM notes WHERE id = $1", id)) != CB_OK ||
	    (rc = partner_reindex(ctx, partner_id)) != CB_OK)
		return rc;
	json_t *ch = audit_changes(ctx);
	audit_diff_str(ch, "text", body, NULL);
	return audit_write_partner(ctx, partner_id, "note.delete", "note", id, ch);
}
