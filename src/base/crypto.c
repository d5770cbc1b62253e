/*
 * crypto.c — libsodium wrappers.
 */
#include "crypto.h"

#include "arena.h"

#include <pthread.h>
#include <sodium.h>
#include <stdint.h>
#include <string.h>

bool crypto_init(void)
{
	return sodium_init() >= 0;
}

char *crypto_random_token(struct arena *a, const char *prefix)
{
	unsigned char raw[32];
	char b64[sodium_base64_ENCODED_LEN(32, sodium_base64_VARIANT_URLSAFE_NO_PADDING)];
	randombytes_buf(raw, sizeof raw);
	sodium_bin2base64(b64, sizeof b64, raw, sizeof raw, sodium_base64_VARIANT_URLSAFE_NO_PADDING);
	sodium_memzero(raw, sizeof raw);
	return arena_printf(a, "%s%s", prefix, b64);
}

void crypto_random_hex16(char out[static 33])
{
	unsigned char raw[16];
	randombytes_buf(raw, sizeof raw);
	sodium_bin2hex(out, 33, raw, sizeof raw);
}

void crypto_fast_id_hex16(char out[static 33])
{
	/* xorshift128+ per thread, seeded from the system's generator on first use */
	static _Thread_local uint64_t s0, s1;
	if (!s0 && !s1) {
		randombytes_buf(&s0, sizeof s0);
		randombytes_buf(&s1, sizeof s1);
		s1 |= 1;
	}
	static const char hex[] = "0123456789abcdef";
	for (int half = 0; half < 2; half++) {
		uint64_t x = s0, y = s1;
		s0 = y;
		x ^= x << 23;
		s1 = x ^ y ^ (x >> 17) ^ (y >> 26);
		uint64_t v = s1 + y;
		for (int i = 0; i < 16; i++)
			out[half * 16 + i] = hex[(v >> (60 - 4 * i)) & 15];
	}
	out[32] = '\0';
}

static unsigned char memo_secret[crypto_shorthash_siphashx24_KEYBYTES];
static pthread_once_t memo_once = PTHREAD_ONCE_INIT;

static void memo_init(void)
{
	randombytes_buf(memo_secret, sizeof memo_secret);
}

void crypto_memo_key(const char *s, unsigned char out[static 16])
{
	pthread_once(&memo_once, memo_init);
	crypto_shorthash_siphashx24(out, (const unsigned char *)s, strlen(s), memo_secret);
}

void crypto_hash_hex(const char *s, char out[static CRYPTO_HASH_HEX_LEN + 1])
{
	unsigned char h[32];
	crypto_generichash(h, sizeof h, (const unsigned char *)s, strlen(s), NULL, 0);
	sodium_bin2hex(out, CRYPTO_HASH_HEX_LEN + 1, h, sizeof h);
}

bool crypto_str_equal(const char *a, const char *b)
{
	size_t la = strlen(a), lb = strlen(b);
	if (la != lb)
		return false;
	return sodium_memcmp(a, b, la) == 0;
}

size_t crypto_password_hash_size(void)
{
	return crypto_pwhash_STRBYTES;
}

bool crypto_password_hash(const char *password, char *out, size_t outsz)
{
	if (outsz < crypto_pwhash_STRBYTES)
		return false;
	return crypto_pwhash_str(out, password, strlen(password), crypto_pwhash_OPSLIMIT_INTERACTIVE,
				 crypto_pwhash_MEMLIMIT_INTERACTIVE) == 0;
}

bool crypto_password_verify(const char *hash, const char *password)
{
	return crypto_pwhash_str_verify(hash, password, strlen(password)) == 0;
}
