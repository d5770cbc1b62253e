/*
 * sniff.c — content-based type detection for uploads.
 *
 * Magic numbers decide PDF, PNG and JPEG. Office Open XML files are ZIPs, told apart by
 * the part names in the central directory: zip_classify() finds the End Of Central
 * Directory record, checks that the directory it describes lies inside the file, walks
 * every entry with each length checked against what is left, and then confirms that
 * the parts it needs have a matching local header. Anything inconsistent is UNKNOWN,
 * never "probably fine". Text is strict UTF-8 without control characters; markup a
 * browser would render is refused; CSV is told from TXT by the hint or by a stable
 * count of separators per line. Nothing here allocates.
 */
#include "sniff.h"

#include "str.h"

#include <stdbool.h>
#include <stdint.h>
#include <string.h>

/* ---- little helpers --------------------------------------------------------------- */

static uint16_t rd16(const unsigned char *p)
{
	return (uint16_t)(p[0] | (p[1] << 8));
}

static uint32_t rd32(const unsigned char *p)
{
	return (uint32_t)p[0] | ((uint32_t)p[1] << 8) | ((uint32_t)p[2] << 16) |
	       ((uint32_t)p[3] << 24);
}

static unsigned char ascii_lower(unsigned char c)
{
	return (c >= 'A' && c <= 'Z') ? (unsigned char)(c + ('a' - 'A')) : c;
}

/* True when s[0..n) equals the NUL-terminated lower-case `lit`, ignoring ASCII case. */
static bool equal_ci(const unsigned char *s, size_t n, const char *lit)
{
	if (strlen(lit) != n)
		return false;
	for (size_t i = 0; i < n; i++)
		if (ascii_lower(s[i]) != (unsigned char)lit[i])
			return false;
	return true;
}

/* True when s[0..n) starts with lower-case `lit`, ignoring ASCII case. */
static bool prefix_ci(const unsigned char *s, size_t n, const char *lit)
{
	size_t l = strlen(lit);
	return n >= l && equal_ci(s, l, lit);
}

/* ---- ZIP / Office Open XML -------------------------------------------------------- */

#define ZIP_EOCD_SIZE 22u
#define ZIP_CDH_SIZE 46u
#define ZIP_LFH_SIZE 30u
#define ZIP_MAX_COMMENT 65535u

static const unsigned char zip_lfh_sig[4] = {'P', 'K', 3, 4};
static const unsigned char zip_cdh_sig[4] = {'P', 'K', 1, 2};
static const unsigned char zip_eocd_sig[4] = {'P', 'K', 5, 6};

/* The parts that decide the type; an index into found[] below. */
enum zip_part { PART_CONTENT_TYPES, PART_WORD, PART_XL, PART_COUNT };

static const char *const zip_part_names[PART_COUNT] = {
	[PART_CONTENT_TYPES] = "[content_types].xml",
	[PART_WORD] = "word/document.xml",
	[PART_XL] = "xl/workbook.xml",
};

/* True when a local file header for `name` starts at `off`, entirely before the
 * central directory at `cd_off`, and names the same part as the directory does. */
static bool zip_local_matches(const unsigned char *d, uint64_t off, uint64_t cd_off,
			      const unsigned char *name, size_t name_len)
{
	if (off > cd_off || cd_off - off < ZIP_LFH_SIZE)
		return false;
	const unsigned char *h = d + off;
	if (memcmp(h, zip_lfh_sig, 4) != 0)
		return false;
	size_t ln = rd16(h + 26);
	if (ln != name_len || cd_off - off - ZIP_LFH_SIZE < ln)
		return false;
	return memcmp(h + ZIP_LFH_SIZE, name, ln) == 0;
}

