/*
 * test_sniff.c — base/sniff: each allowed type from tiny hand-made byte arrays; ZIPs
 * built in the test (DOCX, XLSX, other archives, macros, duplicates) and then truncated,
 * bit-flipped and given lying lengths; executables named like documents; HTML, SVG and
 * XML passed off as text; CSV by hint, by commas, by semicolons, behind a BOM and with
 * quoted separators; the MIME and extension tables. Every input is copied into a buffer
 * of exactly its length so that ASan catches a read one byte past the end.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "base/sniff.h"

#include <stdlib.h>
#include <string.h>

/* sniff_detect on an exact-size heap copy of data[0..len). */
static enum sniff_type detect(const void *data, size_t len, const char *hint)
{
	unsigned char *copy = malloc(len ? len : 1);
	assert_non_null(copy);
	if (len)
		memcpy(copy, data, len);
	enum sniff_type t = sniff_detect(copy, len, hint);
	free(copy);
	return t;
}

#define DETECT_STR(s, hint) detect(s, sizeof(s) - 1, hint)

/* ---- a small ZIP writer for fixtures ---------------------------------------------- */

struct zipbuf {
	unsigned char data[4096];
	size_t len;
	/* where the EOCD fields sit, for tests that lie in them */
	size_t cd_off, eocd;
};

static void put16(struct zipbuf *z, unsigned v)
{
	z->data[z->len++] = (unsigned char)(v & 0xFF);
	z->data[z->len++] = (unsigned char)(v >> 8);
}

static void put32(struct zipbuf *z, uint32_t v)
{
	put16(z, v & 0xFFFF);
	put16(z, v >> 16);
}

static void putbytes(struct zipbuf *z, const void *p, size_t n)
{
	assert_true(z->len + n <= sizeof z->data);
	memcpy(z->data + z->len, p, n);
	z->len += n;
}

/* A stored (uncompressed) archive whose entries hold their own names as content. */
static void zip_build(struct zipbuf *z, const char *const *names, size_t count)
{
	uint32_t offsets[16];
	assert_true(count <= 16);
	z->len = 0;
	for (size_t i = 0; i < count; i++) {
		size_t n = strlen(names[i]);
		offsets[i] = (uint32_t)z->len;
		putbytes(z, "PK\x03\x04", 4);
		put16(z, 20);           /* version needed */
		put16(z, 0);            /* flags */
		put16(z, 0);            /* method: stored */
		put16(z, 0);            /* time */
		put16(z, 0);            /* date */
		put32(z, 0);            /* crc (not checked by the sniffer) */
		put32(z, (uint32_t)n);  /* compressed size */
		put32(z, (uint32_t)n);  /* uncompressed size */
		put16(z, (unsigned)n);  /* name length */
		put16(z, 0);            /* extra length */
		putbytes(z, names[i], n);
		putbytes(z, names[i], n); /* content */
	}
	z->cd_off = z->len;
	for (size_t i = 0; i < count; i++) {
		size_t n = strlen(names[i]);
		putbytes(z, "PK\x01\x02", 4);
		put16(z, 20);          /* version made by */
		put16(z, 20);          /* version needed */
		put16(z, 0);           /* flags */
		put16(z, 0);           /* method */
		put16(z, 0);           /* time */
		put16(z, 0);           /* date */
		put32(z, 0);           /* crc */
		put32(z, (uint32_t)n); /* compressed */
		put32(z, (uint32_t)n); /* uncompressed */
		put16(z, (unsigned)n); /* name length */
		put16(z, 0);           /* extra */
		put16(z, 0);           /* comment */
		put16(z, 0);           /* disk start */
		put16(z, 0);           /* internal attributes */
		put32(z, 0);           /* external attributes */
		put32(z, offsets[i]);  /* local header offset */
		putbytes(z, names[i], n);
	}
	size_t cd_size = z->len - z->cd_off;
	z->eocd = z->len;
	putbytes(z, "PK\x05\x06", 4);
	put16(z, 0);
	put16(z, 0);
	put16(z, (unsigned)count);
	put16(z, (unsigned)count);
	put32(z, (uint32_t)cd_size);
	put32(z, (uint32_t)z->cd_off);
	put16(z, 0); /* comment length */
}

