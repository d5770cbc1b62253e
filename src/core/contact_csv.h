/*
 * contact_csv.h — batch updates of partner contacts from CSV.
 *
 * Same file rules as the partner import (partner_csv.h): UTF-8 with or without BOM,
 * comma or semicolon, a header naming columns, all-or-nothing with every bad row
 * reported, dry run, idempotent. Columns: `partner_id` or `partner_external_id` (which
 * partner; one is required), optional `id` (a contact of that partner to update), and
 * the contact's fields `name`, `title`, `email`, `phone`, `role`, `primary`
 * (true/false, yes/no, 1/0). Without an id a row updates the partner's contact with the
 * same e-mail address, else creates one. An empty cell clears an optional field.
 */
#ifndef CB_CONTACT_CSV_H
#define CB_CONTACT_CSV_H

#include "ctx.h"
#include "import.h"

enum cb_status contact_import_csv(struct cb_ctx *ctx, const char *data, size_t len, bool dry_run,
				  struct import_report *out);

#endif
