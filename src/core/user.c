/*
 * user.c — creating, reading, listing and changing users.
 */
#include "user.h"

#include "../base/arena.h"
#include "../base/clock.h"
#include "../base/str.h"
#include "../store/db.h"
#include "audit.h"
#include "auth.h"
#include "partner.h"
#include "password.h"
#include "ratelimit.h"
#include "session.h"

#include <string.h>

#define USER_COLS "id, email, name, role, partner_id, locale, disabled, created_at, updated_at"

static const char *const locales[] = {"en", "fa", "ar", "ms"};

bool user_locale_valid(const char *s)
{
	for (size_t i = 0; i < sizeof locales / sizeof *locales; i++)
		if (strcmp(s, locales[i]) == 0)
			return true;
	return false;
}

static void read_row(struct cb_ctx *ctx, struct db_stmt *st, struct user *u)
{
	u->id = db_col_int(st, 0);
	u->email = arena_strdup(ctx->arena, db_col_text(st, 1));
	u->name = arena_strdup(ctx->arena, db_col_text(st, 2));
	if (!role_parse(db_col_text(st, 3), &u->role))
		u->role = ROLE_PARTNER_REP; /* the CHECK constraint makes this unreachable */
	u->partner_id = db_col_int(st, 4);
	const char *loc = db_col_text(st, 5);
	u->locale = loc && *loc ? arena_strdup(ctx->arena, loc) : NULL; /* '' = not chosen */
	u->disabled = db_col_int(st, 6) != 0;
	u->created_at = db_col_int(st, 7);
	u->updated_at = db_col_int(st, 8);
}

/* Loads a user visible to the principal; *hash (optional) gets the password hash. */
static enum cb_status load(struct cb_ctx *ctx, int64_t id, struct user *out, const char **hash)
{
	static const char sql[] = "SELECT " USER_COLS ", password_hash FROM users "
				  "WHERE id = $1 AND (CAST($2 AS BIGINT) IS NULL OR partner_id = $2)";
	struct db_stmt *st;
	enum cb_status rc = db_prepare(ctx->db, sql, &st);
	if (rc != CB_OK)
		return rc;
	db_bind_int(st, 1, id);
	scope_bind(st, 2, scope_of(ctx->who));
	bool row;
	rc = db_step(st, &row);
	if (rc == CB_OK && !row)
		rc = CB_ERR_NOT_FOUND;
	if (rc == CB_OK) {
		read_row(ctx, st, out);
		if (hash)
			*hash = arena_strdup(ctx->arena, db_col_text(st, 9));
	}
	db_done(st);
	return rc;
}

enum cb_status user_get(struct cb_ctx *ctx, int64_t id, struct user *out)
{
	return load(ctx, id, out, NULL);
}

enum cb_status user_get_by_email(struct cb_ctx *ctx, const char *email, struct user *out)
{
	static const char sql[] = "SELECT " USER_COLS " FROM users "
				  "WHERE email = $1 AND (CAST($2 AS BIGINT) IS NULL OR partner_id = $2)";
	struct db_stmt *st;
	enum cb_status rc = db_prepare(ctx->db, sql, &st);
	if (rc != CB_OK)
		return rc;
	db_bind_text(st, 1, str_lower(ctx->arena, email));
	scope_bind(st, 2, scope_of(ctx->who));
	bool row;
	rc = db_step(st, &row);
	if (rc == CB_OK && !row)
		rc = CB_ERR_NOT_FOUND;
	if (rc == CB_OK)
		read_row(ctx, st, out);
	db_done(st);
	return rc;
}

enum cb_status user_count(struct cb_ctx *ctx, int64_t *out)
{
	struct db_stmt *st;
	enum cb_status rc = db_prepare(ctx->db, "SELECT COUNT(*) FROM users", &st);
	if (rc != CB_OK)
		return rc;
	bool row;
	rc = db_step(st, &row);
	*out = rc == CB_OK && row ? db_col_int(st, 0) : 0;
	db_done(st);
	return rc;
}

