// Formatting for the partners table, built once per language and calendar and reused for
// every row: Intl formatters are costly to construct, cheap to call.
import { countryName, formatDate, formatNumber, getCalendar } from '../../lib/format';
import { getLocale, t } from '../../lib/i18n';
import type { Tier } from '../../lib/types';
import { tierColour, type Lookup } from '../../partner/lookups';

export interface RowFormatters {
  date: (iso: string) => string;
  number: (n: number) => string;
  country: (code: string | null) => string;
  tierColour: (tiers: Lookup<Tier> | undefined, name: string | null) => string | undefined;
  status: (s: string) => string;
  type: (s: string) => string;
}

const cache = new Map<string, RowFormatters>();

function memo<K, V>(fn: (k: K) => V): (k: K) => V {
  const m = new Map<K, V>();
  return (k) => {
    let v = m.get(k);
    if (v === undefined) {
      v = fn(k);
      m.set(k, v);
    }
    return v;
  };
}

export function rowFormatters(): RowFormatters {
  const key = `${getLocale()}:${getCalendar()}`;
  let f = cache.get(key);
  if (!f) {
    const day = memo((d: string) => formatDate(d));
    f = {
      // Rows show the day only: one formatting per distinct day.
      date: (iso) => day(iso.slice(0, 10)),
      number: memo((n: number) => formatNumber(n)),
      country: memo((c: string | null) => (c ? countryName(c) : '')),
      tierColour,
      status: memo((s: string) => t(`status.${s}`)),
      type: memo((s: string) => t(`type.${s}`)),
    };
    cache.set(key, f);
  }
  return f;
}
