/*
 * password.h — the password policy and hashing.
 *
 * Policy: 12 to 256 characters (Unicode code points), at least 5 different characters,
 * and not the account's e-mail address or its local part. Hashes are libsodium
 * argon2id strings with the interactive limits.
 */
#ifndef CB_PASSWORD_H
#define CB_PASSWORD_H

#include <stdbool.h>

struct arena;
struct cb_errors;

#define PASSWORD_MIN_CHARS 12
#define PASSWORD_MAX_CHARS 256

/* Appends an error for `field` when pw breaks the policy; true when it is acceptable.
 * email may be NULL. */
bool password_check(const char *pw, const char *email, const char *field, struct cb_errors *errs);

/* argon2id hash in the arena, or NULL when hashing failed (out of memory). */
char *password_hash(struct arena *a, const char *pw);

bool password_verify(const char *hash, const char *pw);

/* Runs a verification against a fixed hash so that a login for an unknown account
 * costs as much as one for a known account. */
void password_burn(void);

#endif
