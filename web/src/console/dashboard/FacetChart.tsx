// One breakdown of the partners (by status, tier, type, country, model or segment) as
// bars or a donut; a click on a bar or slice opens the partner list filtered to it.
import type { ComponentChildren } from 'preact';
import { useMemo } from 'preact/hooks';
import { useLocation } from 'preact-iso';
import { barHeight, barOption } from '../../charts/bar';
import { ChartCard, describe } from '../../charts/ChartCard';
import { donutOption } from '../../charts/donut';
import { EChart } from '../../charts/EChart';
import type { Datum } from '../../charts/types';
import { useI18n } from '../../lib/i18n';
import { useNarrow } from './useNarrow';

interface Props {
  id: string;
  title: string;
  labelHeading: string;
  data: Datum[];
  tableData?: Datum[];
  total: number;
  kind: 'bar' | 'donut';
  sub?: ComponentChildren;
  footer?: ComponentChildren;
  class?: string;
}

export function FacetChart({ id, title, labelHeading, data, tableData, total, kind, sub, footer, class: cls }: Props) {
  const { t, rtl, locale } = useI18n();
  const narrow = useNarrow();
  const { route } = useLocation();
  const option = useMemo(() => {
    const o = { rtl, total, narrow, countLabel: t('chart.partners'), shareLabel: t('chart.share') };
    return kind === 'bar' ? barOption(data, o) : donutOption(data, o);
  }, [data, total, rtl, narrow, locale, kind]);
  return (
    <ChartCard id={id} title={title} sub={sub} data={data} tableData={tableData} total={total} labelHeading={labelHeading} footer={footer} class={cls}>
      <EChart
        option={option}
        label={describe(title, data)}
        height={kind === 'bar' ? barHeight(data.length) : narrow ? 300 : 240}
        onClick={(e) => {
          const d = data[e.dataIndex];
          if (d?.href) route(d.href);
        }}
      />
    </ChartCard>
  );
}
