// Partner names for rows that carry only a partner_id (users of partner roles): fetched
// once per id and cached for the session of the page.
import { useEffect, useState } from 'preact/hooks';
import { api } from '../../lib/api';
import type { Partner } from '../../lib/types';

const cache = new Map<number, Promise<string | null>>();

export function partnerName(id: number): Promise<string | null> {
  let p = cache.get(id);
  if (!p) {
    p = api.get<Partner>(`/api/v1/partners/${id}`).then(
      (x) => x.name || x.legal_name,
      () => null,
    );
    cache.set(id, p);
  }
  return p;
}

/** Remembers a name already known (e.g. picked in the partner picker). */
export function rememberPartnerName(id: number, name: string) {
  cache.set(id, Promise.resolve(name));
}

/** Names of the given partners, filled in as they arrive (null when not readable). */
export function usePartnerNames(ids: readonly (number | null | undefined)[]): Record<number, string | null> {
  const [names, setNames] = useState<Record<number, string | null>>({});
  const key = [...new Set(ids.filter((x): x is number => !!x))].sort((a, b) => a - b).join(',');
  useEffect(() => {
    let live = true;
    for (const id of key ? key.split(',').map(Number) : []) {
      void partnerName(id).then((n) => {
        if (live) setNames((m) => (m[id] === n ? m : { ...m, [id]: n }));
      });
    }
    return () => {
      live = false;
    };
  }, [key]);
  return names;
}