static void set16(struct zipbuf *z, size_t at, unsigned v)
{
	z->data[at] = (unsigned char)(v & 0xFF);
	z->data[at + 1] = (unsigned char)(v >> 8);
}

static void set32(struct zipbuf *z, size_t at, uint32_t v)
{
	set16(z, at, v & 0xFFFF);
	set16(z, at + 2, v >> 16);
}

static const char *const docx_parts[] = {
	"[Content_Types].xml", "_rels/.rels", "word/document.xml", "word/styles.xml",
};
static const char *const xlsx_parts[] = {
	"[Content_Types].xml", "_rels/.rels", "xl/workbook.xml", "xl/worksheets/sheet1.xml",
};

#define ZIP(z, parts) zip_build(z, parts, sizeof parts / sizeof *parts)

/* ---- magic numbers ---------------------------------------------------------------- */

static void test_pdf(void **state)
{
	(void)state;
	assert_int_equal(DETECT_STR("%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n", NULL), SNIFF_PDF);
	assert_int_equal(DETECT_STR("%PDF-", "x.txt"), SNIFF_PDF);
	assert_int_equal(DETECT_STR("%PDF", NULL), SNIFF_TXT);      /* too short: just text */
	assert_int_equal(DETECT_STR(" %PDF-1.4", NULL), SNIFF_TXT); /* must be at the start */
}

static void test_png(void **state)
{
	(void)state;
	static const unsigned char png[] = {0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n',
					    0,    0,   0,   13,  'I',  'H',  'D',  'R'};
	assert_int_equal(detect(png, sizeof png, NULL), SNIFF_PNG);
	assert_int_equal(detect(png, 8, "photo.jpg"), SNIFF_PNG);
	assert_int_equal(detect(png, 7, NULL), SNIFF_UNKNOWN); /* truncated signature */
	unsigned char bad[sizeof png];
	memcpy(bad, png, sizeof png);
	bad[4] = '\n'; /* CRLF damaged by a text-mode transfer */
	assert_int_equal(detect(bad, sizeof bad, NULL), SNIFF_UNKNOWN);
}

static void test_jpeg(void **state)
{
	(void)state;
	static const unsigned char jpg[] = {0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10, 'J', 'F', 'I', 'F', 0};
	assert_int_equal(detect(jpg, sizeof jpg, NULL), SNIFF_JPEG);
	assert_int_equal(detect(jpg, 3, NULL), SNIFF_JPEG);
	assert_int_equal(detect(jpg, 2, "x.jpg"), SNIFF_UNKNOWN);
}

static void test_empty_and_null(void **state)
{
	(void)state;
	assert_int_equal(sniff_detect(NULL, 0, NULL), SNIFF_UNKNOWN);
	assert_int_equal(sniff_detect(NULL, 0, "a.csv"), SNIFF_UNKNOWN);
	assert_int_equal(detect("", 0, "a.txt"), SNIFF_UNKNOWN);
	assert_int_equal(DETECT_STR("\xef\xbb\xbf", "a.txt"), SNIFF_UNKNOWN); /* BOM only */
}

/* ---- executables and other formats ------------------------------------------------- */

static void test_elf_named_pdf(void **state)
{
	(void)state;
	static const unsigned char elf[] = {0x7F, 'E', 'L', 'F', 2, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0,
					    2,    0,   0x3E, 0};
	assert_int_equal(detect(elf, sizeof elf, "invoice.pdf"), SNIFF_UNKNOWN);
	assert_int_equal(detect(elf, sizeof elf, "data.csv"), SNIFF_UNKNOWN);
}

