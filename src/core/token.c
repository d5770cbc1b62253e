/*
 * token.c — API tokens in the api_tokens table.
 */
#include "token.h"

#include "../base/arena.h"
#include "../base/clock.h"
#include "../base/crypto.h"
#include "../base/str.h"
#include "../store/db.h"
#include "audit.h"
#include "user.h"

#include <string.h>

#define TOKEN_COLS "t.id, t.user_id, u.email, t.name, t.prefix, t.created_at, t.last_used_at, t.revoked_at"

static void read_row(struct cb_ctx *ctx, struct db_stmt *st, struct token *t)
{
	t->id = db_col_int(st, 0);
	t->user_id = db_col_int(st, 1);
	t->user_email = arena_strdup(ctx->arena, db_col_text(st, 2));
	t->name = arena_strdup(ctx->arena, db_col_text(st, 3));
	t->prefix = arena_strdup(ctx->arena, db_col_text(st, 4));
	t->secret = NULL;
	t->created_at = db_col_int(st, 5);
	t->last_used_at = db_col_int(st, 6);
	t->revoked_at = db_col_int(st, 7);
}

enum cb_status token_create(struct cb_ctx *ctx, int64_t user_id, const char *name, struct token *out)
{
	if (user_id == 0)
		user_id = ctx->who->user_id;
	if (user_id == 0 || (user_id != ctx->who->user_id && ctx->who->via != AUTH_SYSTEM))
		return CB_ERR_FORBIDDEN;
	const char *n = name ? str_trim(ctx->arena, name) : "";
	if (!*n) {
		errors_add(&ctx->errors, "name", "must not be empty");
		return CB_ERR_INVALID;
	}
	struct user u;
	enum cb_status rc = user_get(ctx, user_id, &u);
	if (rc != CB_OK)
		return rc;
	if (u.disabled) {
		errors_add(&ctx->errors, NULL, "user %s is disabled", u.email);
		return CB_ERR_RULE;
	}
	const char *secret = crypto_random_token(ctx->arena, TOKEN_PREFIX);
	char hash[CRYPTO_HASH_HEX_LEN + 1];
	crypto_hash_hex(secret, hash);
	struct db_stmt *st;
	if ((rc = db_prepare(ctx->db,
			     "INSERT INTO api_tokens (user_id, name, token_hash, prefix, created_at) "
			     "VALUES ($1, $2, $3, $4, $5) RETURNING id, created_at", &st)) != CB_OK)
		return rc;
	db_bind_int(st, 1, user_id);
	db_bind_text(st, 2, n);
	db_bind_text(st, 3, hash);
	db_bind_text(st, 4, arena_strndup(ctx->arena, secret, 12));
	db_bind_int(st, 5, clock_now());
	bool row;
	rc = db_step(st, &row);
	if (rc == CB_OK && row) {
		*out = (struct token){.id = db_col_int(st, 0), .user_id = user_id, .user_email = u.email,
				      .name = n, .prefix = arena_strndup(ctx->arena, secret, 12),
				      .secret = secret, .created_at = db_col_int(st, 1)};
	}
	db_done(st);
	if (rc != CB_OK)
		return rc;
	json_t *ch = audit_changes(ctx);
	audit_diff_str(ch, "name", NULL, n);
	audit_diff_int(ch, "user_id", 0, user_id);
	return audit_write(ctx, "token.create", "token", out->id, ch);
}

