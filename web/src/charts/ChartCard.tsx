// A titled chart with its numbers one click away: "Table" swaps the chart for a table of
// the same data (links included), for screen readers, keyboards and exact figures.
import type { ComponentChildren } from 'preact';
import { useState } from 'preact/hooks';
import { formatNumber, formatPercent } from '../lib/format';
import { TableScroll } from '../components/ui';
import { useI18n } from '../lib/i18n';
import type { Datum } from './types';

interface Props {
  id: string;
  title: string;
  sub?: ComponentChildren;
  data: Datum[];
  /** The table's rows when they are more than the chart shows (every country, say). */
  tableData?: Datum[];
  total: number;
  /** Column heading of the labels. */
  labelHeading: string;
  children: ComponentChildren;
  class?: string;
  footer?: ComponentChildren;
}

export function DataTable({ data, total, labelHeading, caption }: { data: Datum[]; total: number; labelHeading: string; caption: string }) {
  const { t } = useI18n();
  return (
    <TableScroll class="chart-table" label={t('chart.table_label', { title: caption })}>
      <table>
        <caption class="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{labelHeading}</th>
            <th scope="col" class="num">
              {t('chart.count')}
            </th>
            <th scope="col" class="num">
              {t('chart.share')}
            </th>
          </tr>
        </thead>
        <tbody>
          {data.map((d) => (
            <tr key={d.key ?? ''}>
              <th scope="row">
                {d.colour && <span class="chart-swatch" aria-hidden="true" ref={(el) => {
                  if (el) el.style.backgroundColor = d.colour!;
                }} />}
                {d.href ? <a href={d.href}>{d.label}</a> : d.label}
              </th>
              <td class="num">{formatNumber(d.value)}</td>
              <td class="num">{total ? formatPercent(d.value / total, undefined, 1) : ''}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableScroll>
  );
}

export function ChartCard({ id, title, sub, data, tableData, total, labelHeading, children, class: cls, footer }: Props) {
  const { t } = useI18n();
  const [table, setTable] = useState(false);
  return (
    <section class={`card chart-card ${cls ?? ''}`} aria-labelledby={`${id}-h`}>
      <header class="chart-card-head">
        <div>
          <h2 id={`${id}-h`}>{title}</h2>
          {sub && <p class="chart-card-sub">{sub}</p>}
        </div>
        {data.length > 0 && (
          <button type="button" class="btn btn-quiet btn-small" onClick={() => setTable(!table)}>
            {table ? t('chart.show_chart') : t('chart.show_table')}
          </button>
        )}
      </header>
      {data.length === 0 ? (
        <p class="chart-empty muted">{t('chart.no_data')}</p>
      ) : table ? (
        <DataTable data={tableData ?? data} total={total} labelHeading={labelHeading} caption={title} />
      ) : (
        children
      )}
      {footer}
    </section>
  );
}

/** "Active 209, Onboarding 30, …": the chart's text alternative (its aria-label). */
export function describe(title: string, data: Datum[], max = 12): string {
  const parts = data.slice(0, max).map((d) => `${d.label} ${formatNumber(d.value)}`);
  return `${title}: ${parts.join(', ')}`;
}
