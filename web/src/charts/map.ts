// The partner map: the world (Natural Earth, bundled) with one scatter series per tier,
// so the legend doubles as a tier filter; the view starts fitted to the partners.
import type { EChartsCoreOption } from './echarts';
import { baseOption, NONE_COLOUR, pageFont, tooltipNode } from './theme';

export interface MapSeries {
  name: string;
  colour: string;
  /** bigger for higher tiers */
  size: number;
  points: { id: number; name: string; value: [number, number]; status: string }[];
}

export interface View {
  /** [[west, north], [east, south]]: the area shown at zoom 1. */
  boundingCoords: [[number, number], [number, number]];
  center: [number, number];
  zoom: number;
}

function view(west: number, north: number, east: number, south: number): View {
  return { boundingCoords: [[west, north], [east, south]], center: [(west + east) / 2, (north + south) / 2], zoom: 1 };
}

/** The inhabited world (the map leaves Antarctica out). */
export const WORLD: View = view(-180, 84, 180, -57);

/** A view that shows every point with a margin (the world when there are none). */
export function fitView(coords: [number, number][]): View {
  if (!coords.length) return WORLD;
  let [west, south, east, north] = [180, 90, -180, -90];
  for (const [lon, lat] of coords) {
    west = Math.min(west, lon);
    east = Math.max(east, lon);
    south = Math.min(south, lat);
    north = Math.max(north, lat);
  }
  // A margin around the points, and at least a region's size (a single city is not a map).
  const padLon = Math.max((east - west) * 0.12, (30 - (east - west)) / 2, 3);
  const padLat = Math.max((north - south) * 0.12, (20 - (north - south)) / 2, 3);
  return view(
    Math.max(-180, west - padLon),
    Math.min(84, north + padLat),
    Math.min(180, east + padLon),
    Math.max(-57, south - padLat),
  );
}

/**
 * Partners at (nearly) the same position — geocoded to a city centre, say — would hide one
 * another: each cluster (points within a cell of `step` degrees) is laid out on a small
 * sunflower spiral around its centre, so every dot stays visible and selectable. `step` is
 * about a dot's width at the fitted view.
 */
export function spread<T extends { value: [number, number] }>(points: T[], step: number): T[] {
  const groups = new Map<string, T[]>();
  for (const p of points) {
    const key = `${Math.round(p.value[0] / step)},${Math.round(p.value[1] / step)}`;
    const g = groups.get(key);
    if (g) g.push(p);
    else groups.set(key, [p]);
  }
  const golden = Math.PI * (3 - Math.sqrt(5));
  for (const g of groups.values()) {
    if (g.length < 2) continue;
    const lon = g.reduce((n, p) => n + p.value[0], 0) / g.length;
    const lat = g.reduce((n, p) => n + p.value[1], 0) / g.length;
    g.forEach((p, i) => {
      const r = step * 0.9 * Math.sqrt(i);
      p.value = [lon + r * Math.cos(i * golden), lat + r * Math.sin(i * golden)];
    });
  }
  return points;
}

export function mapOption(series: MapSeries[], view: View, o: { rtl: boolean; narrow: boolean; tierLabel: string; statusLabel: (s: string) => string; statusHeading: string }): EChartsCoreOption {
  const base = baseOption();
  return {
    ...base,
    legend: {
      bottom: 4,
      [o.rtl ? 'right' : 'left']: 8,
      align: o.rtl ? 'right' : 'left',
      icon: 'circle',
      itemWidth: 10,
      itemHeight: 10,
      textStyle: { color: '#1f2937', fontFamily: pageFont() },
      backgroundColor: 'rgba(255,255,255,0.85)',
      borderRadius: 6,
      padding: [4, 8],
      data: series.map((s) => s.name),
    },
    tooltip: {
      ...base.tooltip,
      trigger: 'item',
      formatter: (p: { seriesIndex: number; dataIndex: number; componentType: string }) => {
        if (p.componentType !== 'series') return '';
        const s = series[p.seriesIndex];
        const pt = s.points[p.dataIndex];
        return tooltipNode(pt.name, [[o.tierLabel, s.name], [o.statusHeading, o.statusLabel(pt.status)]], s.colour);
      },
    },
    geo: {
      map: 'world',
      roam: true,
      boundingCoords: view.boundingCoords,
      center: view.center,
      zoom: view.zoom,
      scaleLimit: { min: 0.8, max: 40 },
      silent: true,
      itemStyle: { areaColor: '#e2e8f0', borderColor: '#ffffff', borderWidth: 0.7 },
      emphasis: { disabled: true },
      select: { disabled: true },
    },
    series: series.map((s) => ({
      type: 'scatter',
      name: s.name,
      coordinateSystem: 'geo',
      symbolSize: o.narrow ? Math.max(5, s.size - 3) : s.size,
      cursor: 'pointer',
      itemStyle: { color: s.colour || NONE_COLOUR, borderColor: 'rgba(15,23,42,0.7)', borderWidth: 0.7, opacity: 0.92 },
      emphasis: { scale: 1.6, itemStyle: { borderColor: '#0f172a', borderWidth: 1.5 } },
      data: s.points,
      progressive: 2000,
    })),
  };
}
