/*
 * api.h — the resource handlers and the route table.
 *
 * One file per resource (session.c, users.c, tokens.c, audit.c, partners.c,
 * dashboard.c, system.c, …). A handler parses and checks its input (query, path, body through a jv
 * field table), calls one core function with r->ctx, and renders JSON. Rendering
 * helpers shared across resources are declared here.
 */
#ifndef CB_API_H
#define CB_API_H

#include "../core/user.h"
#include "../http/request.h"

extern const struct route api_routes[];

/* JSON of a user (never the password hash). */
json_t *api_user_json(struct req *r, const struct user *u);
/* ISO 8601 string or null for 0. */
json_t *api_time(int64_t t);
/* Reads ?limit= (1..200, default 50) and ?after= (cursor, default 0). */
bool api_page_params(struct req *r, int *limit, int64_t *after);
/* The partner list's filter and sort from the query (q, country, region, type, model,
 * tier, status, segment, industry, manager, sort): shared by the list, the statistics and
 * the exports, so that each selects the same partners. False with errors named. */
struct partner_filter;
bool api_partner_filter(struct req *r, struct partner_filter *f);

/* system.c */
enum cb_status api_healthz(struct req *r);
enum cb_status api_readyz(struct req *r);
enum cb_status api_metrics(struct req *r);
enum cb_status api_openapi(struct req *r);
/* session.c */
enum cb_status api_session_create(struct req *r);
enum cb_status api_session_delete(struct req *r);
enum cb_status api_me_get(struct req *r);
enum cb_status api_me_patch(struct req *r);
/* users.c */
enum cb_status api_users_list(struct req *r);
enum cb_status api_users_create(struct req *r);
enum cb_status api_users_get(struct req *r);
enum cb_status api_users_patch(struct req *r);
enum cb_status api_users_password(struct req *r);
/* tokens.c */
enum cb_status api_tokens_list(struct req *r);
enum cb_status api_tokens_create(struct req *r);
enum cb_status api_tokens_delete(struct req *r);
/* audit.c */
enum cb_status api_audit_list(struct req *r);
struct audit_entry;
/* JSON of an audit entry (new reference); with_partner adds partner_id and partner_name. */
json_t *api_audit_entry_json(const struct audit_entry *e, bool with_partner);
/* dashboard.c */
enum cb_status api_partners_stats(struct req *r);
enum cb_status api_partners_history(struct req *r);
enum cb_status api_activity(struct req *r);
/* partners.c */
enum cb_status api_partners_list(struct req *r);
enum cb_status api_partners_create(struct req *r);
enum cb_status api_partners_get(struct req *r);
enum cb_status api_partners_patch(struct req *r);
enum cb_status api_partners_status(struct req *r);
/* duplicates.c */
enum cb_status api_partners_duplicates(struct req *r);
enum cb_status api_partners_merge(struct req *r);
/* contacts.c */
enum cb_status api_contacts_list(struct req *r);
enum cb_status api_contacts_create(struct req *r);
enum cb_status api_contacts_patch(struct req *r);
enum cb_status api_contacts_delete(struct req *r);
/* territories.c */
enum cb_status api_territories_list(struct req *r);
enum cb_status api_territories_create(struct req *r);
enum cb_status api_territories_delete(struct req *r);
/* notes.c */
enum cb_status api_notes_list(struct req *r);
enum cb_status api_notes_create(struct req *r);
enum cb_status api_notes_delete(struct req *r);
/* documents.c */
enum cb_status api_documents_list(struct req *r);
enum cb_status api_documents_create(struct req *r);
enum cb_status api_documents_get(struct req *r);
enum cb_status api_documents_delete(struct req *r);
/* tiers.c */
enum cb_status api_tiers_list(struct req *r);
enum cb_status api_tiers_create(struct req *r);
enum cb_status api_tiers_patch(struct req *r);
/* imports.c */
enum cb_status api_imports_partners(struct req *r);
enum cb_status api_imports_contacts(struct req *r);
enum cb_status api_exports_partners_csv(struct req *r);
enum cb_status api_exports_partners_json(struct req *r);

/* Renderers shared between resources. */
struct partner;
json_t *api_partner_json(struct req *r, const struct partner *p, bool with_tags);
struct contact;
struct territory;
struct note;
struct document;
/* Each writes one object into sb (base/jsonw.h): the child lists, their single-object
 * responses and the partner record all use these, so the shapes cannot drift apart. */
struct strbuf;
/* Writes items[0..n) with `write`, comma-separated: the inside of a JSON array. */
#define API_WRITE_ALL(sb, items, n, write)                     \
	do {                                                   \
		for (size_t i_ = 0; i_ < (n); i_++) {          \
			if (i_)                                \
				sb_putc((sb), ',');            \
			write((sb), &(items)[i_]);             \
		}                                              \
	} while (0)
void api_contact_write(struct strbuf *sb, const struct contact *c);
void api_territory_write(struct strbuf *sb, const struct territory *t);
void api_note_write(struct strbuf *sb, const struct note *n);
void api_document_write(struct strbuf *sb, const struct document *d);

#endif