static void test_other_binaries(void **state)
{
	(void)state;
	static const unsigned char mz[] = {'M', 'Z', 0x90, 0, 3, 0, 0, 0, 4, 0};
	static const unsigned char gif[] = {'G', 'I', 'F', '8', '9', 'a', 1, 0, 1, 0, 0x80, 0, 0};
	static const unsigned char utf16[] = {0xFF, 0xFE, 'h', 0, 'i', 0};
	static const unsigned char latin1[] = {'c', 'a', 'f', 0xE9, '\n'};
	assert_int_equal(detect(mz, sizeof mz, "report.docx"), SNIFF_UNKNOWN);
	assert_int_equal(detect(gif, sizeof gif, "logo.png"), SNIFF_UNKNOWN);
	assert_int_equal(detect(utf16, sizeof utf16, "notes.txt"), SNIFF_UNKNOWN);
	assert_int_equal(detect(latin1, sizeof latin1, "notes.txt"), SNIFF_UNKNOWN);
	assert_int_equal(DETECT_STR("MZ is not enough\n", "a.exe"), SNIFF_TXT); /* text is text */
}

/* ---- ZIP / Office ------------------------------------------------------------------- */

static void test_docx_and_xlsx(void **state)
{
	(void)state;
	struct zipbuf z;
	ZIP(&z, docx_parts);
	assert_int_equal(detect(z.data, z.len, NULL), SNIFF_DOCX);
	assert_int_equal(detect(z.data, z.len, "sheet.xlsx"), SNIFF_DOCX); /* name ignored */
	ZIP(&z, xlsx_parts);
	assert_int_equal(detect(z.data, z.len, "letter.docx"), SNIFF_XLSX);
}

static void test_docx_with_comment_and_case(void **state)
{
	(void)state;
	struct zipbuf z;
	static const char *const parts[] = {"[content_types].XML", "Word/Document.xml"};
	ZIP(&z, parts);
	/* an archive comment after the EOCD */
	set16(&z, z.eocd + 20, 5);
	memcpy(z.data + z.len, "hello", 5);
	z.len += 5;
	assert_int_equal(detect(z.data, z.len, NULL), SNIFF_DOCX);
	/* a comment length that does not reach the end exactly: no EOCD */
	set16(&z, z.eocd + 20, 4);
	assert_int_equal(detect(z.data, z.len, NULL), SNIFF_UNKNOWN);
}

static void test_other_zips_unknown(void **state)
{
	(void)state;
	struct zipbuf z;
	static const char *const odt[] = {"mimetype", "content.xml", "META-INF/manifest.xml"};
	static const char *const no_ct[] = {"_rels/.rels", "word/document.xml"};
	static const char *const no_main[] = {"[Content_Types].xml", "_rels/.rels"};
	static const char *const both[] = {"[Content_Types].xml", "word/document.xml",
					   "xl/workbook.xml"};
	static const char *const macro[] = {"[Content_Types].xml", "word/document.xml",
					    "word/vbaProject.bin"};
	static const char *const twice[] = {"[Content_Types].xml", "word/document.xml",
					    "word/document.xml"};
	static const char *const near[] = {"[Content_Types].xml", "word/document.xml.bak"};
	ZIP(&z, odt);
	assert_int_equal(detect(z.data, z.len, "x.docx"), SNIFF_UNKNOWN);
	ZIP(&z, no_ct);
	assert_int_equal(detect(z.data, z.len, NULL), SNIFF_UNKNOWN);
	ZIP(&z, no_main);
	assert_int_equal(detect(z.data, z.len, NULL), SNIFF_UNKNOWN);
	ZIP(&z, both);
	assert_int_equal(detect(z.data, z.len, NULL), SNIFF_UNKNOWN);
	ZIP(&z, macro);
	assert_int_equal(detect(z.data, z.len, NULL), SNIFF_UNKNOWN);
	ZIP(&z, twice);
	assert_int_equal(detect(z.data, z.len, NULL), SNIFF_UNKNOWN);
	ZIP(&z, near);
	assert_int_equal(detect(z.data, z.len, NULL), SNIFF_UNKNOWN);
}

