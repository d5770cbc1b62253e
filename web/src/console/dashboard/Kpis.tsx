// Headline counts: all partners and each life-cycle stage that needs attention, each a
// link to the partner list showing exactly those partners.
import { formatNumber, formatPercent } from '../../lib/format';
import { useI18n } from '../../lib/i18n';
import { listHref, type Filter } from './filters';
import type { Stats } from './types';

const SHOWN = ['active', 'onboarding', 'applied', 'prospect', 'suspended', 'terminated'] as const;

export function Kpis({ stats, filter }: { stats: Stats; filter: Filter }) {
  const { t } = useI18n();
  const count = (s: string) => stats.by_status.find((b) => b.key === s)?.count ?? 0;
  return (
    <ul class="kpis" aria-label={t('dashboard.kpis')}>
      <li>
        <a class="kpi kpi-total" href={listHref(filter)}>
          <span class="kpi-label">{t('dashboard.total')}</span>
          <span class="kpi-value">{formatNumber(stats.total)}</span>
          <span class="kpi-note">{t('dashboard.total_note', { count: stats.by_country.filter((b) => b.key).length })}</span>
        </a>
      </li>
      {SHOWN.map((s) => {
        const n = count(s);
        return (
          <li key={s}>
            <a class={`kpi kpi-${s}`} href={listHref(filter, { status: s })}>
              <span class="kpi-label">{t(`status.${s}`)}</span>
              <span class="kpi-value">{formatNumber(n)}</span>
              <span class="kpi-note">{stats.total ? t('dashboard.share_of_total', { share: formatPercent(n / stats.total) }) : '\u00a0'}</span>
            </a>
          </li>
        );
      })}
    </ul>
  );
}
