// The bars' label column and fonts: the category labels get room of their own (not
// ECharts' containLabel, which left Arabic labels under the bars) in a named font.
import { describe, expect, test } from 'vitest';
import { barOption, labelWidth } from './bar';
import { CHART_FONTS } from './theme';

const data = [
  { key: 'consultant', label: 'استشاري', value: 14 },
  { key: 'system_integrator', label: 'مُكامِل أنظمة', value: 24 },
];
type Grid = { left: number; right: number; containLabel: boolean };
type Axis = { position: string; axisLabel: { width: number; fontFamily: string } };

describe('barOption', () => {
  test('right to left: the labels column is on the right, as wide as the widest label plus the margin', () => {
    const o = barOption(data, { rtl: true, total: 38, countLabel: 'n', shareLabel: 's', narrow: false }) as { grid: Grid; yAxis: Axis };
    expect(o.grid.containLabel).toBe(false);
    expect(o.yAxis.position).toBe('right');
    const widest = labelWidth(data.map((d) => d.label), CHART_FONTS.en);
    expect(o.grid.right).toBeGreaterThanOrEqual(Math.min(150, widest) + 10);
    expect(o.grid.left).toBe(48);
  });
  test('left to right: mirrored', () => {
    const o = barOption(data, { rtl: false, total: 38, countLabel: 'n', shareLabel: 's', narrow: true }) as { grid: Grid; yAxis: Axis };
    expect(o.grid.right).toBe(48);
    expect(o.grid.left).toBeGreaterThan(10);
    expect(o.grid.left).toBeLessThanOrEqual(96 + 14);
  });
  test('no generic family first: measured and drawn in the same font whatever <html lang>', () => {
    for (const f of Object.values(CHART_FONTS)) expect(f.split(',')[0].trim()).not.toMatch(/^(system-ui|sans-serif|serif|-apple-system)$/);
    const o = barOption(data, { rtl: true, total: 38, countLabel: 'n', shareLabel: 's', narrow: false }) as { yAxis: Axis };
    expect(o.yAxis.axisLabel.fontFamily).toBe(CHART_FONTS.en);
  });
});
