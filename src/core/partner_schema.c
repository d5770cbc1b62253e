/*
 * partner_schema.c — the partner field table, value parsing, rendering and the
 * ownership policy.
 */
#include "partner_schema.h"

#include "../base/arena.h"
#include "../base/country.h"
#include "../base/str.h"
#include "../store/db.h"
#include "tier.h"

#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

static const char *const types[] = {"reseller", "distributor", "system_integrator", "msp", "mssp",
				    "isv", "consultant", "referral", NULL};
static const char *const models[] = {"sell_to", "sell_with", "referral", NULL};
static const char *const statuses[] = {"prospect", "applied", "onboarding", "active", "suspended",
				       "terminated", NULL};
static const char *const employee_bands[] = {"1-10", "11-50", "51-200", "201-500", "501-1000", "1000+", NULL};

const char *const *partner_types(void) { return types; }
const char *const *partner_models(void) { return models; }
const char *const *partner_statuses(void) { return statuses; }

#define DEG 1000000LL

const struct partner_field partner_fields[PF_COUNT] = {
	[PF_LEGAL_NAME] = {"legal_name", "legal_name", PK_TEXT, OWN_VENDOR, 300, 0, 0, NULL},
	[PF_NAME] = {"name", "name", PK_TEXT, OWN_VENDOR, 200, 0, 0, NULL},
	[PF_TYPE] = {"type", "type", PK_ENUM, OWN_VENDOR, 0, 0, 0, types},
	[PF_MODEL] = {"model", "model", PK_ENUM, OWN_VENDOR, 0, 0, 0, models},
	[PF_STATUS] = {"status", "status", PK_ENUM, OWN_VENDOR, 0, 0, 0, statuses},
	[PF_TIER] = {"tier", "tier_id", PK_TIER, OWN_VENDOR, 60, 0, 0, NULL},
	[PF_SEGMENT] = {"segment", "segment", PK_TEXT, OWN_VENDOR, 60, 0, 0, NULL},
	[PF_COUNTRY] = {"country", "country", PK_COUNTRY, OWN_VENDOR, 2, 0, 0, NULL},
	[PF_REGION] = {"region", "region", PK_TEXT, OWN_VENDOR, 100, 0, 0, NULL},
	[PF_CITY] = {"city", "city", PK_TEXT, OWN_VENDOR, 100, 0, 0, NULL},
	[PF_ADDRESS] = {"address", "address", PK_TEXT, OWN_PARTNER, 500, 0, 0, NULL},
	[PF_LATITUDE] = {"latitude", "lat_e6", PK_COORD, OWN_VENDOR, 0, -90 * DEG, 90 * DEG, NULL},
	[PF_LONGITUDE] = {"longitude", "lon_e6", PK_COORD, OWN_VENDOR, 0, -180 * DEG, 180 * DEG, NULL},
	[PF_WEBSITE] = {"website", "website", PK_URL, OWN_PARTNER, 300, 0, 0, NULL},
	[PF_EMAIL_DOMAIN] = {"email_domain", "email_domain", PK_DOMAIN, OWN_VENDOR, 253, 0, 0, NULL},
	[PF_TAX_ID] = {"tax_id", "tax_id", PK_TEXT, OWN_VENDOR, 50, 0, 0, NULL},
	[PF_PHONE] = {"phone", "phone", PK_PHONE, OWN_PARTNER, 40, 0, 0, NULL},
	[PF_EMPLOYEES] = {"employees", "employees", PK_ENUM, OWN_PARTNER, 0, 0, 0, employee_bands},
	[PF_DESCRIPTION] = {"description", "description", PK_TEXT, OWN_PARTNER, 4000, 0, 0, NULL},
	[PF_INDUSTRIES] = {"industries", "industry", PK_TAGS, OWN_PARTNER, 60, 0, 0, NULL},
	[PF_SPECIALISATIONS] = {"specialisations", "specialisation", PK_TAGS, OWN_VENDOR, 60, 0, 0, NULL},
	[PF_LANGUAGES] = {"languages", "language", PK_TAGS, OWN_PARTNER, 20, 0, 0, NULL},
	[PF_MANAGER] = {"manager_id", "manager_id", PK_USER, OWN_VENDOR, 0, 0, 0, NULL},
	[PF_TECH_SCORE] = {"technical_score", "technical_score", PK_SCORE, OWN_VENDOR, 0, 0, 100, NULL},
	[PF_COMM_SCORE] = {"commercial_score", "commercial_score", PK_SCORE, OWN_VENDOR, 0, 0, 100, NULL},
	[PF_CURRENT_VALUE] = {"current_value", "current_value", PK_SCORE, OWN_VENDOR, 0, 0, 100, NULL},
	[PF_FUTURE_POTENTIAL] = {"future_potential", "future_potential", PK_SCORE, OWN_VENDOR, 0, 0, 100, NULL},
	[PF_ERP_ID] = {"external_ids.erp", "erp_id", PK_TEXT, OWN_SYSTEM, 100, 0, 0, NULL},
	[PF_CRM_ID] = {"external_ids.crm", "crm_id", PK_TEXT, OWN_SYSTEM, 100, 0, 0, NULL},
};

