/*
 * contact.c — partner contacts.
 */
#include "contact.h"

#include "../base/arena.h"
#include "../base/clock.h"
#include "../base/jsonv.h"
#include "../base/str.h"
#include "../store/db.h"
#include "audit.h"
#include "partner.h"

#include <string.h>

static const char *const roles[] = {"owner", "sales", "technical", "finance", "marketing", "support", "other", NULL};

const char *const *contact_roles(void) { return roles; }

static const struct jv_field fields[] = {
	{"name", JV_STRING, JV_NONEMPTY, 200, 0, 0},
	{"title", JV_STRING, JV_NULLABLE, 200, 0, 0},
	{"email", JV_STRING, JV_NULLABLE, 254, 0, 0},
	{"phone", JV_STRING, JV_NULLABLE, 40, 0, 0},
	{"role", JV_STRING, 0, 20, 0, 0},
	{"primary", JV_BOOL, 0, 0, 0, 0},
	{NULL, 0, 0, 0, 0, 0},
};

enum cb_status contact_input_json(struct cb_ctx *ctx, const json_t *body, bool create, struct contact_input *in)
{
	memset(in, 0, sizeof *in);
	size_t mark = ctx->errors.count;
	jv_check(body, fields, &ctx->errors); /* then the value rules too: every bad field is named */
	struct arena *a = ctx->arena;
	in->has_name = jv_has(body, "name");
	in->has_title = jv_has(body, "title");
	in->has_email = jv_has(body, "email");
	in->has_phone = jv_has(body, "phone");
	in->has_role = jv_has(body, "role");
	in->has_primary = jv_has(body, "primary");
	in->name = jv_str(body, "name") ? str_trim(a, jv_str(body, "name")) : NULL;
	in->title = jv_str(body, "title") ? str_trim(a, jv_str(body, "title")) : NULL;
	in->email = jv_str(body, "email") ? str_lower(a, str_trim(a, jv_str(body, "email"))) : NULL;
	in->phone = jv_str(body, "phone") ? str_trim(a, jv_str(body, "phone")) : NULL;
	in->role = jv_str(body, "role");
	in->primary = jv_bool(body, "primary", false);
	if (create && !in->has_name)
		errors_add(&ctx->errors, "name", "is required");
	if (in->email && *in->email && !str_is_email(in->email))
		errors_add(&ctx->errors, "email", "must be a valid e-mail address");
	if (in->phone && *in->phone && !pf_phone_valid(in->phone))
		errors_add(&ctx->errors, "phone", "must be a phone number of 5 to 20 digits");
	bool role_ok = !in->role;
	for (const char *const *r = roles; !role_ok && *r; r++)
		role_ok = strcmp(*r, in->role) == 0;
	if (ctx->errors.count > mark) {
		if (!role_ok)
			errors_add(&ctx->errors, "role", "must be one of: owner, sales, technical, finance, marketing, support, other");
		return CB_ERR_INVALID;
	}
	if (!role_ok) {
		errors_add(&ctx->errors, "role", "must be one of: owner, sales, technical, finance, marketing, support, other");
		return CB_ERR_RULE;
	}
	return CB_OK;
}

#define COLS "id, partner_id, name, title, email, phone, role, is_primary, created_at, updated_at"

static void read_row(struct cb_ctx *ctx, struct db_stmt *st, struct contact *c)
{
	struct arena *a = ctx->arena;
	c->id = db_col_int(st, 0);
	c->partner_id = db_col_int(st, 1);
	c->name = arena_strdup(a, db_col_text(st, 2));
	c->title = arena_strdup(a, db_col_text(st, 3));
	c->email = arena_strdup(a, db_col_text(st, 4));
	c->phone = arena_strdup(a, db_col_text(st, 5));
	c->role = arena_strdup(a, db_col_text(st, 6));
	c->primary = db_col_int(st, 7) != 0;
	c->created_at = db_col_int(st, 8);
	c->updated_at = db_col_int(st, 9);
}

