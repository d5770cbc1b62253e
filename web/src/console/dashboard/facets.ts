// Turns the stats' buckets into chart rows: translated labels, colours, and the link to
// the partner list for each value (none for "no value": the list cannot filter on it).
import { NONE_COLOUR, STATUS_COLOURS } from '../../charts/theme';
import type { Datum } from '../../charts/types';
import { countryName } from '../../lib/format';
import { t } from '../../lib/i18n';
import { PARTNER_STATUSES } from '../../lib/types';
import { listHref, type Filter } from './filters';
import type { Bucket, Stats } from './types';

export const TOP_COUNTRIES = 10;

function rows(buckets: Bucket[], param: string, filter: Filter, label: (key: string) => string, colour?: (b: Bucket) => string | undefined): Datum[] {
  return buckets.map((b) => ({
    key: b.key,
    label: b.key === null ? t('dashboard.no_value') : label(b.key),
    value: b.count,
    colour: b.key === null ? NONE_COLOUR : colour?.(b),
    href: b.key === null ? undefined : listHref(filter, { [param]: b.key }),
  }));
}

export function statusRows(s: Stats, f: Filter): Datum[] {
  const order = (k: string | null) => (k === null ? 99 : PARTNER_STATUSES.indexOf(k as (typeof PARTNER_STATUSES)[number]));
  const sorted = [...s.by_status].sort((a, b) => order(a.key) - order(b.key));
  return rows(sorted, 'status', f, (k) => t(`status.${k}`), (b) => (b.key ? STATUS_COLOURS[b.key] : undefined));
}

export function tierRows(s: Stats, f: Filter): Datum[] {
  return rows(s.by_tier, 'tier', f, (k) => k, (b) => b.colour ?? undefined).map((d) =>
    d.key === null ? { ...d, label: t('dashboard.no_tier') } : d,
  );
}

export function typeRows(s: Stats, f: Filter): Datum[] {
  return rows(s.by_type, 'type', f, (k) => t(`type.${k}`));
}

export function modelRows(s: Stats, f: Filter): Datum[] {
  return rows(s.by_model, 'model', f, (k) => t(`model.${k}`));
}

export function segmentRows(s: Stats, f: Filter): Datum[] {
  return rows(s.by_segment, 'segment', f, (k) => k);
}

/** The countries with the most partners (and "no country", if any); the rest summed. */
export function countryRows(s: Stats, f: Filter): { top: Datum[]; all: Datum[]; restCountries: number; restPartners: number } {
  const all = rows(s.by_country, 'country', f, (k) => countryName(k));
  const named = all.filter((d) => d.key !== null);
  const top = [...named.slice(0, TOP_COUNTRIES), ...all.filter((d) => d.key === null)];
  const rest = named.slice(TOP_COUNTRIES);
  return { top, all, restCountries: rest.length, restPartners: rest.reduce((n, d) => n + d.value, 0) };
}
