/*
 * ctx.h — what every core function receives: who is acting, on which connection, in
 * which arena, for which request. The HTTP dispatcher builds one per request; each CLI
 * command builds one with the system principal.
 *
 * Core functions report field-level problems into ctx->errors and return a status; they
 * never write HTTP. They run inside the transaction the caller opened (one request, one
 * transaction) and write their audit rows into it.
 */
#ifndef CB_CTX_H
#define CB_CTX_H

#include "../base/errors.h"
#include "principal.h"

#include <stdbool.h>

struct arena;
struct db;
struct partner_terms;

#define CTX_TIERS_SEEN 8
#define CTX_TIER_NAME 72 /* bytes kept per remembered tier name; longer ones are looked up */

struct cb_ctx {
	struct arena *arena;
	struct db *db;
	const struct principal *who; /* never NULL; principal_anonymous() before login */
	const char *request_id;      /* may be NULL (CLI) */
	const char *client_ip;       /* may be NULL (CLI) */
	struct cb_errors errors;
	/* Set by a core function that must keep its writes even though it returns an error
	 * (a failed login records the failure and its audit row). */
	bool commit_on_error;
	/* Set by a core function that succeeded but whose writes must not stay (dry runs). */
	bool rollback_on_success;
	/* Seconds a rate-limited caller should wait (CB_ERR_RATE_LIMITED). */
	int retry_after;
	/* The partner this principal was last found allowed to read in this request (0 =
	 * none): the 360° record reads several child lists of one partner, and each would
	 * otherwise check again. Kept with the principal it was found for. */
	int64_t readable_partner;
	const struct principal *readable_by;
	/* While a batch import runs: new partners' search rows held back to be written in
	 * key order (partner_index_defer). */
	struct partner_terms *deferred_terms;
	/* The last tier names tier_find found, with their ids and stored spellings: an
	 * import names the same few tiers on every row (one remembered name missed on most
	 * rows of a file that cycles through four). Copied in, not pointing into an arena:
	 * an import row's arena is freed when the row is done. Emptied when a tier is
	 * written. */
	struct {
		char asked[CTX_TIER_NAME], name[CTX_TIER_NAME];
		int64_t id;
	} tier_seen[CTX_TIERS_SEEN];
	unsigned tier_seen_count; /* names remembered so far; slot = count % CTX_TIERS_SEEN */
};

/* Initialises ctx fields; `who` is borrowed. */
void ctx_init(struct cb_ctx *ctx, struct arena *a, struct db *db, const struct principal *who);

#endif