static void test_zip_truncated(void **state)
{
	(void)state;
	struct zipbuf z;
	ZIP(&z, docx_parts);
	for (size_t n = 0; n < z.len; n++)
		if (detect(z.data, n, NULL) == SNIFF_DOCX)
			fail_msg("a %zu-byte prefix of a %zu-byte DOCX passed", n, z.len);
	/* the EOCD alone, or the local header alone */
	assert_int_equal(detect(z.data + z.eocd, z.len - z.eocd, NULL), SNIFF_UNKNOWN);
	assert_int_equal(detect(z.data, 4, NULL), SNIFF_UNKNOWN);
}

static void test_zip_lying_lengths(void **state)
{
	(void)state;
	struct zipbuf z;
	size_t first_cd = 0;
	struct {
		const char *what;
		size_t at; /* 0: EOCD-relative offsets below are added to z.eocd */
		int width;
		uint32_t value;
		int eocd_relative;
	} lies[] = {
		{"CD size beyond the EOCD", 12, 4, 0x7FFFFFFF, 1},
		{"CD size one too big", 12, 4, 0, 1}, /* value filled in below */
		{"CD size one too small", 12, 4, 0, 1},
		{"CD offset past the end", 16, 4, 0xFFFFFF00, 1},
		{"CD offset into the locals", 16, 4, 10, 1},
		{"ZIP64 marker offset", 16, 4, 0xFFFFFFFF, 1},
		{"more entries than present", 10, 2, 9, 1},
		{"entry counts disagree", 8, 2, 3, 1},
		{"ZIP64 marker count", 10, 2, 0xFFFF, 1},
		{"zero entries", 10, 2, 0, 1},
		{"multi-disk", 4, 2, 1, 1},
		{"CD on another disk", 6, 2, 1, 1},
		{"name length past the CD", 28, 2, 0xFFFF, 0},
		{"extra length past the CD", 30, 2, 0x8000, 0},
		{"comment length past the CD", 32, 2, 0x0FFF, 0},
		{"local offset past the CD", 42, 4, 0x7FFFFFF0, 0},
		{"local offset off by one", 42, 4, 1, 0},
	};
	ZIP(&z, docx_parts);
	uint32_t cd_size = (uint32_t)(z.eocd - z.cd_off);
	lies[1].value = cd_size + 1;
	lies[2].value = cd_size - 1;
	first_cd = z.cd_off;
	for (size_t i = 0; i < sizeof lies / sizeof *lies; i++) {
		ZIP(&z, docx_parts);
		size_t at = (lies[i].eocd_relative ? z.eocd : first_cd) + lies[i].at;
		if (lies[i].width == 2)
			set16(&z, at, lies[i].value);
		else
			set32(&z, at, lies[i].value);
		enum sniff_type t = detect(z.data, z.len, NULL);
		if (t != SNIFF_UNKNOWN)
			fail_msg("%s: got %d, want SNIFF_UNKNOWN", lies[i].what, (int)t);
	}
}

static void test_zip_local_header_checked(void **state)
{
	(void)state;
	struct zipbuf z;
	ZIP(&z, docx_parts);
	/* the directory says document.xml is at an offset holding another entry */
	size_t cd = z.cd_off;
	for (int i = 0; i < 2; i++) /* skip to the third CD entry: word/document.xml */
		cd += 46 + strlen(docx_parts[i]);
	set32(&z, cd + 42, 0);
	assert_int_equal(detect(z.data, z.len, NULL), SNIFF_UNKNOWN);
	/* a damaged local signature */
	ZIP(&z, docx_parts);
	z.data[0] = 'X';
	assert_int_equal(detect(z.data, z.len, NULL), SNIFF_UNKNOWN);
}

static void test_zip_every_byte_mutated(void **state)
{
	(void)state;
	static const unsigned char values[] = {0x00, 0xFF, 0x7F, 0x80};
	struct zipbuf z;
	ZIP(&z, xlsx_parts);
	for (size_t i = 0; i < z.len; i++) {
		for (size_t v = 0; v < sizeof values; v++) {
			struct zipbuf m = z;
			m.data[i] = values[v];
			enum sniff_type t = detect(m.data, m.len, NULL);
			assert_true(t == SNIFF_XLSX || t == SNIFF_UNKNOWN);
		}
	}
}

