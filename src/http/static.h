/*
 * static.h — the web UI compiled into the binary (web/dist, embedded by tools/embed),
 * answered for requests that no route matched.
 *
 * static_init() indexes a table once at start-up: each file's Content-Type and
 * Cache-Control from its name, its precompressed siblings (NAME.gz, NAME.br, which are
 * variants of NAME and not URLs of their own), and a strong ETag per representation
 * (BLAKE2b-128 of the bytes, hex, quoted). static_lookup() then decides a request without
 * allocating: the answer points into the embedded table and the index, both alive until
 * static_free().
 *
 * URL space: "/api" and everything under "/api/" (any letter case) is never static (the
 * caller keeps its 404). "/" is index.html; a path naming an embedded file serves it; any other path whose
 * last segment has no '.' is a client-side route and serves index.html (status 200); other
 * names are 404. GET and HEAD only; other methods on a path that exists are 405.
 * Files under assets/ have content-hashed names: "public, max-age=31536000, immutable";
 * everything else (index.html above all) is "no-cache", i.e. revalidated by ETag.
 */
#ifndef CB_STATIC_H
#define CB_STATIC_H

#include "../base/embed.h"
#include "../base/status.h"

#include <stdbool.h>
#include <stddef.h>

/* The Allow header of a 405 on a static path. */
#define STATIC_ALLOW "GET, HEAD"

/* One answer. Every pointer refers to the embedded table or the index (never freed
 * before static_free()); nothing is owned by the caller. */
struct static_reply {
	int status;                /* 200, or 304 when If-None-Match matched */
	const unsigned char *body; /* the representation's bytes; for 304 too, which the
				    * server must send headers-only (its Content-Length is
				    * then the 200's, as RFC 9110 asks) */
	size_t len;
	const char *type;          /* Content-Type; NULL for 304 */
	const char *cache_control;
	const char *etag;          /* quoted strong tag of the representation chosen */
	const char *encoding;      /* Content-Encoding "br" or "gzip"; NULL for identity and 304 */
	bool vary;                 /* compressed variants exist: send Vary: Accept-Encoding */
};

/* Indexes `table` (NULL-terminated, kept by reference, not copied). Replaces any earlier
 * index. CB_ERR_INTERNAL when out of memory (the earlier index, if any, is gone too). */
enum cb_status static_init(const struct embedded_file *table);

/* Releases the index; static_lookup() then finds nothing. Idempotent. */
void static_free(void);

/* False for "/api", paths under "/api/" (in any letter case: nothing that looks like the
 * API is answered with HTML) and anything not starting with '/': those keep the API's
 * 404. True for the rest of the URL space. */
bool static_owns(const char *path);

/* Answers one request for a path that static_owns(). accept_encoding and if_none_match
 * are the request's header values or NULL.
 *   CB_OK             *out is filled: 200 (HEAD: the server drops the body) or 304
 *   CB_ERR_NOT_FOUND  no such file (an unknown name with an extension, a .gz/.br variant)
 *   CB_ERR_METHOD     the path exists but the method is not GET/HEAD (Allow: STATIC_ALLOW)
 */
enum cb_status static_lookup(const char *method, const char *path, const char *accept_encoding,
			     const char *if_none_match, struct static_reply *out);

/* ---- pure helpers (exposed for tests) ---- */

/* The q-value, in thousandths (0–1000), that an Accept-Encoding value gives `coding`
 * (case-insensitive; "x-gzip" counts as "gzip"): its own entry, else "*", else 0. A NULL
 * header or a malformed q gives 0. */
int static_accept_q(const char *accept_encoding, const char *coding);

/* True when an If-None-Match value lists `etag` (weak comparison: W/ ignored) or is "*". */
bool static_etag_match(const char *if_none_match, const char *etag);

/* Content-Type for a file name by its extension; application/octet-stream when unknown. */
const char *static_content_type(const char *path);

#endif
