// Where the partners are: a world map with a dot per partner, coloured by tier (the
// legend hides or shows a tier), with zoom buttons for keyboards and touch; a dot opens
// the partner's 360° page.
import { useMemo, useRef, useState } from 'preact/hooks';
import { useLocation } from 'preact-iso';
import { EChart, type Instance } from '../../charts/EChart';
import { fitView, mapOption, spread, WORLD, type MapSeries, type View } from '../../charts/map';
import { NONE_COLOUR } from '../../charts/theme';
import { useI18n } from '../../lib/i18n';
import type { Tier } from '../../lib/types';
import { MapTable } from './MapTable';
import type { Stats } from './types';
import { useNarrow } from './useNarrow';

function buildSeries(stats: Stats, tiers: Tier[], noTier: string, fitted: View): MapSeries[] {
  const byTier = new Map<string, MapSeries>();
  const ranks = new Map(tiers.map((t) => [t.name, t]));
  for (const b of stats.by_tier) if (b.key) ranks.set(b.key, { name: b.key, rank: b.rank ?? 0, colour: b.colour ?? '' } as Tier);
  const maxRank = Math.max(1, ...[...ranks.values()].map((t) => t.rank));
  for (const p of stats.points) {
    const key = p.tier ?? '';
    let s = byTier.get(key);
    if (!s) {
      const tier = p.tier ? ranks.get(p.tier) : undefined;
      s = { name: p.tier ?? noTier, colour: tier?.colour || NONE_COLOUR, size: 7 + Math.round(((tier?.rank ?? 0) / maxRank) * 3), points: [] };
      byTier.set(key, s);
    }
    s.points.push({ id: p.id, name: p.name, value: [p.longitude, p.latitude], status: p.status });
  }
  // Same-place partners fan out by about a dot's width at the fitted view.
  const [[west], [east]] = fitted.boundingCoords;
  spread(
    [...byTier.values()].flatMap((s) => s.points),
    (east - west) / 110,
  );
  const rank = (s: MapSeries) => ranks.get(s.name)?.rank ?? 0;
  // Lower tiers first, so the higher tiers' dots are drawn on top.
  return [...byTier.values()].sort((a, b) => rank(a) - rank(b));
}

export function PartnerMap({ stats, tiers }: { stats: Stats; tiers: Tier[] }) {
  const { t, rtl, locale } = useI18n();
  const narrow = useNarrow();
  const { route } = useLocation();
  const [table, setTable] = useState(false);
  const chart = useRef<Instance | null>(null);
  const fitted = useMemo(() => fitView(stats.points.map((p) => [p.longitude, p.latitude])), [stats]);
  const series = useMemo(() => buildSeries(stats, tiers, t('dashboard.no_tier'), fitted), [stats, tiers, locale, fitted]);
  const option = useMemo(
    () =>
      mapOption(series, fitted, {
        rtl,
        narrow,
        tierLabel: t('dashboard.tier'),
        statusHeading: t('dashboard.status'),
        statusLabel: (s) => t(`status.${s}`),
      }),
    [series, fitted, rtl, narrow, locale],
  );

  const setView = (v: Partial<View>) => chart.current?.setOption({ geo: [v] });
  const zoomBy = (factor: number) => {
    const geo = (chart.current?.getOption() as { geo?: { zoom?: number }[] } | undefined)?.geo?.[0];
    setView({ zoom: Math.min(40, Math.max(0.8, (geo?.zoom ?? 1) * factor)) });
  };

  const count = stats.points.length;
  const without = stats.total - count;
  const label = t('dashboard.map_label', { count });
  return (
    <section class="card chart-card map-card" aria-labelledby="map-h">
      <header class="chart-card-head">
        <div>
          <h2 id="map-h">{t('dashboard.map_title')}</h2>
          <p class="chart-card-sub">{t('dashboard.map_sub', { count })}</p>
        </div>
        <div class="map-tools" role="group" aria-label={t('dashboard.map_tools')}>
          {!table && count > 0 && (
            <>
              <button type="button" class="btn btn-quiet btn-small" onClick={() => zoomBy(1.6)}>
                <span aria-hidden="true">+</span>
                <span class="visually-hidden">{t('dashboard.zoom_in')}</span>
              </button>
              <button type="button" class="btn btn-quiet btn-small" onClick={() => zoomBy(1 / 1.6)}>
                <span aria-hidden="true">−</span>
                <span class="visually-hidden">{t('dashboard.zoom_out')}</span>
              </button>
              <button type="button" class="btn btn-quiet btn-small" onClick={() => setView(fitted)}>
                {t('dashboard.fit')}
              </button>
              <button type="button" class="btn btn-quiet btn-small" onClick={() => setView(WORLD)}>
                {t('dashboard.world')}
              </button>
            </>
          )}
          {count > 0 && (
            <button type="button" class="btn btn-quiet btn-small" onClick={() => setTable(!table)}>
              {table ? t('chart.show_chart') : t('chart.show_table')}
            </button>
          )}
        </div>
      </header>
      {count === 0 ? (
        <p class="chart-empty muted">{t('dashboard.map_empty')}</p>
      ) : table ? (
        <MapTable series={series} caption={label} />
      ) : (
        <EChart
          class="chart chart-map"
          worldMap
          option={option}
          label={label}
          onReady={(c) => (chart.current = c)}
          onClick={(e) => {
            if (e.componentType !== 'series') return;
            const s = series[e.seriesIndex ?? 0];
            const p = s?.points[e.dataIndex];
            if (p) route(`/partners/${p.id}`);
          }}
        />
      )}
      {stats.points_truncated ? (
        <p class="map-note" role="note">
          {t('dashboard.map_truncated', { count })}
        </p>
      ) : without > 0 ? (
        <p class="map-note muted">{t('dashboard.map_without', { count: without })}</p>
      ) : null}
    </section>
  );
}
