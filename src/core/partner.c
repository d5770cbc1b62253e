/*
 * partner.c — creating, reading, updating and listing partner records. The column lists
 * of the SQL are generated once from the field table (partner_schema.c), so adding a
 * field never means editing a SELECT here.
 */
#include "partner.h"

#include "../base/arena.h"
#include "../base/clock.h"
#include "../base/str.h"
#include "../store/db.h"
#include "audit.h"
#include "partner_filter.h"
#include "territory.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- SQL generated from the field table ---- */

#define BASE_COLS 8 /* id, version, created, updated, merged_into, tier name, tier rank, manager */
static char sql_select[2304], sql_cols[2048], sql_load[2560], sql_record[3072], sql_insert[2048], sql_update[2048];
static int sections_col; /* in sql_record: the bit set of enum partner_section */
/* One index probe per section in the partner's own statement, on a database where every
 * statement is a round trip (db_is_remote): a record skips the queries of its empty
 * sections. On SQLite a statement is a function call, and the probes cost more than the
 * empty queries they save once a partner has contacts, territories and notes (400 record
 * GETs of such partners: 42.9 M -> 44.5 M instructions), so there every section is read. */
#define SQL_SECTIONS                                                                                   \
	"(CASE WHEN EXISTS (SELECT 1 FROM contacts c WHERE c.partner_id = p.id) THEN 1 ELSE 0 END) + " \
	"(CASE WHEN EXISTS (SELECT 1 FROM territories x WHERE x.partner_id = p.id) THEN 2 ELSE 0 END) + " \
	"(CASE WHEN EXISTS (SELECT 1 FROM documents d WHERE d.partner_id = p.id) THEN 4 ELSE 0 END) + " \
	"(CASE WHEN EXISTS (SELECT 1 FROM notes n WHERE n.partner_id = p.id) THEN 8 ELSE 0 END)"
/* Each field's `,"json":` as the record writer puts it (external ids: `"erp":` inside
 * their object), made once with the SQL. */
static char json_key[PF_COUNT][48];
static size_t json_key_len[PF_COUNT];
static bool json_external[PF_COUNT];
#define SQL_JOINS " LEFT JOIN tiers t ON t.id = p.tier_id LEFT JOIN users u ON u.id = p.manager_id"
/* one partner: $1 its id, $2 the only partner the caller may see (NULL: any) */
#define SQL_ONE " WHERE p.id = $1 AND (CAST($2 AS BIGINT) IS NULL OR p.id = $2)"
static pthread_once_t sql_once = PTHREAD_ONCE_INIT;

static bool is_column(enum pf_id f)
{
	return partner_fields[f].kind != PK_TAGS;
}

static void build_keys(void)
{
	for (int f = 0; f < PF_COUNT; f++) {
		const char *name = partner_fields[f].json;
		json_external[f] = strncmp(name, "external_ids.", 13) == 0;
		int n = json_external[f] ? snprintf(json_key[f], sizeof json_key[f], "\"%s\":", name + 13)
					 : snprintf(json_key[f], sizeof json_key[f], ",\"%s\":", name);
		json_key_len[f] = (size_t)n;
	}
}

static void build_sql(void)
{
	build_keys();
	char cols[1024] = "", sel[1536] = "", vals[512] = "", sets[1536] = "";
	size_t nc = 0, ns = 0, nv = 0, nu = 0;
	int n = 0;
	for (int f = 0; f < PF_COUNT; f++) {
		if (!is_column(f))
			continue;
		n++;
		const char *c = partner_fields[f].column;
		nc += (size_t)snprintf(cols + nc, sizeof cols - nc, ", %s", c);
		ns += (size_t)snprintf(sel + ns, sizeof sel - ns, ", p.%s", c);
		nv += (size_t)snprintf(vals + nv, sizeof vals - nv, ", $%d", n);
		nu += (size_t)snprintf(sets + nu, sizeof sets - nu, "%s%s = $%d", nu ? ", " : "", c, n);
	}
	snprintf(sql_cols, sizeof sql_cols,
		 "SELECT p.id, p.version, p.created_at, p.updated_at, p.merged_into, t.name, t.rank, "
		 "COALESCE(NULLIF(u.name, ''), u.email)%s",
		 sel);
	snprintf(sql_select, sizeof sql_select, "%s FROM partners p" SQL_JOINS, sql_cols);
	snprintf(sql_load, sizeof sql_load, "%s" SQL_ONE, sql_select);
	snprintf(sql_record, sizeof sql_record, "%s, " SQL_SECTIONS " FROM partners p" SQL_JOINS SQL_ONE, sql_cols);
	sections_col = BASE_COLS + n;
	snprintf(sql_insert, sizeof sql_insert,
		 "INSERT INTO partners (created_at, updated_at, version%s, " PARTNER_NORM_COLUMNS
		 ") VALUES ($%d, $%d, 1%s, $%d, $%d, $%d, $%d) RETURNING id",
		 cols, n + 1, n + 1, vals, n + 2, n + 3, n + 4, n + 5);
	snprintf(sql_update, sizeof sql_update,
		 "UPDATE partners SET %s, version = version + 1, updated_at = $%d, name_norm = $%d, name_key = $%d, "
		 "phone_norm = $%d, web_domain = $%d WHERE id = $%d AND version = $%d",
		 sets, n + 1, n + 4, n + 5, n + 6, n + 7, n + 2, n + 3);
}

