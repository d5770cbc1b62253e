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

/* The attempt counted, the account found and the password verified, all outside any
 * transaction: the attempt's two hits are committed first so that every concurrent
 * attempt, on any thread or node, sees them. *limited names the window that refused. */
static enum cb_status attempt(struct cb_ctx *ctx, const char *kemail, const char *kip, const char *email,
			      const char *password, struct account *acct, int64_t ids[2], const char **limited,
			      bool *ok)
{
	enum cb_status rc = db_begin(ctx->db);
	if (rc == CB_OK && (rc = ratelimit_hit(ctx, kemail, AUTH_FAIL_WINDOW, &ids[0])) == CB_OK &&
	    (rc = ratelimit_hit(ctx, kip, AUTH_FAIL_WINDOW, &ids[1])) == CB_OK)
		rc = db_commit(ctx->db);
	if (rc != CB_OK) {
		db_rollback(ctx->db);
		ids[0] = ids[1] = 0;
		return rc;
	}
	/* Of N concurrent attempts the last to count sees the other N - 1: at most
	 * AUTH_FAIL_LIMIT of them get past this point. */
	int wait_e = 0, wait_i = 0;
	enum cb_status le = ratelimit_check(ctx, kemail, AUTH_FAIL_LIMIT, AUTH_FAIL_WINDOW, ids[0], &wait_e);
	enum cb_status li = ratelimit_check(ctx, kip, AUTH_FAIL_LIMIT, AUTH_FAIL_WINDOW, ids[1], &wait_i);
	if (le != CB_OK && le != CB_ERR_RATE_LIMITED)
		return le;
	if (li != CB_OK && li != CB_ERR_RATE_LIMITED)
		return li;
	if ((rc = find_account(ctx, email, acct)) != CB_OK)
		return rc;
	if (le == CB_ERR_RATE_LIMITED || li == CB_ERR_RATE_LIMITED) {
		ctx->retry_after = wait_e > wait_i ? wait_e : wait_i;
		*limited = le == CB_ERR_RATE_LIMITED ? "too many failures for this account"
						     : "too many failures from this address";
		return CB_OK;
	}
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
	int64_t ids[2] = {0, 0};
	const char *limited = NULL;
	bool ok = false;
	rc = attempt(ctx, kemail, kip, email, password, &acct, ids, &limited, &ok);
	enum cb_status bt = tx ? db_begin(ctx->db) : CB_OK;
	if (rc != CB_OK)
		return rc;
	if (bt != CB_OK)
		return bt;

	if (limited) {
		/* A refused attempt is not a failure: it takes its hits back, so that hammering
		 * does not keep the window shut. */
		if ((rc = ratelimit_drop(ctx, ids[0])) != CB_OK || (rc = ratelimit_drop(ctx, ids[1])) != CB_OK)
			return rc;
		rc = audit_failure(ctx, "session.login_refused", acct.id, email, limited);
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

	if ((rc = ratelimit_clear(ctx, kemail)) != CB_OK || (rc = ratelimit_drop(ctx, ids[1])) != CB_OK ||
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
