// The partners list: full-text search, filters, sorting and cursor paging over
// GET /api/v1/partners. The whole view — q, filters, sort and the page cursors — lives in the
// URL query, so a link reproduces it and back/forward walk through it. Rows are a plain
// table built from lookups made once per list (tier colours, labels), so a page of 50
// renders in one frame after the data arrives.
import { Component } from 'preact';
import { useEffect, useMemo, useRef } from 'preact/hooks';
import { useLocation } from 'preact-iso';
import { api, ApiError, withQuery, type Page } from '../lib/api';

import { useI18n } from '../lib/i18n';
import { currentUser } from '../lib/session';
import type { Partner } from '../lib/types';
import { useAsync } from '../lib/useAsync';
import { mapProblem } from '../lib/problem';
import { EmptyState, ErrorState, Loading, PageHeader, ProblemBanner, TierBadge } from '../components/ui';
import { mayCreatePartner } from '../partner/ownership';
import { useTiers } from '../partner/lookups';
import { NewPartnerButton } from './partner360/NewPartner';
import { ListFilters, FILTER_KEYS, type View } from './partner360/ListFilters';
import { rowFormatters, type RowFormatters } from './partner360/listFormat';
import './partner360/partners-list.css';

const LIMIT = 50;
const VIEW_KEYS = [...FILTER_KEYS, 'sort', 'after', 'prev'] as const;
type SortKey = 'name' | 'tier' | 'score' | 'created' | 'updated';
/** First click on a column: names A→Z, figures and dates highest/newest first. */
const FIRST_DIR: Record<SortKey, '' | '-'> = { name: '', tier: '-', score: '-', created: '-', updated: '-' };

function viewFrom(query: Record<string, string>): View {
  const v: View = {};
  for (const k of VIEW_KEYS) if (query[k]) v[k] = query[k];
  return v;
}

function urlOf(v: View): string {
  const sp = new URLSearchParams();
  for (const k of VIEW_KEYS) if (v[k]) sp.set(k, v[k]!);
  const s = sp.toString();
  return s ? `/partners?${s}` : '/partners';
}

interface RowProps {
  p: Partner;
  tierColour: string | undefined;
  fmt: RowFormatters;
}

/**
 * One partner's row. A class with shouldComponentUpdate: when the list re-renders (the
 * loading flag, a new page arriving) a row whose partner, colour and formatters are the
 * same objects is skipped; labels come from the per-language formatters, not t() per cell.
 */
class Row extends Component<RowProps> {
  shouldComponentUpdate(next: RowProps) {
    return next.p !== this.props.p || next.tierColour !== this.props.tierColour || next.fmt !== this.props.fmt;
  }
  render({ p, tierColour, fmt }: RowProps) {
    return (
      <tr>
        <td class="cell-name">
          <a href={`/partners/${p.id}`} dir="auto">
            {p.name}
          </a>
          {p.legal_name !== p.name && (
            <div class="muted legal">
              <bdi>{p.legal_name}</bdi>
            </div>
          )}
        </td>
        <td>
          <TierBadge name={p.tier} colour={tierColour} />
        </td>
        <td>
          <span class={`pill status-${p.status}`}>{fmt.status(p.status)}</span>
        </td>
        <td>{fmt.type(p.type)}</td>
        <td>{fmt.country(p.country)}</td>
        <td>
          <bdi>{p.city}</bdi>
        </td>
        <td>
          <bdi>{p.manager_name}</bdi>
        </td>
        <td class="num nowrap">
          {p.technical_score == null ? '—' : fmt.number(p.technical_score)}
          <span class="muted"> / </span>
          {p.commercial_score == null ? '—' : fmt.number(p.commercial_score)}
        </td>
        <td class="nowrap">{fmt.date(p.updated_at)}</td>
      </tr>
    );
  }
}