/* Checks the actor may grant `role` to a user of partner `partner_id`. */
static enum cb_status check_grant(struct cb_ctx *ctx, enum role role, int64_t partner_id)
{
	const struct principal *who = ctx->who;
	if (principal_in(who, ROLE_BIT(ROLE_ADMIN)))
		return CB_OK;
	if (principal_in(who, ROLE_BIT(ROLE_PARTNER_ADMIN))) {
		if (!role_is_partner(role)) {
			errors_add(&ctx->errors, "role", "a partner admin can grant only partner_admin or partner_rep");
			return CB_ERR_FORBIDDEN;
		}
		if (partner_id != who->partner_id) {
			errors_add(&ctx->errors, "partner_id", "a partner admin manages only users of its own partner");
			return CB_ERR_FORBIDDEN;
		}
		return CB_OK;
	}
	return CB_ERR_FORBIDDEN;
}

enum cb_status user_create(struct cb_ctx *ctx, const struct user_new *in, struct user *out)
{
	struct cb_errors *errs = &ctx->errors;
	/* Errors already recorded are the caller's type checks: they count as malformed
	 * fields, and the checks below skip the fields they name, so that one answer names
	 * every bad field. */
	bool malformed = errors_any(errs);
	enum cb_status rc;
	enum role role = ROLE_PARTNER_REP;
	bool role_ok = in->role && role_parse(in->role, &role);
	int64_t partner_id = in->partner_id;
	if (principal_in(ctx->who, ROLE_BIT(ROLE_PARTNER_ADMIN)) && ctx->who->via != AUTH_SYSTEM &&
	    partner_id == 0)
		partner_id = ctx->who->partner_id;
	if (role_ok && (rc = check_grant(ctx, role, partner_id)) != CB_OK)
		return rc;

	const char *email = in->email ? str_lower(ctx->arena, str_trim(ctx->arena, in->email)) : NULL;
	if (!errors_has(errs, "email") && (!email || !str_is_email(email))) {
		errors_add(errs, "email", "must be a valid e-mail address");
		malformed = true;
	}
	if (!errors_has(errs, "role") && !role_ok)
		errors_add(errs, "role", "must be one of: %s", role_names_all());
	if (role_ok && !errors_has(errs, "partner_id")) {
		if (role_is_partner(role) && partner_id == 0)
			errors_add(errs, "partner_id", "is required for role %s", role_name(role));
		else if (!role_is_partner(role) && partner_id != 0)
			errors_add(errs, "partner_id", "must be empty for vendor role %s", role_name(role));
	}
	const char *locale = in->locale; /* NULL: not chosen (the web UI follows the browser) */
	if (!errors_has(errs, "locale") && locale && !user_locale_valid(locale))
		errors_add(errs, "locale", "must be one of: en, fa, ar, ms");
	if (!errors_has(errs, "password")) {
		if (!in->password) {
			errors_add(errs, "password", "is required");
			malformed = true;
		} else {
			password_check(in->password, email ? email : "", "password", errs);
		}
	}
	if (!errors_any(errs) && partner_id) {
		bool exists;
		if ((rc = partner_exists(ctx, partner_id, &exists)) != CB_OK)
			return rc;
		if (!exists)
			errors_add(errs, "partner_id", "no partner with id %lld", (long long)partner_id);
	}
	if (errors_any(errs))
		return malformed ? CB_ERR_INVALID : CB_ERR_RULE;

	char *hash = password_hash(ctx->arena, in->password);
	if (!hash)
		return CB_ERR_INTERNAL;
	static const char sql[] =
		"INSERT INTO users (email, name, role, partner_id, password_hash, locale, disabled, "
		"created_at, updated_at, password_changed_at) "
		"VALUES ($1, $2, $3, $4, $5, $6, 0, $7, $7, $7) RETURNING " USER_COLS;
	struct db_stmt *st;
	if ((rc = db_prepare(ctx->db, sql, &st)) != CB_OK)
		return rc;
	const char *name = in->name ? str_trim(ctx->arena, in->name) : "";
	db_bind_text(st, 1, email);
	db_bind_text(st, 2, name);
	db_bind_text(st, 3, role_name(role));
	if (partner_id)
		db_bind_int(st, 4, partner_id);
	else
		db_bind_null(st, 4);
	db_bind_text(st, 5, hash);
	db_bind_text(st, 6, locale ? locale : "");
	db_bind_int(st, 7, clock_now());
	bool row;
	rc = db_step(st, &row);
	if (rc == CB_OK && row)
		read_row(ctx, st, out);
	db_done(st);
	if (rc == CB_ERR_CONFLICT) {
		errors_add(errs, "email", "is already in use");
		return rc;
	}
	if (rc != CB_OK)
		return rc;
	json_t *ch = audit_changes(ctx);
	audit_diff_str(ch, "email", NULL, out->email);
	audit_diff_str(ch, "name", NULL, out->name);
	audit_diff_str(ch, "role", NULL, role_name(out->role));
	audit_diff_int(ch, "partner_id", 0, out->partner_id);
	audit_diff_str(ch, "locale", NULL, out->locale);
	audit_diff_str(ch, "password", NULL, "(set)");
	return audit_write(ctx, "user.create", "user", out->id, ch);
}

