// A donut of shares with a legend, the total in the middle; the legend reads from the
// right in right-to-left languages.
import type { EChartsCoreOption } from './echarts';
import { baseOption, fmt, PALETTE, pageFont, tooltipNode } from './theme';
import type { Datum } from './types';

export function donutOption(data: Datum[], o: { rtl: boolean; total: number; countLabel: string; shareLabel: string; narrow: boolean }): EChartsCoreOption {
  const base = baseOption();
  const legendBelow = o.narrow;
  return {
    ...base,
    legend: {
      type: legendBelow ? 'plain' : 'scroll',
      orient: legendBelow ? 'horizontal' : 'vertical',
      ...(legendBelow ? { bottom: 0, left: 'center' } : { top: 'middle', [o.rtl ? 'left' : 'right']: 8 }),
      align: o.rtl ? 'right' : 'left',
      icon: 'circle',
      itemWidth: 10,
      itemHeight: 10,
      textStyle: { color: '#374151', fontFamily: pageFont(), fontSize: 12 },
      formatter: (name: string) => {
        const d = data.find((x) => x.label === name);
        return d ? `${name}  ${fmt(d.value)}` : name;
      },
    },
    tooltip: {
      ...base.tooltip,
      trigger: 'item',
      formatter: (p: { dataIndex: number; percent: number }) => {
        const d = data[p.dataIndex];
        return tooltipNode(d.label, [[o.countLabel, fmt(d.value)], [o.shareLabel, `${fmt(Math.round(p.percent * 10) / 10)}%`]], d.colour);
      },
    },
    series: [
      {
        type: 'pie',
        radius: legendBelow ? ['40%', '62%'] : ['48%', '74%'],
        center: legendBelow ? ['50%', '40%'] : [o.rtl ? '66%' : '34%', '50%'],
        avoidLabelOverlap: true,
        label: { show: false },
        labelLine: { show: false },
        emphasis: { scaleSize: 4 },
        itemStyle: { borderColor: '#fff', borderWidth: 2 },
        data: data.map((d, i) => ({
          name: d.label,
          value: d.value,
          cursor: d.href ? 'pointer' : 'default',
          itemStyle: { color: d.colour ?? PALETTE[i % PALETTE.length] },
        })),
      },
    ],
  };
}
