/*
 * token.h — API tokens for integrations (`Authorization: Bearer cbt_…`).
 *
 * A token acts as the user who created it, with that user's role and scope. The secret
 * is shown once at creation; the database keeps its BLAKE2b hash and a short prefix so
 * people can tell tokens apart. Revoked tokens stay listed with revoked_at. Users see
 * and revoke their own tokens; admins see and revoke everyone's.
 */
#ifndef CB_TOKEN_H
#define CB_TOKEN_H

#include "ctx.h"

#include <stdint.h>

#define TOKEN_PREFIX "cbt_"

struct token {
	int64_t id;
	int64_t user_id;
	const char *user_email;
	const char *name;
	const char *prefix;     /* first 12 characters of the secret */
	const char *secret;     /* only right after creation; NULL otherwise */
	int64_t created_at;
	int64_t last_used_at;   /* 0 = never */
	int64_t revoked_at;     /* 0 = live */
};

struct token_page {
	struct token *items;
	size_t count;
	int64_t next_after;
};

/* Creates a token for user_id (0 = the acting user). Only the system principal (CLI)
 * may create tokens for another user. */
enum cb_status token_create(struct cb_ctx *ctx, int64_t user_id, const char *name, struct token *out);
enum cb_status token_list(struct cb_ctx *ctx, int64_t after, int limit, struct token_page *out);
enum cb_status token_revoke(struct cb_ctx *ctx, int64_t id);
/* Fills *out for a live token of an enabled user; CB_ERR_UNAUTHENTICATED otherwise. */
enum cb_status token_resolve(struct cb_ctx *ctx, const char *secret, struct principal *out);

#endif
