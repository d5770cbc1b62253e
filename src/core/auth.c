/*
 * auth.c — login with rate limiting and audit; logout.
 */
#include "auth.h"

#include "../base/arena.h"
#include "../base/str.h"
#include "../store/db.h"
#include "audit.h"
#include "password.h"
#include "ratelimit.h"

#include <string.h>

struct account {
	int64_t id;
	const char *hash;
	bool disabled;
};

static enum cb_status find_account(struct cb_ctx *ctx, const char *email, struct account *a)
{
	struct db_stmt *st;
	enum cb_status rc = db_prepare(ctx->db,
				       "SELECT id, password_hash, disabled FROM users WHERE email = $1", &st);
	if (rc != CB_OK)
		return rc;
	db_bind_text(st, 1, email);
	bool row;
	rc = db_step(st, &row);
	*a = (struct account){0};
	if (rc == CB_OK && row) {
		a->id = db_col_int(st, 0);
		a->hash = arena_strdup(ctx->arena, db_col_text(st, 1));
		a->disabled = db_col_int(st, 2) != 0;
	}
	db_done(st);
	return rc;
}

static enum cb_status audit_failure(struct cb_ctx *ctx, const char *action, int64_t user_id,
				    const char *email, const char *reason)
{
	json_t *ch = audit_changes(ctx);
	json_object_set_new(ch, "email", json_pack("[ns]", email));
	json_object_set_new(ch, "reason", json_pack("[ns]", reason));
	ctx->commit_on_error = true;
	return audit_write(ctx, action, "user", user_id, ch);
}

/* The attempt counted (ratelimit_attempt: its hits committed before any check, so that
 * every concurrent attempt, on any thread or node, sees them), the account found and the
 * password verified, all outside any transaction. at->refused ≥ 0 names the window that
 * refused (0: the account's, 1: the address's); then nothing is verified. */
static enum cb_status attempt(struct cb_ctx *ctx, const char *kemail, const char *kip, const char *email,
			      const char *password, struct account *acct, struct ratelimit_attempt *at, bool *ok)
{
	const char *const keys[] = {kemail, kip};
	enum cb_status rc = ratelimit_attempt(ctx, keys, 2, AUTH_FAIL_LIMIT, AUTH_FAIL_WINDOW, at);
	if (rc != CB_OK)
		return rc;
	if ((rc = find_account(ctx, email, acct)) != CB_OK || at->refused >= 0)
		return rc;
	if (acct->id && acct->hash)
		*ok = password_verify(acct->hash, password);
	else
		password_burn();
	return CB_OK;
}

enum cb_status auth_login(struct cb_ctx *ctx, const char *email_in, const char *password,
			  struct login_result *out)
{
	const char *email = str_lower(ctx->arena, str_trim(ctx->arena, email_in));
	const char *kemail = arena_printf(ctx->arena, "email:%s", email);
	const char *kip = arena_printf(ctx->arena, "ip:%s", ctx->client_ip ? ctx->client_ip : "-");

	/* The caller's transaction (nothing written in it yet) gives way to attempt()'s own
	 * committed step, and is opened again for the outcome's writes. */
	bool tx = db_in_transaction(ctx->db);
	enum cb_status rc;
	if (tx && (rc = db_commit(ctx->db)) != CB_OK)
		return rc;
	struct account acct = {0};
	struct ratelimit_attempt at;
	bool ok = false;
	rc = attempt(ctx, kemail, kip, email, password, &acct, &at, &ok);
	enum cb_status bt = tx ? db_begin(ctx->db) : CB_OK;
	if (rc != CB_OK)
		return rc;
	if (bt != CB_OK)
		return bt;

	if (at.refused >= 0) {
		/* refused: its hits are already taken back (ratelimit_attempt) */
		ctx->retry_after = at.retry_after;
		rc = audit_failure(ctx, "session.login_refused", acct.id, email,
				   at.refused == 0 ? "too many failures for this account"
						   : "too many failures from this address");
		return rc != CB_OK ? rc : CB_ERR_RATE_LIMITED;
	}
	const char *reason = !acct.id ? "unknown account"
			     : !ok     ? "wrong password"
			     : acct.disabled ? "account disabled"
					     : NULL;
	if (reason) {
		/* the hits recorded stay: they are this failure */
		if ((rc = audit_failure(ctx, "session.login_failed", acct.id, email, reason)) != CB_OK)
			return rc;
		errors_detail(&ctx->errors, "the e-mail address or password is not correct");
		return CB_ERR_UNAUTHENTICATED;
	}

	if ((rc = ratelimit_clear(ctx, kemail)) != CB_OK || (rc = ratelimit_drop(ctx, at.ids[1])) != CB_OK ||
	    (rc = session_create(ctx, acct.id, &out->session)) != CB_OK)
		return rc;
	struct principal me = {.via = AUTH_SESSION, .user_id = acct.id, .email = email,
			       .session_id = out->session.id};
	const struct principal *was = ctx->who;
	ctx->who = principal_system(); /* read the user unscoped */
	rc = user_get(ctx, acct.id, &out->user);
	me.role = out->user.role;
	me.partner_id = out->user.partner_id;
	ctx->who = &me;
	if (rc == CB_OK)
		rc = audit_write(ctx, "session.login", "user", acct.id, NULL);
	ctx->who = was;
	return rc;
}

enum cb_status auth_logout(struct cb_ctx *ctx)
{
	if (ctx->who->via != AUTH_SESSION)
		return CB_OK;
	enum cb_status rc = session_revoke(ctx, ctx->who->session_id);
	if (rc == CB_OK)
		rc = audit_write(ctx, "session.logout", "user", ctx->who->user_id, NULL);
	return rc;
}
