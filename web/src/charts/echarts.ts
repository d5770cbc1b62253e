// ECharts, loaded on demand: the modular build set up in ./setup (core + the charts and
// components used) comes in a lazy chunk the first time a chart is drawn; the map's
// chart types and the world geometry in others the first time a map is shown.
import type { EChartsCoreOption } from 'echarts/core';

export type ECharts = typeof import('./setup').default;
export type { EChartsCoreOption };

let loading: Promise<ECharts> | null = null;

export function loadECharts(): Promise<ECharts> {
  if (!loading) {
    loading = import('./setup').then((m) => m.default);
    loading.catch(() => {
      loading = null;
    });
  }
  return loading;
}

let mapLoading: Promise<void> | null = null;

/**
 * Registers the world map ("world") from the bundled Natural Earth 1:110m countries
 * (world-atlas), converted from TopoJSON to GeoJSON; no network access at run time.
 * Antarctica is left out: no partners there, and it takes a fifth of the height.
 */
export function loadWorldMap(echarts: ECharts): Promise<void> {
  if (!mapLoading) {
    mapLoading = Promise.all([import('world-atlas/countries-110m.json'), import('topojson-client'), import('./setup-map')]).then(
      ([atlas, topo]) => {
        // eslint-disable-next-line @typescript-eslint/no-explicit-any
        const topology = (atlas as any).default ?? atlas;
        const fc = topo.feature(topology, topology.objects.countries) as unknown as GeoJSON.FeatureCollection;
        fc.features = fc.features.filter((f) => f.id !== '010');
        fc.features.forEach((f) => unwrapAntimeridian(f.geometry));
        echarts.registerMap('world', fc as never);
      },
    );
    mapLoading.catch(() => {
      mapLoading = null;
    });
  }
  return mapLoading;
}

/**
 * Rings that cross the 180th meridian (Russia's far east, Fiji) jump from +180 to -180
 * and would be drawn as a stripe across the whole map: their western points are moved
 * east of 180 instead, so they run off the map's edge.
 */
function unwrapAntimeridian(g: GeoJSON.Geometry | null) {
  if (!g) return;
  const rings = g.type === 'Polygon' ? g.coordinates : g.type === 'MultiPolygon' ? g.coordinates.flat() : [];
  for (const ring of rings) {
    let crosses = false;
    for (let i = 1; i < ring.length && !crosses; i++) crosses = Math.abs(ring[i][0] - ring[i - 1][0]) > 180;
    if (crosses) for (const pt of ring) if (pt[0] < 0) pt[0] += 360;
  }
}
