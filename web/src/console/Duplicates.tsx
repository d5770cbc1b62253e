// Duplicates review (/duplicates): groups of partners that are likely the same company,
// found by tax id, name, web and mail domain, phone and similar names in one city.
// ?compare=6,7 opens one group side by side; ?partner=6 keeps only that partner's groups.
import { useState } from 'preact/hooks';
import { useLocation } from 'preact-iso';
import { Banner, PageHeader } from '../components/ui';
import { formatNumber } from '../lib/format';
import { useI18n } from '../lib/i18n';
import { hasRole } from '../lib/session';
import type { Partner360 } from '../lib/types';
import { Compare } from './duplicates/Compare';
import { GroupList } from './duplicates/GroupList';
import { parseIds } from './duplicates/types';
import './duplicates/duplicates.css';

interface Done {
  id: number;
  name: string;
  count: number;
}

export default function Duplicates() {
  const { t } = useI18n();
  const { query, route } = useLocation();
  const compare = parseIds(query.compare);
  const partnerId = parseIds(query.partner)[0] ?? null;
  const canMerge = hasRole('admin', 'channel_manager');
  const [done, setDone] = useState<Done | null>(null);
  const [version, setVersion] = useState(0);
  const [total, setTotal] = useState<number | null>(null);

  const merged = (res: Partner360, count: number) => {
    setDone({ id: res.id, name: res.name, count });
    setVersion((v) => v + 1);
    route(partnerId ? `/duplicates?partner=${partnerId}` : '/duplicates');
  };

  const back = partnerId ? `/duplicates?partner=${partnerId}` : '/duplicates';
  const comparing = compare.length >= 2;

  return (
    <section class="page duplicates-page">
      <PageHeader
        title={comparing ? t('duplicates.compare_title') : t('duplicates.title')}
        sub={
          comparing
            ? t('duplicates.compare_sub', { count: compare.length })
            : total !== null
              ? t('duplicates.total', { count: total })
              : t('duplicates.subtitle')
        }
      >
        {comparing && (
          <a class="btn" href={back}>
            {t('duplicates.back')}
          </a>
        )}
      </PageHeader>
      {done && !comparing && (
        <Banner kind="success">
          {t('duplicates.merged_ok', { count: done.count })}{' '}
          <a href={`/partners/${done.id}`}>
            <bdi dir="auto">{done.name}</bdi>
          </a>
        </Banner>
      )}
      {!comparing && partnerId && (
        <Banner kind="info">
          {t('duplicates.filtered', { id: formatNumber(partnerId) })} <a href="/duplicates">{t('duplicates.show_all')}</a>
        </Banner>
      )}
      {!comparing && !canMerge && <p class="muted">{t('duplicates.read_only')}</p>}
      {comparing ? (
        <Compare key={compare.join(',')} ids={compare} onMerged={merged} />
      ) : (
        <GroupList partnerId={partnerId} canMerge={canMerge} version={version} onTotal={setTotal} />
      )}
    </section>
  );
}
