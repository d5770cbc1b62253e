// Horizontal bars (one category per row), mirrored for right-to-left languages: the
// labels sit on the right and the bars grow leftwards.
import type { EChartsCoreOption } from './echarts';
import { baseOption, fmt, PALETTE, pageFont, tooltipNode } from './theme';
import type { Datum } from './types';

export const BAR_ROW = 30;

export function barHeight(n: number): number {
  return Math.max(120, n * BAR_ROW + 24);
}

const LABEL_FONT_SIZE = 12;
const LABEL_MARGIN = 10;
let measurer: CanvasRenderingContext2D | null | undefined;

/** The widest label in the chart's font, in px (an estimate where there is no canvas). */
export function labelWidth(labels: string[], font: string): number {
  if (measurer === undefined) measurer = typeof document === 'undefined' ? null : document.createElement('canvas').getContext('2d');
  if (!measurer) return Math.max(0, ...labels.map((l) => l.length * LABEL_FONT_SIZE * 0.6));
  measurer.font = `${LABEL_FONT_SIZE}px ${font}`;
  return Math.max(0, ...labels.map((l) => measurer!.measureText(l).width));
}

export function barOption(data: Datum[], o: { rtl: boolean; total: number; countLabel: string; shareLabel: string; narrow: boolean }): EChartsCoreOption {
  const base = baseOption();
  // The category labels get a column of their own, measured here, instead of ECharts'
  // containLabel: that reserved too little room right of the axis in right-to-left
  // charts, and the bars were drawn over the Arabic labels' ends ("استشا").
  const cap = o.narrow ? 96 : 150;
  const labels = Math.ceil(Math.min(cap, labelWidth(data.map((d) => d.label), pageFont()))) + LABEL_MARGIN + 4;
  return {
    ...base,
    grid: { top: 4, bottom: 4, left: o.rtl ? 48 : labels, right: o.rtl ? labels : 48, containLabel: false },
    xAxis: { type: 'value', show: false, inverse: o.rtl, max: (v: { max: number }) => v.max * 1.02 },
    yAxis: {
      type: 'category',
      inverse: true,
      position: o.rtl ? 'right' : 'left',
      data: data.map((d) => d.label),
      axisTick: { show: false },
      axisLine: { show: false },
      axisLabel: { color: '#374151', fontSize: LABEL_FONT_SIZE, fontFamily: pageFont(), width: cap, overflow: 'truncate', margin: LABEL_MARGIN },
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
