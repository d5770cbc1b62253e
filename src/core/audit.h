/*
 * audit.h — the audit trail: one row per mutation, in the mutation's transaction.
 *
 * A change set is a jansson object {field: [before, after]}; audit_diff_* add a field only
 * when the value changed, and secrets are recorded as "(changed)" by the caller, never
 * their value. audit_write() takes a reference to `changes` (may be NULL) and records the
 * acting principal, request id and client address from ctx.
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

/* Newest first. Vendor admin/analyst only (enforced by the route table). */
enum cb_status audit_list(struct cb_ctx *ctx, const struct audit_filter *f, struct audit_page *out);

#endif
