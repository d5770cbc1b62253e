/*
 * static.c — serving the embedded web UI: an index built once, content negotiation and
 * conditional requests per request, without allocation.
 *
 * The index is an array of the table's addressable files sorted by path (binary search),
 * each with up to three representations (identity, gzip, br) and their ETags. A file
 * NAME.gz or NAME.br whose NAME is also in the table is folded into NAME as a variant; a
 * .gz or .br without a base file stays a file of its own (served as itself, unencoded).
 */
#include "static.h"

#include <sodium.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define ETAG_BYTES 16
#define ETAG_LEN (2 * ETAG_BYTES + 2) /* hex in double quotes */

enum { REP_IDENTITY, REP_GZIP, REP_BR, NREP };
static const char *const rep_suffix[NREP] = {"", ".gz", ".br"};
static const char *const rep_coding[NREP] = {NULL, "gzip", "br"};

struct rep {
	const unsigned char *data; /* NULL when this encoding is not embedded */
	size_t len;
	char etag[ETAG_LEN + 1];
};

struct entry {
	const char *path; /* the table's key: relative, no leading '/' */
	const char *type;
	const char *cache_control;
	bool vary;
	struct rep rep[NREP];
};

static struct entry *entries;
static size_t nentries;
static const struct entry *index_html;

static const char CACHE_IMMUTABLE[] = "public, max-age=31536000, immutable";
static const char CACHE_REVALIDATE[] = "no-cache";

/* ---- pure helpers ---- */

static const struct {
	const char *ext;
	const char *type;
} types[] = {
	{"html", "text/html; charset=utf-8"},
	{"htm", "text/html; charset=utf-8"},
	{"js", "text/javascript; charset=utf-8"},
	{"mjs", "text/javascript; charset=utf-8"},
	{"css", "text/css; charset=utf-8"},
	{"json", "application/json"},
	{"map", "application/json"},
	{"webmanifest", "application/manifest+json"},
	{"svg", "image/svg+xml"},
	{"png", "image/png"},
	{"jpg", "image/jpeg"},
	{"jpeg", "image/jpeg"},
	{"gif", "image/gif"},
	{"webp", "image/webp"},
	{"avif", "image/avif"},
	{"ico", "image/x-icon"},
	{"woff2", "font/woff2"},
	{"woff", "font/woff"},
	{"ttf", "font/ttf"},
	{"otf", "font/otf"},
	{"txt", "text/plain; charset=utf-8"},
	{"wasm", "application/wasm"},
	{"gz", "application/gzip"},
};

/* The extension of the last path segment (after its last '.'), or NULL. */
static const char *extension(const char *path)
{
	const char *slash = strrchr(path, '/');
	const char *seg = slash ? slash + 1 : path;
	const char *dot = strrchr(seg, '.');
	return dot ? dot + 1 : NULL;
}

const char *static_content_type(const char *path)
{
	const char *ext = extension(path);
	for (size_t i = 0; ext && i < sizeof types / sizeof *types; i++)
		if (strcasecmp(ext, types[i].ext) == 0)
			return types[i].type;
	return "application/octet-stream";
}

static bool is_ows(char c)
{
	return c == ' ' || c == '\t';
}

/* qvalue = "0" [ "." 0*3DIGIT ] / "1" [ "." 0*3"0" ], in thousandths; -1 if malformed. */
static int parse_qvalue(const char *s, size_t n)
{
	if (n == 0 || (s[0] != '0' && s[0] != '1') || n > 5 || (n >= 2 && s[1] != '.'))
		return -1;
	int q = (s[0] - '0') * 1000, scale = 100;
	for (size_t i = 2; i < n; i++, scale /= 10) {
		if (s[i] < '0' || s[i] > '9')
			return -1;
		q += (s[i] - '0') * scale;
	}
	return q <= 1000 ? q : -1;
}

int static_accept_q(const char *ae, const char *coding)
{
	if (!ae)
		return 0;
	size_t clen = strlen(coding);
	bool gzip = strcasecmp(coding, "gzip") == 0;
	int exact = -1, star = -1;
	const char *p = ae;
	while (*p) {
		/* one element: token *( OWS ";" OWS param ) up to the next ',' */
		while (*p == ',' || is_ows(*p))
			p++;
		if (!*p)
			break;
		const char *tok = p;
		while (*p && *p != ',' && *p != ';' && !is_ows(*p))
			p++;
		size_t tlen = (size_t)(p - tok);
		int q = 1000;
		while (*p && *p != ',') {
			if (*p != ';') {
				p++;
				continue;
			}
			p++;
			while (is_ows(*p))
				p++;
			const char *par = p;
			while (*p && *p != ',' && *p != ';' && !is_ows(*p))
				p++;
			if ((par[0] == 'q' || par[0] == 'Q') && par[1] == '=')
				q = parse_qvalue(par + 2, (size_t)(p - par - 2));
		}
		if (q < 0)
			q = 0; /* a malformed weight: not acceptable rather than a guess */
		if (tlen == 1 && tok[0] == '*')
			star = q > star ? q : star;
		else if ((tlen == clen && strncasecmp(tok, coding, clen) == 0) ||
			 (gzip && tlen == 6 && strncasecmp(tok, "x-gzip", 6) == 0))
			exact = q > exact ? q : exact;
	}
	return exact >= 0 ? exact : star >= 0 ? star : 0;
}

bool static_etag_match(const char *inm, const char *etag)
{
	if (!inm)
		return false;
	size_t elen = strlen(etag);
	const char *p = inm;
	for (;;) {
		while (*p == ',' || is_ows(*p))
			p++;
		if (!*p)
			return false;
		if (*p == '*')
			return true;
		if (p[0] == 'W' && p[1] == '/')
			p += 2;
		if (*p == '"') {
			const char *end = strchr(p + 1, '"');
			if (!end)
				return false;
			if ((size_t)(end - p + 1) == elen && memcmp(p, etag, elen) == 0)
				return true;
			p = end + 1;
		}
		while (*p && *p != ',')
			p++;
	}
}