export default function PartnersList() {
  const { t } = useI18n();
  const { query, route } = useLocation();
  const view = viewFrom(query);
  const viewKey = urlOf(view);
  const me = currentUser();
  const tiers = useTiers();
  const fmt = rowFormatters();

  const apiQuery = useMemo(() => {
    const q: Record<string, string | number> = { limit: LIMIT };
    for (const k of FILTER_KEYS) if (view[k]) q[k] = view[k]!;
    if (view.sort) q.sort = view.sort;
    if (view.after) q.after = view.after;
    return q;
  }, [viewKey]);
  const list = useAsync((signal) => api.get<Page<Partner>>('/api/v1/partners', apiQuery, signal), [apiQuery]);
  /** The export takes the same filters and sort: it writes every partner of this view. */
  const exportHref = useMemo(() => {
    const q: Record<string, string> = {};
    for (const k of FILTER_KEYS) if (view[k]) q[k] = view[k]!;
    if (view.sort) q.sort = view.sort;
    return withQuery('/api/v1/exports/partners.csv', q);
  }, [viewKey]);

  /** Changing what is shown starts again at the first page. */
  const setView = (changes: View, replace = false) => {
    const next: View = { ...view, ...changes };
    if (!('after' in changes)) {
      delete next.after;
      delete next.prev;
    }
    route(urlOf(next), replace);
  };

  const prevStack = view.prev ? view.prev.split(',') : [];
  const page = prevStack.length + 1;
  const goNext = (cursor: number) => setView({ after: String(cursor), prev: [...prevStack, view.after ?? '0'].join(',') });
  const goPrev = () => {
    const stack = [...prevStack];
    const back = stack.pop();
    setView({ after: back && back !== '0' ? back : undefined, prev: stack.length ? stack.join(',') : undefined });
  };

  const sort = view.sort ?? 'name';
  const sortKey = sort.replace(/^-/, '') as SortKey;
  const desc = sort.startsWith('-');
  const sortBy = (k: SortKey) => {
    const next = k === sortKey ? (desc ? k : `-${k}`) : `${FIRST_DIR[k]}${k}`;
    setView({ sort: next === 'name' ? undefined : next });
  };
  const th = (k: SortKey, label: string, cls?: string) => (
    <th scope="col" class={cls} aria-sort={k === sortKey ? (desc ? 'descending' : 'ascending') : undefined}>
      <button type="button" class="sort" onClick={() => sortBy(k)}>
        {label}
        <span aria-hidden="true" class="sort-mark">
          {k === sortKey ? (desc ? ' ▼' : ' ▲') : ' ↕'}
        </span>
      </button>
    </th>
  );

  // The toolbar (249 countries, managers, tiers) depends on the view only: the same vnode
  // is handed back while a page of data arrives, so Preact skips it.
  const filters = useMemo(() => <ListFilters view={view} setView={setView} tiers={tiers?.list} />, [viewKey, tiers]);

  // Keep the last page on screen while the next one loads (no flash to a spinner).
  const last = useRef<Page<Partner> | undefined>(undefined);
  if (list.data) last.current = list.data;
  const data = list.data ?? last.current;
  const filtered = FILTER_KEYS.some((k) => view[k]);

  useEffect(() => {
    if (list.data && page > 1 && list.data.items.length === 0) goPrev();
  }, [list.data]);

  return (
    <section class="page partners-list">
      <PageHeader title={t('partners.title')}>
        <a class="btn" href={exportHref} download="partners.csv" title={t('partners.export_hint')}>
          {t('partners.export')}
        </a>
        {mayCreatePartner(me) && <NewPartnerButton />}
      </PageHeader>
      {filters}
      {list.error instanceof ApiError && (list.error.status === 400 || list.error.status === 422) ? (
        // A hand-edited or outdated link: say which parameter is wrong and offer a way out.
        <div class="list-error">
          <ProblemBanner messages={mapProblem(list.error, []).general} />
          <p>
            <button type="button" class="btn" onClick={() => route('/partners')}>
              {t('partners.clear')}
            </button>
          </p>
        </div>
      ) : list.error ? (
        <ErrorState error={list.error} onRetry={list.reload} />
      ) : !data ? (
        <Loading />
      ) : data.items.length === 0 ? (
        <EmptyState title={filtered ? t('partners.empty_filtered') : t('partners.empty')}>
          {filtered && (
            <button type="button" class="btn" onClick={() => setView(Object.fromEntries(FILTER_KEYS.map((k) => [k, undefined])))}>
              {t('partners.clear')}
            </button>
          )}
        </EmptyState>
      ) : (
        <>
          <p class="list-count muted" role="status" aria-live="polite">
            {list.loading ? t('ui.loading') : t('partners.count', { count: data.items.length, page })}
          </p>
          <div class="table-wrap" aria-busy={list.loading}>
            <table class="partners-table">
              <caption class="visually-hidden">{t('partners.caption')}</caption>
              <thead>
                <tr>
                  {th('name', t('partners.col.name'))}
                  {th('tier', t('partner.field.tier'))}
                  <th scope="col">{t('partner.field.status')}</th>
                  <th scope="col">{t('partner.field.type')}</th>
                  <th scope="col">{t('partner.field.country')}</th>
                  <th scope="col">{t('partner.field.city')}</th>
                  <th scope="col">{t('partner.field.manager_id')}</th>
                  {th('score', t('partners.col.scores'), 'num')}
                  {th('updated', t('partners.col.updated'))}
                </tr>
              </thead>
              <tbody>
                {data.items.map((p) => (
                  <Row key={p.id} p={p} tierColour={fmt.tierColour(tiers, p.tier)} fmt={fmt} />
                ))}
              </tbody>
            </table>
          </div>
          <nav class="pager" aria-label={t('partners.pages')}>
            <button type="button" class="btn" disabled={page === 1 || list.loading} onClick={goPrev}>
              {t('partners.previous')}
            </button>
            <span class="muted">{t('partners.page', { page })}</span>
            <button type="button" class="btn" disabled={!data.next_after || list.loading} onClick={() => data.next_after && goNext(data.next_after)}>
              {t('partners.next')}
            </button>
          </nav>
        </>
      )}
    </section>
  );
}

