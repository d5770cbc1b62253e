// The dashboard's filter lives in the URL (/?country=IR&tier=Gold&manager=4) and is the
// partner list's own: every count links to /partners with the same filter plus its bucket,
// so the number clicked is the number of rows the list shows.
import type { Query } from '../../lib/api';
import { withQuery } from '../../lib/api';

export const FILTER_KEYS = ['country', 'type', 'tier', 'segment', 'manager'] as const;
export type FilterKey = (typeof FILTER_KEYS)[number];
export type Filter = Partial<Record<FilterKey, string>>;

export function readFilter(query: Record<string, string | undefined>): Filter {
  const f: Filter = {};
  for (const k of FILTER_KEYS) {
    const v = query[k];
    if (v) f[k] = v;
  }
  return f;
}

export function hasFilter(f: Filter): boolean {
  return FILTER_KEYS.some((k) => !!f[k]);
}

/** The partner list for this filter, narrowed by one more facet value. */
export function listHref(f: Filter, extra: Query = {}): string {
  return withQuery('/partners', { ...f, ...extra });
}

export function dashboardHref(f: Filter): string {
  return withQuery('/', f);
}
