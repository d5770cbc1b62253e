/*
 * tokens.c — /api/v1/tokens: list, create (secret shown once), revoke.
 */
#include "api.h"

#include "../base/jsonv.h"
#include "../core/token.h"

static json_t *token_json(const struct token *t)
{
	json_t *j = json_pack("{s:I,s:s,s:I,s:s,s:s,s:o,s:o,s:o}", "id", (json_int_t)t->id, "name",
			      t->name, "user_id", (json_int_t)t->user_id, "user_email", t->user_email,
			      "prefix", t->prefix, "created_at", api_time(t->created_at),
			      "last_used_at", api_time(t->last_used_at), "revoked_at",
			      api_time(t->revoked_at));
	if (t->secret)
		json_object_set_new(j, "token", json_string(t->secret));
	return j;
}

enum cb_status api_tokens_list(struct req *r)
{
	int limit;
	int64_t after;
	if (!api_page_params(r, &limit, &after))
		return CB_ERR_INVALID;
	struct token_page page;
	enum cb_status st = token_list(&r->ctx, after, limit, &page);
	if (st != CB_OK)
		return st;
	json_t *items = json_array();
	for (size_t i = 0; i < page.count; i++)
		json_array_append_new(items, token_json(&page.items[i]));
	req_json(r, 200, req_page(items, page.next_after));
	return CB_OK;
}

static const struct jv_field create_fields[] = {
	{"name", JV_STRING, JV_REQUIRED | JV_NONEMPTY, 100, 0, 0},
	{NULL, 0, 0, 0, 0, 0},
};

enum cb_status api_tokens_create(struct req *r)
{
	if (!jv_check(r->body, create_fields, &r->ctx.errors))
		return CB_ERR_INVALID;
	struct token t;
	enum cb_status st = token_create(&r->ctx, 0, jv_str(r->body, "name"), &t);
	if (st != CB_OK)
		return st;
	req_json(r, 201, token_json(&t));
	return CB_OK;
}

enum cb_status api_tokens_delete(struct req *r)
{
	int64_t id;
	if (!req_param_id(r, "id", &id))
		return CB_ERR_INVALID;
	enum cb_status st = token_revoke(&r->ctx, id);
	if (st != CB_OK)
		return st;
	req_no_content(r);
	return CB_OK;
}
