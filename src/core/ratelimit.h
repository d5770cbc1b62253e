/*
 * ratelimit.h — sliding-window counters of failed attempts, kept in the database so
 * every node sees the same counts.
 *
 * A key names what is counted ("email:a@b.c", "ip:127.0.0.1"). ratelimit_check()
 * refuses when `limit` hits fall inside the last `window` seconds and says how long to
 * wait; ratelimit_hit() records one; ratelimit_clear() forgets a key.
 */
#ifndef CB_RATELIMIT_H
#define CB_RATELIMIT_H

#include "ctx.h"

/* CB_OK when under the limit; CB_ERR_RATE_LIMITED with *retry_after (≥ 1 s) otherwise. */
enum cb_status ratelimit_check(struct cb_ctx *ctx, const char *key, int limit, int window,
			       int *retry_after);
enum cb_status ratelimit_hit(struct cb_ctx *ctx, const char *key, int window);
enum cb_status ratelimit_clear(struct cb_ctx *ctx, const char *key);

#endif
