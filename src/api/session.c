/*
 * session.c — POST/DELETE /api/v1/session and GET/PATCH /api/v1/me.
 */
#include "api.h"

#include "../base/arena.h"
#include "../base/clock.h"
#include "../base/jsonv.h"
#include "../core/auth.h"

static const struct jv_field login_fields[] = {
	{"email", JV_STRING, JV_REQUIRED | JV_NONEMPTY, 254, 0, 0},
	{"password", JV_STRING, JV_REQUIRED | JV_NONEMPTY, 1024, 0, 0},
	{NULL, 0, 0, 0, 0, 0},
};

enum cb_status api_session_create(struct req *r)
{
	if (!jv_check(r->body, login_fields, &r->ctx.errors))
		return CB_ERR_INVALID;
	struct login_result res;
	enum cb_status st = auth_login(&r->ctx, jv_str(r->body, "email"), jv_str(r->body, "password"), &res);
	if (st != CB_OK)
		return st;
	req_set_cookie(r, SESSION_COOKIE, res.session.secret, session_absolute_timeout());
	req_json(r, 201, json_pack("{s:o,s:s,s:o}", "user", api_user_json(r, &res.user), "csrf_token",
				   res.session.csrf_token, "expires_at", api_time(res.session.expires_at)));
	return CB_OK;
}

enum cb_status api_session_delete(struct req *r)
{
	enum cb_status st = auth_logout(&r->ctx);
	if (st != CB_OK)
		return st;
	req_set_cookie(r, SESSION_COOKIE, "", 0);
	req_no_content(r);
	return CB_OK;
}

static json_t *me_json(struct req *r, const struct user *u)
{
	json_t *j = api_user_json(r, u);
	const struct principal *p = r->ctx.who;
	json_object_set_new(j, "auth", json_string(p->via == AUTH_TOKEN ? "token" : "session"));
	if (p->via == AUTH_SESSION)
		json_object_set_new(j, "csrf_token", json_string(p->csrf_token));
	return j;
}

enum cb_status api_me_get(struct req *r)
{
	struct user u;
	enum cb_status st = user_get(&r->ctx, r->ctx.who->user_id, &u);
	if (st != CB_OK)
		return st;
	req_json(r, 200, me_json(r, &u));
	return CB_OK;
}

static const struct jv_field me_fields[] = {
	{"name", JV_STRING, 0, 200, 0, 0},
	{"locale", JV_STRING, JV_NULLABLE, 8, 0, 0}, /* null: back to the browser's language */
	{NULL, 0, 0, 0, 0, 0},
};

enum cb_status api_me_patch(struct req *r)
{
	jv_check(r->body, me_fields, &r->ctx.errors); /* user_update answers 400 for these */
	/* Fields the type check named are left out; user_update checks the rest's rules
	 * and answers 400 for all of them at once. */
	const struct cb_errors *e = &r->ctx.errors;
	struct user_patch p = {
		.name = errors_has(e, "name") ? NULL : jv_str(r->body, "name"),
		.locale = errors_has(e, "locale") ? NULL : jv_str(r->body, "locale"),
		.clear_locale = !errors_has(e, "locale") && jv_is_null(r->body, "locale"),
	};
	struct user u;
	enum cb_status st = user_update(&r->ctx, r->ctx.who->user_id, &p, &u);
	if (st != CB_OK)
		return st;
	req_json(r, 200, me_json(r, &u));
	return CB_OK;
}
