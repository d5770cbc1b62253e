/*
 * principal.h — who is acting: roles, role sets and data scoping.
 *
 * Vendor roles see every partner's rows; partner roles are bound to one partner and see
 * only that partner's rows. scope_of() turns a principal into the filter every scoped
 * query applies, and scope_bind() binds it as one SQL parameter used as
 *     ... AND ($N IS NULL OR partner_id = $N)
 * so "the rows this principal may see" is one call, not a check in every handler.
 */
#ifndef CB_PRINCIPAL_H
#define CB_PRINCIPAL_H

#include <stdbool.h>
#include <stdint.h>

struct db_stmt;

enum role {
	ROLE_ADMIN,
	ROLE_CHANNEL_MANAGER,
	ROLE_ANALYST,
	ROLE_FINANCE,
	ROLE_PARTNER_ADMIN,
	ROLE_PARTNER_REP,
	ROLE_COUNT
};

#define ROLE_BIT(r) (1u << (r))
#define ROLES_VENDOR                                                                     \
	(ROLE_BIT(ROLE_ADMIN) | ROLE_BIT(ROLE_CHANNEL_MANAGER) | ROLE_BIT(ROLE_ANALYST) | \
	 ROLE_BIT(ROLE_FINANCE))
#define ROLES_PARTNER (ROLE_BIT(ROLE_PARTNER_ADMIN) | ROLE_BIT(ROLE_PARTNER_REP))
#define ROLES_ALL (ROLES_VENDOR | ROLES_PARTNER)

enum auth_via { AUTH_NONE, AUTH_SESSION, AUTH_TOKEN, AUTH_SYSTEM };

struct principal {
	enum auth_via via;
	int64_t user_id;     /* 0 for anonymous and system */
	enum role role;      /* meaningful unless via == AUTH_NONE */
	int64_t partner_id;  /* 0 for vendor roles */
	const char *email;   /* "anonymous" / "system" when there is no user */
	const char *name;
	const char *locale;
	int64_t session_id;  /* when via == AUTH_SESSION */
	const char *csrf_token;
	int64_t token_id;    /* when via == AUTH_TOKEN */
};

struct scope {
	bool all;            /* vendor: every partner */
	int64_t partner_id;  /* otherwise: only this partner */
};

/* Role name ("channel_manager") and parse; role_parse returns false for unknown names. */
const char *role_name(enum role r);
bool role_parse(const char *s, enum role *out);
bool role_is_partner(enum role r);
/* "admin, channel_manager, …" for error messages. */
const char *role_names_all(void);

const struct principal *principal_anonymous(void);
const struct principal *principal_system(void);
bool principal_authenticated(const struct principal *p);
/* True when p's role is in the mask (system is in every mask). */
bool principal_in(const struct principal *p, unsigned role_mask);
bool principal_is_vendor(const struct principal *p);

struct scope scope_of(const struct principal *p);
/* Binds the scope as parameter idx: NULL for all, else the partner id. */
void scope_bind(struct db_stmt *st, int idx, struct scope s);
/* True when a row belonging to partner_id (0 = vendor-owned) is visible in scope. */
bool scope_allows(struct scope s, int64_t partner_id);

#endif
