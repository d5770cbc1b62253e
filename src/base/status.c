/*
 * status.c — names, HTTP codes and titles of enum cb_status. Exhaustive switches with
 * no default: adding a status without mapping it is a compile error (-Wswitch).
 */
#include "status.h"

const char *cb_status_str(enum cb_status st)
{
	switch (st) {
	case CB_OK: return "ok";
	case CB_ERR_MALFORMED: return "malformed";
	case CB_ERR_INVALID: return "invalid";
	case CB_ERR_UNAUTHENTICATED: return "unauthenticated";
	case CB_ERR_FORBIDDEN: return "forbidden";
	case CB_ERR_NOT_FOUND: return "not-found";
	case CB_ERR_METHOD: return "method-not-allowed";
	case CB_ERR_CONFLICT: return "conflict";
	case CB_ERR_PRECONDITION: return "precondition-failed";
	case CB_ERR_TOO_LARGE: return "too-large";
	case CB_ERR_MEDIA_TYPE: return "unsupported-media-type";
	case CB_ERR_RULE: return "rule-violation";
	case CB_ERR_RATE_LIMITED: return "rate-limited";
	case CB_ERR_UNAVAILABLE: return "unavailable";
	case CB_ERR_DB: return "database-error";
	case CB_ERR_IO: return "io-error";
	case CB_ERR_INTERNAL: return "internal-error";
	case CB_ERR_USAGE: return "usage";
	case CB_ERR_SCHEMA_NEWER: return "schema-newer";
	}
	return "unknown";
}

int cb_status_http(enum cb_status st)
{
	switch (st) {
	case CB_OK: return 200;
	case CB_ERR_MALFORMED: return 400;
	case CB_ERR_INVALID: return 400;
	case CB_ERR_UNAUTHENTICATED: return 401;
	case CB_ERR_FORBIDDEN: return 403;
	case CB_ERR_NOT_FOUND: return 404;
	case CB_ERR_METHOD: return 405;
	case CB_ERR_CONFLICT: return 409;
	case CB_ERR_PRECONDITION: return 412;
	case CB_ERR_TOO_LARGE: return 413;
	case CB_ERR_MEDIA_TYPE: return 415;
	case CB_ERR_RULE: return 422;
	case CB_ERR_RATE_LIMITED: return 429;
	case CB_ERR_UNAVAILABLE: return 503;
	case CB_ERR_DB: return 500;
	case CB_ERR_IO: return 500;
	case CB_ERR_INTERNAL: return 500;
	case CB_ERR_USAGE: return 400;
	case CB_ERR_SCHEMA_NEWER: return 503;
	}
	return 500;
}

const char *cb_status_title(enum cb_status st)
{
	switch (st) {
	case CB_OK: return "OK";
	case CB_ERR_MALFORMED: return "Malformed request";
	case CB_ERR_INVALID: return "Invalid request fields";
	case CB_ERR_UNAUTHENTICATED: return "Authentication required";
	case CB_ERR_FORBIDDEN: return "Forbidden";
	case CB_ERR_NOT_FOUND: return "Not found";
	case CB_ERR_METHOD: return "Method not allowed";
	case CB_ERR_CONFLICT: return "Conflict";
	case CB_ERR_PRECONDITION: return "Precondition failed";
	case CB_ERR_TOO_LARGE: return "Payload too large";
	case CB_ERR_MEDIA_TYPE: return "Unsupported media type";
	case CB_ERR_RULE: return "Rule violation";
	case CB_ERR_RATE_LIMITED: return "Too many requests";
	case CB_ERR_UNAVAILABLE: return "Service unavailable";
	case CB_ERR_DB: return "Internal error";
	case CB_ERR_IO: return "Internal error";
	case CB_ERR_INTERNAL: return "Internal error";
	case CB_ERR_USAGE: return "Usage error";
	case CB_ERR_SCHEMA_NEWER: return "Database schema is newer than this binary";
	}
	return "Internal error";
}
