/*
 * auth.h — logging in and out.
 *
 * auth_login() checks the per-account and per-address failure windows (5 failures in
 * 5 minutes → CB_ERR_RATE_LIMITED with ctx->retry_after), verifies the argon2id
 * password (spending the same time for unknown accounts), and on success opens a
 * session. Every failure is recorded and audited; it sets ctx->commit_on_error so those
 * rows survive the error response.
 */
#ifndef CB_AUTH_H
#define CB_AUTH_H

#include "ctx.h"
#include "session.h"
#include "user.h"

#define AUTH_FAIL_LIMIT 5
#define AUTH_FAIL_WINDOW 300

struct login_result {
	struct user user;
	struct session_new session;
};

enum cb_status auth_login(struct cb_ctx *ctx, const char *email, const char *password,
			  struct login_result *out);
/* Ends the acting principal's session (no-op for token principals). */
enum cb_status auth_logout(struct cb_ctx *ctx);

#endif
