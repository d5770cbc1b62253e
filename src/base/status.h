/*
 * status.h — the one status enum every layer returns.
 *
 * Append-only: a value, once shipped, keeps its meaning. cb_status_str() names a value
 * for logs; cb_status_http() maps it to the HTTP status the API answers with;
 * cb_status_slug() gives the stable problem `type` suffix. All three are exhaustive
 * switches without a default, so the compiler flags an unmapped value.
 */
#ifndef CB_STATUS_H
#define CB_STATUS_H

enum cb_status {
	CB_OK = 0,
	CB_ERR_MALFORMED,       /* request is not well-formed (bad JSON, bad UTF-8) */
	CB_ERR_INVALID,         /* well-formed but fields are wrong (type, format, unknown) */
	CB_ERR_UNAUTHENTICATED, /* no or bad credentials */
	CB_ERR_FORBIDDEN,       /* authenticated but not allowed */
	CB_ERR_NOT_FOUND,       /* no such thing (or not visible to the principal) */
	CB_ERR_METHOD,          /* path exists, method does not */
	CB_ERR_CONFLICT,        /* duplicate or conflicting state */
	CB_ERR_PRECONDITION,    /* If-Match did not match */
	CB_ERR_TOO_LARGE,       /* body or upload over its cap */
	CB_ERR_MEDIA_TYPE,      /* unsupported content type */
	CB_ERR_RULE,            /* a business rule refused the change */
	CB_ERR_RATE_LIMITED,    /* too many attempts */
	CB_ERR_UNAVAILABLE,     /* database unreachable or busy */
	CB_ERR_DB,              /* unexpected database error */
	CB_ERR_IO,              /* file system error */
	CB_ERR_INTERNAL,        /* a bug: an invariant did not hold */
	CB_ERR_USAGE,           /* CLI usage error */
	CB_ERR_SCHEMA_NEWER,    /* database written by a newer channelbase */
};

/* Short identifier for logs, e.g. "invalid". Never NULL. */
const char *cb_status_str(enum cb_status st);

/* HTTP status code the API uses for this status. */
int cb_status_http(enum cb_status st);

/* Human title for problem+json, e.g. "Invalid request fields". */
const char *cb_status_title(enum cb_status st);

#endif
