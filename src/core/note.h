/*
 * note.h — channel-manager notes on a partner (visits, calls, e-mails, QBRs). Vendor-only:
 * partner users never read them, not even through search. Vendor users who can see
 * the partner read them; the partner's channel manager and admins write them; the
 * author or an admin deletes one. Notes feed the partner's search terms.
 */
#ifndef CB_NOTE_H
#define CB_NOTE_H

#include "ctx.h"

#include <stdint.h>

struct note {
	int64_t id, partner_id, author_id;
	const char *author;
	const char *kind;   /* visit, call, email, qbr, other */
	const char *day;    /* YYYY-MM-DD */
	const char *body;
	int64_t created_at;
};

const char *const *note_kinds(void);
/* Newest first (by day, then id); limit 1..200; `after` (0 for the first page) is the
 * last note id of the previous page; *next_after is the cursor of the next page, 0 at the
 * end. */
enum cb_status note_list(struct cb_ctx *ctx, int64_t partner_id, int64_t after, int limit, struct note **out, size_t *n,
			 int64_t *next_after);
/* day NULL = today. */
enum cb_status note_add(struct cb_ctx *ctx, int64_t partner_id, const char *kind, const char *day, const char *body,
			struct note *out);
enum cb_status note_delete(struct cb_ctx *ctx, int64_t partner_id, int64_t id);

#endif
