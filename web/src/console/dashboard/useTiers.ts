// The tier ladder (names, ranks, colours) from GET /api/v1/tiers, fetched once per page
// load and shared by the dashboard charts, the map and the duplicates comparison.
import { useEffect, useState } from 'preact/hooks';
import { api, type Page } from '../../lib/api';
import type { Tier } from '../../lib/types';

let cached: Promise<Tier[]> | null = null;

export function loadTiers(): Promise<Tier[]> {
  if (!cached) {
    cached = api.get<Page<Tier>>('/api/v1/tiers').then((p) => [...p.items].sort((a, b) => a.rank - b.rank));
    cached.catch(() => {
      cached = null;
    });
  }
  return cached;
}

/** The tiers, or [] until they arrive (or if they cannot be read: colours then fall back). */
export function useTiers(): Tier[] {
  const [tiers, setTiers] = useState<Tier[]>([]);
  useEffect(() => {
    let live = true;
    loadTiers()
      .then((t) => live && setTiers(t))
      .catch(() => undefined);
    return () => {
      live = false;
    };
  }, []);
  return tiers;
}

export function tierColour(tiers: Tier[], name: string | null | undefined): string | undefined {
  if (!name) return undefined;
  return tiers.find((t) => t.name.toLowerCase() === name.toLowerCase())?.colour;
}
