/*
 * document.h — files attached to a partner (contracts, certificates, tax documents).
 *
 * Content is stored once per SHA-256 under the documents directory (<dir>/ab/abcd…),
 * written to a temporary file and renamed, so a crash never leaves a half file under a
 * real name. The type is decided by the content (base/sniff.h), never by the name:
 * pdf, png, jpeg, docx, xlsx, csv and txt are accepted (CB_ERR_MEDIA_TYPE otherwise);
 * files over DOCUMENT_MAX_BYTES are CB_ERR_TOO_LARGE. Partner users of the partner,
 * its channel manager and admins upload; everyone who sees the partner downloads; the
 * uploader or an admin deletes (the content stays while another row references it).
 */
#ifndef CB_DOCUMENT_H
#define CB_DOCUMENT_H

#include "ctx.h"

#include <stddef.h>
#include <stdint.h>

#define DOCUMENT_MAX_BYTES (20u << 20)

struct document {
	int64_t id, partner_id, uploaded_by;
	const char *name, *kind, *mime, *sha256, *uploader;
	int64_t size, created_at;
};

/* Sets the directory documents are stored in (copied). Must be called before use. */
void document_set_dir(const char *dir);
const char *document_dir(void);
const char *const *document_kinds(void);

enum cb_status document_list(struct cb_ctx *ctx, int64_t partner_id, struct document **out, size_t *n);
enum cb_status document_add(struct cb_ctx *ctx, int64_t partner_id, const char *name, const char *kind,
			    const unsigned char *data, size_t len, struct document *out);
/* Loads the row and the content (arena-allocated). */
enum cb_status document_read(struct cb_ctx *ctx, int64_t partner_id, int64_t id, struct document *out,
			     const unsigned char **data);
enum cb_status document_delete(struct cb_ctx *ctx, int64_t partner_id, int64_t id);

#endif
