/*
 * country.h — ISO 3166-1 alpha-2 country codes (the 249 officially assigned codes).
 */
#ifndef CB_COUNTRY_H
#define CB_COUNTRY_H

#include <stdbool.h>

/* True when s is exactly two upper-case letters forming an assigned code. */
bool country_valid(const char *s);

#endif
