/*
 * document.c — partner documents: sniffing, content-addressed storage, rows, audit.
 */
#define _POSIX_C_SOURCE 200809L
#include "document.h"

#include "../base/arena.h"
#include "../base/clock.h"
#include "../base/log.h"
#include "../base/sniff.h"
#include "../base/str.h"
#include "../store/db.h"
#include "audit.h"
#include "partner.h"

#include <errno.h>
#include <fcntl.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static char docdir[4096] = "./data/documents";
static const char *const kinds[] = {"contract", "certificate", "tax", "other", NULL};

void document_set_dir(const char *dir)
{
	snprintf(docdir, sizeof docdir, "%s", dir);
}

const char *document_dir(void) { return docdir; }
const char *const *document_kinds(void) { return kinds; }

#define COLS "d.id, d.partner_id, d.uploaded_by, d.name, d.kind, d.mime, d.sha256, " \
	     "COALESCE(NULLIF(u.name, ''), u.email), d.size, d.created_at"

static void read_row(struct cb_ctx *ctx, struct db_stmt *st, struct document *d)
{
	struct arena *a = ctx->arena;
	d->id = db_col_int(st, 0);
	d->partner_id = db_col_int(st, 1);
	d->uploaded_by = db_col_int(st, 2);
	d->name = arena_strdup(a, db_col_text(st, 3));
	d->kind = arena_strdup(a, db_col_text(st, 4));
	d->mime = arena_strdup(a, db_col_text(st, 5));
	d->sha256 = arena_strdup(a, db_col_text(st, 6));
	d->uploader = arena_strdup(a, db_col_text(st, 7));
	d->size = db_col_int(st, 8);
	d->created_at = db_col_int(st, 9);
}

enum cb_status document_list(struct cb_ctx *ctx, int64_t partner_id, struct document **out, size_t *n)
{
	enum cb_status rc = partner_check_access(ctx, partner_id, false);
	if (rc != CB_OK)
		return rc;
	struct db_stmt *st;
	if ((rc = db_prepare(ctx->db, "SELECT " COLS " FROM documents d LEFT JOIN users u ON u.id = d.uploaded_by "
				      "WHERE d.partner_id = $1 ORDER BY d.id DESC", &st)) != CB_OK)
		return rc;
	db_bind_int(st, 1, partner_id);
	*out = NULL;
	*n = 0;
	size_t cap = 0;
	bool row;
	while ((rc = db_step(st, &row)) == CB_OK && row) {
		*out = arena_grow(ctx->arena, *out, *n, &cap, sizeof **out);
		read_row(ctx, st, &(*out)[(*n)++]);
	}
	db_done(st);
	return rc;
}

static char *content_path(struct arena *a, const char *sha)
{
	return arena_printf(a, "%s/%.2s/%s", docdir, sha, sha);
}

static enum cb_status mkdirs(const char *path)
{
	char buf[4200];
	snprintf(buf, sizeof buf, "%s", path);
	for (char *p = buf + 1; *p; p++) {
		if (*p != '/')
			continue;
		*p = '\0';
		if (mkdir(buf, 0750) != 0 && errno != EEXIST)
			return CB_ERR_IO;
		*p = '/';
	}
	return mkdir(buf, 0750) != 0 && errno != EEXIST ? CB_ERR_IO : CB_OK;
}

static enum cb_status store_content(struct cb_ctx *ctx, const char *sha, const unsigned char *data, size_t len)
{
	struct arena *a = ctx->arena;
	const char *path = content_path(a, sha);
	if (access(path, F_OK) == 0)
		return CB_OK; /* same content already stored */
	if (mkdirs(arena_printf(a, "%s/%.2s", docdir, sha)) != CB_OK) {
		log_event(LOG_ERROR, "cannot create documents directory", "dir", docdir, "error", strerror(errno), NULL);
		return CB_ERR_IO;
	}
	/* A unique temporary name per upload (threads of one process share the pid): two
	 * uploads of the same new content each write their own file, and the second rename
	 * replaces the first with identical bytes. */
	char *tmp = arena_printf(a, "%s/%.2s/.upload.XXXXXX", docdir, sha);
	int fd = mkstemp(tmp);
	if (fd >= 0 && fchmod(fd, 0640) != 0) {
		close(fd);
		unlink(tmp);
		fd = -1;
	}
	if (fd < 0) {
		log_event(LOG_ERROR, "cannot write document", "path", tmp, "error", strerror(errno), NULL);
		return CB_ERR_IO;
	}
	size_t off = 0;
	while (off < len) {
		ssize_t w = write(fd, data + off, len - off);
		if (w <= 0) {
			close(fd);
			unlink(tmp);
			return CB_ERR_IO;
		}
		off += (size_t)w;
	}
	if (fsync(fd) != 0 || close(fd) != 0 || rename(tmp, path) != 0) {
		unlink(tmp);
		return CB_ERR_IO;
	}
	return CB_OK;
}

