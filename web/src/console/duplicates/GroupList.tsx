// The groups of likely duplicates, best first, a page at a time (the API's cursor).
import { useEffect, useState } from 'preact/hooks';
import { EmptyState, ErrorState, Loading } from '../../components/ui';
import { api } from '../../lib/api';
import { formatNumber } from '../../lib/format';
import { useI18n } from '../../lib/i18n';
import { GroupCard } from './GroupCard';
import type { DupGroup, DupPage } from './types';

const PAGE = 25;

interface Props {
  partnerId: number | null;
  canMerge: boolean;
  /** Changes after a merge, to read the list again. */
  version: number;
  onTotal: (n: number | null) => void;
}

export function GroupList({ partnerId, canMerge, version, onTotal }: Props) {
  const { t } = useI18n();
  const [groups, setGroups] = useState<DupGroup[]>([]);
  const [next, setNext] = useState<number | null>(null);
  const [total, setTotal] = useState<number | null>(null);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<unknown>(null);
  const [tick, setTick] = useState(0);

  const fetchPage = (after: number | null, signal?: AbortSignal) =>
    api.get<DupPage>('/api/v1/partners/duplicates', { limit: PAGE, after: after ?? undefined, partner_id: partnerId ?? undefined }, signal);

  useEffect(() => {
    const ctl = new AbortController();
    setLoading(true);
    setError(null);
    fetchPage(null, ctl.signal)
      .then((p) => {
        setGroups(p.items);
        setNext(p.next_after || null);
        setTotal(p.total);
        onTotal(p.total);
        setLoading(false);
      })
      .catch((e) => {
        if (!ctl.signal.aborted) {
          setError(e);
          setLoading(false);
        }
      });
    return () => ctl.abort();
  }, [partnerId, version, tick]);

  const more = () => {
    setLoading(true);
    fetchPage(next)
      .then((p) => {
        setGroups((g) => [...g, ...p.items]);
        setNext(p.next_after || null);
        setTotal(p.total);
        setLoading(false);
      })
      .catch((e) => {
        setError(e);
        setLoading(false);
      });
  };

  if (error && !groups.length) return <ErrorState error={error} onRetry={() => setTick((n) => n + 1)} />;
  if (loading && !groups.length) return <Loading />;
  if (!groups.length)
    return (
      <EmptyState title={partnerId ? t('duplicates.none_for_partner') : t('duplicates.none')}>
        <p>{t('duplicates.none_hint')}</p>
      </EmptyState>
    );
  return (
    <>
      <ul class="dup-list">
        {groups.map((g, i) => (
          <GroupCard key={g.partners.map((p) => p.id).join(',')} group={g} canMerge={canMerge} index={i} />
        ))}
      </ul>
      <div class="dup-more">
        <span class="muted" role="status">
          {t('duplicates.showing', { shown: formatNumber(groups.length), total: formatNumber(total ?? groups.length) })}
        </span>
        {error ? <ErrorState error={error} onRetry={more} /> : null}
        {next && (
          <button type="button" class="btn" onClick={more} disabled={loading}>
            {loading ? t('ui.loading') : t('duplicates.more')}
          </button>
        )}
      </div>
    </>
  );
}
