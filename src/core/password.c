/*
 * password.c — password policy checks and argon2id hashing.
 */
#include "password.h"

#include "../base/arena.h"
#include "../base/crypto.h"
#include "../base/errors.h"
#include "../base/str.h"

#include <pthread.h>
#include <stdint.h>
#include <string.h>
#include <strings.h>

#define DISTINCT_MIN 5

/* True when valid UTF-8 pw has at least DISTINCT_MIN different code points (not bytes:
 * "éèêë" repeated has five different bytes but four characters). */
static bool distinct_at_least_min(const char *pw)
{
	uint32_t seen[DISTINCT_MIN];
	int n = 0;
	for (const unsigned char *p = (const unsigned char *)pw; *p;) {
		size_t len = *p < 0x80 ? 1 : *p < 0xE0 ? 2 : *p < 0xF0 ? 3 : 4;
		uint32_t cp = *p++;
		for (size_t k = 1; k < len && *p; k++)
			cp = (cp << 8) | *p++; /* the encoded bytes identify the code point */
		int i = 0;
		while (i < n && seen[i] != cp)
			i++;
		if (i == n) {
			seen[n++] = cp;
			if (n >= DISTINCT_MIN)
				return true;
		}
	}
	return false;
}

bool password_check(const char *pw, const char *email, const char *field, struct cb_errors *errs)
{
	size_t before = errs->count + errs->dropped; /* a full list still counts a refusal */
	size_t chars = utf8_valid(pw, strlen(pw)) ? utf8_length(pw) : 0;
	if (chars < PASSWORD_MIN_CHARS) {
		errors_add(errs, field, "must be at least %d characters", PASSWORD_MIN_CHARS);
	} else if (chars > PASSWORD_MAX_CHARS) {
		errors_add(errs, field, "must be at most %d characters", PASSWORD_MAX_CHARS);
	} else if (!distinct_at_least_min(pw)) {
		errors_add(errs, field, "must use at least %d different characters", DISTINCT_MIN);
	} else if (email && *email) {
		const char *at = strchr(email, '@');
		size_t local = at ? (size_t)(at - email) : strlen(email);
		if (strcasecmp(pw, email) == 0 ||
		    (local == strlen(pw) && strncasecmp(pw, email, local) == 0))
			errors_add(errs, field, "must not be the e-mail address");
	}
	return errs->count + errs->dropped == before;
}

char *password_hash(struct arena *a, const char *pw)
{
	size_t n = crypto_password_hash_size();
	char *out = arena_alloc(a, n);
	return crypto_password_hash(pw, out, n) ? out : NULL;
}

bool password_verify(const char *hash, const char *pw)
{
	return hash && crypto_password_verify(hash, pw);
}

static char burn_hash[160];
static pthread_once_t burn_once = PTHREAD_ONCE_INIT;

static void burn_init(void)
{
	crypto_password_hash("channelbase-timing-equaliser", burn_hash, sizeof burn_hash);
}

void password_burn(void)
{
	pthread_once(&burn_once, burn_init);
	crypto_password_verify(burn_hash, "not-the-password");
}
