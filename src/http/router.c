/*
 * router.c — matching of paths against route patterns.
 * Linear over the table: with a few dozen routes this is a few hundred byte
 * comparisons, well under a microsecond, and keeps the table plain data.
 */
#include "router.h"

#include <string.h>

bool router_pattern_match(const char *pattern, const char *path, struct route_match *m)
{
	/* Pattern and path side by side, a byte at a time: most routes differ from the path
	 * within the first segments, so a miss costs a few comparisons. A whole "{name}"
	 * segment takes one non-empty path segment; any other brace is a literal. */
	const char *p = pattern, *s = path;
	int n = 0;
	for (;;) {
		size_t pl;
		if (*p == '{' && p > pattern && p[-1] == '/' && (pl = strcspn(p, "/")) >= 2 && p[pl - 1] == '}') {
			size_t sl = strcspn(s, "/");
			if (sl == 0 || n >= ROUTE_MAX_PARAMS)
				return false;
			m->names[n] = p + 1;
			m->name_lens[n] = pl - 2;
			m->values[n] = s;
			m->value_lens[n] = sl;
			n++;
			p += pl;
			s += sl;
			continue;
		}
		if (*p != *s)
			return false;
		if (!*p)
			break;
		p++;
		s++;
	}
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
