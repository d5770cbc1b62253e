/*
 * crypto.h — the few cryptographic primitives Channelbase needs, over libsodium.
 *
 * crypto_init() must run once before any other call (it is idempotent). Secrets shown to
 * users (session ids, API tokens, CSRF tokens) are 32 random bytes in URL-safe base64;
 * the database stores only crypto_hash_hex() of them, so a leaked database does not
 * leak live credentials. Passwords use argon2id (crypto_password_*).
 */
#ifndef CB_CRYPTO_H
#define CB_CRYPTO_H

#include <stdbool.h>
#include <stddef.h>

struct arena;

#define CRYPTO_HASH_HEX_LEN 64

bool crypto_init(void);
/* `prefix` followed by 43 chars of URL-safe base64 of 32 random bytes. */
char *crypto_random_token(struct arena *a, const char *prefix);
/* 16 random bytes as 32 lowercase hex chars (request ids). */
void crypto_random_hex16(char out[static 33]);
/* 32 hex characters from a fast per-thread generator: unique enough for request ids,
 * never for secrets. */
void crypto_fast_id_hex16(char out[static 33]);
/* A 128-bit keyed hash of `s` (SipHash-2-4 under a key drawn at random once per process):
 * a key for remembering a secret without keeping it or a stable hash of it in memory.
 * Unlike crypto_hash_hex, its value means nothing outside this process. */
void crypto_memo_key(const char *s, unsigned char out[static 16]);
/* BLAKE2b-256 of s as 64 lowercase hex chars into out (65 bytes). */
void crypto_hash_hex(const char *s, char out[static CRYPTO_HASH_HEX_LEN + 1]);
/* Constant-time equality of two NUL-terminated strings. */
bool crypto_str_equal(const char *a, const char *b);
/* argon2id hash string of a password (interactive limits). False when out of memory. */
bool crypto_password_hash(const char *password, char *out, size_t outsz);
/* True when password matches an argon2id hash string. */
bool crypto_password_verify(const char *hash, const char *password);
/* Size of the buffer crypto_password_hash needs. */
size_t crypto_password_hash_size(void);

#endif