enum cb_status contact_list(struct cb_ctx *ctx, int64_t partner_id, struct contact **out, size_t *n)
{
	enum cb_status rc = partner_check_access(ctx, partner_id, false);
	if (rc != CB_OK)
		return rc;
	struct db_stmt *st;
	/* All of them: a list cut at some count would hide contacts from the record, and the
	 * contacts import would not recognise the ones past the cut. */
	if ((rc = db_prepare(ctx->db, "SELECT " COLS " FROM contacts WHERE partner_id = $1 "
				      "ORDER BY is_primary DESC, name, id", &st)) != CB_OK)
		return rc;
	db_bind_int(st, 1, partner_id);
	*out = NULL;
	*n = 0;
	size_t cap = 0;
	bool row;
	while ((rc = db_step(st, &row)) == CB_OK && row) {
		*out = arena_grow(ctx->arena, *out, *n, &cap, sizeof **out);
		read_row(ctx, st, &(*out)[(*n)++]);
	}
	db_done(st);
	return rc;
}

enum cb_status contact_find(struct cb_ctx *ctx, int64_t partner_id, int64_t id, const char *email,
			    struct contact *out)
{
	if (!id && !email)
		return CB_ERR_NOT_FOUND;
	enum cb_status rc = partner_check_access(ctx, partner_id, false);
	if (rc != CB_OK)
		return rc;
	struct db_stmt *st;
	if ((rc = db_prepare(ctx->db, "SELECT " COLS " FROM contacts WHERE partner_id = $1 "
				      "AND (CAST($2 AS BIGINT) IS NULL OR id = $2) "
				      "AND (CAST($3 AS TEXT) IS NULL OR lower(email) = lower($3)) "
				      "ORDER BY is_primary DESC, name, id LIMIT 1", &st)) != CB_OK)
		return rc;
	db_bind_int(st, 1, partner_id);
	if (id) {
		db_bind_int(st, 2, id);
		db_bind_null(st, 3);
	} else {
		db_bind_null(st, 2);
		db_bind_text(st, 3, email);
	}
	bool row;
	rc = db_step(st, &row);
	if (rc == CB_OK && !row)
		rc = CB_ERR_NOT_FOUND;
	if (rc == CB_OK)
		read_row(ctx, st, out);
	db_done(st);
	return rc;
}

enum cb_status contact_check_write(struct cb_ctx *ctx, int64_t partner_id)
{
	struct partner p;
	enum cb_status rc = partner_get(ctx, partner_id, &p);
	if (rc != CB_OK)
		return rc;
	if (!pf_may_write(ctx->who, PF_ADDRESS, partner_id, p.f[PF_MANAGER].null ? 0 : p.f[PF_MANAGER].i)) {
		errors_detail(&ctx->errors, "contacts are partner-owned: the partner's users, its channel manager "
					    "or an admin may change them");
		return CB_ERR_FORBIDDEN;
	}
	return partner_refuse_merged(ctx, partner_id, p.merged_into);
}

static enum cb_status clear_primary(struct cb_ctx *ctx, int64_t partner_id, int64_t keep)
{
	struct db_stmt *st;
	enum cb_status rc = db_prepare(ctx->db, "UPDATE contacts SET is_primary = 0 WHERE partner_id = $1 AND id <> $2 "
						"AND is_primary = 1", &st);
	if (rc != CB_OK)
		return rc;
	db_bind_int(st, 1, partner_id);
	db_bind_int(st, 2, keep);
	bool row;
	rc = db_step(st, &row);
	db_done(st);
	return rc;
}

static void diff(json_t *ch, const struct contact *b, const struct contact *a)
{
	audit_diff_str(ch, "name", b ? b->name : NULL, a->name);
	audit_diff_str(ch, "title", b ? b->title : NULL, a->title);
	audit_diff_str(ch, "email", b ? b->email : NULL, a->email);
	audit_diff_str(ch, "phone", b ? b->phone : NULL, a->phone);
	audit_diff_str(ch, "role", b ? b->role : NULL, a->role);
	audit_diff_bool(ch, "primary", b ? b->primary : false, a->primary);
}

static const char *empty_null(const char *s)
{
	return s && *s ? s : NULL;
}