enum cb_status token_list(struct cb_ctx *ctx, int64_t after, int limit, struct token_page *out)
{
	static const char sql[] = "SELECT " TOKEN_COLS " FROM api_tokens t JOIN users u ON u.id = t.user_id "
				  "WHERE (CAST($1 AS BIGINT) IS NULL OR t.user_id = $1) AND t.id > $2 ORDER BY t.id LIMIT $3";
	struct db_stmt *st;
	enum cb_status rc = db_prepare(ctx->db, sql, &st);
	if (rc != CB_OK)
		return rc;
	if (principal_in(ctx->who, ROLE_BIT(ROLE_ADMIN)))
		db_bind_null(st, 1);
	else
		db_bind_int(st, 1, ctx->who->user_id);
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

enum cb_status token_revoke(struct cb_ctx *ctx, int64_t id)
{
	struct db_stmt *st;
	enum cb_status rc = db_prepare(ctx->db,
				       "SELECT " TOKEN_COLS " FROM api_tokens t JOIN users u ON u.id = t.user_id "
				       "WHERE t.id = $1 AND (CAST($2 AS BIGINT) IS NULL OR t.user_id = $2)", &st);
	if (rc != CB_OK)
		return rc;
	db_bind_int(st, 1, id);
	if (principal_in(ctx->who, ROLE_BIT(ROLE_ADMIN)))
		db_bind_null(st, 2);
	else
		db_bind_int(st, 2, ctx->who->user_id);
	bool row;
	struct token t;
	rc = db_step(st, &row);
	if (rc == CB_OK && !row)
		rc = CB_ERR_NOT_FOUND;
	if (rc == CB_OK)
		read_row(ctx, st, &t);
	db_done(st);
	if (rc != CB_OK)
		return rc;
	if (t.revoked_at)
		return CB_OK; /* idempotent */
	int64_t now = clock_now();
	if ((rc = db_prepare(ctx->db, "UPDATE api_tokens SET revoked_at = $2 WHERE id = $1", &st)) != CB_OK)
		return rc;
	db_bind_int(st, 1, id);
	db_bind_int(st, 2, now);
	rc = db_step(st, &row);
	db_done(st);
	if (rc != CB_OK)
		return rc;
	json_t *ch = audit_changes(ctx);
	audit_diff_int(ch, "revoked_at", 0, now);
	return audit_write(ctx, "token.revoke", "token", id, ch);
}

/* The tokens this thread resolved lately, each with the database version it was read
 * at (db_data_version): the same token on the same connection at the same version gets
 * the same answer without the query, a seventh of a record GET's CPU. Any commit moves
 * the version, so a revoked token, a disabled user or a changed role is seen by the
 * next request as before. Drivers without a version (PostgreSQL) always read. */
#define SEEN_SLOTS 8
struct token_seen {
	bool used;
	struct db_version ver; /* of the connection and the moment it was read at */
	unsigned char key[16]; /* crypto_memo_key of the secret: no hash the database knows */
	int64_t token_id, user_id, partner_id, last_used;
	enum role role;
	char email[256], name[256], locale[16];
};
static _Thread_local struct token_seen seen[SEEN_SLOTS];

static bool copy_in(char *dst, size_t cap, const char *s)
{
	size_t n = s ? strlen(s) : 0;
	if (!s || n >= cap)
		return false;
	memcpy(dst, s, n + 1);
	return true;
}

/* The principal of a resolved token; the strings are given apart, as a remembered token
 * keeps them in its slot and a fresh one may have them only in the query's row. */
static void principal_of(struct cb_ctx *ctx, const struct token_seen *e, const char *email, const char *name,
			 const char *locale, struct principal *out)
{
	*out = (struct principal){
		.via = AUTH_TOKEN,
		.token_id = e->token_id,
		.user_id = e->user_id,
		.role = e->role,
		.partner_id = e->partner_id,
		.email = arena_strdup(ctx->arena, email),
		.name = arena_strdup(ctx->arena, name),
		.locale = arena_strdup(ctx->arena, locale),
	};
}

enum cb_status token_resolve(struct cb_ctx *ctx, const char *secret, struct principal *out)
{
	static const char sql[] =
		"SELECT t.id, t.user_id, t.last_used_at, u.email, u.name, u.role, u.partner_id, "
		"u.locale, u.disabled FROM api_tokens t JOIN users u ON u.id = t.user_id "
		"WHERE t.token_hash = $1 AND t.revoked_at IS NULL";
	if (!secret || strncmp(secret, TOKEN_PREFIX, strlen(TOKEN_PREFIX)) != 0 || strlen(secret) > 128)
		return CB_ERR_UNAUTHENTICATED;
	unsigned char key[16];
	crypto_memo_key(secret, key);
	struct db_version ver;
	bool versioned = db_data_version(ctx->db, &ver);
	struct token_seen *e = &seen[key[0] % SEEN_SLOTS];
	bool known = versioned && e->used && db_version_equal(e->ver, ver) && memcmp(e->key, key, sizeof key) == 0;
	int64_t last_used, tid;
	if (known) {
		principal_of(ctx, e, e->email, e->name, e->locale, out);
		last_used = e->last_used;
		tid = e->token_id;
	} else {
		struct db_stmt *st;
		enum cb_status rc = db_prepare(ctx->db, sql, &st);
		if (rc != CB_OK)
			return rc;
		char hash[CRYPTO_HASH_HEX_LEN + 1];
		crypto_hash_hex(secret, hash);
		db_bind_text(st, 1, hash);
		bool row, live = false;
		struct token_seen got = {.used = true, .ver = ver};
		rc = db_step(st, &row);
		if (rc == CB_OK && row && db_col_int(st, 8) == 0 && role_parse(db_col_text(st, 5), &got.role)) {
			live = true;
			got.token_id = db_col_int(st, 0);
			got.user_id = db_col_int(st, 1);
			got.last_used = db_col_int(st, 2);
			got.partner_id = db_col_int(st, 6);
			bool fits = copy_in(got.email, sizeof got.email, db_col_text(st, 3)) &&
				    copy_in(got.name, sizeof got.name, db_col_text(st, 4)) &&
				    copy_in(got.locale, sizeof got.locale, db_col_text(st, 7));
			principal_of(ctx, &got, db_col_text(st, 3), db_col_text(st, 4), db_col_text(st, 7), out);
			if (versioned && fits) {
				memcpy(got.key, key, sizeof got.key);
				*e = got;
			}
		}
		db_done(st);
		if (rc != CB_OK)
			return rc;
		if (!live)
			return CB_ERR_UNAUTHENTICATED;
		last_used = got.last_used;
		tid = got.token_id;
	}
	int64_t now = clock_now();
	struct db_stmt *st;
	bool row;
	if (now - last_used >= 60 &&
	    db_prepare(ctx->db, "UPDATE api_tokens SET last_used_at = $2 WHERE id = $1", &st) == CB_OK) {
		db_bind_int(st, 1, tid);
		db_bind_int(st, 2, now);
		db_step(st, &row); /* best effort */
		db_done(st);
	}
	return CB_OK;
}
