/*
 * ratelimit.h — sliding-window counters of failed attempts, kept in the database so
 * every node sees the same counts.
 *
 * A key names what is counted ("email:a@b.c", "ip:127.0.0.1"). ratelimit_hit() records
 * one hit (pruning the key's hits older than the window) and gives its id;
 * ratelimit_check() refuses when `limit` hits other than `exclude` (0: none) fall inside
 * the last `window` seconds and says how long to wait; ratelimit_drop() takes one hit
 * back; ratelimit_clear() forgets a key.
 *
 * To count attempts atomically across threads and nodes, record the attempt first and
 * commit it, then check excluding it: of several concurrent attempts the last to check
 * sees all the others (auth.c does this).
 */
#ifndef CB_RATELIMIT_H
#define CB_RATELIMIT_H

#include "ctx.h"

/* CB_OK when under the limit; CB_ERR_RATE_LIMITED with *retry_after (≥ 1 s) otherwise. */
enum cb_status ratelimit_check(struct cb_ctx *ctx, const char *key, int limit, int window, int64_t exclude,
			       int *retry_after);
/* *id (may be NULL) gets the new hit's id. */
enum cb_status ratelimit_hit(struct cb_ctx *ctx, const char *key, int window, int64_t *id);
enum cb_status ratelimit_drop(struct cb_ctx *ctx, int64_t id);
enum cb_status ratelimit_clear(struct cb_ctx *ctx, const char *key);

#endif
