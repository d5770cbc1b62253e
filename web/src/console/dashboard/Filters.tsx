// Narrows the whole dashboard (counts, charts, map) the way the partner list filters;
// each choice is written to the URL.
import { useLocation } from 'preact-iso';
import { Checkbox, SelectField } from '../../components/ui';
import { countryName } from '../../lib/format';
import { useI18n } from '../../lib/i18n';
import { currentUser, hasRole } from '../../lib/session';
import { PARTNER_TYPES, type Tier } from '../../lib/types';
import { dashboardHref, hasFilter, type Filter, type FilterKey } from './filters';
import type { Stats } from './types';

function withCurrent(values: string[], current: string | undefined): string[] {
  return current && !values.includes(current) ? [current, ...values] : values;
}

export function Filters({ filter, stats, tiers }: { filter: Filter; stats: Stats | undefined; tiers: Tier[] }) {
  const { t, locale } = useI18n();
  const { route } = useLocation();
  const me = currentUser();
  const set = (k: FilterKey, v: string | undefined) => route(dashboardHref({ ...filter, [k]: v || undefined }));

  const collator = new Intl.Collator(locale);
  const countries = withCurrent(
    (stats?.by_country ?? []).map((b) => b.key).filter((k): k is string => !!k),
    filter.country,
  ).sort((a, b) => collator.compare(countryName(a), countryName(b)));
  const segments = withCurrent(
    (stats?.by_segment ?? []).map((b) => b.key).filter((k): k is string => !!k),
    filter.segment,
  );
  const tierNames = withCurrent(tiers.map((x) => x.name), filter.tier);

  return (
    <form class="toolbar dash-filters" role="search" aria-label={t('dashboard.filters')} onSubmit={(e) => e.preventDefault()}>
      <SelectField
        label={t('dashboard.filter_country')}
        name="country"
        value={filter.country ?? ''}
        empty={t('dashboard.all_countries')}
        options={countries.map((c) => ({ value: c, label: countryName(c) }))}
        onValue={(v) => set('country', v)}
      />
      <SelectField
        label={t('dashboard.filter_type')}
        name="type"
        value={filter.type ?? ''}
        empty={t('dashboard.all_types')}
        options={PARTNER_TYPES.map((x) => ({ value: x, label: t(`type.${x}`) }))}
        onValue={(v) => set('type', v)}
      />
      <SelectField
        label={t('dashboard.filter_tier')}
        name="tier"
        value={filter.tier ?? ''}
        empty={t('dashboard.all_tiers')}
        options={tierNames.map((x) => ({ value: x, label: x }))}
        onValue={(v) => set('tier', v)}
      />
      <SelectField
        label={t('dashboard.filter_segment')}
        name="segment"
        value={filter.segment ?? ''}
        empty={t('dashboard.all_segments')}
        options={segments.map((x) => ({ value: x, label: x }))}
        onValue={(v) => set('segment', v)}
      />
      {me && hasRole('admin', 'channel_manager') && (
        <div class="dash-mine">
          <Checkbox
            label={t('dashboard.mine')}
            name="manager"
            checked={filter.manager === String(me.id)}
            onValue={(on) => set('manager', on ? String(me.id) : undefined)}
          />
        </div>
      )}
      {hasFilter(filter) && (
        <a class="btn btn-quiet dash-clear" href="/">
          {t('dashboard.clear')}
        </a>
      )}
    </form>
  );
}