#define MAX_TAGS PARTNER_MAX_TAGS

int pf_find(const char *json)
{
	for (int f = 0; f < PF_COUNT; f++)
		if (strcmp(partner_fields[f].json, json) == 0)
			return f;
	return -1;
}

const char *pf_owner_name(enum pf_owner o)
{
	switch (o) {
	case OWN_PARTNER: return "partner";
	case OWN_VENDOR: return "vendor";
	case OWN_SYSTEM: return "system";
	}
	return "vendor";
}

static const char *allowed_list(struct arena *a, const char *const *values)
{
	struct strbuf sb;
	sb_init(&sb, a, 128, 4096);
	for (const char *const *v = values; *v; v++) {
		if (v != values)
			sb_puts(&sb, ", ");
		sb_puts(&sb, *v);
	}
	return sb.data;
}

static bool url_ok(const char *s)
{
	const char *host;
	if (strncasecmp(s, "https://", 8) == 0)
		host = s + 8;
	else if (strncasecmp(s, "http://", 7) == 0)
		host = s + 7;
	else
		return false;
	size_t n = strcspn(host, "/?#");
	if (n == 0)
		return false;
	bool dot = false;
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)host[i];
		if (c == '.')
			dot = true;
		else if (!(c == '-' || c == ':' || (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') ||
			   (c >= 'A' && c <= 'Z') || c >= 0x80))
			return false;
	}
	for (const char *p = s; *p; p++)
		if ((unsigned char)*p <= 0x20)
			return false;
	return dot;
}

static bool domain_ok(const char *s)
{
	/* Reuse the e-mail checker's domain rules on "x@domain". */
	char buf[300];
	size_t n = strlen(s);
	if (n == 0 || n > 253 || n + 3 > sizeof buf)
		return false;
	buf[0] = 'x';
	buf[1] = '@';
	memcpy(buf + 2, s, n + 1);
	return str_is_email(buf);
}

bool pf_phone_valid(const char *s)
{
	int digits = 0;
	for (const char *p = s; *p; p++) {
		if (*p >= '0' && *p <= '9')
			digits++;
		else if (!strchr("+-(). ", *p))
			return false;
	}
	return digits >= 5 && digits <= 20;
}

static enum cb_status parse_str(struct cb_ctx *ctx, enum pf_id f, const char *in, struct pval *out)
{
	const struct partner_field *pf = &partner_fields[f];
	struct cb_errors *errs = &ctx->errors;
	const char *s = str_trim(ctx->arena, in);
	if (!*s) {
		out->null = true;
		return CB_OK;
	}
	if (!utf8_valid(s, strlen(s))) {
		errors_add(errs, pf->json, "must be valid UTF-8 text");
		return CB_ERR_INVALID;
	}
	if (pf->max_len && utf8_length(s) > pf->max_len) {
		errors_add(errs, pf->json, "must be at most %zu characters", pf->max_len);
		return CB_ERR_INVALID;
	}
	out->s = s;
	switch (pf->kind) {
	case PK_ENUM:
		for (const char *const *v = pf->values; *v; v++)
			if (strcmp(*v, s) == 0)
				return CB_OK;
		errors_add(errs, pf->json, "must be one of: %s", allowed_list(ctx->arena, pf->values));
		return CB_ERR_RULE;
	case PK_COUNTRY: {
		char *up = arena_strdup(ctx->arena, s);
		for (char *p = up; *p; p++)
			if (*p >= 'a' && *p <= 'z')
				*p = (char)(*p - 'a' + 'A');
		if (!country_valid(up)) {
			errors_add(errs, pf->json, "must be an ISO 3166-1 alpha-2 country code such as AE or IR");
			return CB_ERR_INVALID;
		}
		out->s = up;
		return CB_OK;
	}
	case PK_URL:
		if (!url_ok(s)) {
			errors_add(errs, pf->json, "must be an http:// or https:// address such as https://example.com");
			return CB_ERR_INVALID;
		}
		return CB_OK;
	case PK_DOMAIN:
		out->s = str_lower(ctx->arena, s);
		if (!domain_ok(out->s)) {
			errors_add(errs, pf->json, "must be a domain name such as example.com");
			return CB_ERR_INVALID;
		}
		return CB_OK;
	case PK_PHONE:
		if (!pf_phone_valid(s)) {
			errors_add(errs, pf->json, "must be a phone number of 5 to 20 digits (+, -, spaces, dots and brackets allowed)");
			return CB_ERR_INVALID;
		}
		return CB_OK;
	case PK_TIER: {
		const char *names;
		enum cb_status rc = tier_find(ctx, s, &out->i, &out->s);
		if (rc == CB_OK && !out->i && (rc = tier_names(ctx, &names)) == CB_OK) {
			errors_add(errs, pf->json, "no tier named '%s'; must be one of: %s", s, names);
			rc = CB_ERR_RULE;
		}
		return rc;
	}
	case PK_TEXT:
		return CB_OK;
	case PK_SCORE:
	case PK_COORD:
	case PK_TAGS:
	case PK_USER:
		break;
	}
	return CB_ERR_INTERNAL;
}

