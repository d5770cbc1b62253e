// Horizontal bars (one category per row), mirrored for right-to-left languages: the
// labels sit on the right and the bars grow leftwards.
import type { EChartsCoreOption } from './echarts';
import { baseOption, fmt, PALETTE, tooltipNode } from './theme';
import type { Datum } from './types';

export const BAR_ROW = 30;

export function barHeight(n: number): number {
  return Math.max(120, n * BAR_ROW + 24);
}

export function barOption(data: Datum[], o: { rtl: boolean; total: number; countLabel: string; shareLabel: string; narrow: boolean }): EChartsCoreOption {
  const base = baseOption();
  return {
    ...base,
    grid: { top: 4, bottom: 4, left: o.rtl ? 48 : 4, right: o.rtl ? 4 : 48, containLabel: true },
    xAxis: { type: 'value', show: false, inverse: o.rtl, max: (v: { max: number }) => v.max * 1.02 },
    yAxis: {
      type: 'category',
      inverse: true,
      position: o.rtl ? 'right' : 'left',
      data: data.map((d) => d.label),
      axisTick: { show: false },
      axisLine: { show: false },
      axisLabel: { color: '#374151', fontSize: 12, width: o.narrow ? 96 : 150, overflow: 'truncate', margin: 10 },
    },
    tooltip: {
      ...base.tooltip,
      trigger: 'item',
      formatter: (p: { dataIndex: number }) => {
        const d = data[p.dataIndex];
        const share = o.total ? `${fmt(Math.round((d.value / o.total) * 1000) / 10)}%` : '';
        return tooltipNode(d.label, [[o.countLabel, fmt(d.value)], ...(share ? [[o.shareLabel, share] as [string, string]] : [])], d.colour);
      },
    },
    series: [
      {
        type: 'bar',
        barMaxWidth: 20,
        barCategoryGap: '35%',
        data: data.map((d, i) => ({
          value: d.value,
          cursor: d.href ? 'pointer' : 'default',
          itemStyle: { color: d.colour ?? PALETTE[i % PALETTE.length], borderRadius: o.rtl ? [3, 0, 0, 3] : [0, 3, 3, 0] },
        })),
        label: {
          show: true,
          position: o.rtl ? 'left' : 'right',
          color: '#111827',
          fontWeight: 600,
          formatter: (p: { value: number }) => fmt(p.value),
        },
        emphasis: { itemStyle: { opacity: 0.85 } },
      },
    ],
  };
}
