/*
 * documents.c — /api/v1/partners/{id}/documents: multipart upload (field "file", optional
 * field "kind"), list, download (stored MIME type, Content-Disposition: attachment), delete.
 */
#include "api.h"

#include "../base/jsonw.h"
#include "../base/arena.h"
#include "../base/str.h"
#include "../core/document.h"

#include <string.h>

void api_document_write(struct strbuf *sb, const struct document *d)
{
	sb_putc(sb, '{');
	jw_int(sb, "id", d->id);
	jw_int(sb, "partner_id", d->partner_id);
	jw_str(sb, "name", d->name);
	jw_str(sb, "kind", d->kind);
	jw_str(sb, "mime", d->mime);
	jw_int(sb, "size", d->size);
	jw_str(sb, "sha256", d->sha256);
	jw_id(sb, "uploaded_by", d->uploaded_by);
	jw_str(sb, "uploader", d->uploader);
	jw_time(sb, "created_at", d->created_at);
	sb_putc(sb, '}');
}

enum cb_status api_documents_list(struct req *r)
{
	int64_t pid;
	if (!req_param_id(r, "id", &pid))
		return CB_ERR_INVALID;
	struct document *ds;
	size_t n;
	enum cb_status st = document_list(&r->ctx, pid, &ds, &n);
	if (st != CB_OK)
		return st;
	struct strbuf *sb = req_page_body(r, 2048);
	API_WRITE_ALL(sb, ds, n, api_document_write);
	return req_page_send(r, sb, 0);
}

enum cb_status api_documents_create(struct req *r)
{
	int64_t pid;
	if (!req_param_id(r, "id", &pid))
		return CB_ERR_INVALID;
	const struct req_part *file = req_part(r, "file");
	const struct req_part *kind = req_part(r, "kind");
	if (!file || !file->filename) {
		errors_add(&r->ctx.errors, "file", "is required: a multipart field named 'file' with a file name");
		return CB_ERR_INVALID;
	}
	for (int i = 0; i < r->nparts; i++) {
		if (strcmp(r->parts[i].name, "file") != 0 && strcmp(r->parts[i].name, "kind") != 0) {
			errors_add(&r->ctx.errors, r->parts[i].name, "unknown field");
			return CB_ERR_INVALID;
		}
	}
	struct document d;
	enum cb_status st = document_add(&r->ctx, pid, file->filename, kind ? (const char *)kind->data : NULL,
					 file->data, file->len, &d);
	if (st != CB_OK)
		return st;
	req_add_header(r, "Location", arena_printf(r->ctx.arena, "/api/v1/partners/%lld/documents/%lld",
						   (long long)pid, (long long)d.id));
	struct strbuf *sb = req_body(r, 512);
	api_document_write(sb, &d);
	return req_send(r, 201, sb);
}

/* RFC 6266 filename*: percent-encode everything but unreserved characters. */
static const char *disposition(struct arena *a, const char *name)
{
	static const char hex[] = "0123456789ABCDEF";
	struct strbuf sb;
	sb_init(&sb, a, 128, 2048);
	sb_puts(&sb, "attachment; filename=\"");
	for (const char *p = name; *p; p++)
		sb_putc(&sb, ((unsigned char)*p < 0x80 && *p != '"' && *p != '\\' && *p >= 0x20) ? *p : '_');
	sb_puts(&sb, "\"; filename*=UTF-8''");
	for (const unsigned char *p = (const unsigned char *)name; *p; p++) {
		if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') || strchr("-._~", *p))
			sb_putc(&sb, (char)*p);
		else {
			char e[3] = {'%', hex[*p >> 4], hex[*p & 15]};
			sb_append(&sb, e, 3);
		}
	}
	return sb.data;
}

enum cb_status api_documents_get(struct req *r)
{
	int64_t pid, did;
	bool ok = req_param_id(r, "id", &pid);
	if (!req_param_id(r, "document_id", &did) || !ok)
		return CB_ERR_INVALID;
	struct document d;
	const unsigned char *data;
	enum cb_status st = document_read(&r->ctx, pid, did, &d, &data);
	if (st != CB_OK)
		return st;
	req_add_header(r, "Content-Disposition", disposition(r->ctx.arena, d.name));
	req_add_header(r, "ETag", arena_printf(r->ctx.arena, "\"%s\"", d.sha256));
	req_raw(r, 200, d.mime, (const char *)data, (size_t)d.size);
	return CB_OK;
}

enum cb_status api_documents_delete(struct req *r)
{
	int64_t pid, did;
	bool ok = req_param_id(r, "id", &pid);
	if (!req_param_id(r, "document_id", &did) || !ok)
		return CB_ERR_INVALID;
	enum cb_status st = document_delete(&r->ctx, pid, did);
	if (st == CB_OK)
		req_no_content(r);
	return st;
}