static enum cb_status check_manager(struct cb_ctx *ctx, enum pf_id f, struct pval *out)
{
	struct db_stmt *st;
	enum cb_status rc = db_prepare(ctx->db, "SELECT role, disabled FROM users WHERE id = $1", &st);
	if (rc != CB_OK)
		return rc;
	db_bind_int(st, 1, out->i);
	bool row;
	rc = db_step(st, &row);
	bool ok = rc == CB_OK && row && db_col_int(st, 1) == 0 &&
		  (strcmp(db_col_text(st, 0), "channel_manager") == 0 || strcmp(db_col_text(st, 0), "admin") == 0);
	db_done(st);
	if (rc != CB_OK)
		return rc;
	if (!ok) {
		errors_add(&ctx->errors, partner_fields[f].json,
			   "must be the id of an active channel_manager or admin user");
		return CB_ERR_RULE;
	}
	return CB_OK;
}

static enum cb_status range_check(struct cb_ctx *ctx, enum pf_id f, struct pval *out)
{
	const struct partner_field *pf = &partner_fields[f];
	if (out->i < pf->min || out->i > pf->max) {
		if (pf->kind == PK_COORD)
			errors_add(&ctx->errors, pf->json, "must be between %g and %g", (double)pf->min / DEG,
				   (double)pf->max / DEG);
		else
			errors_add(&ctx->errors, pf->json, "must be an integer from %lld to %lld",
				   (long long)pf->min, (long long)pf->max);
		return CB_ERR_INVALID;
	}
	return CB_OK;
}

static enum cb_status add_tag(struct cb_ctx *ctx, enum pf_id f, const char *raw, const char **tags, size_t *n)
{
	const struct partner_field *pf = &partner_fields[f];
	const char *t = str_trim(ctx->arena, raw);
	if (!*t)
		return CB_OK;
	if (!utf8_valid(t, strlen(t)) || utf8_length(t) > pf->max_len) {
		errors_add(&ctx->errors, pf->json, "each entry must be text of at most %zu characters", pf->max_len);
		return CB_ERR_INVALID;
	}
	if (strpbrk(t, ";|")) {
		errors_add(&ctx->errors, pf->json, "entries must not contain ';' or '|': they separate entries in CSV files");
		return CB_ERR_INVALID;
	}
	for (size_t i = 0; i < *n; i++)
		if (strcasecmp(tags[i], t) == 0)
			return CB_OK;
	if (*n >= MAX_TAGS) {
		errors_add(&ctx->errors, pf->json, "must have at most %d entries", MAX_TAGS);
		return CB_ERR_INVALID;
	}
	tags[(*n)++] = t;
	return CB_OK;
}

