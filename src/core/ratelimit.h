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
 * sees all the others. ratelimit_attempt() does this for every guess of a secret (a login
 * in auth.c, a current_password in user.c).
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

#define RATELIMIT_KEYS 2 /* most windows one attempt counts against */

struct ratelimit_attempt {
	int64_t ids[RATELIMIT_KEYS]; /* the attempt's hit in keys[i]'s window; 0 once taken back */
	int refused;                 /* index of the first key whose window is full; -1: none */
	int retry_after;             /* when refused: seconds until every full window reopens */
};

/* Counts one attempt against the windows of keys[0..n) (1 ≤ n ≤ RATELIMIT_KEYS): records
 * a hit in each and commits them in a transaction of its own, then checks each window
 * without the attempt's own hit. Of N concurrent attempts, on any thread or node, the last
 * to check sees the other N - 1, so at most `limit` are let through. A refused attempt
 * (out->refused ≥ 0) is not a failure: its hits are taken back at once, so that hammering
 * does not keep the window shut. An attempt let through keeps its hits: the caller drops
 * them (ratelimit_drop, ratelimit_clear) when the guess was right.
 * Must be called outside any transaction: the caller commits its own first (nothing must
 * be written in it yet) and opens it again for the outcome's writes, so that the hits are
 * visible to every concurrent attempt before any check, and so that verifying the secret
 * (argon2id) holds no write lock. Returns CB_ERR_INTERNAL inside a transaction; on another
 * error the hits may stay recorded. */
enum cb_status ratelimit_attempt(struct cb_ctx *ctx, const char *const *keys, int n, int limit, int window,
				 struct ratelimit_attempt *out);

#endif
