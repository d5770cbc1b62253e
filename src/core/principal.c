/*
 * principal.c — role names, the anonymous and system principals, and scoping.
 */
#include "principal.h"

#include "../store/db.h"
#include "ctx.h"

#include <string.h>

static const char *const names[ROLE_COUNT] = {
	[ROLE_ADMIN] = "admin",
	[ROLE_CHANNEL_MANAGER] = "channel_manager",
	[ROLE_ANALYST] = "analyst",
	[ROLE_FINANCE] = "finance",
	[ROLE_PARTNER_ADMIN] = "partner_admin",
	[ROLE_PARTNER_REP] = "partner_rep",
};

const char *role_name(enum role r)
{
	return (unsigned)r < ROLE_COUNT ? names[r] : "unknown";
}

bool role_parse(const char *s, enum role *out)
{
	for (int r = 0; r < ROLE_COUNT && s; r++) {
		if (strcmp(s, names[r]) == 0) {
			*out = (enum role)r;
			return true;
		}
	}
	return false;
}

bool role_is_partner(enum role r)
{
	return r == ROLE_PARTNER_ADMIN || r == ROLE_PARTNER_REP;
}

const char *role_names_all(void)
{
	return "admin, channel_manager, analyst, finance, partner_admin, partner_rep";
}

static const struct principal anonymous = {
	.via = AUTH_NONE, .email = "anonymous", .name = "", .locale = "en"};
static const struct principal system_principal = {
	.via = AUTH_SYSTEM, .role = ROLE_ADMIN, .email = "system", .name = "System", .locale = "en"};

const struct principal *principal_anonymous(void) { return &anonymous; }
const struct principal *principal_system(void) { return &system_principal; }

bool principal_authenticated(const struct principal *p)
{
	return p->via != AUTH_NONE;
}

bool principal_in(const struct principal *p, unsigned role_mask)
{
	if (p->via == AUTH_SYSTEM)
		return true;
	return p->via != AUTH_NONE && (role_mask & ROLE_BIT(p->role));
}

bool principal_is_vendor(const struct principal *p)
{
	return principal_in(p, ROLES_VENDOR);
}

struct scope scope_of(const struct principal *p)
{
	if (p->via == AUTH_SYSTEM || (p->via != AUTH_NONE && !role_is_partner(p->role)))
		return (struct scope){.all = true};
	/* Anonymous sees nothing: partner id -1 matches no row. */
	return (struct scope){.all = false, .partner_id = p->via == AUTH_NONE ? -1 : p->partner_id};
}

void scope_bind(struct db_stmt *st, int idx, struct scope s)
{
	if (s.all)
		db_bind_null(st, idx);
	else
		db_bind_int(st, idx, s.partner_id);
}

bool scope_allows(struct scope s, int64_t partner_id)
{
	return s.all || (partner_id != 0 && partner_id == s.partner_id);
}

void ctx_init(struct cb_ctx *ctx, struct arena *a, struct db *db, const struct principal *who)
{
	ctx->arena = a;
	ctx->db = db;
	ctx->who = who;
	ctx->request_id = NULL;
	ctx->client_ip = NULL;
	ctx->commit_on_error = false;
	ctx->retry_after = 0;
	ctx->rollback_on_success = false;
	ctx->readable_partner = 0;
	ctx->readable_by = NULL;
	ctx->deferred_terms = NULL;
	ctx->tier_seen_count = 0;
	errors_init(&ctx->errors, a);
}
