/*
 * territory.c — partner territories with exclusivity checks.
 */
#include "territory.h"

#include "../base/arena.h"
#include "../base/clock.h"
#include "../base/country.h"
#include "../base/str.h"
#include "../store/db.h"
#include "audit.h"
#include "partner.h"

#include <string.h>

#define COLS "id, partner_id, country, region, exclusive, created_at"

static void read_row(struct cb_ctx *ctx, struct db_stmt *st, struct territory *t)
{
	t->id = db_col_int(st, 0);
	t->partner_id = db_col_int(st, 1);
	t->country = arena_strdup(ctx->arena, db_col_text(st, 2));
	t->region = arena_strdup(ctx->arena, db_col_text(st, 3));
	t->exclusive = db_col_int(st, 4) != 0;
	t->created_at = db_col_int(st, 5);
}

enum cb_status territory_list(struct cb_ctx *ctx, int64_t partner_id, struct territory **out, size_t *n)
{
	enum cb_status rc = partner_check_access(ctx, partner_id, false);
	if (rc != CB_OK)
		return rc;
	struct db_stmt *st;
	if ((rc = db_prepare(ctx->db, "SELECT " COLS " FROM territories WHERE partner_id = $1 "
				      "ORDER BY country, region", &st)) != CB_OK)
		return rc;
	db_bind_int(st, 1, partner_id);
	*out = NULL;
	*n = 0;
	size_t cap = 0;
	bool row;
	while ((rc = db_step(st, &row)) == CB_OK && row) {
		*out = arena_grow(ctx->arena, *out, *n, &cap, sizeof **out);
		read_row(ctx, st, &(*out)[(*n)++]);
	}
	db_done(st);
	return rc;
}

bool territory_exclusive_violation(struct cb_ctx *ctx)
{
	/* PostgreSQL names the index; SQLite names its columns, and only the
	 * territories_unique index also has partner_id. */
	const char *m = db_errmsg(ctx->db);
	return strstr(m, "territories_exclusive") ||
	       (strstr(m, "territories.country") && !strstr(m, "territories.partner_id"));
}

enum cb_status territory_clear_exclusive(struct cb_ctx *ctx, int64_t partner_id)
{
	struct db_stmt *st;
	enum cb_status rc = db_prepare(ctx->db, "UPDATE territories SET exclusive = 0 WHERE partner_id = $1 "
						"AND exclusive = 1 RETURNING id", &st);
	if (rc != CB_OK)
		return rc;
	db_bind_int(st, 1, partner_id);
	int64_t *ids;
	size_t n;
	rc = db_step_ids(st, ctx->arena, &ids, &n);
	db_done(st);
	for (size_t i = 0; rc == CB_OK && i < n; i++) {
		json_t *ch = audit_changes(ctx);
		audit_diff_bool(ch, "exclusive", true, false);
		rc = audit_write_partner(ctx, partner_id, "territory.update", "territory", ids[i], ch);
	}
	return rc;
}