enum cb_status user_list(struct cb_ctx *ctx, const struct user_filter *f, struct user_page *out)
{
	static const char sql[] =
		"SELECT " USER_COLS " FROM users "
		"WHERE (CAST($1 AS BIGINT) IS NULL OR partner_id = $1) AND (CAST($2 AS TEXT) IS NULL OR role = $2) "
		"AND (CAST($3 AS BIGINT) IS NULL OR partner_id = $3) AND (CAST($4 AS BIGINT) IS NULL OR disabled = $4) "
		"AND (CAST($5 AS TEXT) IS NULL OR email LIKE $5 ESCAPE '\\' OR LOWER(name) LIKE $5 ESCAPE '\\') "
		"AND id > $6 ORDER BY id LIMIT $7";
	struct cb_errors *errs = &ctx->errors;
	enum role r;
	if (f->role && !role_parse(f->role, &r)) {
		errors_add(errs, "role", "must be one of: %s", role_names_all());
		return CB_ERR_RULE;
	}
	struct db_stmt *st;
	enum cb_status rc = db_prepare(ctx->db, sql, &st);
	if (rc != CB_OK)
		return rc;
	scope_bind(st, 1, scope_of(ctx->who));
	db_bind_text(st, 2, f->role);
	if (f->partner_id) db_bind_int(st, 3, f->partner_id); else db_bind_null(st, 3);
	if (f->disabled >= 0) db_bind_int(st, 4, f->disabled); else db_bind_null(st, 4);
	if (f->q && *f->q) {
		struct strbuf sb;
		sb_init(&sb, ctx->arena, 64, 1024);
		sb_putc(&sb, '%');
		for (const char *p = str_lower(ctx->arena, f->q); *p; p++) {
			if (*p == '%' || *p == '_' || *p == '\\')
				sb_putc(&sb, '\\');
			sb_putc(&sb, *p);
		}
		sb_putc(&sb, '%');
		db_bind_text(st, 5, sb.data);
	} else {
		db_bind_null(st, 5);
	}
	db_bind_int(st, 6, f->after);
	db_bind_int(st, 7, f->limit + 1);
	out->items = arena_alloc(ctx->arena, sizeof *out->items * (size_t)(f->limit + 1));
	out->count = 0;
	out->next_after = 0;
	bool row;
	while ((rc = db_step(st, &row)) == CB_OK && row) {
		if (out->count == (size_t)f->limit) {
			out->next_after = out->items[f->limit - 1].id;
			break;
		}
		read_row(ctx, st, &out->items[out->count++]);
	}
	db_done(st);
	return rc;
}

static enum cb_status other_active_admins(struct cb_ctx *ctx, int64_t id, int64_t *n)
{
	struct db_stmt *st;
	enum cb_status rc = db_prepare(ctx->db,
				       "SELECT COUNT(*) FROM users WHERE role = 'admin' "
				       "AND disabled = 0 AND id <> $1", &st);
	if (rc != CB_OK)
		return rc;
	db_bind_int(st, 1, id);
	bool row;
	rc = db_step(st, &row);
	*n = rc == CB_OK && row ? db_col_int(st, 0) : 0;
	db_done(st);
	return rc;
}

static bool is_self(struct cb_ctx *ctx, int64_t id)
{
	return ctx->who->user_id != 0 && ctx->who->user_id == id;
}

enum cb_status user_update(struct cb_ctx *ctx, int64_t id, const struct user_patch *p,
			   struct user *out)
{
	struct cb_errors *errs = &ctx->errors;
	struct user cur;
	enum cb_status rc = load(ctx, id, &cur, NULL);
	if (rc != CB_OK)
		return rc;
	bool self = is_self(ctx, id);
	bool manager = principal_in(ctx->who, ROLE_BIT(ROLE_ADMIN) | ROLE_BIT(ROLE_PARTNER_ADMIN));
	if (!self && !manager)
		return CB_ERR_FORBIDDEN;

