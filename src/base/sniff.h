/*
 * sniff.h — what an uploaded document really is, decided from its bytes.
 *
 * Uploads are accepted only when their content is one of the allowlisted types: PDF,
 * PNG, JPEG, DOCX, XLSX, CSV or plain text. The file name never decides the type; its
 * only role is to let a text file named "*.csv" be served as CSV. Everything else —
 * executables, archives, other images, HTML/SVG/XML and macro-enabled Office files —
 * is SNIFF_UNKNOWN and must be refused by the caller.
 *
 * The input is hostile: every read is bounds-checked against `len`, lengths read from
 * the file are never trusted, and nothing is allocated, so any byte string is safe.
 */
#ifndef CB_SNIFF_H
#define CB_SNIFF_H

#include <stddef.h>

enum sniff_type {
	SNIFF_UNKNOWN,
	SNIFF_PDF,
	SNIFF_PNG,
	SNIFF_JPEG,
	SNIFF_DOCX,
	SNIFF_XLSX,
	SNIFF_CSV,
	SNIFF_TXT,
};

/*
 * Type of data[0..len). Rules, in order:
 *   - PDF: starts with "%PDF-"; PNG: the 8-byte PNG signature; JPEG: FF D8 FF;
 *   - DOCX/XLSX: starts with a ZIP local header whose central directory (found through
 *     the End Of Central Directory record within the last 64 KiB + 22 bytes) is fully
 *     consistent and lists "[Content_Types].xml" plus "word/document.xml" (DOCX) or
 *     "xl/workbook.xml" (XLSX), each with a local header where the directory says.
 *     Multi-disk and ZIP64 archives, archives listing both parts, and archives holding a
 *     "vbaProject.bin" (macros) are UNKNOWN, as is any other ZIP;
 *   - text: valid UTF-8 (a leading BOM is allowed), not empty after the BOM, no NUL and
 *     no C0 control other than tab, LF, CR and form feed; text that opens (after white
 *     space) with markup a browser would render — "<!doctype", "<?xml", "<!--", "<svg"
 *     or one of the WHATWG MIME-sniffing HTML tags ("<html", "<script", "<iframe",
 *     "<body" …) — is UNKNOWN;
 *   - CSV: text whose filename_hint ends in ".csv" (any case), or whose first up to 5
 *     non-empty lines number at least 2 and each hold the same count (≥ 1) of commas, or
 *     each the same count of semicolons, outside double quotes; other text is TXT.
 * filename_hint may be NULL. data may be NULL only when len is 0 (→ SNIFF_UNKNOWN).
 */
enum sniff_type sniff_detect(const unsigned char *data, size_t len, const char *filename_hint);

/* Content-Type to serve the type with ("application/pdf", "text/csv; charset=utf-8" …);
 * "application/octet-stream" for SNIFF_UNKNOWN or an out-of-range value. Static string. */
const char *sniff_mime(enum sniff_type t);

/* File extension without the dot ("pdf", "jpg", "docx" …); "bin" for SNIFF_UNKNOWN or
 * an out-of-range value. Static string. */
const char *sniff_ext(enum sniff_type t);

#endif
