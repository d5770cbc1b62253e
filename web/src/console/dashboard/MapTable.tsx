// The map's points as a table (the map's text alternative): each partner on it, its tier
// and status, linked to its 360° page.
import { StatusPill } from '../../components/ui';
import { useI18n } from '../../lib/i18n';
import type { MapSeries } from '../../charts/map';

export function MapTable({ series, caption }: { series: MapSeries[]; caption: string }) {
  const { t } = useI18n();
  return (
    <div class="table-wrap chart-table map-table">
      <table>
        <caption class="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{t('dashboard.partner')}</th>
            <th scope="col">{t('dashboard.tier')}</th>
            <th scope="col">{t('dashboard.status')}</th>
          </tr>
        </thead>
        <tbody>
          {series.flatMap((s) =>
            s.points.map((p) => (
              <tr key={p.id}>
                <th scope="row">
                  <a href={`/partners/${p.id}`}>
                    <bdi dir="auto">{p.name}</bdi>
                  </a>
                </th>
                <td>{s.name}</td>
                <td>
                  <StatusPill status={p.status} />
                </td>
              </tr>
            )),
          )}
        </tbody>
      </table>
    </div>
  );
}