static const char *q_select(void)
{
	pthread_once(&sql_once, build_sql);
	return sql_select;
}

/* ---- reading ---- */

static void bind_value(struct db_stmt *st, int idx, enum pf_id f, const struct pval *v)
{
	if (v->null) {
		db_bind_null(st, idx);
		return;
	}
	switch (partner_fields[f].kind) {
	case PK_SCORE:
	case PK_COORD:
	case PK_USER:
	case PK_TIER: db_bind_int(st, idx, v->i); break;
	default: db_bind_text_kept(st, idx, v->s); break;
	}
}

static void read_row(struct cb_ctx *ctx, struct db_stmt *st, struct partner *p)
{
	struct arena *a = ctx->arena;
	memset(p, 0, sizeof *p);
	p->id = db_col_int(st, 0);
	p->version = db_col_int(st, 1);
	p->created_at = db_col_int(st, 2);
	p->updated_at = db_col_int(st, 3);
	p->merged_into = db_col_int(st, 4);
	const char *tier = db_col_text(st, 5);
	p->tier_rank = (int)db_col_int(st, 6);
	p->manager_name = arena_strdup(a, db_col_text(st, 7));
	int col = BASE_COLS;
	for (int f = 0; f < PF_COUNT; f++) {
		if (!is_column(f))
			continue;
		struct pval *v = &p->f[f];
		switch (partner_fields[f].kind) {
		case PK_SCORE:
		case PK_COORD:
		case PK_USER:
			v->null = db_col_null(st, col);
			v->i = db_col_int(st, col);
			break;
		case PK_TIER:
			v->null = db_col_null(st, col);
			v->i = db_col_int(st, col);
			v->s = arena_strdup(a, tier);
			break;
		default: /* text: NULL comes back as a NULL pointer on both drivers */
			v->s = arena_strdup(a, db_col_text(st, col));
			v->null = v->s == NULL;
			break;
		}
		col++;
	}
}

/* Every stored tag is read back: the writers keep each list within PARTNER_MAX_TAGS, and
 * a reader that cut a longer list short would hide rows rather than show them. */
static enum cb_status load_tags(struct cb_ctx *ctx, struct partner *p)
{
	struct db_stmt *st;
	enum cb_status rc = db_prepare(ctx->db, "SELECT kind, tag FROM partner_tags WHERE partner_id = $1 "
						"ORDER BY kind, tag", &st);
	if (rc != CB_OK)
		return rc;
	db_bind_int(st, 1, p->id);
	size_t cap[PF_COUNT] = {0};
	for (int f = 0; f < PF_COUNT; f++) {
		if (partner_fields[f].kind == PK_TAGS) {
			cap[f] = PARTNER_MAX_TAGS;
			p->f[f].tags = arena_alloc(ctx->arena, sizeof(char *) * cap[f]);
			p->f[f].ntags = 0;
		}
	}
	bool row;
	while ((rc = db_step(st, &row)) == CB_OK && row) {
		const char *kind = db_col_text(st, 0);
		for (int f = 0; f < PF_COUNT; f++) {
			struct pval *v = &p->f[f];
			if (partner_fields[f].kind != PK_TAGS || strcmp(partner_fields[f].column, kind) != 0)
				continue;
			if (v->ntags == cap[f]) {
				const char **grown = arena_alloc(ctx->arena, sizeof(char *) * cap[f] * 2);
				memcpy(grown, v->tags, sizeof(char *) * v->ntags);
				v->tags = grown;
				cap[f] *= 2;
			}
			v->tags[v->ntags++] = arena_strdup(ctx->arena, db_col_text(st, 1));
		}
	}
	db_done(st);
	return rc;
}

/* `sections` non-NULL: the record's statement also says which sections have rows. */
static enum cb_status load_with(struct cb_ctx *ctx, int64_t id, bool scoped, struct partner *out, unsigned *sections)
{
	(void)q_select();
	struct db_stmt *st;
	enum cb_status rc = db_prepare(ctx->db, sections ? sql_record : sql_load, &st);
	if (rc != CB_OK)
		return rc;
	db_bind_int(st, 1, id);
	scope_bind(st, 2, scoped ? scope_of(ctx->who) : (struct scope){.all = true});
	bool row;
	rc = db_step(st, &row);
	if (rc == CB_OK && !row)
		rc = CB_ERR_NOT_FOUND;
	if (rc == CB_OK) {
		read_row(ctx, st, out);
		if (sections)
			*sections = (unsigned)db_col_int(st, sections_col);
	}
	db_done(st);
	if (rc == CB_OK)
		rc = load_tags(ctx, out);
	return rc;
}

static enum cb_status load(struct cb_ctx *ctx, int64_t id, bool scoped, struct partner *out)
{
	return load_with(ctx, id, scoped, out, NULL);
}

static enum cb_status get(struct cb_ctx *ctx, int64_t id, struct partner *out, unsigned *sections)
{
	enum cb_status rc = load_with(ctx, id, true, out, sections);
	if (rc == CB_OK && !out->merged_into) {
		ctx->readable_partner = id;
		ctx->readable_by = ctx->who;
	}
	return rc;
}

