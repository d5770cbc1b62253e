// A cursor-paged list (?limit=&after=): the first page loads when the filters change,
// "show more" appends the next one. Rows can be replaced in place after an edit.
import { useState } from 'preact/hooks';
import { api, type Page, type Query } from '../../lib/api';
import { useAsync } from '../../lib/useAsync';

export interface PagedList<T> {
  items: T[] | undefined;
  error: unknown;
  loading: boolean;
  more: boolean;
  loadingMore: boolean;
  moreError: unknown;
  loadMore: () => void;
  reload: () => void;
  replace: (item: T) => void;
}

export function usePagedList<T extends { id: number }>(path: string, query: Query, limit = 50): PagedList<T> {
  const key = JSON.stringify(query);
  const first = useAsync((signal) => api.get<Page<T>>(path, { ...query, limit }, signal), [path, key]);
  const [extra, setExtra] = useState<{ key: string; items: T[]; next: number | null } | null>(null);
  const [loadingMore, setLoadingMore] = useState(false);
  const [moreError, setMoreError] = useState<unknown>(null);
  const mine = extra && extra.key === key && first.data ? extra : null;
  const items = first.data ? [...first.data.items, ...(mine?.items ?? [])] : undefined;
  const next = mine ? mine.next : (first.data?.next_after ?? null);

  function loadMore() {
    if (next === null) return;
    setLoadingMore(true);
    setMoreError(null);
    api
      .get<Page<T>>(path, { ...query, limit, after: next })
      .then((p) => setExtra({ key, items: [...(mine?.items ?? []), ...p.items], next: p.next_after }))
      .catch(setMoreError)
      .finally(() => setLoadingMore(false));
  }

  function replace(item: T) {
    if (first.data && first.data.items.some((x) => x.id === item.id))
      first.setData({ ...first.data, items: first.data.items.map((x) => (x.id === item.id ? item : x)) });
    else if (mine) setExtra({ ...mine, items: mine.items.map((x) => (x.id === item.id ? item : x)) });
  }

  function reload() {
    setExtra(null);
    first.reload();
  }

  return { items, error: first.error, loading: first.loading, more: next !== null, loadingMore, moreError, loadMore, reload, replace };
}
