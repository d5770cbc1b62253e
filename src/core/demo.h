/*
 * demo.h — a realistic, deterministic demo data set: partners in real cities of Iran,
 * the Gulf, Egypt, Turkey, South-East Asia and a few other markets, named in Latin,
 * Persian and Arabic script, of every type, model, tier and status, with contacts,
 * territories, channel-manager notes in en/fa/ar/ms and a handful of planted
 * duplicates; plus demo channel managers and partner users with a known password.
 * The same seed always gives the same data. Runs through the core functions (so rules,
 * search index and audit apply) with the system principal, in the caller's transaction.
 */
#ifndef CB_DEMO_H
#define CB_DEMO_H

#include "ctx.h"

#include <stdint.h>

#define DEMO_PASSWORD "demo-password-2026"

struct demo_report {
	int64_t partners, contacts, territories, notes, duplicates, users;
	int64_t first_partner_id;
};

/* users: also create the demo staff and partner users (only once per database). */
enum cb_status demo_generate(struct cb_ctx *ctx, int partners, uint64_t seed, bool users, struct demo_report *out);

#endif
