/*
 * duplicates.h — finding partners that are probably the same organisation, and merging
 * them.
 *
 * Reasons, with the score each pair gets: same tax id (0.95), same normalised name (0.9),
 * same web domain (0.85), same e-mail domain other than public mail providers (0.8), same
 * phone (0.7), a similar name in the same city (0.8 × trigram similarity, when the
 * similarity is at least 0.6). Pairs are joined into groups (a partner in two pairs is one
 * group); a group's score is its best pair's. Merged partners are ignored.
 *
 * partner_merge() moves every child row (contacts, notes, documents, territories, tags,
 * aliases, users, and any table later added to the merge table in duplicates.c) from
 * the merged partners to the survivor, keeps the merged names as search aliases, marks
 * the merged partners with merged_into, and audits all of it in the caller's
 * transaction. It never deletes a row.
 */
#ifndef CB_DUPLICATES_H
#define CB_DUPLICATES_H

#include "ctx.h"

#include <stdint.h>

struct dup_member {
	int64_t id;
	const char *name, *city, *country;
};

struct dup_reason {
	const char *reason;   /* tax_id, name, web_domain, email_domain, phone, similar_name */
	double score;
	int64_t a, b;         /* the pair */
	const char *value;    /* the shared value (or the two names for similar_name) */
};

struct dup_group {
	double score;
	struct dup_member *members;
	size_t nmembers;
	struct dup_reason *reasons;
	size_t nreasons;
};

/* Groups, best first, at most `limit`; partner_id ≠ 0 keeps only groups containing it. */
enum cb_status duplicates_find(struct cb_ctx *ctx, int64_t partner_id, int limit, struct dup_group **out,
			       size_t *n);
/* The same list a page at a time: groups [offset, offset + limit) of *total. The order is
 * stable for unchanged data (score, then lowest partner id). */
enum cb_status duplicates_page(struct cb_ctx *ctx, int64_t partner_id, int64_t offset, int limit,
			       struct dup_group **out, size_t *n, size_t *total);

enum cb_status partner_merge(struct cb_ctx *ctx, int64_t survivor, const int64_t *from, size_t nfrom);

#endif