enum cb_status pf_parse(struct cb_ctx *ctx, enum pf_id f, const json_t *v, struct pval *out)
{
	const struct partner_field *pf = &partner_fields[f];
	*out = (struct pval){0};
	if (json_is_null(v)) {
		out->null = true;
		return CB_OK;
	}
	switch (pf->kind) {
	case PK_SCORE:
	case PK_USER:
		if (!json_is_integer(v)) {
			errors_add(&ctx->errors, pf->json, "must be an integer or null");
			return CB_ERR_INVALID;
		}
		out->i = json_integer_value(v);
		if (pf->kind == PK_USER)
			return check_manager(ctx, f, out);
		return range_check(ctx, f, out);
	case PK_COORD: {
		if (!json_is_number(v)) {
			errors_add(&ctx->errors, pf->json, "must be a number of degrees or null");
			return CB_ERR_INVALID;
		}
		double d = json_number_value(v);
		if (!isfinite(d) || fabs(d) > 1000) {
			errors_add(&ctx->errors, pf->json, "must be a number of degrees");
			return CB_ERR_INVALID;
		}
		out->i = llround(d * DEG);
		return range_check(ctx, f, out);
	}
	case PK_TAGS: {
		if (!json_is_array(v)) {
			errors_add(&ctx->errors, pf->json, "must be an array of strings");
			return CB_ERR_INVALID;
		}
		out->tags = arena_alloc(ctx->arena, sizeof *out->tags * MAX_TAGS);
		size_t i;
		json_t *t;
		json_array_foreach(v, i, t) {
			if (!json_is_string(t)) {
				errors_add(&ctx->errors, pf->json, "must be an array of strings");
				return CB_ERR_INVALID;
			}
			enum cb_status rc = add_tag(ctx, f, json_string_value(t), out->tags, &out->ntags);
			if (rc != CB_OK)
				return rc;
		}
		return CB_OK;
	}
	default:
		if (!json_is_string(v)) {
			errors_add(&ctx->errors, pf->json, "must be a string or null");
			return CB_ERR_INVALID;
		}
		if (strlen(json_string_value(v)) != json_string_length(v)) {
			errors_add(&ctx->errors, pf->json, "must not contain NUL characters");
			return CB_ERR_INVALID;
		}
		return parse_str(ctx, f, json_string_value(v), out);
	}
}

enum cb_status pf_parse_text(struct cb_ctx *ctx, enum pf_id f, const char *cell, struct pval *out)
{
	const struct partner_field *pf = &partner_fields[f];
	*out = (struct pval){0};
	const char *s = str_trim(ctx->arena, cell ? cell : "");
	if (!*s && pf->kind != PK_TAGS) {
		out->null = true;
		return CB_OK;
	}
	switch (pf->kind) {
	case PK_SCORE:
	case PK_USER:
		if (!parse_i64(s, INT64_MIN + 1, INT64_MAX, &out->i)) {
			errors_add(&ctx->errors, pf->json, "must be an integer");
			return CB_ERR_INVALID;
		}
		return pf->kind == PK_USER ? check_manager(ctx, f, out) : range_check(ctx, f, out);
	case PK_COORD: {
		char *end = NULL;
		errno = 0;
		double d = strtod(s, &end);
		if (errno || !end || *end || !isfinite(d) || fabs(d) > 1000) {
			errors_add(&ctx->errors, pf->json, "must be a number of degrees");
			return CB_ERR_INVALID;
		}
		out->i = llround(d * DEG);
		return range_check(ctx, f, out);
	}
	case PK_TAGS: {
		out->tags = arena_alloc(ctx->arena, sizeof *out->tags * MAX_TAGS);
		char *copy = arena_strdup(ctx->arena, s);
		char *p = copy;
		while (p) {
			char *sep = strpbrk(p, ";|");
			if (sep)
				*sep = '\0';
			enum cb_status rc = add_tag(ctx, f, p, out->tags, &out->ntags);
			if (rc != CB_OK)
				return rc;
			p = sep ? sep + 1 : NULL;
		}
		return CB_OK;
	}
	default:
		return parse_str(ctx, f, s, out);
	}
}

json_t *pf_json(enum pf_id f, const struct pval *v)
{
	const struct partner_field *pf = &partner_fields[f];
	if (pf->kind == PK_TAGS) {
		json_t *a = json_array();
		for (size_t i = 0; i < v->ntags; i++)
			json_array_append_new(a, json_string(v->tags[i]));
		return a;
	}
	if (v->null)
		return json_null();
	switch (pf->kind) {
	case PK_SCORE:
	case PK_USER: return json_integer(v->i);
	case PK_COORD: return json_real((double)v->i / DEG);
	default: return json_string(v->s ? v->s : "");
	}
}