static enum cb_status check_upload(struct cb_ctx *ctx, int64_t partner_id)
{
	struct partner p;
	enum cb_status rc = partner_get(ctx, partner_id, &p);
	if (rc != CB_OK)
		return rc;
	if (!pf_may_write(ctx->who, PF_ADDRESS, partner_id, p.f[PF_MANAGER].null ? 0 : p.f[PF_MANAGER].i)) {
		errors_detail(&ctx->errors, "documents are uploaded by the partner's users, its channel manager or an admin");
		return CB_ERR_FORBIDDEN;
	}
	return partner_refuse_merged(ctx, partner_id, p.merged_into);
}

enum cb_status document_add(struct cb_ctx *ctx, int64_t partner_id, const char *name_in, const char *kind,
			    const unsigned char *data, size_t len, struct document *out)
{
	enum cb_status rc = check_upload(ctx, partner_id);
	if (rc != CB_OK)
		return rc;
	if (len > DOCUMENT_MAX_BYTES) {
		errors_add(&ctx->errors, "file", "must be at most %u MiB", DOCUMENT_MAX_BYTES >> 20);
		return CB_ERR_TOO_LARGE;
	}
	if (len == 0) {
		errors_add(&ctx->errors, "file", "is empty");
		return CB_ERR_INVALID;
	}
	const char *name = name_in ? str_trim(ctx->arena, name_in) : "";
	/* Keep only the last path component and drop control characters and quotes. */
	const char *slash = strrchr(name, '/');
	if (slash)
		name = slash + 1;
	slash = strrchr(name, '\\');
	if (slash)
		name = slash + 1;
	char *clean = arena_strdup(ctx->arena, name);
	for (char *p = clean; *p; p++)
		if ((unsigned char)*p < 0x20 || *p == '"' || *p == 0x7f)
			*p = '_';
	if (!*clean || !utf8_valid(clean, strlen(clean)) || utf8_length(clean) > 200) {
		errors_add(&ctx->errors, "file", "needs a file name of 1 to 200 characters");
		return CB_ERR_INVALID;
	}
	const char *k = kind && *kind ? kind : "other";
	bool kind_ok = false;
	for (const char *const *p = kinds; *p; p++)
		kind_ok = kind_ok || strcmp(*p, k) == 0;
	if (!kind_ok) {
		errors_add(&ctx->errors, "kind", "must be one of: contract, certificate, tax, other");
		return CB_ERR_RULE;
	}
	enum sniff_type type = sniff_detect(data, len, clean);
	if (type == SNIFF_UNKNOWN) {
		errors_add(&ctx->errors, "file", "is not an accepted type (pdf, png, jpeg, docx, xlsx, csv, txt), judged by its content");
		return CB_ERR_MEDIA_TYPE;
	}
	unsigned char h[crypto_hash_sha256_BYTES];
	crypto_hash_sha256(h, data, len);
	char sha[crypto_hash_sha256_BYTES * 2 + 1];
	sodium_bin2hex(sha, sizeof sha, h, sizeof h);
	if ((rc = store_content(ctx, sha, data, len)) != CB_OK)
		return rc;
	struct db_stmt *st;
	if ((rc = db_prepare(ctx->db, "INSERT INTO documents (partner_id, name, kind, mime, size, sha256, uploaded_by, "
				      "created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id", &st)) != CB_OK)
		return rc;
	db_bind_int(st, 1, partner_id);
	db_bind_text(st, 2, clean);
	db_bind_text(st, 3, k);
	db_bind_text(st, 4, sniff_mime(type));
	db_bind_int(st, 5, (int64_t)len);
	db_bind_text(st, 6, sha);
	if (ctx->who->user_id)
		db_bind_int(st, 7, ctx->who->user_id);
	else
		db_bind_null(st, 7);
	db_bind_int(st, 8, clock_now());
	bool row;
	rc = db_step(st, &row);
	int64_t id = rc == CB_OK && row ? db_col_int(st, 0) : 0;
	db_done(st);
	if (rc != CB_OK)
		return rc;
	*out = (struct document){.id = id, .partner_id = partner_id, .uploaded_by = ctx->who->user_id,
				 .name = clean, .kind = k, .mime = sniff_mime(type),
				 .sha256 = arena_strdup(ctx->arena, sha), .uploader = ctx->who->name,
				 .size = (int64_t)len, .created_at = clock_now()};
	json_t *ch = audit_changes(ctx);
	audit_diff_int(ch, "partner_id", 0, partner_id);
	audit_diff_str(ch, "name", NULL, clean);
	audit_diff_str(ch, "mime", NULL, out->mime);
	audit_diff_str(ch, "sha256", NULL, out->sha256);
	audit_diff_int(ch, "size", 0, out->size);
	return audit_write_partner(ctx, partner_id, "document.add", "document", id, ch);
}

