/*
 * user.h — vendor staff and partner users.
 *
 * Rules enforced here (for the API and the CLI alike):
 *  - e-mail addresses are unique, compared lower-cased;
 *  - partner roles (partner_admin, partner_rep) are bound to an existing partner, vendor
 *    roles to none, and a user never moves between the two families;
 *  - admin manages every user; a partner_admin manages only users of its own partner
 *    and grants only partner roles; a user may change their own name, locale and
 *    password but never their own role or disabled flag;
 *  - the last active admin cannot be demoted or disabled;
 *  - disabling a user or changing a password revokes sessions (the acting session of a
 *    user changing their own password survives).
 * Every mutation writes an audit row. Lookups are scoped by the principal (a partner
 * user sees only users of its partner; others are "not found").
 */
#ifndef CB_USER_H
#define CB_USER_H

#include "ctx.h"

#include <stdbool.h>
#include <stdint.h>

struct user {
	int64_t id;
	const char *email;
	const char *name;
	enum role role;
	int64_t partner_id; /* 0 for vendor users */
	const char *locale;     /* NULL: the user has not chosen one (the UI follows the browser) */
	bool disabled;
	int64_t created_at;
	int64_t updated_at;
};

struct user_new {
	const char *email;
	const char *name;       /* may be NULL */
	const char *role;       /* role name */
	int64_t partner_id;     /* 0 = none */
	const char *password;
	const char *locale;     /* may be NULL: not chosen */
};

struct user_patch {
	const char *name;       /* NULL = unchanged */
	const char *role;       /* NULL = unchanged */
	const char *locale;     /* NULL = unchanged (unless clear_locale) */
	bool clear_locale;      /* back to "not chosen" */
	bool set_disabled;
	bool disabled;
};

struct user_filter {
	const char *role;       /* NULL = any */
	int64_t partner_id;     /* 0 = any */
	const char *q;          /* substring of e-mail or name; NULL = any */
	int disabled;           /* -1 any, 0 active, 1 disabled */
	int64_t after;          /* cursor: id > after */
	int limit;              /* 1..200 */
};

struct user_page {
	struct user *items;
	size_t count;
	int64_t next_after;     /* 0 when no further page */
};

/* Validation collects every bad field before answering: CB_ERR_INVALID when any is
 * malformed (a bad e-mail, a missing password, or an error the caller already recorded
 * in ctx->errors from its type checks — those fields are not checked again), otherwise
 * CB_ERR_RULE; authorization failures (CB_ERR_FORBIDDEN) answer at once. */

/* Locales the product speaks. */
bool user_locale_valid(const char *s);

enum cb_status user_create(struct cb_ctx *ctx, const struct user_new *in, struct user *out);
enum cb_status user_get(struct cb_ctx *ctx, int64_t id, struct user *out);
enum cb_status user_get_by_email(struct cb_ctx *ctx, const char *email, struct user *out);
enum cb_status user_list(struct cb_ctx *ctx, const struct user_filter *f, struct user_page *out);
enum cb_status user_update(struct cb_ctx *ctx, int64_t id, const struct user_patch *p,
			   struct user *out);
/* current is required when the principal changes its own password. */
enum cb_status user_set_password(struct cb_ctx *ctx, int64_t id, const char *current,
				 const char *new_password);
/* Number of users (any state). */
enum cb_status user_count(struct cb_ctx *ctx, int64_t *out);

#endif