enum cb_status partner_get(struct cb_ctx *ctx, int64_t id, struct partner *out)
{
	return get(ctx, id, out, NULL);
}

enum cb_status partner_get_record(struct cb_ctx *ctx, int64_t id, struct partner *out, unsigned *sections)
{
	if (db_is_remote(ctx->db))
		return get(ctx, id, out, sections);
	*sections = PS_CONTACTS | PS_TERRITORIES | PS_DOCUMENTS | PS_NOTES;
	return get(ctx, id, out, NULL);
}

enum cb_status partner_exists(struct cb_ctx *ctx, int64_t id, bool *exists)
{
	struct db_stmt *st;
	enum cb_status rc = db_prepare(ctx->db, "SELECT 1 FROM partners WHERE id = $1", &st);
	if (rc != CB_OK)
		return rc;
	db_bind_int(st, 1, id);
	rc = db_step(st, exists);
	db_done(st);
	return rc;
}

enum cb_status partner_refuse_merged(struct cb_ctx *ctx, int64_t id, int64_t merged_into)
{
	if (!merged_into)
		return CB_OK;
	errors_detail(&ctx->errors, "partner %lld was merged into %lld; change that one", (long long)id,
		      (long long)merged_into);
	return CB_ERR_RULE;
}

enum cb_status partner_check_access(struct cb_ctx *ctx, int64_t id, bool write_vendor)
{
	if (!write_vendor && id == ctx->readable_partner && ctx->who == ctx->readable_by)
		return CB_OK;
	struct db_stmt *st;
	enum cb_status rc = db_prepare(ctx->db, "SELECT manager_id, merged_into FROM partners WHERE id = $1 "
						"AND (CAST($2 AS BIGINT) IS NULL OR id = $2)", &st);
	if (rc != CB_OK)
		return rc;
	db_bind_int(st, 1, id);
	scope_bind(st, 2, scope_of(ctx->who));
	bool row;
	rc = db_step(st, &row);
	int64_t manager = row ? db_col_int(st, 0) : 0;
	int64_t merged_into = row ? db_col_int(st, 1) : 0;
	db_done(st);
	if (rc != CB_OK)
		return rc;
	if (!row)
		return CB_ERR_NOT_FOUND;
	ctx->readable_partner = id;
	ctx->readable_by = ctx->who;
	if (write_vendor && !pf_may_write(ctx->who, PF_SEGMENT, id, manager)) {
		errors_detail(&ctx->errors, "only an admin or the partner's channel manager may change this");
		return CB_ERR_FORBIDDEN;
	}
	return write_vendor ? partner_refuse_merged(ctx, id, merged_into) : CB_OK;
}

/* ---- rendering ---- */

static bool internal_field(enum pf_id f)
{
	return f == PF_TECH_SCORE || f == PF_COMM_SCORE || f == PF_CURRENT_VALUE || f == PF_FUTURE_POTENTIAL ||
	       f == PF_SEGMENT;
}

static bool shown(enum pf_id f, bool vendor_viewer, bool with_tags)
{
	return !(!vendor_viewer && internal_field(f)) && !(partner_fields[f].kind == PK_TAGS && !with_tags);
}

void partner_write_json(struct strbuf *sb, const struct partner *p, bool vendor_viewer, bool with_tags)
{
	pthread_once(&sql_once, build_sql);
	sb_puts(sb, "{\"id\":");
	sb_put_int(sb, (long long)p->id);
	sb_puts(sb, ",\"version\":");
	sb_put_int(sb, (long long)p->version);
	for (int f = 0; f < PF_COUNT; f++) {
		if (json_external[f] || !shown(f, vendor_viewer, with_tags))
			continue;
		sb_append(sb, json_key[f], json_key_len[f]);
		pf_write_json(sb, f, &p->f[f]);
	}
	sb_puts(sb, ",\"external_ids\":{");
	bool first = true;
	for (int f = 0; f < PF_COUNT; f++) {
		if (!json_external[f] || !shown(f, vendor_viewer, with_tags))
			continue;
		if (!first)
			sb_putc(sb, ',');
		sb_append(sb, json_key[f], json_key_len[f]);
		pf_write_json(sb, f, &p->f[f]);
		first = false;
	}
	sb_putc(sb, '}');
	sb_puts(sb, ",\"tier_rank\":");
	if (p->tier_rank)
		sb_put_int(sb, (long long)p->tier_rank);
	else
		sb_puts(sb, "null");
	sb_puts(sb, ",\"manager_name\":");
	if (p->manager_name) {
		sb_putc(sb, '"');
		sb_json_escape(sb, p->manager_name);
		sb_putc(sb, '"');
	} else {
		sb_puts(sb, "null");
	}
	sb_puts(sb, ",\"merged_into\":");
	if (p->merged_into)
		sb_put_int(sb, (long long)p->merged_into);
	else
		sb_puts(sb, "null");
	char c[21], u[21];
	clock_iso(p->created_at, c);
	clock_iso(p->updated_at, u);
	sb_puts(sb, ",\"created_at\":\"");
	sb_puts(sb, c);
	sb_puts(sb, "\",\"updated_at\":\"");
	sb_puts(sb, u);
	sb_puts(sb, "\"}");
}

