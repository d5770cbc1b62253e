/*
 * activity.c — a partner's audit trail and the recent activity across partners (see
 * activity.h). Each is one range read of a partial index on audit_log: (partner_id, id)
 * for one partner, (id) where partner_id is set for all of them, walked backwards from
 * the cursor — the cursor is always bound (the largest id when there is none), so the
 * range starts at it instead of filtering a scan from the newest entry.
 */
#include "activity.h"

#include "../store/db.h"
#include "partner.h"

static enum cb_status vendor_only(struct cb_ctx *ctx)
{
	if (principal_is_vendor(ctx->who))
		return CB_OK;
	errors_detail(&ctx->errors, "the partner audit trail is for vendor users");
	return CB_ERR_FORBIDDEN;
}

enum cb_status activity_partner_history(struct cb_ctx *ctx, int64_t partner_id, int64_t after, int limit,
					struct audit_page *out)
{
	static const char sql[] = "SELECT " AUDIT_COLS " FROM audit_log a WHERE a.partner_id = $1 AND a.id < $2 "
				  "ORDER BY a.id DESC LIMIT $3";
	enum cb_status rc = vendor_only(ctx);
	if (rc == CB_OK)
		rc = partner_check_access(ctx, partner_id, false);
	if (rc != CB_OK)
		return rc;
	struct db_stmt *st;
	if ((rc = db_prepare(ctx->db, sql, &st)) != CB_OK)
		return rc;
	db_bind_int(st, 1, partner_id);
	db_bind_int(st, 2, after ? after : INT64_MAX);
	db_bind_int(st, 3, limit + 1);
	return audit_read_page(ctx, st, limit, false, out);
}

enum cb_status activity_recent(struct cb_ctx *ctx, int64_t after, int limit, struct audit_page *out)
{
	static const char sql[] = "SELECT " AUDIT_COLS ", p.name FROM audit_log a LEFT JOIN partners p ON p.id = a.partner_id "
				  "WHERE a.partner_id IS NOT NULL AND a.id < $1 ORDER BY a.id DESC LIMIT $2";
	enum cb_status rc = vendor_only(ctx);
	if (rc != CB_OK)
		return rc;
	struct db_stmt *st;
	if ((rc = db_prepare(ctx->db, sql, &st)) != CB_OK)
		return rc;
	db_bind_int(st, 1, after ? after : INT64_MAX);
	db_bind_int(st, 2, limit + 1);
	return audit_read_page(ctx, st, limit, true, out);
}
