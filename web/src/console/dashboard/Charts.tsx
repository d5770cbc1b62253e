// The six breakdowns of the dashboard, each linked to the partner list.
import { formatNumber } from '../../lib/format';
import { useI18n } from '../../lib/i18n';
import { FacetChart } from './FacetChart';
import { countryRows, modelRows, segmentRows, statusRows, tierRows, typeRows } from './facets';
import type { Filter } from './filters';
import type { Stats } from './types';

export function Charts({ stats, filter }: { stats: Stats; filter: Filter }) {
  const { t } = useI18n();
  const countries = countryRows(stats, filter);
  const total = stats.total;
  const sub = t('dashboard.click_hint');
  return (
    <div class="dash-charts">
      <FacetChart id="by-status" kind="bar" title={t('dashboard.by_status')} sub={sub} labelHeading={t('dashboard.status')} data={statusRows(stats, filter)} total={total} />
      <FacetChart id="by-tier" kind="bar" title={t('dashboard.by_tier')} sub={sub} labelHeading={t('dashboard.tier')} data={tierRows(stats, filter)} total={total} />
      <FacetChart id="by-type" kind="bar" title={t('dashboard.by_type')} sub={sub} labelHeading={t('dashboard.type')} data={typeRows(stats, filter)} total={total} />
      <FacetChart
        id="by-country"
        kind="bar"
        title={t('dashboard.by_country')}
        sub={t('dashboard.top_countries', { count: countries.top.filter((d) => d.key !== null).length })}
        labelHeading={t('dashboard.country')}
        data={countries.top}
        tableData={countries.all}
        total={total}
        footer={
          countries.restPartners > 0 ? (
            <p class="chart-foot muted">
              {t('dashboard.other_countries', { count: countries.restCountries, partners: formatNumber(countries.restPartners) })}
            </p>
          ) : null
        }
      />
      <FacetChart id="by-model" kind="donut" title={t('dashboard.by_model')} sub={sub} labelHeading={t('dashboard.model')} data={modelRows(stats, filter)} total={total} />
      <FacetChart id="by-segment" kind="donut" title={t('dashboard.by_segment')} sub={sub} labelHeading={t('dashboard.segment')} data={segmentRows(stats, filter)} total={total} />
    </div>
  );
}
