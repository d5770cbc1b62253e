/*
 * router.c — segment-by-segment matching of paths against route patterns.
 * Linear over the table: with a few dozen routes this is a few hundred byte
 * comparisons, well under a microsecond, and keeps the table plain data.
 */
#include "router.h"

#include <string.h>

bool router_pattern_match(const char *pattern, const char *path, struct route_match *m)
{
	const char *p = pattern, *s = path;
	int n = 0;
	while (*p && *s) {
		if (*p != '/' || *s != '/')
			return false;
		p++;
		s++;
		const char *pe = strchr(p, '/');
		const char *se = strchr(s, '/');
		size_t pl = pe ? (size_t)(pe - p) : strlen(p);
		size_t sl = se ? (size_t)(se - s) : strlen(s);
		if (pl >= 2 && p[0] == '{' && p[pl - 1] == '}') {
			if (sl == 0 || n >= ROUTE_MAX_PARAMS)
				return false;
			m->names[n] = p + 1;
			m->name_lens[n] = pl - 2;
			m->values[n] = s;
			m->value_lens[n] = sl;
			n++;
		} else if (pl != sl || memcmp(p, s, pl) != 0) {
			return false;
		}
		p += pl;
		s += sl;
	}
	if (*p || *s)
		return false;
	m->nparams = n;
	return true;
}

void router_match(const struct route *table, const char *method, const char *path,
		  struct route_match *m)
{
	memset(m, 0, sizeof *m);
	m->index = -1;
	const char *want = strcmp(method, "HEAD") == 0 ? "GET" : method;
	/* The method first (cheap), then the pattern; the Allow list is built only when the
	 * path exists but not for this method. */
	for (int i = 0; table[i].method; i++) {
		if (strcmp(table[i].method, want) != 0)
			continue;
		struct route_match tmp;
		if (!router_pattern_match(table[i].pattern, path, &tmp))
			continue;
		m->path_known = true;
		m->route = &table[i];
		m->index = i;
		m->nparams = tmp.nparams;
		memcpy(m->names, tmp.names, sizeof tmp.names);
		memcpy(m->name_lens, tmp.name_lens, sizeof tmp.name_lens);
		memcpy(m->values, tmp.values, sizeof tmp.values);
		memcpy(m->value_lens, tmp.value_lens, sizeof tmp.value_lens);
		return;
	}
	size_t alen = 0;
	for (int i = 0; table[i].method; i++) {
		struct route_match tmp;
		if (!router_pattern_match(table[i].pattern, path, &tmp))
			continue;
		m->path_known = true;
		size_t ml = strlen(table[i].method);
		if (alen + ml + 2 < sizeof m->allow && !strstr(m->allow, table[i].method)) {
			if (alen) {
				memcpy(m->allow + alen, ", ", 2);
				alen += 2;
			}
			memcpy(m->allow + alen, table[i].method, ml);
			alen += ml;
			m->allow[alen] = '\0';
		}
	}
}