static void test_zip_fake_eocd_signatures(void **state)
{
	(void)state;
	/* a local header followed by a field of EOCD signatures with garbage lengths */
	unsigned char buf[2048];
	memcpy(buf, "PK\x03\x04", 4);
	for (size_t i = 4; i + 4 <= sizeof buf; i += 4)
		memcpy(buf + i, "PK\x05\x06", 4);
	assert_int_equal(detect(buf, sizeof buf, NULL), SNIFF_UNKNOWN);
	for (size_t n = 4; n < 64; n++) /* shorter prefixes ("PK") are plain text */
		assert_int_equal(detect(buf, n, NULL), SNIFF_UNKNOWN);
}

/* ---- text ------------------------------------------------------------------------- */

static void test_txt(void **state)
{
	(void)state;
	assert_int_equal(DETECT_STR("Meeting notes\nAll good.\n", "notes.txt"), SNIFF_TXT);
	assert_int_equal(DETECT_STR("Tab\there\r\nform\ffeed\n", NULL), SNIFF_TXT);
	assert_int_equal(DETECT_STR("یادداشت‌های جلسه\n", NULL), SNIFF_TXT);
	assert_int_equal(DETECT_STR("\xef\xbb\xbfwith BOM", NULL), SNIFF_TXT);
	assert_int_equal(DETECT_STR("Hello, world", NULL), SNIFF_TXT); /* one line is prose */
	assert_int_equal(DETECT_STR("2 < 3 and <3 you\n", NULL), SNIFF_TXT);
	assert_int_equal(DETECT_STR("<abc> is not a tag we fear\n", NULL), SNIFF_TXT);
	assert_int_equal(DETECT_STR("hello", "report.pdf"), SNIFF_TXT); /* the name is no type */
}

static void test_text_control_bytes_refused(void **state)
{
	(void)state;
	assert_int_equal(detect("ab\0cd", 5, "x.txt"), SNIFF_UNKNOWN);
	assert_int_equal(DETECT_STR("ab\x1b[31mcd", "x.txt"), SNIFF_UNKNOWN); /* ESC */
	assert_int_equal(DETECT_STR("ab\x01", NULL), SNIFF_UNKNOWN);
	assert_int_equal(DETECT_STR("a\x0b" "b", NULL), SNIFF_UNKNOWN); /* vertical tab */
	assert_int_equal(DETECT_STR("a,b\nc\x08,d\n", "x.csv"), SNIFF_UNKNOWN);
	assert_int_equal(DETECT_STR("caf\xc3", NULL), SNIFF_UNKNOWN);        /* truncated */
	assert_int_equal(DETECT_STR("\xed\xa0\x80", NULL), SNIFF_UNKNOWN);   /* surrogate */
	assert_int_equal(DETECT_STR("\xc0\xaf", NULL), SNIFF_UNKNOWN);       /* overlong */
}

static void test_html_as_text_refused(void **state)
{
	(void)state;
	static const char *const active[] = {
		"<!DOCTYPE html><p>x",
		"<!doctype html>",
		"  \r\n\t<HTML><body>",
		"<html>",
		"<html",
		"<script>alert(1)</script>",
		"<ScRiPt src=x>",
		"<svg xmlns=\"http://www.w3.org/2000/svg\" onload=\"alert(1)\"/>",
		"<?xml version=\"1.0\"?><svg/>",
		"<!-- comment --><p>",
		"<iframe src=x>",
		"<a href=\"javascript:x\">",
		"<b>bold</b>",
		"<body onload=x>",
		"<p>para",
		"<br/>",
		"\xef\xbb\xbf<html>",
		"\xef\xbb\xbf \n<!DOCTYPE html>",
	};
	for (size_t i = 0; i < sizeof active / sizeof *active; i++) {
		if (detect(active[i], strlen(active[i]), "notes.txt") != SNIFF_UNKNOWN)
			fail_msg("accepted as text: %s", active[i]);
		if (detect(active[i], strlen(active[i]), "data.csv") != SNIFF_UNKNOWN)
			fail_msg("accepted as csv: %s", active[i]);
	}
	/* markup later in the file is harmless once served as text/plain */
	assert_int_equal(DETECT_STR("notes\n<html>\n", NULL), SNIFF_TXT);
	assert_int_equal(DETECT_STR("<htmlx>", NULL), SNIFF_TXT);
	assert_int_equal(DETECT_STR("<bold>", NULL), SNIFF_TXT);
}

