// Recent activity across partners, newest first: who changed what on which partner and
// when, a page at a time (GET /api/v1/activity with its id cursor).
import { useEffect, useState } from 'preact/hooks';
import { EmptyState, ErrorState, Loading } from '../../components/ui';
import { api, type Page } from '../../lib/api';
import { formatDateTime } from '../../lib/format';
import { useI18n } from '../../lib/i18n';
import { describeEntry } from './activityText';
import type { ActivityEntry } from './types';

const PAGE = 15;

function Item({ e }: { e: ActivityEntry }) {
  const { t } = useI18n();
  const d = describeEntry(e);
  const entity = e.action.split('.')[0];
  return (
    <li class={`activity-item activity-${entity}`}>
      <span class="activity-icon" aria-hidden="true" />
      <div class="activity-body">
        <div class="activity-line">
          {e.partner_id ? (
            <a href={`/partners/${e.partner_id}`} class="activity-partner-link">
              <bdi dir="auto">{e.partner_name || t('dashboard.partner_number', { id: String(e.partner_id) })}</bdi>
            </a>
          ) : null}
        </div>
        <div class="activity-what">
          <strong>{d.action}</strong>
          {d.detail && (
            <>
              {' · '}
              <bdi dir="auto">{d.detail}</bdi>
            </>
          )}
          {d.other && (
            <>
              {' · '}
              <a href={`/partners/${d.other}`}>{t('dashboard.partner_number', { id: String(d.other) })}</a>
            </>
          )}
        </div>
        {d.quote && (
          <q class="activity-quote" dir="auto">
            {d.quote}
          </q>
        )}
        <div class="activity-meta">
          <bdi>{e.actor === 'system' ? t('dashboard.system') : e.actor}</bdi>
          {' · '}
          <time dateTime={e.at}>{formatDateTime(e.at)}</time>
        </div>
      </div>
    </li>
  );
}

export function Activity() {
  const { t } = useI18n();
  const [items, setItems] = useState<ActivityEntry[]>([]);
  const [next, setNext] = useState<number | null>(null);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<unknown>(null);
  const [tick, setTick] = useState(0);

  const load = (after: number | null, signal?: AbortSignal) => {
    setLoading(true);
    setError(null);
    return api
      .get<Page<ActivityEntry>>('/api/v1/activity', { limit: PAGE, after: after ?? undefined }, signal)
      .then((p) => {
        setItems((old) => (after ? [...old, ...p.items] : p.items));
        setNext(p.next_after || null);
        setLoading(false);
      })
      .catch((e) => {
        if (signal?.aborted) return;
        setError(e);
        setLoading(false);
      });
  };

  useEffect(() => {
    const ctl = new AbortController();
    void load(null, ctl.signal);
    return () => ctl.abort();
  }, [tick]);

  return (
    <section class="card activity-card" aria-labelledby="activity-h">
      <header class="chart-card-head">
        <h2 id="activity-h">{t('dashboard.activity')}</h2>
        <button type="button" class="btn btn-quiet btn-small" onClick={() => setTick((n) => n + 1)} disabled={loading}>
          {t('dashboard.refresh')}
        </button>
      </header>
      {error && !items.length ? (
        <ErrorState error={error} onRetry={() => setTick((n) => n + 1)} />
      ) : loading && !items.length ? (
        <Loading />
      ) : !items.length ? (
        <EmptyState title={t('dashboard.activity_empty')} />
      ) : (
        <>
          <ol class="activity-list">
            {items.map((e) => (
              <Item key={e.id} e={e} />
            ))}
          </ol>
          {error ? <ErrorState error={error} onRetry={() => void load(next)} /> : null}
          {next && (
            <button type="button" class="btn btn-block" onClick={() => void load(next)} disabled={loading}>
              {loading ? t('ui.loading') : t('dashboard.more')}
            </button>
          )}
        </>
      )}
    </section>
  );
}
