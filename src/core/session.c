/*
 * session.c — cookie sessions in the sessions table.
 */
#include "session.h"

#include "../base/arena.h"
#include "../base/clock.h"
#include "../base/crypto.h"
#include "../store/db.h"

#include <string.h>

static int idle_timeout = 2 * 3600;
static int absolute_timeout = 12 * 3600;

void session_set_timeouts(int idle_s, int absolute_s)
{
	idle_timeout = idle_s;
	absolute_timeout = absolute_s;
}

int session_idle_timeout(void) { return idle_timeout; }
int session_absolute_timeout(void) { return absolute_timeout; }

int session_refresh_interval(void)
{
	int q = idle_timeout / 4;
	return q < 1 ? 1 : q > 60 ? 60 : q;
}

enum cb_status session_create(struct cb_ctx *ctx, int64_t user_id, struct session_new *out)
{
	int64_t now = clock_now();
	struct db_stmt *st;
	/* Forget this user's dead sessions while we are here. */
	enum cb_status rc = db_prepare(ctx->db,
				       "DELETE FROM sessions WHERE user_id = $1 AND "
				       "(expires_at <= $2 OR last_seen_at <= $3)", &st);
	if (rc != CB_OK)
		return rc;
	db_bind_int(st, 1, user_id);
	db_bind_int(st, 2, now);
	db_bind_int(st, 3, now - idle_timeout);
	bool row;
	rc = db_step(st, &row);
	db_done(st);
	if (rc != CB_OK)
		return rc;

	out->secret = crypto_random_token(ctx->arena, "");
	out->csrf_token = crypto_random_token(ctx->arena, "");
	out->expires_at = now + absolute_timeout;
	char hash[CRYPTO_HASH_HEX_LEN + 1];
	crypto_hash_hex(out->secret, hash);
	rc = db_prepare(ctx->db,
			"INSERT INTO sessions (token_hash, user_id, csrf_token, created_at, last_seen_at, "
			"expires_at, client_ip) VALUES ($1, $2, $3, $4, $4, $5, $6) RETURNING id", &st);
	if (rc != CB_OK)
		return rc;
	db_bind_text(st, 1, hash);
	db_bind_int(st, 2, user_id);
	db_bind_text(st, 3, out->csrf_token);
	db_bind_int(st, 4, now);
	db_bind_int(st, 5, out->expires_at);
	db_bind_text(st, 6, ctx->client_ip);
	rc = db_step(st, &row);
	if (rc == CB_OK && row)
		out->id = db_col_int(st, 0);
	db_done(st);
	return rc;
}

enum cb_status session_resolve(struct cb_ctx *ctx, const char *secret, struct principal *out)
{
	static const char sql[] =
		"SELECT s.id, s.user_id, s.csrf_token, s.last_seen_at, s.expires_at, u.email, u.name, "
		"u.role, u.partner_id, u.locale, u.disabled FROM sessions s "
		"JOIN users u ON u.id = s.user_id WHERE s.token_hash = $1";
	if (!secret || strlen(secret) > 128)
		return CB_ERR_UNAUTHENTICATED;
	char hash[CRYPTO_HASH_HEX_LEN + 1];
	crypto_hash_hex(secret, hash);
	struct db_stmt *st;
	enum cb_status rc = db_prepare(ctx->db, sql, &st);
	if (rc != CB_OK)
		return rc;
	db_bind_text(st, 1, hash);
	bool row;
	rc = db_step(st, &row);
	int64_t now = clock_now(), last_seen = 0, sid = 0;
	bool live = false;
	if (rc == CB_OK && row) {
		sid = db_col_int(st, 0);
		last_seen = db_col_int(st, 3);
		int64_t expires = db_col_int(st, 4);
		live = now < expires && now - last_seen < idle_timeout && db_col_int(st, 10) == 0 &&
		       role_parse(db_col_text(st, 7), &out->role);
		if (live) {
			out->via = AUTH_SESSION;
			out->session_id = sid;
			out->user_id = db_col_int(st, 1);
			out->csrf_token = arena_strdup(ctx->arena, db_col_text(st, 2));
			out->email = arena_strdup(ctx->arena, db_col_text(st, 5));
			out->name = arena_strdup(ctx->arena, db_col_text(st, 6));
			out->partner_id = db_col_int(st, 8);
			out->locale = arena_strdup(ctx->arena, db_col_text(st, 9));
			out->token_id = 0;
		}
	}
	db_done(st);
	if (rc != CB_OK)
		return rc;
	if (!live) {
		if (sid)
			session_revoke(ctx, sid);
		return CB_ERR_UNAUTHENTICATED;
	}
	/* Refreshing last_seen costs a write, so it is done at most once per interval; the
	 * interval must stay well inside the idle timeout, or a session active a moment ago
	 * could expire (with --session-idle 60, a 60 s interval let a session touched 44 s
	 * ago end 16 s later). At most a quarter of the idle timeout, at most a minute. */
	if (now - last_seen >= session_refresh_interval()) {
		if (db_prepare(ctx->db, "UPDATE sessions SET last_seen_at = $2 WHERE id = $1", &st) == CB_OK) {
			db_bind_int(st, 1, sid);
			db_bind_int(st, 2, now);
			db_step(st, &row); /* best effort: a busy database must not fail a read */
			db_done(st);
		}
	}
	return CB_OK;
}

enum cb_status session_revoke(struct cb_ctx *ctx, int64_t session_id)
{
	return db_exec1_int(ctx->db, "DELETE FROM sessions WHERE id = $1", session_id);
}

enum cb_status session_revoke_user(struct cb_ctx *ctx, int64_t user_id, int64_t except_id)
{
	struct db_stmt *st;
	enum cb_status rc = db_prepare(ctx->db, "DELETE FROM sessions WHERE user_id = $1 AND id <> $2", &st);
	if (rc != CB_OK)
		return rc;
	db_bind_int(st, 1, user_id);
	db_bind_int(st, 2, except_id);
	bool row;
	rc = db_step(st, &row);
	db_done(st);
	return rc;
}