/* ---- the index ---- */

static void etag_of(const unsigned char *data, size_t len, char out[static ETAG_LEN + 1])
{
	unsigned char h[ETAG_BYTES];
	crypto_generichash(h, sizeof h, data, len, NULL, 0);
	out[0] = '"';
	sodium_bin2hex(out + 1, 2 * ETAG_BYTES + 1, h, sizeof h);
	out[ETAG_LEN - 1] = '"';
	out[ETAG_LEN] = '\0';
}

static int entry_cmp(const void *a, const void *b)
{
	return strcmp(((const struct entry *)a)->path, ((const struct entry *)b)->path);
}

static int key_cmp(const void *key, const void *e)
{
	return strcmp(key, ((const struct entry *)e)->path);
}

/* The table's entry for `base` + `suffix`, or NULL. */
static const struct embedded_file *find_with_suffix(const struct embedded_file *table, const char *base,
						    size_t blen, const char *suffix)
{
	for (const struct embedded_file *f = table; f->path; f++)
		if (strncmp(f->path, base, blen) == 0 && strcmp(f->path + blen, suffix) == 0)
			return f;
	return NULL;
}

/* True when f is NAME.gz or NAME.br and NAME is in the table too. */
static bool is_variant(const struct embedded_file *table, const struct embedded_file *f)
{
	size_t n = strlen(f->path);
	for (int k = REP_GZIP; k < NREP; k++) {
		size_t sl = strlen(rep_suffix[k]);
		if (n > sl && strcmp(f->path + n - sl, rep_suffix[k]) == 0 &&
		    find_with_suffix(table, f->path, n - sl, ""))
			return true;
	}
	return false;
}

void static_free(void)
{
	free(entries);
	entries = NULL;
	nentries = 0;
	index_html = NULL;
}

enum cb_status static_init(const struct embedded_file *table)
{
	static_free();
	size_t n = 0;
	for (const struct embedded_file *f = table; f->path; f++)
		n++;
	entries = calloc(n ? n : 1, sizeof *entries);
	if (!entries)
		return CB_ERR_INTERNAL;
	for (const struct embedded_file *f = table; f->path; f++) {
		if (is_variant(table, f))
			continue;
		struct entry *e = &entries[nentries++];
		e->path = f->path;
		e->type = static_content_type(f->path);
		e->cache_control = strncmp(f->path, "assets/", 7) == 0 ? CACHE_IMMUTABLE : CACHE_REVALIDATE;
		size_t blen = strlen(f->path);
		for (int k = 0; k < NREP; k++) {
			const struct embedded_file *v =
				k == REP_IDENTITY ? f : find_with_suffix(table, f->path, blen, rep_suffix[k]);
			if (!v)
				continue;
			e->rep[k].data = v->data;
			e->rep[k].len = v->len;
			etag_of(v->data, v->len, e->rep[k].etag);
			if (k != REP_IDENTITY)
				e->vary = true;
		}
	}
	qsort(entries, nentries, sizeof *entries, entry_cmp);
	index_html = bsearch("index.html", entries, nentries, sizeof *entries, key_cmp);
	return CB_OK;
}

/* ---- one request ---- */

bool static_owns(const char *path)
{
	if (!path || path[0] != '/')
		return false;
	return !(strncasecmp(path, "/api", 4) == 0 && (path[4] == '\0' || path[4] == '/'));
}

/* The representation to send: the best-weighted encoding the client accepts among those
 * embedded (br before gzip on a tie), else identity. */
static int choose_rep(const struct entry *e, const char *ae)
{
	int qbr = e->rep[REP_BR].data ? static_accept_q(ae, "br") : 0;
	int qgz = e->rep[REP_GZIP].data ? static_accept_q(ae, "gzip") : 0;
	if (qbr > 0 && qbr >= qgz)
		return REP_BR;
	if (qgz > 0)
		return REP_GZIP;
	return REP_IDENTITY;
}

enum cb_status static_lookup(const char *method, const char *path, const char *accept_encoding,
			     const char *if_none_match, struct static_reply *out)
{
	if (!entries || !static_owns(path))
		return CB_ERR_NOT_FOUND;
	const char *key = path + 1;
	const struct entry *e = key[0] ? bsearch(key, entries, nentries, sizeof *entries, key_cmp) : index_html;
	if (!e && !extension(path))
		e = index_html; /* a client-side route: the application decides what it shows */
	if (!e)
		return CB_ERR_NOT_FOUND;
	if (strcmp(method, "GET") != 0 && strcmp(method, "HEAD") != 0)
		return CB_ERR_METHOD;
	const struct rep *rp = &e->rep[choose_rep(e, accept_encoding)];
	int k = (int)(rp - e->rep);
	*out = (struct static_reply){
		.status = 200,
		.body = rp->data,
		.len = rp->len,
		.type = e->type,
		.cache_control = e->cache_control,
		.etag = rp->etag,
		.encoding = rep_coding[k],
		.vary = e->vary,
	};
	if (static_etag_match(if_none_match, rp->etag)) {
		/* body and len stay: libmicrohttpd sends a 304 like a HEAD, headers only, so its
		 * Content-Length is the one a 200 would have had (RFC 9110 §8.6). Representation
		 * metadata other than ETag, Cache-Control and Vary is left out (§15.4.5). */
		out->status = 304;
		out->type = NULL;
		out->encoding = NULL;
	}
	return CB_OK;
}