static void test_csv_by_hint(void **state)
{
	(void)state;
	assert_int_equal(DETECT_STR("just one column\nvalues\n", "export.csv"), SNIFF_CSV);
	assert_int_equal(DETECT_STR("just one column\nvalues\n", "EXPORT.CSV"), SNIFF_CSV);
	assert_int_equal(DETECT_STR("just one column\nvalues\n", "export.csv.txt"), SNIFF_TXT);
	assert_int_equal(DETECT_STR("just one column\nvalues\n", "csv"), SNIFF_TXT);
	assert_int_equal(DETECT_STR("just one column\nvalues\n", ".csv"), SNIFF_CSV);
}

static void test_csv_by_commas(void **state)
{
	(void)state;
	assert_int_equal(DETECT_STR("name,email,country\nAcme,a@acme.com,MY\n", NULL), SNIFF_CSV);
	assert_int_equal(DETECT_STR("a,b\r\nc,d\r\n", NULL), SNIFF_CSV);
	assert_int_equal(DETECT_STR("a,b\n\n  \r\nc,d", NULL), SNIFF_CSV); /* blank lines skipped */
	/* only the first 5 non-empty lines count */
	assert_int_equal(DETECT_STR("a,b\n1,2\n3,4\n5,6\n7,8\nprose, with, commas\n", NULL),
			 SNIFF_CSV);
	assert_int_equal(DETECT_STR("a,b\n1,2\n3,4\n5,6,7\n", NULL), SNIFF_TXT);
	assert_int_equal(DETECT_STR("a b\nc d\n", NULL), SNIFF_TXT);
}

static void test_csv_quoted_separators(void **state)
{
	(void)state;
	assert_int_equal(DETECT_STR("name,notes\n\"Acme\",\"a, b; c\"\n", NULL), SNIFF_CSV);
	assert_int_equal(DETECT_STR("name,notes\n\"Acme\",\"line one\nline two, more\"\n", NULL),
			 SNIFF_CSV);
	assert_int_equal(DETECT_STR("name,notes\n\"Ac\"\"me\",x\n", NULL), SNIFF_CSV);
}

static void test_csv_semicolons(void **state)
{
	(void)state;
	assert_int_equal(DETECT_STR("name;city;amount\nAcme;Kuala Lumpur;1,5\nB;C;2,25\n", NULL),
			 SNIFF_CSV);
	assert_int_equal(DETECT_STR("a;b\nc;d;e\n", NULL), SNIFF_TXT);
	assert_int_equal(DETECT_STR("a;b\nc,d\n", NULL), SNIFF_TXT);
}

static void test_csv_with_bom(void **state)
{
	(void)state;
	assert_int_equal(DETECT_STR("\xef\xbb\xbfname,email\nپارس,info@pars.ir\n", NULL), SNIFF_CSV);
	assert_int_equal(DETECT_STR("\xef\xbb\xbfname;email\nA;b\n", "upload"), SNIFF_CSV);
	assert_int_equal(DETECT_STR("\xef\xbb\xbf" "one\n", "x.csv"), SNIFF_CSV);
}

/* ---- tables ------------------------------------------------------------------------ */

