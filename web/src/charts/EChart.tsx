// One ECharts instance in a div: loaded on demand, resized with its box, disposed on
// unmount. The div is an image with a text label; the numbers are also offered as a table
// by the caller (ChartCard), so the chart is never the only way to read them.
import { useEffect, useRef, useState } from 'preact/hooks';
import { useI18n } from '../lib/i18n';
import { loadECharts, loadWorldMap, type EChartsCoreOption } from './echarts';
import './charts.css';

export type Instance = ReturnType<Awaited<ReturnType<typeof loadECharts>>['init']>;

export interface ChartClick {
  seriesIndex?: number;
  dataIndex: number;
  name: string;
  data: unknown;
  componentType: string;
}

interface Props {
  option: EChartsCoreOption;
  label: string;
  class?: string;
  /** Needs the world map registered before the option is set. */
  worldMap?: boolean;
  onClick?: (e: ChartClick) => void;
  /** Receives the instance once drawn (e.g. to reset a map's zoom). */
  onReady?: (chart: Instance) => void;
  /** Height in px when it depends on the data (bars); otherwise the class decides. */
  height?: number;
}

export function EChart({ option, label, class: cls, worldMap, onClick, onReady, height }: Props) {
  const { t } = useI18n();
  const box = useRef<HTMLDivElement>(null);
  const wrap = useRef<HTMLDivElement>(null);
  const chart = useRef<Instance | null>(null);
  const clickRef = useRef(onClick);
  clickRef.current = onClick;
  const [state, setState] = useState<'loading' | 'ready' | 'failed'>('loading');

  useEffect(() => {
    let disposed = false;
    let observer: ResizeObserver | null = null;
    let near: IntersectionObserver | null = null;
    // A map (its chart types and the world geometry, ~60 KB) loads only when its box
    // comes near the viewport: below the fold on the dashboard, it is not first-screen JS.
    const visible = new Promise<void>((resolve) => {
      if (!worldMap || typeof IntersectionObserver === 'undefined' || !wrap.current) return resolve();
      near = new IntersectionObserver((entries) => {
        if (entries.some((e) => e.isIntersecting)) {
          near?.disconnect();
          resolve();
        }
      }, { rootMargin: '200px' });
      near.observe(wrap.current);
    });
    visible
      .then(() => loadECharts())
      .then(async (echarts) => {
        if (worldMap) await loadWorldMap(echarts);
        const el = box.current;
        if (disposed || !el) return;
        // A box without size (still hidden while the route loads, say) cannot hold a
        // chart — a map's transform would not be invertible — so wait until it has one.
        const sized = () => el.clientWidth > 0 && el.clientHeight > 0;
        const start = () => {
          const c = echarts.init(el, null, { renderer: 'canvas' });
          chart.current = c;
          c.on('click', (p) => clickRef.current?.(p as unknown as ChartClick));
          setState('ready');
        };
        observer = new ResizeObserver(() => {
          if (!sized()) return;
          if (!chart.current) start();
          else chart.current.resize();
        });
        observer.observe(el);
        if (sized()) start();
      })
      .catch(() => {
        if (!disposed) setState('failed');
      });
    return () => {
      disposed = true;
      near?.disconnect();
      observer?.disconnect();
      chart.current?.dispose();
      chart.current = null;
    };
  }, [worldMap]);

  useEffect(() => {
    // CSP allows CSSOM, not style attributes: the data-driven height is set here.
    if (wrap.current) wrap.current.style.height = height ? `${height}px` : '';
  }, [height]);

  useEffect(() => {
    const c = chart.current;
    if (state !== 'ready' || !c) return;
    c.setOption(option, { notMerge: true });
    onReady?.(c);
  }, [option, state]);

  return (
    <div ref={wrap} class={`echart-wrap ${cls ?? 'chart'}`}>
      <div ref={box} class="echart" role="img" aria-label={label} />
      {state === 'loading' && (
        <div class="echart-overlay" role="status">
          <span class="spinner" aria-hidden="true" />
          <span class="visually-hidden">{t('ui.loading')}</span>
        </div>
      )}
      {state === 'failed' && (
        <div class="echart-overlay" role="alert">
          {t('chart.failed')}
        </div>
      )}
    </div>
  );
}
