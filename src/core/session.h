/*
 * session.h — browser sessions, stored in the database so that several nodes share them.
 *
 * The cookie carries a random secret; the database keeps only its BLAKE2b hash, the
 * user, a CSRF token, and the idle and absolute expiry. session_resolve() turns a
 * cookie into a principal, refusing expired sessions and disabled users, and refreshes
 * last_seen at most once per session_refresh_interval() (a quarter of the idle timeout,
 * at most a minute), so most reads write nothing and an active session never idles out.
 */
#ifndef CB_SESSION_H
#define CB_SESSION_H

#include "ctx.h"

#include <stdint.h>

#define SESSION_COOKIE "cb_session"

struct session_new {
	int64_t id;
	const char *secret;     /* the cookie value; shown once */
	const char *csrf_token;
	int64_t expires_at;     /* absolute expiry */
};

/* Idle and absolute lifetimes in seconds (defaults 2 h and 12 h). */
void session_set_timeouts(int idle_s, int absolute_s);
int session_idle_timeout(void);
int session_absolute_timeout(void);
/* Seconds between last_seen refreshes: min(60, idle / 4), at least 1. */
int session_refresh_interval(void);

enum cb_status session_create(struct cb_ctx *ctx, int64_t user_id, struct session_new *out);
/* Fills *out for a live session; CB_ERR_UNAUTHENTICATED otherwise. */
enum cb_status session_resolve(struct cb_ctx *ctx, const char *secret, struct principal *out);
enum cb_status session_revoke(struct cb_ctx *ctx, int64_t session_id);
/* Revokes every session of user_id except `except_id` (0 = none). */
enum cb_status session_revoke_user(struct cb_ctx *ctx, int64_t user_id, int64_t except_id);

#endif