static void test_mime_and_ext(void **state)
{
	(void)state;
	assert_string_equal(sniff_mime(SNIFF_PDF), "application/pdf");
	assert_string_equal(sniff_mime(SNIFF_PNG), "image/png");
	assert_string_equal(sniff_mime(SNIFF_JPEG), "image/jpeg");
	assert_string_equal(sniff_mime(SNIFF_DOCX),
			    "application/vnd.openxmlformats-officedocument.wordprocessingml.document");
	assert_string_equal(sniff_mime(SNIFF_XLSX),
			    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
	assert_string_equal(sniff_mime(SNIFF_CSV), "text/csv; charset=utf-8");
	assert_string_equal(sniff_mime(SNIFF_TXT), "text/plain; charset=utf-8");
	assert_string_equal(sniff_mime(SNIFF_UNKNOWN), "application/octet-stream");
	assert_string_equal(sniff_mime((enum sniff_type)99), "application/octet-stream");
	assert_string_equal(sniff_ext(SNIFF_PDF), "pdf");
	assert_string_equal(sniff_ext(SNIFF_PNG), "png");
	assert_string_equal(sniff_ext(SNIFF_JPEG), "jpg");
	assert_string_equal(sniff_ext(SNIFF_DOCX), "docx");
	assert_string_equal(sniff_ext(SNIFF_XLSX), "xlsx");
	assert_string_equal(sniff_ext(SNIFF_CSV), "csv");
	assert_string_equal(sniff_ext(SNIFF_TXT), "txt");
	assert_string_equal(sniff_ext(SNIFF_UNKNOWN), "bin");
	assert_string_equal(sniff_ext((enum sniff_type)-1), "bin");
}

/* ---- random bytes ------------------------------------------------------------------ */

static void test_random_bytes(void **state)
{
	(void)state;
	uint64_t x = 0x2545F4914F6CDD1Du;
	unsigned char buf[300];
	static const char *const heads[] = {"PK\x03\x04", "%PDF-", "\xef\xbb\xbf", "<", ""};
	for (int iter = 0; iter < 20000; iter++) {
		x ^= x << 13;
		x ^= x >> 7;
		x ^= x << 17;
		size_t n = x % sizeof buf;
		const char *h = heads[(x >> 20) % 5];
		size_t hl = strlen(h) < n ? strlen(h) : n;
		memcpy(buf, h, hl);
		for (size_t i = hl; i < n; i++) {
			x ^= x << 13;
			x ^= x >> 7;
			x ^= x << 17;
			/* mostly printable, so that the text paths are reached too */
			buf[i] = (x & 7) ? (unsigned char)(' ' + (x >> 8) % 95) : (unsigned char)(x >> 16);
		}
		enum sniff_type t = detect(buf, n, (iter & 1) ? "a.csv" : NULL);
		assert_true(t <= SNIFF_TXT);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_pdf),
		cmocka_unit_test(test_png),
		cmocka_unit_test(test_jpeg),
		cmocka_unit_test(test_empty_and_null),
		cmocka_unit_test(test_elf_named_pdf),
		cmocka_unit_test(test_other_binaries),
		cmocka_unit_test(test_docx_and_xlsx),
		cmocka_unit_test(test_docx_with_comment_and_case),
		cmocka_unit_test(test_other_zips_unknown),
		cmocka_unit_test(test_zip_truncated),
		cmocka_unit_test(test_zip_lying_lengths),
		cmocka_unit_test(test_zip_local_header_checked),
		cmocka_unit_test(test_zip_every_byte_mutated),
		cmocka_unit_test(test_zip_fake_eocd_signatures),
		cmocka_unit_test(test_txt),
		cmocka_unit_test(test_text_control_bytes_refused),
		cmocka_unit_test(test_html_as_text_refused),
		cmocka_unit_test(test_csv_by_hint),
		cmocka_unit_test(test_csv_by_commas),
		cmocka_unit_test(test_csv_quoted_separators),
		cmocka_unit_test(test_csv_semicolons),
		cmocka_unit_test(test_csv_with_bom),
		cmocka_unit_test(test_mime_and_ext),
		cmocka_unit_test(test_random_bytes),
	};
	return cmocka_run_group_tests_name("sniff", tests, NULL, NULL);
}
