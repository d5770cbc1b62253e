// List state in the URL: read the query string, and change some keys of it (others kept)
// so that a filtered view can be shared and the back button works.
import { useLocation } from 'preact-iso';

export type QueryPatch = Record<string, string | number | null | undefined>;

export function useQuery(): { query: Record<string, string>; setQuery: (patch: QueryPatch, replace?: boolean) => void } {
  const { path, query, route } = useLocation();
  function setQuery(patch: QueryPatch, replace = false) {
    const sp = new URLSearchParams();
    const next: Record<string, string> = { ...query };
    for (const [k, v] of Object.entries(patch)) {
      if (v === null || v === undefined || v === '') delete next[k];
      else next[k] = String(v);
    }
    for (const k of Object.keys(next).sort()) sp.set(k, next[k]);
    const s = sp.toString();
    route(s ? `${path}?${s}` : path, replace);
  }
  return { query, setQuery };
}