enum cb_status contact_create(struct cb_ctx *ctx, int64_t partner_id, const struct contact_input *in, struct contact *out)
{
	enum cb_status rc = contact_check_write(ctx, partner_id);
	if (rc != CB_OK)
		return rc;
	struct db_stmt *st;
	if ((rc = db_prepare(ctx->db, "INSERT INTO contacts (partner_id, name, title, email, phone, role, is_primary, "
				      "created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $8) RETURNING " COLS,
			     &st)) != CB_OK)
		return rc;
	db_bind_int(st, 1, partner_id);
	db_bind_text(st, 2, in->name);
	db_bind_text(st, 3, empty_null(in->title));
	db_bind_text(st, 4, empty_null(in->email));
	db_bind_text(st, 5, empty_null(in->phone));
	db_bind_text(st, 6, in->role ? in->role : "other");
	db_bind_int(st, 7, in->primary);
	db_bind_int(st, 8, clock_now());
	bool row;
	rc = db_step(st, &row);
	if (rc == CB_OK && row)
		read_row(ctx, st, out);
	db_done(st);
	if (rc == CB_OK && out->primary)
		rc = clear_primary(ctx, partner_id, out->id);
	if (rc != CB_OK)
		return rc;
	json_t *ch = audit_changes(ctx);
	diff(ch, NULL, out);
	audit_diff_int(ch, "partner_id", 0, partner_id);
	return audit_write_partner(ctx, partner_id, "contact.create", "contact", out->id, ch);
}

static enum cb_status load(struct cb_ctx *ctx, int64_t partner_id, int64_t id, struct contact *c)
{
	struct db_stmt *st;
	enum cb_status rc = db_prepare(ctx->db, "SELECT " COLS " FROM contacts WHERE id = $1 AND partner_id = $2", &st);
	if (rc != CB_OK)
		return rc;
	db_bind_int(st, 1, id);
	db_bind_int(st, 2, partner_id);
	bool row;
	rc = db_step(st, &row);
	if (rc == CB_OK && !row)
		rc = CB_ERR_NOT_FOUND;
	if (rc == CB_OK)
		read_row(ctx, st, c);
	db_done(st);
	return rc;
}

enum cb_status contact_update(struct cb_ctx *ctx, int64_t partner_id, int64_t id, const struct contact_input *in,
			      struct contact *out)
{
	struct contact cur;
	enum cb_status rc = contact_check_write(ctx, partner_id);
	if (rc == CB_OK)
		rc = load(ctx, partner_id, id, &cur);
	if (rc != CB_OK)
		return rc;
	struct contact nx = cur;
	if (in->has_name) nx.name = in->name;
	if (in->has_title) nx.title = empty_null(in->title);
	if (in->has_email) nx.email = empty_null(in->email);
	if (in->has_phone) nx.phone = empty_null(in->phone);
	if (in->has_role && in->role) nx.role = in->role;
	if (in->has_primary) nx.primary = in->primary;
	json_t *ch = audit_changes(ctx);
	diff(ch, &cur, &nx);
	if (json_object_size(ch) == 0) {
		*out = cur;
		return CB_OK;
	}
	nx.updated_at = clock_now();
	struct db_stmt *st;
	if ((rc = db_prepare(ctx->db, "UPDATE contacts SET name = $3, title = $4, email = $5, phone = $6, role = $7, "
				      "is_primary = $8, updated_at = $9 WHERE id = $1 AND partner_id = $2", &st)) != CB_OK)
		return rc;
	db_bind_int(st, 1, id);
	db_bind_int(st, 2, partner_id);
	db_bind_text(st, 3, nx.name);
	db_bind_text(st, 4, nx.title);
	db_bind_text(st, 5, nx.email);
	db_bind_text(st, 6, nx.phone);
	db_bind_text(st, 7, nx.role);
	db_bind_int(st, 8, nx.primary);
	db_bind_int(st, 9, nx.updated_at);
	bool row;
	rc = db_step(st, &row);
	db_done(st);
	if (rc == CB_OK && nx.primary && !cur.primary)
		rc = clear_primary(ctx, partner_id, id);
	if (rc != CB_OK)
		return rc;
	*out = nx;
	return audit_write_partner(ctx, partner_id, "contact.update", "contact", id, ch);
}

enum cb_status contact_delete(struct cb_ctx *ctx, int64_t partner_id, int64_t id)
{
	struct contact cur;
	enum cb_status rc = contact_check_write(ctx, partner_id);
	if (rc == CB_OK)
		rc = load(ctx, partner_id, id, &cur);
	if (rc != CB_OK)
		return rc;
	if ((rc = db_exec1_int(ctx->db, "DELETE FROM contacts WHERE id = $1", id)) != CB_OK)
		return rc;
	json_t *ch = audit_changes(ctx);
	audit_diff_str(ch, "name", cur.name, NULL);
	audit_diff_str(ch, "email", cur.email, NULL);
	return audit_write_partner(ctx, partner_id, "contact.delete", "contact", id, ch);
}