json_t *partner_to_json(const struct partner *p, bool vendor_viewer, bool with_tags)
{
	struct arena *a = arena_new(4096);
	struct strbuf sb;
	sb_init(&sb, a, 2048, 1 << 20);
	partner_write_json(&sb, p, vendor_viewer, with_tags);
	json_t *j = json_loadb(sb.data, sb.len, 0, NULL);
	arena_free(a);
	return j ? j : json_object();
}

/* ---- input ---- */

static int cmp_tag(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

enum cb_status partner_input_json(struct cb_ctx *ctx, const json_t *body, struct partner_input *in)
{
	memset(in, 0, sizeof *in);
	enum cb_status worst = CB_OK;
	const char *key;
	json_t *val;
	json_object_foreach((json_t *)body, key, val) {
		if (strcmp(key, "external_ids") == 0) {
			if (!json_is_object(val)) {
				errors_add(&ctx->errors, key, "must be an object {\"erp\": …, \"crm\": …}");
				worst = CB_ERR_INVALID;
				continue;
			}
			const char *k2;
			json_t *v2;
			json_object_foreach(val, k2, v2) {
				char name[64];
				snprintf(name, sizeof name, "external_ids.%s", k2);
				int f = pf_find(name);
				if (f < 0 || strlen(k2) > 16) {
					errors_add(&ctx->errors, name, "unknown field");
					worst = CB_ERR_INVALID;
					continue;
				}
				enum cb_status rc = pf_parse(ctx, (enum pf_id)f, v2, &in->v[f]);
				if (rc != CB_OK && worst != CB_ERR_INVALID)
					worst = rc;
				in->set[f] = true;
			}
			continue;
		}
		int f = pf_find(key);
		if (f < 0 || strchr(key, '.')) {
			errors_add(&ctx->errors, key, "unknown field");
			worst = CB_ERR_INVALID;
			continue;
		}
		enum cb_status rc = pf_parse(ctx, (enum pf_id)f, val, &in->v[f]);
		if (rc != CB_OK && worst != CB_ERR_INVALID)
			worst = rc;
		if (partner_fields[f].kind == PK_TAGS && in->v[f].ntags > 1)
			qsort(in->v[f].tags, in->v[f].ntags, sizeof(char *), cmp_tag);
		in->set[f] = true;
	}
	return worst;
}

/* ---- writing ---- */

/* Inserts tag rows (kind[i], tag[i]) of partner `id`, several per statement. */
static enum cb_status insert_tag_rows(struct cb_ctx *ctx, int64_t id, const char **kind,
				      const char **tag, size_t n)
{
	static const char prefix[] = "INSERT INTO partner_tags (partner_id, kind, tag)";
	enum cb_status rc = CB_OK;
	for (size_t done = 0; rc == CB_OK && done < n;) {
		int rows = n - done < DB_MAX_ROWS ? (int)(n - done) : DB_MAX_ROWS;
		const char *sql = db_insert_sql(prefix, 3, rows);
		struct db_stmt *st;
		if (!sql)
			return CB_ERR_INTERNAL;
		if ((rc = db_prepare(ctx->db, sql, &st)) != CB_OK)
			return rc;
		for (int r = 0; r < rows; r++, done++) {
			db_bind_int(st, 3 * r + 1, id);
			db_bind_text_kept(st, 3 * r + 2, kind[done]);
			db_bind_text_kept(st, 3 * r + 3, tag[done]);
		}
		bool row;
		rc = db_step(st, &row);
		db_done(st);
	}
	return rc;
}

/* Inserts the tags of every tag field of a new partner. */
static enum cb_status insert_tags(struct cb_ctx *ctx, int64_t id, const struct partner *p)
{
	size_t n = 0;
	for (int f = 0; f < PF_COUNT; f++)
		if (!is_column(f))
			n += p->f[f].ntags;
	if (!n)
		return CB_OK;
	const char **kind = arena_alloc(ctx->arena, n * sizeof *kind), **tag = arena_alloc(ctx->arena, n * sizeof *tag);
	n = 0;
	for (int f = 0; f < PF_COUNT; f++)
		for (size_t i = 0; !is_column(f) && i < p->f[f].ntags; i++, n++) {
			kind[n] = partner_fields[f].column;
			tag[n] = p->f[f].tags[i];
		}
	return insert_tag_rows(ctx, id, kind, tag, n);
}

/* Replaces the tags of one tag field. */
static enum cb_status write_tags(struct cb_ctx *ctx, int64_t id, enum pf_id f, const struct pval *v)
{
	struct db_stmt *st;
	enum cb_status rc = db_prepare(ctx->db, "DELETE FROM partner_tags WHERE partner_id = $1 AND kind = $2", &st);
	if (rc != CB_OK)
		return rc;
	db_bind_int(st, 1, id);
	db_bind_text(st, 2, partner_fields[f].column);
	bool row;
	rc = db_step(st, &row);
	db_done(st);
	if (rc != CB_OK || !v->ntags)
		return rc;
	const char **kind = arena_alloc(ctx->arena, v->ntags * sizeof *kind);
	for (size_t i = 0; i < v->ntags; i++)
		kind[i] = partner_fields[f].column;
	return insert_tag_rows(ctx, id, kind, v->tags, v->ntags);
}

static enum cb_status check_owners(struct cb_ctx *ctx, const struct partner_input *in,
				   const struct partner *cur)
{
	bool bad = false;
	for (int f = 0; f < PF_COUNT; f++) {
		if (!in->set[f] || (cur && pf_equal(f, &in->v[f], &cur->f[f])))
			continue;
		int64_t manager = cur ? (cur->f[PF_MANAGER].null ? 0 : cur->f[PF_MANAGER].i) : 0;
		/* "System-owned: written only by imports and jobs" — an import writes them with
		 * the rights its importer has over the partner's vendor-owned fields. */
		enum pf_id as = in->import && partner_fields[f].owner == OWN_SYSTEM ? PF_SEGMENT : (enum pf_id)f;
		if (!pf_may_write(ctx->who, as, cur ? cur->id : 0, manager)) {
			errors_add(&ctx->errors, partner_fields[f].json, "is %s-owned; your role may not change it",
				   pf_owner_name(partner_fields[f].owner));
			bad = true;
		}
	}
	if (bad)
		errors_detail(&ctx->errors, "each field has an owner, and only its owner may change it");
	return bad ? CB_ERR_FORBIDDEN : CB_OK;
}

/* The fields in the order of their JSON names: an audit change set is stored with sorted
 * keys (as jansson's JSON_SORT_KEYS writes it), and this one is written directly. */
static enum pf_id by_name[PF_COUNT];

static int cmp_json_name(const void *a, const void *b)
{
	return strcmp(partner_fields[*(const enum pf_id *)a].json, partner_fields[*(const enum pf_id *)b].json);
}

static void sort_names(void)
{
	for (int f = 0; f < PF_COUNT; f++)
		by_name[f] = (enum pf_id)f;
	qsort(by_name, PF_COUNT, sizeof *by_name, cmp_json_name);
}

static void put_reason(struct strbuf *sb, const char *reason)
{
	sb_puts(sb, sb->len > 1 ? ",\"reason\":[null,\"" : "\"reason\":[null,\"");
	sb_json_escape(sb, reason);
	sb_puts(sb, "\"]");
}

/* The audit change set of a partner write: {"field": [before, after], …} for each field
 * that changed (every field set, for a new partner: before == NULL), plus a status
 * change's "reason": [null, text]. *out is NULL when nothing changed and there is no
 * reason. */
static enum cb_status changes_text(struct cb_ctx *ctx, const struct partner *before, const struct partner *after,
				   const char *reason, const char **out)
{
	static pthread_once_t once = PTHREAD_ONCE_INIT;
	pthread_once(&once, sort_names);
	struct strbuf sb;
	sb_init(&sb, ctx->arena, 2048, 32u << 20);
	sb_putc(&sb, '{');
	for (int i = 0; i < PF_COUNT; i++) {
		enum pf_id f = by_name[i];
		if (before && pf_equal(f, &before->f[f], &after->f[f]))
			continue;
		if (!before && after->f[f].null && after->f[f].ntags == 0)
			continue;
		if (reason && strcmp(partner_fields[f].json, "reason") > 0) {
			put_reason(&sb, reason);
			reason = NULL;
		}
		if (sb.len > 1)
			sb_putc(&sb, ',');
		sb_putc(&sb, '"');
		sb_puts(&sb, partner_fields[f].json);
		sb_puts(&sb, "\":[");
		if (before)
			pf_write_json(&sb, f, &before->f[f]);
		else
			sb_puts(&sb, "null");
		sb_putc(&sb, ',');
		pf_write_json(&sb, f, &after->f[f]);
		sb_putc(&sb, ']');
	}
	if (reason)
		put_reason(&sb, reason);
	sb_putc(&sb, '}');
	*out = sb.len > 2 ? sb.data : NULL;
	return sb.overflow ? CB_ERR_TOO_LARGE : CB_OK;
}

/* Where a new partner may start: suspended and terminated need a history first. */
static bool status_may_start(const char *s)
{
	static const char *const starts[] = {"prospect", "applied", "onboarding", "active", NULL};
	for (const char *const *p = starts; *p; p++)
		if (strcmp(*p, s) == 0)
			return true;
	return false;
}

enum cb_status partner_create(struct cb_ctx *ctx, const struct partner_input *in, struct partner *out)
{
	if (!principal_in(ctx->who, ROLE_BIT(ROLE_ADMIN) | ROLE_BIT(ROLE_CHANNEL_MANAGER)))
		return CB_ERR_FORBIDDEN;
	struct partner p;
	memset(&p, 0, sizeof p);
	for (int f = 0; f < PF_COUNT; f++)
		p.f[f] = in->set[f] ? in->v[f] : (struct pval){.null = true};
	if (p.f[PF_NAME].null && !p.f[PF_LEGAL_NAME].null)
		p.f[PF_NAME] = p.f[PF_LEGAL_NAME];
	if (p.f[PF_NAME].null) {
		errors_add(&ctx->errors, "name", "is required");
		return CB_ERR_INVALID;
	}
	if (p.f[PF_LEGAL_NAME].null)
		p.f[PF_LEGAL_NAME] = p.f[PF_NAME];
	if (p.f[PF_TYPE].null)
		p.f[PF_TYPE] = (struct pval){.s = "reseller"};
	if (p.f[PF_MODEL].null)
		p.f[PF_MODEL] = (struct pval){.s = "sell_to"};
	if (p.f[PF_STATUS].null)
		p.f[PF_STATUS] = (struct pval){.s = "prospect"};
	if (!in->import && ctx->who->via != AUTH_SYSTEM && !status_may_start(p.f[PF_STATUS].s)) {
		errors_add(&ctx->errors, "status", "a new partner starts as one of: prospect, applied, onboarding, active");
		return CB_ERR_RULE;
	}
	if (p.f[PF_MANAGER].null && ctx->who->via != AUTH_SYSTEM &&
	    principal_in(ctx->who, ROLE_BIT(ROLE_CHANNEL_MANAGER)))
		p.f[PF_MANAGER] = (struct pval){.i = ctx->who->user_id};
	enum cb_status rc = check_owners(ctx, in, NULL);
	if (rc != CB_OK)
		return rc;

	struct db_stmt *st;
	pthread_once(&sql_once, build_sql);
	if ((rc = db_prepare(ctx->db, sql_insert, &st)) != CB_OK)
		return rc;
	int n = 0;
	for (int f = 0; f < PF_COUNT; f++)
		if (is_column(f))
			bind_value(st, ++n, f, &p.f[f]);
	db_bind_int(st, n + 1, clock_now());
	const char *norm[PARTNER_NORMS];
	partner_norms(ctx->arena, &p, norm);
	for (int k = 0; k < PARTNER_NORMS; k++)
		db_bind_text_kept(st, n + 2 + k, norm[k]);
	bool row;
	rc = db_step(st, &row);
	int64_t id = rc == CB_OK && row ? db_col_int(st, 0) : 0;
	db_done(st);
	if (rc == CB_ERR_CONFLICT) {
		errors_add(&ctx->errors, "external_ids", "another partner has the same ERP or CRM id");
		return rc;
	}
	if (rc != CB_OK)
		return rc;
	if ((rc = insert_tags(ctx, id, &p)) == CB_OK)
		rc = partner_index_new(ctx, id, &p, norm[1]);
	/* Without `out` (a batch import) the record is not read back: the audit row is
	 * written from the values stored. */
	p.id = id;
	if (rc == CB_OK && out)
		rc = load(ctx, id, false, out);
	if (rc != CB_OK)
		return rc;
	const char *ch;
	if ((rc = changes_text(ctx, NULL, out ? out : &p, NULL, &ch)) != CB_OK)
		return rc;
	return audit_write_partner_text(ctx, id, "partner.create", "partner", id, ch);
}

static enum cb_status store_update(struct cb_ctx *ctx, const struct partner *cur, struct partner *next,
				   const char *action, const char *reason)
{
	const char *ch;
	enum cb_status rc = changes_text(ctx, cur, next, reason, &ch);
	if (rc != CB_OK)
		return rc;
	if (!ch) {
		*next = *cur;
		return CB_OK;
	}
	struct db_stmt *st;
	if ((rc = db_prepare(ctx->db, sql_update, &st)) != CB_OK)
		return rc;
	int n = 0;
	for (int f = 0; f < PF_COUNT; f++)
		if (is_column(f))
			bind_value(st, ++n, f, &next->f[f]);
	db_bind_int(st, n + 1, clock_now());
	db_bind_int(st, n + 2, cur->id);
	db_bind_int(st, n + 3, cur->version);
	const char *norm[PARTNER_NORMS];
	partner_norms(ctx->arena, next, norm);
	for (int k = 0; k < PARTNER_NORMS; k++)
		db_bind_text_kept(st, n + 4 + k, norm[k]);
	bool row;
	rc = db_step(st, &row);
	int64_t changed = db_changes(st);
	db_done(st);
	if (rc == CB_ERR_CONFLICT) {
		errors_add(&ctx->errors, "external_ids", "another partner has the same ERP or CRM id");
		return rc;
	}
	if (rc != CB_OK)
		return rc;
	if (changed == 0) {
		errors_detail(&ctx->errors, "the partner was changed by someone else; reload it and try again");
		return CB_ERR_PRECONDITION;
	}
	for (int f = 0; rc == CB_OK && f < PF_COUNT; f++)
		if (!is_column(f) && !pf_equal(f, &cur->f[f], &next->f[f]))
			rc = write_tags(ctx, cur->id, f, &next->f[f]);
	if (rc == CB_OK)
		rc = partner_reindex(ctx, cur->id);
	if (rc == CB_OK)
		rc = load(ctx, cur->id, false, next);
	if (rc == CB_OK)
		rc = audit_write_partner_text(ctx, cur->id, action, "partner", cur->id, ch);
	return rc;
}

enum cb_status partner_update(struct cb_ctx *ctx, int64_t id, const struct partner_input *in,
			      int64_t expect_version, struct partner *out)
{
	struct partner cur;
	pthread_once(&sql_once, build_sql);
	enum cb_status rc = load(ctx, id, true, &cur);
	if (rc != CB_OK)
		return rc;
	if ((rc = partner_refuse_merged(ctx, id, cur.merged_into)) != CB_OK)
		return rc;
	/* Ownership first: a partner user sending `status` is told it may not change the
	 * field at all (403), not how a permitted writer would change it. */
	if ((rc = check_owners(ctx, in, &cur)) != CB_OK)
		return rc;
	if (in->set[PF_STATUS] && !pf_equal(PF_STATUS, &in->v[PF_STATUS], &cur.f[PF_STATUS])) {
		errors_add(&ctx->errors, "status", "changes only through POST /api/v1/partners/%lld/status with a reason",
			   (long long)id);
		return CB_ERR_RULE;
	}
	if (expect_version && expect_version != cur.version) {
		errors_detail(&ctx->errors, "version %lld is stale; the partner is at version %lld",
			      (long long)expect_version, (long long)cur.version);
		return CB_ERR_PRECONDITION;
	}
	struct partner next = cur;
	for (int f = 0; f < PF_COUNT; f++)
		if (in->set[f])
			next.f[f] = in->v[f];
	if (next.f[PF_NAME].null || next.f[PF_LEGAL_NAME].null) {
		errors_add(&ctx->errors, next.f[PF_NAME].null ? "name" : "legal_name", "must not be empty");
		return CB_ERR_INVALID;
	}
	if (next.f[PF_TYPE].null || next.f[PF_MODEL].null) {
		errors_add(&ctx->errors, next.f[PF_TYPE].null ? "type" : "model", "must not be null");
		return CB_ERR_INVALID;
	}
	rc = store_update(ctx, &cur, &next, "partner.update", NULL);
	if (rc == CB_OK)
		*out = next;
	return rc;
}

/* ---- status life cycle ---- */

struct transition {
	const char *from;
	const char *const to[4];
};

/* prospect → applied → onboarding → active → suspended → terminated, suspended → active. */
static const struct transition transitions[] = {
	{"prospect", {"applied", NULL}},
	{"applied", {"onboarding", NULL}},
	{"onboarding", {"active", NULL}},
	{"active", {"suspended", NULL}},
	{"suspended", {"active", "terminated", NULL}},
	{"terminated", {NULL}},
};

const char *const *partner_status_next(const char *from)
{
	for (size_t i = 0; i < sizeof transitions / sizeof *transitions; i++)
		if (strcmp(transitions[i].from, from) == 0)
			return transitions[i].to;
	return transitions[sizeof transitions / sizeof *transitions - 1].to;
}

enum cb_status partner_set_status(struct cb_ctx *ctx, int64_t id, const char *to, const char *reason,
				  int64_t expect_version, struct partner *out)
{
	pthread_once(&sql_once, build_sql);
	struct partner cur;
	enum cb_status rc = load(ctx, id, true, &cur);
	if (rc != CB_OK)
		return rc;
	int64_t manager = cur.f[PF_MANAGER].null ? 0 : cur.f[PF_MANAGER].i;
	if (!pf_may_write(ctx->who, PF_STATUS, id, manager)) {
		errors_add(&ctx->errors, "status", "only an admin or the partner's channel manager may change it");
		return CB_ERR_FORBIDDEN;
	}
	if ((rc = partner_refuse_merged(ctx, id, cur.merged_into)) != CB_OK)
		return rc;
	const char *r = reason ? str_trim(ctx->arena, reason) : "";
	if (!*r) {
		errors_add(&ctx->errors, "reason", "is required");
		return CB_ERR_INVALID;
	}
	struct pval v;
	size_t mark = ctx->errors.count;
	if ((rc = pf_parse_text(ctx, PF_STATUS, to, &v)) != CB_OK) {
		for (size_t i = mark; i < ctx->errors.count; i++) /* the body's field is `to` */
			ctx->errors.items[i].field = "to";
		return rc;
	}
	const char *const *next = partner_status_next(cur.f[PF_STATUS].s);
	bool ok = false;
	for (const char *const *n = next; *n; n++)
		ok = ok || strcmp(*n, v.s) == 0;
	if (!ok) {
		struct strbuf sb;
		sb_init(&sb, ctx->arena, 64, 512);
		for (const char *const *n = next; *n; n++)
			sb_printf(&sb, "%s%s", n == next ? "" : ", ", *n);
		errors_add(&ctx->errors, "to", "a %s partner can move only to: %s", cur.f[PF_STATUS].s,
			   sb.len ? sb.data : "(none: terminated is final)");
		return CB_ERR_RULE;
	}
	if (expect_version && expect_version != cur.version)
		return CB_ERR_PRECONDITION;
	struct partner nx = cur;
	nx.f[PF_STATUS] = v;
	rc = store_update(ctx, &cur, &nx, "partner.status", r);
	if (rc == CB_OK && strcmp(v.s, "terminated") == 0)
		rc = territory_clear_exclusive(ctx, id);
	if (rc == CB_OK)
		*out = nx;
	return rc;
}

/* ---- listing and search ---- */

struct sort_key {
	const char *name;
	const char *expr;
};

static const struct sort_key sorts[] = {
	{"name", "p.name_key"},
	{"created", "p.id"}, /* ids are handed out in creation order; the primary key serves it */
	{"updated", "p.updated_at"},
	{"tier", "COALESCE(t.rank, 0)"},
	{"score", "(COALESCE(p.technical_score, 0) + COALESCE(p.commercial_score, 0))"},
};

enum cb_status partner_list(struct cb_ctx *ctx, const struct partner_filter *f, struct partner_page *out)
{
	struct arena *a = ctx->arena;
	bool dir_desc = f->sort && f->sort[0] == '-';
	const char *sname = f->sort ? f->sort + dir_desc : "name";
	const struct sort_key *sk = NULL;
	for (size_t i = 0; i < sizeof sorts / sizeof *sorts; i++)
		if (strcmp(sorts[i].name, sname) == 0)
			sk = &sorts[i];
	bool ok = true;
	if (!sk) {
		errors_add(&ctx->errors, "sort", "must be one of name, created, updated, tier, score (prefix - for descending)");
		ok = false;
	}
	/* The cursor names a row whose sort key the next page is compared with: a scoped
	 * principal may only name a row it can see, or the order of its own row against an
	 * unseen one would tell it that row's name, score or tier. */
	struct scope sc = scope_of(ctx->who);
	if (f->after && !sc.all && f->after != sc.partner_id) {
		errors_add(&ctx->errors, "after", "must be the id of a partner in your results");
		return CB_ERR_INVALID;
	}
	enum cb_status rc = partner_filter_check(ctx, f);
	if (rc == CB_ERR_INVALID)
		return rc;
	if (!ok || rc != CB_OK)
		return CB_ERR_RULE;

	/* Parameters: $1 limit, then the filter's, then the cursor's. */
	(void)q_select();
	struct partner_where w = {.drive = sk == &sorts[0]};
	if ((rc = partner_where_build(ctx, f, 2, true, &w)) != CB_OK)
		return rc;
	const char *dir = dir_desc ? "DESC" : "ASC", *cmp = dir_desc ? "<" : ">";
	struct strbuf sql;
	sb_init(&sql, a, 1024, 8192);
	if (w.drive) {
		/* In name order from the search index (see partner_where.drive). */
		const char *cursor = f->after ? arena_printf(a, " AND (s.name_key, s.partner_id) %s (SELECT name_key, id "
								"FROM partners WHERE id = $%d)", cmp, partner_where_int(&w, f->after)) : "";
		if (w.drive_nw > 1) {
			/* A UNION of ordered index reads: SQLite merges them and stops at the limit;
			 * PostgreSQL dedupes the narrow rows of the words before the limit. */
			sb_printf(&sql, "%s FROM (", sql_cols);
			for (int k = 0; k < w.drive_nw; k++)
				sb_printf(&sql, "%sSELECT s.name_key, s.partner_id FROM search_terms s WHERE s.term = $%d "
						"AND s.country = $%d%s", k ? " UNION " : "", w.drive_word[k], w.drive_country, cursor);
			sb_printf(&sql, " ORDER BY 1 %s, 2 %s LIMIT $1) s", dir, dir);
		} else {
			sb_printf(&sql, "%s FROM search_terms s", sql_cols);
		}
		sb_printf(&sql, " JOIN partners p ON p.id = s.partner_id" SQL_JOINS "%s%s", w.sql.data,
			  w.drive_nw > 1 ? "" : cursor);
		sb_printf(&sql, " ORDER BY s.name_key %s, s.partner_id %s LIMIT $1", dir, dir);
	} else {
		sb_printf(&sql, "%s%s", q_select(), w.sql.data);
		if (f->after && strcmp(sk->expr, "p.id") == 0) {
			sb_printf(&sql, " AND p.id %s $%d", cmp, partner_where_int(&w, f->after));
		} else if (f->after) {
			int ap = partner_where_int(&w, f->after);
			sb_printf(&sql, " AND (%s, p.id) %s (SELECT %s, p.id FROM partners p LEFT JOIN tiers t ON t.id = p.tier_id "
					"WHERE p.id = $%d)", sk->expr, cmp, sk->expr, ap);
		}
		if (strcmp(sk->expr, "p.id") == 0)
			sb_printf(&sql, " ORDER BY p.id %s LIMIT $1", dir);
		else
			sb_printf(&sql, " ORDER BY %s %s, p.id %s LIMIT $1", sk->expr, dir, dir);
	}
	if (sql.overflow || w.overflow)
		return CB_ERR_INTERNAL;

	bool cached;
	const char *text = partner_sql_intern(a, sql.data, &cached);
	struct db_stmt *st;
	if ((rc = db_prepare(ctx->db, text, &st)) != CB_OK)
		return rc;
	/* A driven read may meet a partner twice in a row: room for every row twice. */
	db_bind_int(st, 1, (f->limit + 1) * (w.drive ? 2 : 1));
	partner_where_bind(&w, 2, st);
	out->items = arena_alloc(a, sizeof *out->items * (size_t)(f->limit + 1));
	out->count = 0;
	out->next_after = 0;
	bool row;
	while ((rc = db_step(st, &row)) == CB_OK && row) {
		if (out->count && out->items[out->count - 1].id == db_col_int(st, 0))
			continue;
		if (out->count == (size_t)f->limit) {
			out->next_after = out->items[f->limit - 1].id;
			break;
		}
		read_row(ctx, st, &out->items[out->count++]);
	}
	db_done(st);
	if (!cached)
		db_forget(ctx->db, text);
	return rc;
}
