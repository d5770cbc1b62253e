/*
 * routes.c — the route table: every endpoint of the API in one place.
 *
 * Columns: method, pattern, handler, roles allowed, flags, body cap (0 = server default),
 * summary. docs/openapi.json must describe exactly these routes with the same roles
 * (x-roles); tests/unit/test_openapi.c checks it.
 */
#include "api.h"

#define ALL ROLES_ALL
#define VENDOR ROLES_VENDOR
#define R(x) ROLE_BIT(ROLE_##x)

const struct route api_routes[] = {
	{"GET", "/healthz", api_healthz, 0, RF_PUBLIC | RF_NO_DB | RF_NO_LOG, 0, "process is up"},
	{"GET", "/readyz", api_readyz, 0, RF_PUBLIC | RF_NO_LOG, 0, "database is reachable"},
	{"GET", "/metrics", api_metrics, 0, RF_PUBLIC | RF_NO_DB | RF_NO_LOG, 0, "Prometheus metrics"},
	{"GET", "/api/v1/openapi.json", api_openapi, 0, RF_PUBLIC | RF_NO_DB, 0, "this API's OpenAPI document"},

	{"POST", "/api/v1/session", api_session_create, 0, RF_PUBLIC | RF_JSON, 0, "log in"},
	{"DELETE", "/api/v1/session", api_session_delete, ALL, 0, 0, "log out"},
	{"GET", "/api/v1/me", api_me_get, ALL, 0, 0, "the acting user"},
	{"PATCH", "/api/v1/me", api_me_patch, ALL, RF_JSON, 0, "change own name or locale"},

	{"GET", "/api/v1/users", api_users_list, VENDOR | R(PARTNER_ADMIN), 0, 0, "list users"},
	{"POST", "/api/v1/users", api_users_create, R(ADMIN) | R(PARTNER_ADMIN), RF_JSON, 0, "create a user"},
	{"GET", "/api/v1/users/{id}", api_users_get, VENDOR | R(PARTNER_ADMIN), 0, 0, "one user"},
	{"PATCH", "/api/v1/users/{id}", api_users_patch, R(ADMIN) | R(PARTNER_ADMIN), RF_JSON, 0, "change a user"},
	{"POST", "/api/v1/users/{id}/password", api_users_password, ALL, RF_JSON, 0, "set a password"},

	{"GET", "/api/v1/tokens", api_tokens_list, ALL, 0, 0, "list API tokens"},
	{"POST", "/api/v1/tokens", api_tokens_create, ALL, RF_JSON, 0, "create an API token"},
	{"DELETE", "/api/v1/tokens/{id}", api_tokens_delete, ALL, 0, 0, "revoke an API token"},

	{"GET", "/api/v1/audit", api_audit_list, R(ADMIN) | R(ANALYST), 0, 0, "read the audit trail"},

	{"GET", "/api/v1/partners", api_partners_list, ALL, 0, 0, "list partners"},
	{"POST", "/api/v1/partners", api_partners_create, R(ADMIN) | R(CHANNEL_MANAGER), RF_JSON, 0, "create a partner"},
	{"GET", "/api/v1/partners/{id}", api_partners_get, ALL, 0, 0, "one partner"},

	{NULL, NULL, NULL, 0, 0, 0, NULL},
};
