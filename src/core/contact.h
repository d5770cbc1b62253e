/*
 * contact.h — people at a partner (owner, sales, technical, finance, …).
 *
 * Contacts are partner-owned data: the partner's own users, the channel manager who
 * manages the partner, and admins may change them; everyone who may see the partner may
 * read them. At most one contact per partner is primary: making one primary clears the
 * flag on the others. Every change is audited.
 */
#ifndef CB_CONTACT_H
#define CB_CONTACT_H

#include "ctx.h"

#include <jansson.h>
#include <stdint.h>

struct contact {
	int64_t id, partner_id;
	const char *name, *title, *email, *phone, *role;
	bool primary;
	int64_t created_at, updated_at;
};

struct contact_input {
	bool has_name, has_title, has_email, has_phone, has_role, has_primary;
	const char *name, *title, *email, *phone, *role; /* NULL = clear (for optional fields) */
	bool primary;
};

const char *const *contact_roles(void);
/* Reads {name, title, email, phone, role, primary}; unknown fields and bad values are
 * reported to ctx->errors. */
enum cb_status contact_input_json(struct cb_ctx *ctx, const json_t *body, bool create, struct contact_input *in);
/* Every contact of the partner, primary first, then by name. */
enum cb_status contact_list(struct cb_ctx *ctx, int64_t partner_id, struct contact **out, size_t *n);
/* The partner's contact with that id, or (id 0) the first — in list order — whose e-mail
 * equals `email` without regard to ASCII case. CB_ERR_NOT_FOUND when there is none. */
enum cb_status contact_find(struct cb_ctx *ctx, int64_t partner_id, int64_t id, const char *email,
			    struct contact *out);
enum cb_status contact_create(struct cb_ctx *ctx, int64_t partner_id, const struct contact_input *in, struct contact *out);
enum cb_status contact_update(struct cb_ctx *ctx, int64_t partner_id, int64_t id, const struct contact_input *in,
			      struct contact *out);
enum cb_status contact_delete(struct cb_ctx *ctx, int64_t partner_id, int64_t id);
/* Checks the principal may change partner-owned data of partner_id (contacts). */
enum cb_status contact_check_write(struct cb_ctx *ctx, int64_t partner_id);

#endif