/* Classifies a ZIP as DOCX, XLSX or UNKNOWN. `d` starts with a local file header. */
static enum sniff_type zip_classify(const unsigned char *d, size_t len)
{
	if (len < ZIP_LFH_SIZE + ZIP_EOCD_SIZE)
		return SNIFF_UNKNOWN;
	/* The EOCD is the last thing in the file, followed only by its comment: take the
	 * candidate nearest the end whose comment length reaches exactly to the end. One
	 * candidate is examined, so a file full of fake signatures costs O(len). */
	size_t lowest = len - ZIP_EOCD_SIZE > ZIP_MAX_COMMENT ? len - ZIP_EOCD_SIZE - ZIP_MAX_COMMENT : 0;
	size_t eocd = SIZE_MAX;
	for (size_t pos = len - ZIP_EOCD_SIZE + 1; pos-- > lowest;) {
		if (memcmp(d + pos, zip_eocd_sig, 4) == 0 &&
		    rd16(d + pos + 20) == len - pos - ZIP_EOCD_SIZE) {
			eocd = pos;
			break;
		}
	}
	if (eocd == SIZE_MAX)
		return SNIFF_UNKNOWN;
	const unsigned char *e = d + eocd;
	uint16_t disk = rd16(e + 4), cd_disk = rd16(e + 6);
	uint16_t entries_here = rd16(e + 8), entries = rd16(e + 10);
	uint32_t cd_size = rd32(e + 12), cd_off32 = rd32(e + 16);
	if (disk != 0 || cd_disk != 0 || entries_here != entries || entries == 0 ||
	    entries == 0xFFFF || cd_size == 0xFFFFFFFF || cd_off32 == 0xFFFFFFFF)
		return SNIFF_UNKNOWN; /* multi-disk, empty or ZIP64 */
	uint64_t cd_off = cd_off32, cd_end = cd_off + cd_size;
	if (cd_end > eocd)
		return SNIFF_UNKNOWN;

	bool found[PART_COUNT] = {false};
	bool macros = false;
	uint64_t p = cd_off;
	for (unsigned i = 0; i < entries; i++) {
		if (cd_end - p < ZIP_CDH_SIZE)
			return SNIFF_UNKNOWN;
		const unsigned char *c = d + p;
		if (memcmp(c, zip_cdh_sig, 4) != 0)
			return SNIFF_UNKNOWN;
		uint64_t name_len = rd16(c + 28), extra_len = rd16(c + 30), comment_len = rd16(c + 32);
		uint64_t entry_len = ZIP_CDH_SIZE + name_len + extra_len + comment_len;
		if (cd_end - p < entry_len)
			return SNIFF_UNKNOWN;
		const unsigned char *name = c + ZIP_CDH_SIZE;
		for (int part = 0; part < PART_COUNT; part++) {
			if (!equal_ci(name, name_len, zip_part_names[part]))
				continue;
			if (found[part] || !zip_local_matches(d, rd32(c + 42), cd_off, name, name_len))
				return SNIFF_UNKNOWN; /* listed twice, or no such local entry */
			found[part] = true;
		}
		const char vba[] = "vbaproject.bin";
		size_t vl = sizeof vba - 1;
		if (name_len >= vl && equal_ci(name + name_len - vl, vl, vba))
			macros = true;
		p += entry_len;
	}
	if (p != cd_end || macros || !found[PART_CONTENT_TYPES])
		return SNIFF_UNKNOWN;
	if (found[PART_WORD] && !found[PART_XL])
		return SNIFF_DOCX;
	if (found[PART_XL] && !found[PART_WORD])
		return SNIFF_XLSX;
	return SNIFF_UNKNOWN;
}

/* ---- text ------------------------------------------------------------------------- */

static bool is_text_space(unsigned char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
}

/* True when every byte is allowed in a text upload and the whole is valid UTF-8. */
static bool text_bytes_ok(const unsigned char *d, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (d[i] < 0x20 && d[i] != '\t' && d[i] != '\n' && d[i] != '\r' && d[i] != '\f')
			return false; /* NUL and other C0 controls */
	return utf8_valid((const char *)d, n);
}

/* True when the text opens with markup a browser would render as a document. Patterns
 * after the WHATWG MIME Sniffing standard ("identifying a resource with an unknown MIME
 * type"), plus SVG and any doctype. */
static bool text_is_markup(const unsigned char *d, size_t n)
{
	static const char *const tags[] = {
		"html", "head", "script", "iframe", "h1", "div", "font", "table", "a",
		"style", "title", "b", "body", "br", "p", "svg",
	};
	size_t i = 0;
	while (i < n && is_text_space(d[i]))
		i++;
	if (i == n || d[i] != '<')
		return false;
	const unsigned char *s = d + i + 1;
	size_t rest = n - i - 1;
	if (prefix_ci(s, rest, "!doctype") || prefix_ci(s, rest, "?xml") || prefix_ci(s, rest, "!--"))
		return true;
	for (size_t k = 0; k < sizeof tags / sizeof *tags; k++) {
		size_t tl = strlen(tags[k]);
		if (!prefix_ci(s, rest, tags[k]))
			continue;
		/* the name must end there: "<a>" or "<b " is a tag, "<abc" or "<br0" is not */
		if (tl == rest || is_text_space(s[tl]) || s[tl] == '>' || s[tl] == '/')
			return true;
	}
	return false;
}

