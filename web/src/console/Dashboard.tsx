// Home (/): the channel at a glance — headline counts, breakdowns by status, tier, type,
// country, model and segment (each linked to the filtered partner list), a world map of
// the partners coloured by tier, and recent activity. The filter is in the URL.
import { useLocation } from 'preact-iso';
import { ErrorState, Loading, PageHeader, ProblemBanner } from '../components/ui';
import { api, ApiError } from '../lib/api';
import { mapProblem } from '../lib/problem';
import { useI18n } from '../lib/i18n';
import { hasRole } from '../lib/session';
import { useAsync } from '../lib/useAsync';
import { Activity } from './dashboard/Activity';
import { Charts } from './dashboard/Charts';
import { Filters } from './dashboard/Filters';
import { hasFilter, listHref, readFilter } from './dashboard/filters';
import { Kpis } from './dashboard/Kpis';
import { PartnerMap } from './dashboard/PartnerMap';
import type { Stats } from './dashboard/types';
import { useTiers } from './dashboard/useTiers';
import './dashboard/dashboard.css';

export default function Dashboard() {
  const { t } = useI18n();
  const { query } = useLocation();
  const filter = readFilter(query);
  const key = JSON.stringify(filter);
  const tiers = useTiers();
  const { data, error, loading, reload } = useAsync((signal) => api.get<Stats>('/api/v1/partners/stats', filter, signal), [key]);

  return (
    <section class="page dashboard">
      <PageHeader title={t('dashboard.title')} sub={hasFilter(filter) ? t('dashboard.sub_filtered') : t('dashboard.sub')}>
        <a class="btn" href={listHref(filter)}>
          {t('dashboard.open_list')}
        </a>
      </PageHeader>
      <Filters filter={filter} stats={data} tiers={tiers} />
      {error instanceof ApiError && (error.status === 400 || error.status === 422) ? (
        // A filter the API refuses (a hand-edited URL): say which, the toolbar clears it.
        <ProblemBanner messages={mapProblem(error, []).general} />
      ) : error ? (
        <ErrorState error={error} onRetry={reload} />
      ) : !data ? (
        <Loading />
      ) : (
        <div class={loading ? 'dash-body is-reloading' : 'dash-body'} aria-busy={loading}>
          {data.total === 0 && (
            <p class="state state-empty">
              {hasFilter(filter) ? t('dashboard.none_filtered') : t('dashboard.none')}
              {!hasFilter(filter) && hasRole('admin', 'channel_manager') && <a href="/import">{t('dashboard.import_first')}</a>}
            </p>
          )}
          <Kpis stats={data} filter={filter} />
          <Charts stats={data} filter={filter} />
          <div class="dash-bottom">
            <PartnerMap stats={data} tiers={tiers} />
            <Activity />
          </div>
        </div>
      )}
    </section>
  );
}
