/*
 * partner.h — the partner organisation, the unit every partner-side row belongs to.
 *
 * This is the identity core of the partner record: id and name. The full four-layer
 * record (identity, performance, relationship, operations) extends this module.
 * Reads are scoped: a partner user sees only its own partner, anything else is
 * "not found". Vendor admins and channel managers create partners.
 */
#ifndef CB_PARTNER_H
#define CB_PARTNER_H

#include "ctx.h"

#include <stdbool.h>
#include <stdint.h>

struct partner {
	int64_t id;
	const char *name;
	int64_t created_at;
	int64_t updated_at;
};

struct partner_page {
	struct partner *items;
	size_t count;
	int64_t next_after;
};

enum cb_status partner_create(struct cb_ctx *ctx, const char *name, struct partner *out);
enum cb_status partner_get(struct cb_ctx *ctx, int64_t id, struct partner *out);
enum cb_status partner_list(struct cb_ctx *ctx, int64_t after, int limit, struct partner_page *out);
/* Unscoped existence check, for validating references. */
enum cb_status partner_exists(struct cb_ctx *ctx, int64_t id, bool *exists);

#endif
