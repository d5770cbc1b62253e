/*
 * tier.h — the partner program's tiers (seeded Registered, Silver, Gold, Platinum).
 * Everyone signed in reads them; admins create and change them. Names (compared without
 * case) and ranks are unique (CB_ERR_CONFLICT); colours are #rrggbb.
 */
#ifndef CB_TIER_H
#define CB_TIER_H

#include "ctx.h"

#include <jansson.h>
#include <stdint.h>

struct tier {
	int64_t id;
	const char *name, *colour, *description;
	int64_t rank;
	int64_t partners; /* partners currently in the tier */
};

/* The tier named `name`, compared as norm_text() keys (case and accents folded in C, so
 * SQLite and PostgreSQL agree): *id and *canonical (the stored spelling, arena) are set,
 * or *id = 0 when no tier has that name. `canonical` may be NULL. */
enum cb_status tier_find(struct cb_ctx *ctx, const char *name, int64_t *id, const char **canonical);
/* "Registered, Silver, Gold, Platinum": every tier name in rank order (arena). */
enum cb_status tier_names(struct cb_ctx *ctx, const char **out);

enum cb_status tier_list(struct cb_ctx *ctx, struct tier **out, size_t *n);
/* body: {name, rank, colour?, description?}; for update every key is optional. */
enum cb_status tier_create(struct cb_ctx *ctx, const json_t *body, struct tier *out);
enum cb_status tier_update(struct cb_ctx *ctx, int64_t id, const json_t *body, struct tier *out);

#endif
