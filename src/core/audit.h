/*
 * audit.h — the audit trail: one row per mutation, in the mutation's transaction.
 *
 * A change set is a jansson object {field: [before, after]}; audit_diff_* add a field only
 * when the value changed, and secrets are recorded as "(changed)" by the caller, never
 * their value. audit_write() takes a reference to `changes` (may be NULL) and records the
 * acting principal, request id and client address from ctx.
 *
 * Every entry about a partner's record — the partner itself, or one of its contacts,
 * territories, notes or documents — names that partner (audit_write_partner), so that
 * one partner's trail and the activity across partners are index range reads (see
 * activity.h). Users, tokens, sessions and tiers name none.
 */
#ifndef CB_AUDIT_H
#define CB_AUDIT_H

#include "ctx.h"

#include <jansson.h>
#include <stdint.h>

struct audit_entry {
	int64_t id;
	const char *at;        /* ISO 8601 UTC */
	int64_t actor_id;      /* 0 when none */
	const char *actor;
	const char *action;
	const char *entity;
	int64_t entity_id;     /* 0 when none */
	json_t *changes;       /* borrowed from the page; NULL when none */
	const char *request_id;
	const char *client_ip;
	int64_t partner_id;    /* the partner the entry belongs to; 0 when none */
	const char *partner_name; /* its display name (activity only); NULL when unknown */
};

struct audit_filter {
	const char *entity;    /* NULL = any */
	int64_t entity_id;     /* 0 = any */
	int64_t actor_id;      /* 0 = any */
	int64_t after;         /* cursor: entries with id < after (newest first); 0 = start */
	int limit;             /* 1..200 */
};

struct audit_page {
	struct audit_entry *items;
	size_t count;
	int64_t next_after;    /* 0 when there is no further page */
};

/* Empty change set owned by the arena (its reference is dropped when the arena goes). */
json_t *audit_changes(struct cb_ctx *ctx);
void audit_diff_str(json_t *changes, const char *field, const char *before, const char *after);
void audit_diff_int(json_t *changes, const char *field, int64_t before, int64_t after);
void audit_diff_bool(json_t *changes, const char *field, bool before, bool after);

enum cb_status audit_write(struct cb_ctx *ctx, const char *action, const char *entity,
			   int64_t entity_id, json_t *changes);
/* The same for an entry about partner `partner_id`'s record (the partner itself or one of
 * its child rows). Writers of partner-related rows must use this one. */
enum cb_status audit_write_partner(struct cb_ctx *ctx, int64_t partner_id, const char *action,
				   const char *entity, int64_t entity_id, json_t *changes);
/* The same with the change set already written as JSON text (an object with sorted keys,
 * as the two above store it; NULL when nothing changed) — for writers that build it
 * directly, such as the partner record on every imported row. */
enum cb_status audit_write_partner_text(struct cb_ctx *ctx, int64_t partner_id, const char *action,
					const char *entity, int64_t entity_id, const char *changes);

/* Newest first. Vendor admin/analyst only (enforced by the route table). */
enum cb_status audit_list(struct cb_ctx *ctx, const struct audit_filter *f, struct audit_page *out);

/* The columns audit_read_page() expects, in order, from audit_log aliased `a`. */
#define AUDIT_COLS \
	"a.id, a.at, a.actor_id, a.actor, a.action, a.entity, a.entity_id, a.changes, a.request_id, a.client_ip, " \
	"a.partner_id"
/* Steps st (selecting AUDIT_COLS, then the partner's name when with_name, newest first,
 * limit + 1 rows at most) into a page of `limit`, copying every value into ctx's arena,
 * and hands st back with db_done(). */
enum cb_status audit_read_page(struct cb_ctx *ctx, struct db_stmt *st, int limit, bool with_name,
			       struct audit_page *out);

#endif
