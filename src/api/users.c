/*
 * users.c — /api/v1/users: list, create, read, change, set password.
 */
#include "api.h"

#include "../base/clock.h"
#include "../base/jsonv.h"
#include "../base/jsonw.h"
#include "../base/str.h"

json_t *api_time(int64_t t)
{
	if (!t)
		return json_null();
	char buf[21];
	clock_iso(t, buf);
	return json_string(buf);
}

bool api_page_params(struct req *r, int *limit, int64_t *after)
{
	int64_t l;
	bool ok = req_query_int(r, "limit", 1, 200, 50, &l);
	ok = req_query_int(r, "after", 0, INT64_MAX, 0, after) && ok;
	*limit = (int)l;
	return ok;
}

/* The user object written straight into sb (GET /users/{id} is a hot path); the jansson
 * form below is parsed from it, so the two cannot drift apart. */
static void write_user(struct strbuf *sb, const struct user *u)
{
	sb_putc(sb, '{');
	jw_int(sb, "id", u->id);
	jw_str(sb, "email", u->email ? u->email : "");
	jw_str(sb, "name", u->name ? u->name : "");
	jw_str(sb, "role", role_name(u->role));
	jw_id(sb, "partner_id", u->partner_id);
	jw_str(sb, "locale", u->locale);
	jw_bool(sb, "disabled", u->disabled);
	jw_time(sb, "created_at", u->created_at);
	jw_time(sb, "updated_at", u->updated_at);
	sb_putc(sb, '}');
}

json_t *api_user_json(struct req *r, const struct user *u)
{
	struct strbuf sb;
	sb_init(&sb, r->ctx.arena, 512, 1 << 16);
	write_user(&sb, u);
	json_t *j = json_loadb(sb.data, sb.len, 0, NULL);
	return j ? j : json_object();
}

enum cb_status api_users_list(struct req *r)
{
	struct user_filter f = {.role = req_query(r, "role"), .q = req_query(r, "q"), .disabled = -1};
	int64_t pid;
	bool ok = api_page_params(r, &f.limit, &f.after);
	ok = req_query_int(r, "partner_id", 1, INT64_MAX, 0, &pid) && ok;
	ok = req_query_bool(r, "disabled", -1, &f.disabled) && ok;
	if (!ok)
		return CB_ERR_INVALID;
	f.partner_id = pid;
	struct user_page page;
	enum cb_status st = user_list(&r->ctx, &f, &page);
	if (st != CB_OK)
		return st;
	json_t *items = json_array();
	for (size_t i = 0; i < page.count; i++)
		json_array_append_new(items, api_user_json(r, &page.items[i]));
	req_json(r, 200, req_page(items, page.next_after));
	return CB_OK;
}

static const struct jv_field create_fields[] = {
	{"email", JV_STRING, JV_REQUIRED | JV_NONEMPTY, 254, 0, 0},
	{"name", JV_STRING, 0, 200, 0, 0},
	{"role", JV_STRING, JV_REQUIRED, 32, 0, 0},
	{"partner_id", JV_INT, JV_NULLABLE, 0, 1, INT64_MAX},
	{"password", JV_STRING, JV_REQUIRED, 1024, 0, 0},
	{"locale", JV_STRING, JV_NULLABLE, 8, 0, 0},
	{NULL, 0, 0, 0, 0, 0},
};

/* A field's value for the core, unless the type check already named it: the core then
 * checks the remaining fields' rules, so one answer names every bad field. */
static const char *field_str(struct req *r, const char *name)
{
	return errors_has(&r->ctx.errors, name) ? NULL : jv_str(r->body, name);
}

enum cb_status api_users_create(struct req *r)
{
	jv_check(r->body, create_fields, &r->ctx.errors); /* user_create answers 400 for these */
	struct user_new in = {
		.email = field_str(r, "email"),
		.name = field_str(r, "name"),
		.role = field_str(r, "role"),
		.partner_id = errors_has(&r->ctx.errors, "partner_id") ? 0 : jv_int(r->body, "partner_id", 0),
		.password = field_str(r, "password"),
		.locale = field_str(r, "locale"),
	};
	struct user u;
	enum cb_status st = user_create(&r->ctx, &in, &u);
	if (st != CB_OK)
		return st;
	char loc[64];
	snprintf(loc, sizeof loc, "/api/v1/users/%lld", (long long)u.id);
	req_add_header(r, "Location", loc);
	req_json(r, 201, api_user_json(r, &u));
	return CB_OK;
}

enum cb_status api_users_get(struct req *r)
{
	int64_t id;
	if (!req_param_id(r, "id", &id))
		return CB_ERR_INVALID;
	struct user u;
	enum cb_status st = user_get(&r->ctx, id, &u);
	if (st != CB_OK)
		return st;
	struct strbuf *sb = req_body(r, 512);
	write_user(sb, &u);
	return req_send(r, 200, sb);
}

static const struct jv_field patch_fields[] = {
	{"name", JV_STRING, 0, 200, 0, 0},
	{"role", JV_STRING, 0, 32, 0, 0},
	{"disabled", JV_BOOL, 0, 0, 0, 0},
	{"locale", JV_STRING, JV_NULLABLE, 8, 0, 0},
	{NULL, 0, 0, 0, 0, 0},
};

static void patch_from(struct req *r, struct user_patch *p)
{
	*p = (struct user_patch){
		.name = field_str(r, "name"),
		.role = field_str(r, "role"),
		.locale = field_str(r, "locale"),
		.clear_locale = !errors_has(&r->ctx.errors, "locale") && jv_is_null(r->body, "locale"),
		.set_disabled = !errors_has(&r->ctx.errors, "disabled") && jv_has(r->body, "disabled"),
		.disabled = jv_bool(r->body, "disabled", false),
	};
}

enum cb_status api_users_patch(struct req *r)
{
	int64_t id;
	if (!req_param_id(r, "id", &id))
		return CB_ERR_INVALID;
	jv_check(r->body, patch_fields, &r->ctx.errors); /* user_update answers 400 for these */
	struct user_patch p;
	patch_from(r, &p);
	struct user u;
	enum cb_status st = user_update(&r->ctx, id, &p, &u);
	if (st != CB_OK)
		return st;
	req_json(r, 200, api_user_json(r, &u));
	return CB_OK;
}

static const struct jv_field password_fields[] = {
	{"current_password", JV_STRING, 0, 1024, 0, 0},
	{"password", JV_STRING, JV_REQUIRED, 1024, 0, 0},
	{NULL, 0, 0, 0, 0, 0},
};

enum cb_status api_users_password(struct req *r)
{
	int64_t id;
	bool ok = req_param_id(r, "id", &id);
	if (!jv_check(r->body, password_fields, &r->ctx.errors) || !ok)
		return CB_ERR_INVALID;
	enum cb_status st = user_set_password(&r->ctx, id, jv_str(r->body, "current_password"),
					      jv_str(r->body, "password"));
	if (st != CB_OK)
		return st;
	req_no_content(r);
	return CB_OK;
}