	/* As in user_create: errors already recorded are the caller's type checks; every
	 * rule below is checked so that one answer names every bad field. */
	bool malformed = errors_any(errs);
	struct user next = cur;
	if (p->role && !role_parse(p->role, &next.role)) {
		errors_add(errs, "role", "must be one of: %s", role_names_all());
		next.role = cur.role;
	}
	if (p->set_disabled)
		next.disabled = p->disabled;
	if (self && next.role != cur.role) {
		errors_add(errs, "role", "you cannot change your own role");
		return CB_ERR_FORBIDDEN;
	}
	if (!self || next.role != cur.role) {
		if ((rc = check_grant(ctx, next.role, cur.partner_id)) != CB_OK)
			return rc;
	}
	if (self && p->set_disabled && next.disabled != cur.disabled)
		errors_add(errs, "disabled", "you cannot disable or enable yourself");
	if (role_is_partner(next.role) != role_is_partner(cur.role))
		errors_add(errs, "role", "cannot move a user between vendor and partner roles; create a new user");
	if (p->locale && !user_locale_valid(p->locale))
		errors_add(errs, "locale", "must be one of: en, fa, ar, ms");
	if (!errors_any(errs) && cur.role == ROLE_ADMIN && !cur.disabled &&
	    (next.role != ROLE_ADMIN || next.disabled)) {
		int64_t others;
		if ((rc = other_active_admins(ctx, id, &others)) != CB_OK)
			return rc;
		if (others == 0)
			errors_add(errs, next.role != ROLE_ADMIN ? "role" : "disabled",
				   "the last active admin must stay an active admin");
	}
	if (errors_any(errs))
		return malformed ? CB_ERR_INVALID : CB_ERR_RULE;
	if (p->name)
		next.name = str_trim(ctx->arena, p->name);
	if (p->locale)
		next.locale = p->locale;
	else if (p->clear_locale)
		next.locale = NULL;

	json_t *ch = audit_changes(ctx);
	audit_diff_str(ch, "name", cur.name, next.name);
	audit_diff_str(ch, "role", role_name(cur.role), role_name(next.role));
	audit_diff_str(ch, "locale", cur.locale, next.locale);
	audit_diff_bool(ch, "disabled", cur.disabled, next.disabled);
	if (json_object_size(ch) == 0) {
		*out = cur;
		return CB_OK;
	}
	next.updated_at = clock_now();
	static const char sql[] = "UPDATE users SET name = $2, role = $3, locale = $4, disabled = $5, "
				  "updated_at = $6 WHERE id = $1";
	struct db_stmt *st;
	if ((rc = db_prepare(ctx->db, sql, &st)) != CB_OK)
		return rc;
	db_bind_int(st, 1, id);
	db_bind_text(st, 2, next.name);
	db_bind_text(st, 3, role_name(next.role));
	db_bind_text(st, 4, next.locale ? next.locale : "");
	db_bind_int(st, 5, next.disabled);
	db_bind_int(st, 6, next.updated_at);
	bool row;
	rc = db_step(st, &row);
	db_done(st);
	if (rc != CB_OK)
		return rc;
	if (next.disabled && !cur.disabled && (rc = session_revoke_user(ctx, id, 0)) != CB_OK)
		return rc;
	*out = next;
	return audit_write(ctx, next.disabled != cur.disabled && json_object_size(ch) == 1
				       ? (next.disabled ? "user.disable" : "user.enable")
				       : "user.update",
			   "user", id, ch);
}

/* Audits a refused or failed current_password check; the row must survive the error
 * response, as a failed login's does. */
static enum cb_status audit_password_failure(struct cb_ctx *ctx, int64_t id, const char *action,
					     const char *reason)
{
	json_t *ch = audit_changes(ctx);
	json_object_set_new(ch, "reason", json_pack("[ns]", reason));
	ctx->commit_on_error = true;
	return audit_write(ctx, action, "user", id, ch);
}