/* True when the first up-to-5 non-empty lines (at least 2) each have the same number
 * (≥ 1) of commas, or each the same number of semicolons, outside double quotes. */
static bool text_looks_csv(const unsigned char *d, size_t n)
{
	enum { LINES = 5 };
	size_t commas[LINES], semis[LINES];
	size_t lines = 0, cc = 0, sc = 0;
	bool quoted = false, content = false;
	for (size_t i = 0; i <= n && lines < LINES; i++) {
		unsigned char c = i < n ? d[i] : '\n';
		if (c == '"') {
			quoted = !quoted;
			content = true;
		} else if (quoted && i < n) {
			content = true;
		} else if (c == '\n' || c == '\r') {
			if (content) {
				commas[lines] = cc;
				semis[lines] = sc;
				lines++;
			}
			cc = sc = 0;
			content = false;
			quoted = false;
		} else if (c == ',') {
			cc++;
			content = true;
		} else if (c == ';') {
			sc++;
			content = true;
		} else if (c != ' ' && c != '\t' && c != '\f') {
			content = true;
		}
	}
	if (lines < 2)
		return false;
	bool same_commas = commas[0] > 0, same_semis = semis[0] > 0;
	for (size_t k = 1; k < lines; k++) {
		same_commas = same_commas && commas[k] == commas[0];
		same_semis = same_semis && semis[k] == semis[0];
	}
	return same_commas || same_semis;
}

static bool hint_is_csv(const char *hint)
{
	if (!hint)
		return false;
	size_t n = strlen(hint);
	return n >= 4 && equal_ci((const unsigned char *)hint + n - 4, 4, ".csv");
}

/* ---- public ----------------------------------------------------------------------- */

enum sniff_type sniff_detect(const unsigned char *data, size_t len, const char *filename_hint)
{
	static const unsigned char png[8] = {0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};
	static const unsigned char jpeg[3] = {0xFF, 0xD8, 0xFF};
	static const unsigned char bom[3] = {0xEF, 0xBB, 0xBF};
	if (!data || len == 0)
		return SNIFF_UNKNOWN;
	if (len >= 5 && memcmp(data, "%PDF-", 5) == 0)
		return SNIFF_PDF;
	if (len >= sizeof png && memcmp(data, png, sizeof png) == 0)
		return SNIFF_PNG;
	if (len >= sizeof jpeg && memcmp(data, jpeg, sizeof jpeg) == 0)
		return SNIFF_JPEG;
	if (len >= 4 && memcmp(data, zip_lfh_sig, 4) == 0)
		return zip_classify(data, len);

	const unsigned char *t = data;
	size_t n = len;
	if (n >= sizeof bom && memcmp(t, bom, sizeof bom) == 0) {
		t += sizeof bom;
		n -= sizeof bom;
	}
	if (n == 0 || !text_bytes_ok(t, n) || text_is_markup(t, n))
		return SNIFF_UNKNOWN;
	if (hint_is_csv(filename_hint) || text_looks_csv(t, n))
		return SNIFF_CSV;
	return SNIFF_TXT;
}

const char *sniff_mime(enum sniff_type t)
{
	switch (t) {
	case SNIFF_UNKNOWN: return "application/octet-stream";
	case SNIFF_PDF: return "application/pdf";
	case SNIFF_PNG: return "image/png";
	case SNIFF_JPEG: return "image/jpeg";
	case SNIFF_DOCX:
		return "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
	case SNIFF_XLSX: return "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
	case SNIFF_CSV: return "text/csv; charset=utf-8";
	case SNIFF_TXT: return "text/plain; charset=utf-8";
	}
	return "application/octet-stream"; /* a value outside the enum */
}

const char *sniff_ext(enum sniff_type t)
{
	switch (t) {
	case SNIFF_UNKNOWN: return "bin";
	case SNIFF_PDF: return "pdf";
	case SNIFF_PNG: return "png";
	case SNIFF_JPEG: return "jpg";
	case SNIFF_DOCX: return "docx";
	case SNIFF_XLSX: return "xlsx";
	case SNIFF_CSV: return "csv";
	case SNIFF_TXT: return "txt";
	}
	return "bin"; /* a value outside the enum */
}
