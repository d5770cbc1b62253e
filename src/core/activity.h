/*
 * activity.h — the audit trail read by partner: one partner's history (the partner's own
 * entries and those of its contacts, territories, notes and documents, merges into it
 * and status changes included) and the recent activity across all partners for the
 * console's home page. Both read audit_log.partner_id (set by audit_write_partner) through
 * its indexes, newest first, with the same id cursor as audit_list(). Users, tokens,
 * sessions and tiers are not partner activity: they stay in the full audit trail.
 *
 * Vendor principals only (CB_ERR_FORBIDDEN otherwise): the trail holds channel-manager
 * notes and internal assessments. Pages live in ctx's arena.
 */
#ifndef CB_ACTIVITY_H
#define CB_ACTIVITY_H

#include "audit.h"

/* Entries of partner_id older than `after` (0 = the newest), at most `limit` (1..200).
 * CB_ERR_NOT_FOUND when there is no such partner (merged partners have a history). */
enum cb_status activity_partner_history(struct cb_ctx *ctx, int64_t partner_id, int64_t after, int limit,
					struct audit_page *out);

/* Partner-related entries of every partner older than `after`, at most `limit`, each
 * with its partner's id and display name (partner_name). */
enum cb_status activity_recent(struct cb_ctx *ctx, int64_t after, int limit, struct audit_page *out);

#endif
