/*
 * partner.h — the partner record: the single source of truth for one partner
 * organisation (identity and structure; performance, relationship and operations hang
 * off it by partner id).
 *
 * Reads are scoped: a partner user sees only its own partner, anything else is "not
 * found". Writes follow the ownership table in partner_schema.h (a violation is
 * CB_ERR_FORBIDDEN with an error per field), bump `version` (optimistic concurrency:
 * a stale expected version is CB_ERR_PRECONDITION), keep the search index and the
 * matching keys up to date, and write an audit row. Status changes only through
 * partner_set_status() and its transition table.
 */
#ifndef CB_PARTNER_H
#define CB_PARTNER_H

#include "ctx.h"
#include "partner_schema.h"

#include <stdbool.h>
#include <stdint.h>

struct partner {
	int64_t id;
	struct pval f[PF_COUNT];
	int tier_rank;          /* 0 when no tier */
	const char *manager_name;
	int64_t version;
	int64_t created_at;
	int64_t updated_at;
	int64_t merged_into;    /* 0 unless merged into another partner */
};

/* Fields given in a create or update request. */
struct partner_input {
	bool set[PF_COUNT];
	struct pval v[PF_COUNT];
	/* From a batch import: system-owned fields (external ids) may be written by whoever
	 * may write the partner's vendor-owned fields, and a new partner may start in any
	 * status. */
	bool import;
};

/* Reads a JSON object into *in: unknown keys, wrong types and bad values are reported
 * to ctx->errors. "external_ids" is an object {erp, crm}. Returns CB_OK, CB_ERR_INVALID
 * or CB_ERR_RULE (unknown enum value, unknown tier or manager). */
enum cb_status partner_input_json(struct cb_ctx *ctx, const json_t *body, struct partner_input *in);

/* Creates a partner; *out is the stored record read back (NULL: not needed, as in imports).
 * A new partner starts as prospect, applied, onboarding or active (CB_ERR_RULE naming
 * `status` otherwise), unless it comes from an import or the system principal. */
enum cb_status partner_create(struct cb_ctx *ctx, const struct partner_input *in, struct partner *out);
enum cb_status partner_get(struct cb_ctx *ctx, int64_t id, struct partner *out);
/* The sections of the 360° record that have rows, as partner_get_record reports them. */
enum partner_section { PS_CONTACTS = 1, PS_TERRITORIES = 2, PS_DOCUMENTS = 4, PS_NOTES = 8 };
/* partner_get, and which sections may have rows (*sections, a set of enum
 * partner_section): the record skips the queries of the others. On a remote database
 * (PostgreSQL) the partner's statement asks; on SQLite every section is named. */
enum cb_status partner_get_record(struct cb_ctx *ctx, int64_t id, struct partner *out, unsigned *sections);
/* expect_version 0 = no precondition. */
enum cb_status partner_update(struct cb_ctx *ctx, int64_t id, const struct partner_input *in,
			      int64_t expect_version, struct partner *out);
enum cb_status partner_set_status(struct cb_ctx *ctx, int64_t id, const char *to, const char *reason,
				  int64_t expect_version, struct partner *out);
/* Allowed next statuses from `from` (NULL-terminated, static). */
const char *const *partner_status_next(const char *from);

/* Unscoped existence check (merged partners included), for validating references. */
enum cb_status partner_exists(struct cb_ctx *ctx, int64_t id, bool *exists);
/* CB_OK when merged_into is 0; else CB_ERR_RULE with a detail naming the survivor: a
 * merged partner is read-only, its rows live on the survivor. */
enum cb_status partner_refuse_merged(struct cb_ctx *ctx, int64_t id, int64_t merged_into);
/* Checks the principal may see partner id (CB_ERR_NOT_FOUND otherwise) and, when
 * `write_vendor` is set, may change its vendor-owned data (CB_ERR_FORBIDDEN) and the
 * partner was not merged away (CB_ERR_RULE). */
enum cb_status partner_check_access(struct cb_ctx *ctx, int64_t id, bool write_vendor);

struct partner_filter {
	const char *q;
	const char *country, *region, *type, *model, *tier, *status, *segment, *industry;
	int64_t manager_id;
	const char *sort;       /* name, created, updated, tier, score; '-' prefix = descending */
	int64_t after;          /* cursor: id of the last row of the previous page */
	int limit;
};

struct partner_page {
	struct partner *items;  /* tags are not loaded in list items */
	size_t count;
	int64_t next_after;
};

enum cb_status partner_list(struct cb_ctx *ctx, const struct partner_filter *f, struct partner_page *out);

/* The partner with this ERP id (*id 0 when none); when it was merged, the partner it was
 * merged into, followed to the end of the chain, with *merged set. For imports, which
 * name partners by the ids of other systems. */
enum cb_status partner_find_by_erp(struct cb_ctx *ctx, const char *erp, int64_t *id, bool *merged);

/* The record as JSON (new reference): every field by its API name, external_ids as an
 * object, tags when with_tags. For a non-vendor viewer the vendor's internal
 * assessments (scores, value, potential, segment) are left out. */
json_t *partner_to_json(const struct partner *p, bool vendor_viewer, bool with_tags);
/* The same object written straight into sb — one writer for both, used as is by list
 * pages, where building jansson trees cost more than the queries. */
struct strbuf;
void partner_write_json(struct strbuf *sb, const struct partner *p, bool vendor_viewer, bool with_tags);

/* The matching keys stored with a partner row, derived from its fields: normalised name
 * (duplicates), sort key, normalised phone and web domain — in PARTNER_NORM_COLUMNS order.
 * Written by the same INSERT/UPDATE as the fields they come from. */
#define PARTNER_NORM_COLUMNS "name_norm, name_key, phone_norm, web_domain"
enum { PARTNER_NORMS = 4 };
void partner_norms(struct arena *a, const struct partner *p, const char *out[PARTNER_NORMS]);

/* Brings a partner's rows in search_terms up to date (after any change to its names,
 * place, tags, aliases or notes), writing only the terms that changed. */
enum cb_status partner_reindex(struct cb_ctx *ctx, int64_t id);
/* Removes all of a partner's rows from the search index (a partner merged away). */
enum cb_status partner_unindex(struct cb_ctx *ctx, int64_t id);
/* partner_reindex for a partner just inserted from `p` (nothing indexed for it yet, no
 * aliases or notes), from the values in hand instead of read back: each imported row.
 * `name_key` is the sort key stored with it (partner_norms: the name through norm_text(),
 * whose words are indexed as they are). */
enum cb_status partner_index_new(struct cb_ctx *ctx, int64_t id, const struct partner *p, const char *name_key);

/* A batch import's new partners' search rows, held back and written together in the
 * index's key order: one by one as they come, each lands at a random place in the
 * b-tree; sorted, each goes next to the one before (100,000 partners, 1.17 million rows:
 * 5.4 s → 2.5 s). partner_index_defer() starts holding them back in ctx;
 * partner_index_flush() writes what is held (partner_reindex() calls it first, so a
 * partner created earlier in the same file is found indexed); partner_index_end() stops
 * and drops what is still held — the caller flushes first unless it rolls back. */
void partner_index_defer(struct cb_ctx *ctx);
enum cb_status partner_index_flush(struct cb_ctx *ctx);
void partner_index_end(struct cb_ctx *ctx);

#endif
