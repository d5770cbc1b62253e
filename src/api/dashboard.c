/*
 * dashboard.c — what the console's home page reads: GET /api/v1/partners/stats (counts
 * by facet and map points for a list filter), GET /api/v1/partners/{id}/history (one
 * partner's audit trail) and GET /api/v1/activity (recent partner activity across
 * partners). Vendor roles only (the route table; core checks again).
 */
#include "api.h"

#include "../base/arena.h"
#include "../base/str.h"
#include "../core/activity.h"
#include "../core/partner_stats.h"

#include <string.h>

/* ---- GET /api/v1/partners/stats ---- */

static void put_str_or_null(struct strbuf *sb, const char *s)
{
	if (!s) {
		sb_puts(sb, "null");
		return;
	}
	sb_putc(sb, '"');
	sb_json_escape(sb, s);
	sb_putc(sb, '"');
}

static void put_facet(struct strbuf *sb, const char *name, const struct stat_facet *f, bool tier)
{
	sb_printf(sb, ",\"%s\":[", name);
	for (size_t i = 0; i < f->count; i++) {
		const struct stat_bucket *b = &f->items[i];
		sb_puts(sb, i ? ",{\"key\":" : "{\"key\":");
		put_str_or_null(sb, b->key);
		if (tier) {
			sb_puts(sb, ",\"name\":");
			put_str_or_null(sb, b->key);
			if (b->key) {
				sb_printf(sb, ",\"id\":%lld,\"rank\":%lld,\"colour\":", (long long)b->tier_id,
					  (long long)b->tier_rank);
				put_str_or_null(sb, b->tier_colour);
			} else {
				sb_puts(sb, ",\"id\":null,\"rank\":null,\"colour\":null");
			}
		}
		sb_printf(sb, ",\"count\":%lld}", (long long)b->count);
	}
	sb_putc(sb, ']');
}

enum cb_status api_partners_stats(struct req *r)
{
	struct partner_filter f;
	if (!api_partner_filter(r, &f))
		return CB_ERR_INVALID;
	f.sort = NULL; /* counts have no order */
	struct partner_stats s;
	enum cb_status st = partner_stats(&r->ctx, &f, &s);
	if (st != CB_OK)
		return st;
	/* Written directly: 5,000 points through jansson cost more than the queries. */
	struct strbuf sb;
	sb_init(&sb, r->ctx.arena, 65536, 32u << 20);
	sb_printf(&sb, "{\"total\":%lld", (long long)s.total);
	put_facet(&sb, "by_status", &s.by_status, false);
	put_facet(&sb, "by_tier", &s.by_tier, true);
	put_facet(&sb, "by_type", &s.by_type, false);
	put_facet(&sb, "by_model", &s.by_model, false);
	put_facet(&sb, "by_country", &s.by_country, false);
	put_facet(&sb, "by_segment", &s.by_segment, false);
	sb_puts(&sb, ",\"points\":[");
	for (size_t i = 0; i < s.npoints; i++) {
		const struct partner_point *p = &s.points[i];
		sb_printf(&sb, "%s{\"id\":%lld,\"name\":", i ? "," : "", (long long)p->id);
		put_str_or_null(&sb, p->name);
		sb_puts(&sb, ",\"tier\":");
		put_str_or_null(&sb, p->tier);
		sb_puts(&sb, ",\"status\":");
		put_str_or_null(&sb, p->status);
		/* degrees exactly as the partner record writes them */
		sb_puts(&sb, ",\"latitude\":");
		pf_write_json(&sb, PF_LATITUDE, &(struct pval){.i = p->lat_e6});
		sb_puts(&sb, ",\"longitude\":");
		pf_write_json(&sb, PF_LONGITUDE, &(struct pval){.i = p->lon_e6});
		sb_putc(&sb, '}');
	}
	sb_printf(&sb, "],\"points_truncated\":%s}", s.points_truncated ? "true" : "false");
	if (sb.overflow)
		return CB_ERR_INTERNAL;
	req_raw(r, 200, "application/json", sb.data, sb.len);
	return CB_OK;
}

/* ---- audit pages ---- */

static enum cb_status audit_page_json(struct req *r, const struct audit_page *page, bool with_partner)
{
	json_t *items = json_array();
	for (size_t i = 0; i < page->count; i++)
		json_array_append_new(items, api_audit_entry_json(&page->items[i], with_partner));
	req_json(r, 200, req_page(items, page->next_after));
	return CB_OK;
}

enum cb_status api_partners_history(struct req *r)
{
	int64_t id, limit, after;
	bool ok = req_param_id(r, "id", &id);
	ok = req_query_int(r, "limit", 1, 200, 50, &limit) && ok;
	ok = req_query_int(r, "after", 1, INT64_MAX, 0, &after) && ok;
	if (!ok)
		return CB_ERR_INVALID;
	struct audit_page page;
	enum cb_status st = activity_partner_history(&r->ctx, id, after, (int)limit, &page);
	return st == CB_OK ? audit_page_json(r, &page, false) : st;
}

enum cb_status api_activity(struct req *r)
{
	int64_t limit, after;
	bool ok = req_query_int(r, "limit", 1, 100, 20, &limit);
	ok = req_query_int(r, "after", 1, INT64_MAX, 0, &after) && ok;
	if (!ok)
		return CB_ERR_INVALID;
	struct audit_page page;
	enum cb_status st = activity_recent(&r->ctx, after, (int)limit, &page);
	return st == CB_OK ? audit_page_json(r, &page, true) : st;
}
