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
	{"GET", "/api/v1/activity", api_activity, VENDOR, 0, 0, "recent partner activity"},

	{"GET", "/api/v1/partners", api_partners_list, ALL, 0, 0, "list and search partners"},
	{"POST", "/api/v1/partners", api_partners_create, R(ADMIN) | R(CHANNEL_MANAGER), RF_JSON, 0, "create a partner"},
	{"GET", "/api/v1/partners/duplicates", api_partners_duplicates, VENDOR, 0, 0, "likely duplicate partners"},
	{"GET", "/api/v1/partners/stats", api_partners_stats, VENDOR, 0, 0, "partner counts by facet and map points"},
	{"GET", "/api/v1/partners/{id}", api_partners_get, ALL, 0, 0, "the 360° partner record"},
	{"PATCH", "/api/v1/partners/{id}", api_partners_patch, R(ADMIN) | R(CHANNEL_MANAGER) | ROLES_PARTNER, RF_JSON, 0, "change a partner (If-Match)"},
	{"POST", "/api/v1/partners/{id}/status", api_partners_status, R(ADMIN) | R(CHANNEL_MANAGER), RF_JSON, 0, "move a partner along its life cycle"},
	{"POST", "/api/v1/partners/{id}/merge", api_partners_merge, R(ADMIN) | R(CHANNEL_MANAGER), RF_JSON, 0, "merge duplicates into this partner"},
	{"GET", "/api/v1/partners/{id}/history", api_partners_history, VENDOR, 0, 0, "a partner's audit trail"},

	{"GET", "/api/v1/partners/{id}/contacts", api_contacts_list, ALL, 0, 0, "a partner's contacts"},
	{"POST", "/api/v1/partners/{id}/contacts", api_contacts_create, R(ADMIN) | R(CHANNEL_MANAGER) | ROLES_PARTNER, RF_JSON, 0, "add a contact"},
	{"PATCH", "/api/v1/partners/{id}/contacts/{contact_id}", api_contacts_patch, R(ADMIN) | R(CHANNEL_MANAGER) | ROLES_PARTNER, RF_JSON, 0, "change a contact"},
	{"DELETE", "/api/v1/partners/{id}/contacts/{contact_id}", api_contacts_delete, R(ADMIN) | R(CHANNEL_MANAGER) | ROLES_PARTNER, 0, 0, "remove a contact"},

	{"GET", "/api/v1/partners/{id}/territories", api_territories_list, ALL, 0, 0, "a partner's territories"},
	{"POST", "/api/v1/partners/{id}/territories", api_territories_create, R(ADMIN) | R(CHANNEL_MANAGER), RF_JSON, 0, "add a territory"},
	{"DELETE", "/api/v1/partners/{id}/territories/{territory_id}", api_territories_delete, R(ADMIN) | R(CHANNEL_MANAGER), 0, 0, "remove a territory"},

	{"GET", "/api/v1/partners/{id}/notes", api_notes_list, VENDOR, 0, 0, "channel-manager notes"},
	{"POST", "/api/v1/partners/{id}/notes", api_notes_create, R(ADMIN) | R(CHANNEL_MANAGER), RF_JSON, 0, "add a note"},
	{"DELETE", "/api/v1/partners/{id}/notes/{note_id}", api_notes_delete, R(ADMIN) | R(CHANNEL_MANAGER), 0, 0, "delete a note"},

	{"GET", "/api/v1/partners/{id}/documents", api_documents_list, ALL, 0, 0, "a partner's documents"},
	{"POST", "/api/v1/partners/{id}/documents", api_documents_create, R(ADMIN) | R(CHANNEL_MANAGER) | ROLES_PARTNER, RF_MULTIPART, 21u << 20, "upload a document"},
	{"GET", "/api/v1/partners/{id}/documents/{document_id}", api_documents_get, ALL, 0, 0, "download a document"},
	{"DELETE", "/api/v1/partners/{id}/documents/{document_id}", api_documents_delete, R(ADMIN) | R(CHANNEL_MANAGER) | ROLES_PARTNER, 0, 0, "delete a document"},

	{"GET", "/api/v1/tiers", api_tiers_list, ALL, 0, 0, "the program's tiers"},
	{"POST", "/api/v1/tiers", api_tiers_create, R(ADMIN), RF_JSON, 0, "add a tier"},
	{"PATCH", "/api/v1/tiers/{id}", api_tiers_patch, R(ADMIN), RF_JSON, 0, "change a tier"},

	{"POST", "/api/v1/imports/partners", api_imports_partners, R(ADMIN) | R(CHANNEL_MANAGER), 0, 64u << 20, "import partners from CSV (?dry_run=1)"},
	{"POST", "/api/v1/imports/contacts", api_imports_contacts, R(ADMIN) | R(CHANNEL_MANAGER), 0, 64u << 20, "import contacts from CSV (?dry_run=1)"},
	{"GET", "/api/v1/exports/partners.csv", api_exports_partners_csv, VENDOR, 0, 0, "export partners as CSV"},
	{"GET", "/api/v1/exports/partners.json", api_exports_partners_json, VENDOR, 0, 0, "export partners as JSON"},

	{NULL, NULL, NULL, 0, 0, 0, NULL},
};