enum cb_status territory_add(struct cb_ctx *ctx, int64_t partner_id, const char *country_in, const char *region_in,
			     bool exclusive, struct territory *out)
{
	enum cb_status rc = partner_check_access(ctx, partner_id, true);
	if (rc != CB_OK)
		return rc;
	char country[3] = "";
	if (country_in && strlen(country_in) == 2) {
		country[0] = (char)(country_in[0] & ~0x20);
		country[1] = (char)(country_in[1] & ~0x20);
	}
	if (!country_valid(country)) {
		errors_add(&ctx->errors, "country", "must be an ISO 3166-1 alpha-2 country code such as AE");
		return CB_ERR_INVALID;
	}
	const char *region = region_in ? str_trim(ctx->arena, region_in) : "";
	struct db_stmt *st;
	bool row;
	if (exclusive) {
		/* Whole-country exclusivity conflicts with any exclusive region in it and vice versa.
		 * The partial unique index of migration 004 covers only the same (country, region),
		 * so the exclusive claims of one country take turns: under this lock the check sees
		 * every claim committed before, and none can commit between it and the insert. */
		if ((rc = db_lock_key(ctx->db, arena_printf(ctx->arena, "territory.exclusive:%s", country))) != CB_OK)
			return rc;
		if ((rc = db_prepare(ctx->db, "SELECT t.partner_id, p.name FROM territories t JOIN partners p ON p.id = t.partner_id "
					      "WHERE t.country = $1 AND t.exclusive = 1 AND t.partner_id <> $2 "
					      "AND p.merged_into IS NULL AND p.status <> 'terminated' "
					      "AND (t.region = $3 OR t.region = '' OR $3 = '') LIMIT 1", &st)) != CB_OK)
			return rc;
		db_bind_text(st, 1, country);
		db_bind_int(st, 2, partner_id);
		db_bind_text(st, 3, region);
		rc = db_step(st, &row);
		if (rc == CB_OK && row)
			errors_add(&ctx->errors, "exclusive", "%s%s%s is already held exclusively by partner %lld (%s)", country,
				   *region ? " / " : "", region, (long long)db_col_int(st, 0), db_col_text(st, 1));
		db_done(st);
		if (rc != CB_OK)
			return rc;
		if (row)
			return CB_ERR_CONFLICT;
	}
	if ((rc = db_prepare(ctx->db, "INSERT INTO territories (partner_id, country, region, exclusive, created_at) "
				      "VALUES ($1, $2, $3, $4, $5) RETURNING " COLS, &st)) != CB_OK)
		return rc;
	db_bind_int(st, 1, partner_id);
	db_bind_text(st, 2, country);
	db_bind_text(st, 3, region);
	db_bind_int(st, 4, exclusive);
	db_bind_int(st, 5, clock_now());
	rc = db_step(st, &row);
	if (rc == CB_OK && row)
		read_row(ctx, st, out);
	db_done(st);
	if (rc == CB_ERR_CONFLICT && exclusive && territory_exclusive_violation(ctx)) {
		/* The partial unique index of migration 004 refused it: a backstop, as the lock
		 * above makes the check see any claim of the area committed before this one. */
		errors_add(&ctx->errors, "exclusive", "%s%s%s is already held exclusively by another partner", country,
			   *region ? " / " : "", region);
		return rc;
	}
	if (rc == CB_ERR_CONFLICT) {
		errors_add(&ctx->errors, "region", "the partner already covers %s%s%s", country, *region ? " / " : "", region);
		return rc;
	}
	if (rc != CB_OK)
		return rc;
	json_t *ch = audit_changes(ctx);
	audit_diff_int(ch, "partner_id", 0, partner_id);
	audit_diff_str(ch, "country", NULL, out->country);
	audit_diff_str(ch, "region", NULL, out->region);
	audit_diff_bool(ch, "exclusive", false, out->exclusive);
	return audit_write_partner(ctx, partner_id, "territory.add", "territory", out->id, ch);
}

enum cb_status territory_remove(struct cb_ctx *ctx, int64_t partner_id, int64_t id)
{
	enum cb_status rc = partner_check_access(ctx, partner_id, true);
	if (rc != CB_OK)
		return rc;
	struct db_stmt *st;
	if ((rc = db_prepare(ctx->db, "DELETE FROM territories WHERE id = $1 AND partner_id = $2 "
				      "RETURNING country, region", &st)) != CB_OK)
		return rc;
	db_bind_int(st, 1, id);
	db_bind_int(st, 2, partner_id);
	bool row;
	rc = db_step(st, &row);
	json_t *ch = audit_changes(ctx);
	if (rc == CB_OK && row) {
		audit_diff_str(ch, "country", db_col_text(st, 0), NULL);
		audit_diff_str(ch, "region", db_col_text(st, 1), NULL);
	}
	db_done(st);
	if (rc != CB_OK)
		return rc;
	if (!row)
		return CB_ERR_NOT_FOUND;
	return audit_write_partner(ctx, partner_id, "territory.remove", "territory", id, ch);
}