/* current_password is checked like a login password: each guess counts against the same
 * per-account window (5 in 5 minutes → CB_ERR_RATE_LIMITED with ctx->retry_after), counted
 * the way auth_login counts (ratelimit_attempt: the hit committed before the check, so that
 * concurrent guesses on any thread or node cannot all pass), and each failure is audited,
 * so a stolen session cannot be used to guess the password. */
static enum cb_status check_current_password(struct cb_ctx *ctx, const struct user *u, const char *hash,
					     const char *current)
{
	const char *key = arena_printf(ctx->arena, "email:%s", u->email);
	/* The caller's transaction (nothing written in it yet) gives way to the attempt's own
	 * committed step and to the verification, and is opened again for the outcome's
	 * writes. A right guess clears the window at once, outside it: should the request
	 * fail later (a new password the policy refuses), the guess must not stay a failure. */
	bool tx = db_in_transaction(ctx->db);
	enum cb_status rc;
	if (tx && (rc = db_commit(ctx->db)) != CB_OK)
		return rc;
	struct ratelimit_attempt at;
	bool ok = false;
	rc = ratelimit_attempt(ctx, &key, 1, AUTH_FAIL_LIMIT, AUTH_FAIL_WINDOW, &at);
	if (rc == CB_OK && at.refused < 0) {
		ok = password_verify(hash, current);
		if (ok)
			rc = ratelimit_clear(ctx, key);
	}
	enum cb_status bt = tx ? db_begin(ctx->db) : CB_OK;
	if (rc != CB_OK)
		return rc;
	if (bt != CB_OK)
		return bt;
	if (at.refused >= 0) {
		/* refused: its hit is already taken back (ratelimit_attempt) */
		ctx->retry_after = at.retry_after;
		errors_detail(&ctx->errors, "too many wrong passwords for this account; try again later");
		rc = audit_password_failure(ctx, u->id, "user.password_refused", "too many failures for this account");
		return rc != CB_OK ? rc : CB_ERR_RATE_LIMITED;
	}
	if (ok)
		return CB_OK;
	/* the hit recorded stays: it is this failure */
	if ((rc = audit_password_failure(ctx, u->id, "user.password_failed", "wrong current password")) != CB_OK)
		return rc;
	errors_add(&ctx->errors, "current_password", "is not correct");
	return CB_ERR_FORBIDDEN;
}

enum cb_status user_set_password(struct cb_ctx *ctx, int64_t id, const char *current,
				 const char *new_password)
{
	struct cb_errors *errs = &ctx->errors;
	struct user u;
	const char *hash = NULL;
	enum cb_status rc = load(ctx, id, &u, &hash);
	if (rc != CB_OK)
		return rc;
	bool self = is_self(ctx, id);
	if (self) {
		if (!current) {
			errors_add(errs, "current_password", "is required to change your own password");
			return CB_ERR_INVALID;
		}
		if ((rc = check_current_password(ctx, &u, hash, current)) != CB_OK)
			return rc;
	} else if (!principal_in(ctx->who, ROLE_BIT(ROLE_ADMIN)) &&
		   !(principal_in(ctx->who, ROLE_BIT(ROLE_PARTNER_ADMIN)) && role_is_partner(u.role))) {
		return CB_ERR_FORBIDDEN;
	}
	if (!password_check(new_password, u.email, "password", errs))
		return CB_ERR_RULE;
	char *nh = password_hash(ctx->arena, new_password);
	if (!nh)
		return CB_ERR_INTERNAL;
	struct db_stmt *st;
	if ((rc = db_prepare(ctx->db, "UPDATE users SET password_hash = $2, password_changed_at = $3, "
				      "updated_at = $3 WHERE id = $1", &st)) != CB_OK)
		return rc;
	db_bind_int(st, 1, id);
	db_bind_text(st, 2, nh);
	db_bind_int(st, 3, clock_now());
	bool row;
	rc = db_step(st, &row);
	db_done(st);
	if (rc != CB_OK)
		return rc;
	int64_t keep = self && ctx->who->via == AUTH_SESSION ? ctx->who->session_id : 0;
	if ((rc = session_revoke_user(ctx, id, keep)) != CB_OK)
		return rc;
	json_t *ch = audit_changes(ctx);
	audit_diff_str(ch, "password", "(old)", "(changed)");
	return audit_write(ctx, "user.password", "user", id, ch);
}
