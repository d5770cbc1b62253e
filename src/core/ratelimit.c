/*
 * ratelimit.c — login_failures table as a sliding window, and attempts counted against it.
 */
#include "ratelimit.h"

#include "../base/clock.h"
#include "../store/db.h"

enum cb_status ratelimit_check(struct cb_ctx *ctx, const char *key, int limit, int window, int64_t exclude,
			       int *retry_after)
{
	struct db_stmt *st;
	enum cb_status rc = db_prepare(ctx->db,
				       "SELECT COUNT(*), MIN(at) FROM (SELECT at FROM login_failures "
				       "WHERE key = $1 AND at > $2 AND id <> $4 ORDER BY at DESC LIMIT $3) recent",
				       &st);
	if (rc != CB_OK)
		return rc;
	int64_t now = clock_now();
	db_bind_text(st, 1, key);
	db_bind_int(st, 2, now - window);
	db_bind_int(st, 3, limit);
	db_bind_int(st, 4, exclude);
	bool row;
	rc = db_step(st, &row);
	int64_t count = 0, oldest = 0;
	if (rc == CB_OK && row) {
		count = db_col_int(st, 0);
		oldest = db_col_int(st, 1);
	}
	db_done(st);
	if (rc != CB_OK)
		return rc;
	if (count < limit)
		return CB_OK;
	/* The window reopens when the oldest of the `limit` newest hits ages out. */
	int64_t wait = oldest + window - now;
	*retry_after = wait < 1 ? 1 : (int)wait;
	return CB_ERR_RATE_LIMITED;
}

enum cb_status ratelimit_hit(struct cb_ctx *ctx, const char *key, int window, int64_t *id)
{
	int64_t now = clock_now();
	struct db_stmt *st;
	enum cb_status rc = db_prepare(ctx->db, "DELETE FROM login_failures WHERE key = $1 AND at <= $2", &st);
	if (rc != CB_OK)
		return rc;
	db_bind_text(st, 1, key);
	db_bind_int(st, 2, now - window);
	bool row;
	rc = db_step(st, &row);
	db_done(st);
	if (rc != CB_OK)
		return rc;
	if ((rc = db_prepare(ctx->db, "INSERT INTO login_failures (key, at) VALUES ($1, $2) RETURNING id", &st)) !=
	    CB_OK)
		return rc;
	db_bind_text(st, 1, key);
	db_bind_int(st, 2, now);
	rc = db_step(st, &row);
	if (id)
		*id = rc == CB_OK && row ? db_col_int(st, 0) : 0;
	db_done(st);
	return rc;
}

enum cb_status ratelimit_drop(struct cb_ctx *ctx, int64_t id)
{
	return db_exec1_int(ctx->db, "DELETE FROM login_failures WHERE id = $1", id);
}

enum cb_status ratelimit_clear(struct cb_ctx *ctx, const char *key)
{
	return db_exec1_text(ctx->db, "DELETE FROM login_failures WHERE key = $1", key);
}

enum cb_status ratelimit_attempt(struct cb_ctx *ctx, const char *const *keys, int n, int limit, int window,
				 struct ratelimit_attempt *out)
{
	*out = (struct ratelimit_attempt){.refused = -1};
	if (n < 1 || n > RATELIMIT_KEYS || db_in_transaction(ctx->db))
		return CB_ERR_INTERNAL;
	enum cb_status rc = db_begin(ctx->db);
	for (int i = 0; rc == CB_OK && i < n; i++)
		rc = ratelimit_hit(ctx, keys[i], window, &out->ids[i]);
	if (rc == CB_OK)
		rc = db_commit(ctx->db);
	if (rc != CB_OK) {
		db_rollback(ctx->db);
		*out = (struct ratelimit_attempt){.refused = -1};
		return rc;
	}
	for (int i = 0; i < n; i++) {
		int wait = 0;
		rc = ratelimit_check(ctx, keys[i], limit, window, out->ids[i], &wait);
		if (rc == CB_ERR_RATE_LIMITED) {
			if (out->refused < 0)
				out->refused = i;
			if (wait > out->retry_after)
				out->retry_after = wait;
		} else if (rc != CB_OK) {
			return rc;
		}
	}
	if (out->refused < 0)
		return CB_OK;
	rc = db_begin(ctx->db);
	for (int i = 0; rc == CB_OK && i < n; i++)
		rc = ratelimit_drop(ctx, out->ids[i]);
	if (rc == CB_OK)
		rc = db_commit(ctx->db);
	if (rc != CB_OK) {
		db_rollback(ctx->db);
		return rc;
	}
	for (int i = 0; i < n; i++)
		out->ids[i] = 0;
	return CB_OK;
}
