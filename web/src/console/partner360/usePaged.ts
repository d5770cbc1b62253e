// A growing list read through a cursor-paged route (`?limit=&after=` → {items, next_after}):
// the first page on mount, "load more" appends the next; local add/remove for rows the
// user just created or deleted.
import { useEffect, useRef, useState } from 'preact/hooks';
import { api, type Page } from '../../lib/api';

export interface Paged<T> {
  items: T[] | undefined;
  error: unknown;
  loading: boolean;
  more: boolean;
  loadMore: () => void;
  reload: () => void;
  prepend: (item: T) => void;
  remove: (id: number) => void;
}

export function usePaged<T extends { id: number }>(path: string, limit: number): Paged<T> {
  const [items, setItems] = useState<T[] | undefined>(undefined);
  const [next, setNext] = useState<number | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [loading, setLoading] = useState(false);
  const [tick, setTick] = useState(0);
  const ctl = useRef<AbortController | null>(null);

  function fetchPage(after: number | null, append: boolean) {
    ctl.current?.abort();
    const c = new AbortController();
    ctl.current = c;
    setLoading(true);
    setError(null);
    api
      .get<Page<T>>(path, { limit, after }, c.signal)
      .then((page) => {
        if (c.signal.aborted) return;
        setItems((old) => (append && old ? [...old, ...page.items] : page.items));
        setNext(page.next_after);
        setLoading(false);
      })
      .catch((e) => {
        if (c.signal.aborted) return;
        setError(e);
        setLoading(false);
      });
  }

  useEffect(() => {
    setItems(undefined);
    fetchPage(null, false);
    return () => ctl.current?.abort();
  }, [path, limit, tick]);

  return {
    items,
    error,
    loading,
    more: next !== null && !error,
    loadMore: () => next !== null && fetchPage(next, true),
    reload: () => setTick((n) => n + 1),
    prepend: (item) => setItems((old) => [item, ...(old ?? [])]),
    remove: (id) => setItems((old) => old?.filter((x) => x.id !== id)),
  };
}
