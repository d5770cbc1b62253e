/*
 * territory.h — the countries and regions a partner covers. Vendor-owned: the partner's
 * channel manager or an admin change them; everyone who sees the partner reads them.
 * An exclusive territory (country + region, region '' = whole country) may belong to
 * one active partner only, and a whole country held exclusively leaves no exclusive region
 * of it to another partner (nor the reverse): a clashing exclusive claim is
 * CB_ERR_CONFLICT naming the holder. Concurrent claims of one country take turns
 * (db_lock_key), so the rule holds on every backend; territory_add must run in a write
 * transaction.
 */
#ifndef CB_TERRITORY_H
#define CB_TERRITORY_H

#include "ctx.h"

#include <stdbool.h>
#include <stdint.h>

struct territory {
	int64_t id, partner_id;
	const char *country;
	const char *region; /* "" = whole country */
	bool exclusive;
	int64_t created_at;
};

enum cb_status territory_list(struct cb_ctx *ctx, int64_t partner_id, struct territory **out, size_t *n);
enum cb_status territory_add(struct cb_ctx *ctx, int64_t partner_id, const char *country, const char *region,
			     bool exclusive, struct territory *out);
enum cb_status territory_remove(struct cb_ctx *ctx, int64_t partner_id, int64_t id);
/* Clears the exclusive flag of every territory of the partner (it was terminated: a
 * terminated partner holds no exclusivity), auditing each. No access check: the caller's. */
enum cb_status territory_clear_exclusive(struct cb_ctx *ctx, int64_t partner_id);
/* After CB_ERR_CONFLICT from an insert: true when the unique index of exclusive areas
 * (territories_exclusive) refused it. */
bool territory_exclusive_violation(struct cb_ctx *ctx);

#endif
