/*
 * partner_schema.h — the partner record's fields as one table: JSON name, column, kind,
 * owner and limits. Validation, the data-governance policy (who may write which field),
 * SQL column lists, JSON rendering and CSV import/export are all driven by this table,
 * so a field is added in one place.
 *
 * Ownership (../shared/PRODUCT.md, "Data governance"):
 *  - partner-owned fields: entered by the partner; a partner user of that partner, a
 *    channel manager who manages it, or an admin may change them;
 *  - vendor-owned fields: the channel manager who manages the partner, or an admin;
 *  - system-owned fields (external ids): imports, jobs and admins only.
 * Status is vendor-owned but changes only through the status transition table
 * (partner_status.h), never by a plain update.
 */
#ifndef CB_PARTNER_SCHEMA_H
#define CB_PARTNER_SCHEMA_H

#include "ctx.h"

#include <jansson.h>
#include <stdbool.h>
#include <stdint.h>

enum pf_id {
	PF_LEGAL_NAME, PF_NAME, PF_TYPE, PF_MODEL, PF_STATUS, PF_TIER, PF_SEGMENT,
	PF_COUNTRY, PF_REGION, PF_CITY, PF_ADDRESS, PF_LATITUDE, PF_LONGITUDE,
	PF_WEBSITE, PF_EMAIL_DOMAIN, PF_TAX_ID, PF_PHONE, PF_EMPLOYEES, PF_DESCRIPTION,
	PF_INDUSTRIES, PF_SPECIALISATIONS, PF_LANGUAGES, PF_MANAGER,
	PF_TECH_SCORE, PF_COMM_SCORE, PF_CURRENT_VALUE, PF_FUTURE_POTENTIAL,
	PF_ERP_ID, PF_CRM_ID,
	PF_COUNT
};

enum pf_kind {
	PK_TEXT,     /* free text up to max_len code points */
	PK_ENUM,     /* one of `values` */
	PK_SCORE,    /* integer 0..100 */
	PK_COUNTRY,  /* ISO 3166-1 alpha-2 */
	PK_COORD,    /* decimal degrees, stored as micro-degrees */
	PK_URL,      /* http(s) URL */
	PK_DOMAIN,   /* DNS name */
	PK_PHONE,    /* digits and + - ( ) . space */
	PK_TAGS,     /* array of short strings */
	PK_TIER,     /* tier name, stored as tier_id */
	PK_USER,     /* vendor user id (channel manager) */
};

enum pf_owner { OWN_PARTNER, OWN_VENDOR, OWN_SYSTEM };

struct partner_field {
	const char *json;     /* "legal_name"; "external_ids.erp" for nested */
	const char *column;   /* partners column, or the tag kind for PK_TAGS */
	enum pf_kind kind;
	enum pf_owner owner;
	size_t max_len;       /* text: code points; tags: per tag */
	int64_t min, max;     /* coordinates: micro-degree range */
	const char *const *values; /* PK_ENUM: NULL-terminated */
};

extern const struct partner_field partner_fields[PF_COUNT];

/* One field's value. Text/enum/country/url/domain/phone/tier use s; scores, coordinates
 * and the manager use i; tags use tags/ntags. `null` means SQL NULL / JSON null. */
struct strbuf;

struct pval {
	bool null;
	const char *s;
	int64_t i;
	const char **tags;
	size_t ntags;
};

const char *const *partner_types(void);
const char *const *partner_models(void);
const char *const *partner_statuses(void);

/* Field by JSON name ("country", "external_ids.erp"), or -1. */
/* Entries a tag list (industries, specialisations, languages) may hold. */
#define PARTNER_MAX_TAGS 30

int pf_find(const char *json);
const char *pf_owner_name(enum pf_owner o);

/* Parses and checks one JSON value for field f into *out (arena-allocated). Format
 * problems are appended to ctx->errors under the field's JSON name and return
 * CB_ERR_INVALID; an unknown enum value returns CB_ERR_RULE listing the allowed ones.
 * Tier and manager references are resolved against the database (CB_ERR_RULE when
 * unknown). */
enum cb_status pf_parse(struct cb_ctx *ctx, enum pf_id f, const json_t *v, struct pval *out);

/* Same as pf_parse for a CSV cell ("" = null; tags separated by ';' or '|'). */
enum cb_status pf_parse_text(struct cb_ctx *ctx, enum pf_id f, const char *cell, struct pval *out);

/* JSON of a value (new reference). tier values render as the tier name. */
json_t *pf_json(enum pf_id f, const struct pval *v);
/* The same JSON written straight into a buffer (the list pages' fast path). */
void pf_write_json(struct strbuf *sb, enum pf_id f, const struct pval *v);
/* Text for CSV export ("" for null; tags joined with ';'). */
const char *pf_text(struct arena *a, enum pf_id f, const struct pval *v);
/* True when the two values are the same. */
bool pf_equal(enum pf_id f, const struct pval *a, const struct pval *b);

/* True for 5–20 digits with only + - ( ) . and spaces besides. */
bool pf_phone_valid(const char *s);

/* May the principal write field f of a partner managed by manager_id (0 = none) and
 * owned by partner_id? */
bool pf_may_write(const struct principal *who, enum pf_id f, int64_t partner_id, int64_t manager_id);

#endif