static enum cb_status load(struct cb_ctx *ctx, int64_t partner_id, int64_t id, struct document *d)
{
	enum cb_status rc = partner_check_access(ctx, partner_id, false);
	if (rc != CB_OK)
		return rc;
	struct db_stmt *st;
	if ((rc = db_prepare(ctx->db, "SELECT " COLS " FROM documents d LEFT JOIN users u ON u.id = d.uploaded_by "
				      "WHERE d.id = $1 AND d.partner_id = $2", &st)) != CB_OK)
		return rc;
	db_bind_int(st, 1, id);
	db_bind_int(st, 2, partner_id);
	bool row;
	rc = db_step(st, &row);
	if (rc == CB_OK && !row)
		rc = CB_ERR_NOT_FOUND;
	if (rc == CB_OK)
		read_row(ctx, st, d);
	db_done(st);
	return rc;
}

enum cb_status document_read(struct cb_ctx *ctx, int64_t partner_id, int64_t id, struct document *out,
			     const unsigned char **data)
{
	enum cb_status rc = load(ctx, partner_id, id, out);
	if (rc != CB_OK)
		return rc;
	const char *path = content_path(ctx->arena, out->sha256);
	FILE *f = fopen(path, "rb");
	if (!f) {
		log_event(LOG_ERROR, "document content missing", "path", path, NULL);
		return CB_ERR_IO;
	}
	unsigned char *buf = arena_alloc(ctx->arena, (size_t)out->size + 1);
	size_t got = fread(buf, 1, (size_t)out->size, f);
	fclose(f);
	if (got != (size_t)out->size) {
		log_event(LOG_ERROR, "document content truncated", "path", path, NULL);
		return CB_ERR_IO;
	}
	*data = buf;
	return CB_OK;
}

enum cb_status document_delete(struct cb_ctx *ctx, int64_t partner_id, int64_t id)
{
	struct document d;
	enum cb_status rc = load(ctx, partner_id, id, &d);
	if (rc != CB_OK)
		return rc;
	if (d.uploaded_by != ctx->who->user_id && !principal_in(ctx->who, ROLE_BIT(ROLE_ADMIN))) {
		errors_detail(&ctx->errors, "only the uploader or an admin may delete a document");
		return CB_ERR_FORBIDDEN;
	}
	if ((rc = db_exec1_int(ctx->db, "DELETE FROM documents WHERE id = $1", id)) != CB_OK)
		return rc;
	json_t *ch = audit_changes(ctx);
	audit_diff_str(ch, "name", d.name, NULL);
	audit_diff_str(ch, "sha256", d.sha256, NULL);
	return audit_write_partner(ctx, partner_id, "document.delete", "document", id, ch);
}