void pf_write_json(struct strbuf *sb, enum pf_id f, const struct pval *v)
{
	const struct partner_field *pf = &partner_fields[f];
	if (pf->kind == PK_TAGS) {
		sb_putc(sb, '[');
		for (size_t i = 0; i < v->ntags; i++) {
			sb_puts(sb, i ? ",\"" : "\"");
			sb_json_escape(sb, v->tags[i]);
			sb_putc(sb, '"');
		}
		sb_putc(sb, ']');
		return;
	}
	if (v->null) {
		sb_puts(sb, "null");
		return;
	}
	switch (pf->kind) {
	case PK_SCORE:
	case PK_USER: sb_put_int(sb, (long long)v->i); return;
	case PK_COORD: {
		/* as jansson writes a real at 12 significant digits: for |degrees| >= 0.0001
		 * (the %g form without exponent) that is the micro-degrees in decimal with the
		 * fraction's trailing zeros dropped, written here without printf */
		int64_t i = v->i;
		if (i >= 100 || i <= -100) {
			uint64_t u = i < 0 ? (uint64_t)0 - (uint64_t)i : (uint64_t)i;
			char frac[7];
			uint64_t fr = u % 1000000;
			int nf = 6;
			for (int k = 5; k >= 0; k--, fr /= 10)
				frac[k] = (char)('0' + fr % 10);
			while (nf > 1 && frac[nf - 1] == '0')
				nf--;
			if (i < 0)
				sb_putc(sb, '-');
			sb_put_int(sb, (long long)(u / 1000000));
			sb_putc(sb, '.');
			sb_append(sb, frac, (size_t)nf);
			return;
		}
		char buf[32];
		snprintf(buf, sizeof buf, "%.12g", (double)v->i / DEG);
		/* jansson drops an exponent's '+' and leading zeros: 5e-05 → 5e-5 */
		char *e = strchr(buf, 'e');
		if (e) {
			char *digits = e + 1 + (e[1] == '-'), *from = e + 1;
			while (*from == '+' || *from == '-' || (*from == '0' && from[1]))
				from++;
			memmove(digits, from, strlen(from) + 1);
		}
		sb_puts(sb, buf);
		if (!strpbrk(buf, ".eE") && !strstr(buf, "inf") && !strstr(buf, "nan"))
			sb_puts(sb, ".0");
		return;
	}
	default:
		sb_putc(sb, '"');
		sb_json_escape(sb, v->s ? v->s : "");
		sb_putc(sb, '"');
	}
}

const char *pf_text(struct arena *a, enum pf_id f, const struct pval *v)
{
	const struct partner_field *pf = &partner_fields[f];
	if (pf->kind == PK_TAGS) {
		struct strbuf sb;
		sb_init(&sb, a, 64, 1 << 16);
		for (size_t i = 0; i < v->ntags; i++) {
			if (i)
				sb_putc(&sb, ';');
			sb_puts(&sb, v->tags[i]);
		}
		return sb.data;
	}
	if (v->null)
		return "";
	switch (pf->kind) {
	case PK_SCORE:
	case PK_USER: return arena_printf(a, "%lld", (long long)v->i);
	case PK_COORD: {
		int64_t i = v->i < 0 ? -v->i : v->i;
		return arena_printf(a, "%s%lld.%06lld", v->i < 0 ? "-" : "", (long long)(i / DEG), (long long)(i % DEG));
	}
	default: return v->s ? v->s : "";
	}
}

bool pf_equal(enum pf_id f, const struct pval *a, const struct pval *b)
{
	const struct partner_field *pf = &partner_fields[f];
	if (pf->kind == PK_TAGS) {
		if (a->ntags != b->ntags)
			return false;
		for (size_t i = 0; i < a->ntags; i++)
			if (strcmp(a->tags[i], b->tags[i]) != 0)
				return false;
		return true;
	}
	if (a->null || b->null)
		return a->null == b->null;
	switch (pf->kind) {
	case PK_SCORE:
	case PK_USER:
	case PK_COORD:
	case PK_TIER: return a->i == b->i;
	default: return strcmp(a->s ? a->s : "", b->s ? b->s : "") == 0;
	}
}

bool pf_may_write(const struct principal *who, enum pf_id f, int64_t partner_id, int64_t manager_id)
{
	enum pf_owner o = partner_fields[f].owner;
	if (who->via == AUTH_SYSTEM || principal_in(who, ROLE_BIT(ROLE_ADMIN)))
		return true;
	if (o == OWN_SYSTEM)
		return false;
	if (principal_in(who, ROLE_BIT(ROLE_CHANNEL_MANAGER)))
		return partner_id == 0 || manager_id == who->user_id;
	if (principal_in(who, ROLES_PARTNER))
		return o == OWN_PARTNER && partner_id != 0 && partner_id == who->partner_id;
	return false;
}
