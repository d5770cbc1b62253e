// The comparison of one group (/duplicates?compare=6,7): the records side by side, the
// evidence, the survivor choice and the merge. Read-only for analysts and finance.
import { useEffect, useMemo, useState } from 'preact/hooks';
import { useLocation } from 'preact-iso';
import { Banner, Checkbox, ErrorState, Loading } from '../../components/ui';
import { useI18n } from '../../lib/i18n';
import { withQuery } from '../../lib/api';
import { currentUser, hasRole } from '../../lib/session';
import type { Partner360 } from '../../lib/types';
import { useAsync } from '../../lib/useAsync';
import { useTiers } from '../dashboard/useTiers';
import { CompareTable } from './CompareTable';
import { suggestSurvivor } from './fields';
import { ReasonList, ScoreBadge } from './GroupCard';
import { loadCompare } from './loadCompare';
import { weaklyLinked } from './types';
import { MergeDialog } from './MergeDialog';

interface Props {
  ids: number[];
  onMerged: (survivor: Partner360, count: number) => void;
}

export function Compare({ ids, onMerged }: Props) {
  const { t } = useI18n();
  const { query, route, path } = useLocation();
  const tiers = useTiers();
  const { data, error, loading, reload } = useAsync((signal) => loadCompare(ids, signal), [ids.join(',')]);
  const editable = hasRole('admin', 'channel_manager');
  const onlyDiff = query.only_diff === '1';

  const suggested = useMemo(() => (data ? suggestSurvivor(data.partners) : undefined), [data]);
  const [survivor, setSurvivor] = useState<number | undefined>(undefined);
  const [excluded, setExcluded] = useState<Set<number>>(new Set());
  const [confirming, setConfirming] = useState(false);
  const weak = useMemo(() => weaklyLinked(data?.group ?? null), [data]);
  useEffect(() => {
    setSurvivor(suggested);
    setExcluded(new Set([...weak].filter((id) => id !== suggested)));
  }, [suggested, weak]);

  if (loading && !data) return <Loading />;
  if (error) return <ErrorState error={error} onRetry={reload} />;
  if (!data) return null;

  const live = data.partners.filter((p) => !p.merged_into);
  const surv = live.find((p) => p.id === survivor);
  const merged = live.filter((p) => p.id !== survivor && !excluded.has(p.id));
  const included = new Set(merged.map((p) => p.id));
  const me = currentUser();
  const notManager = !!surv && me?.role === 'channel_manager' && surv.manager_id !== me.id;
  const canMerge = editable && !!surv && merged.length > 0 && !notManager;

  const setOnlyDiff = (on: boolean) => route(withQuery(path, { ...query, only_diff: on ? '1' : undefined }), true);

  return (
    <div class="dup-compare-view">
      {data.group ? (
        <section class="card dup-evidence" aria-labelledby="dup-evidence-h">
          <div class="dup-group-head">
            <h2 id="dup-evidence-h">{t('duplicates.evidence')}</h2>
            <ScoreBadge score={data.group.score} />
          </div>
          <ReasonList group={data.group} />
        </section>
      ) : (
        <Banner kind="info">{t('duplicates.no_longer_group')}</Banner>
      )}
      {data.partners.some((p) => p.merged_into) && <Banner kind="warning">{t('duplicates.some_merged')}</Banner>}
      {editable && data.partners.length > 2 && weak.size > 0 && <p class="muted">{t('duplicates.weak_note')}</p>}
      <div class="row dup-compare-tools">
        <Checkbox label={t('duplicates.only_differences')} name="only_diff" checked={onlyDiff} onValue={setOnlyDiff} />
      </div>
      <CompareTable
        partners={data.partners}
        tiers={tiers}
        survivor={survivor}
        suggested={suggested}
        included={included}
        editable={editable}
        onlyDiff={onlyDiff}
        onSurvivor={(id) => {
          setSurvivor(id);
          setExcluded(new Set([...weak].filter((w) => w !== id)));
        }}
        onInclude={(id, on) => {
          const next = new Set(excluded);
          if (on) next.delete(id);
          else next.add(id);
          setExcluded(next);
        }}
      />
      {editable ? (
        <div class="card dup-merge-bar">
          <p class="dup-merge-summary" role="status">
            {surv && merged.length > 0
              ? t('duplicates.plan', { count: merged.length, name: surv.name })
              : t('duplicates.plan_none')}
          </p>
          {notManager && <p class="field-error">{t('duplicates.not_your_partner')}</p>}
          <button type="button" class="btn btn-primary" disabled={!canMerge} onClick={() => setConfirming(true)}>
            {t('duplicates.merge_button')}
          </button>
        </div>
      ) : (
        <Banner kind="info">{t('duplicates.read_only')}</Banner>
      )}
      {surv && (
        <MergeDialog
          open={confirming}
          survivor={surv}
          merged={merged}
          onClose={() => setConfirming(false)}
          onDone={(res) => {
            setConfirming(false);
            onMerged(res, merged.length);
          }}
        />
      )}
    </div>
  );
}
