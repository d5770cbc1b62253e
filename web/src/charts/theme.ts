// Shared look of the charts: the page's font and colours, numbers in the user's digits,
// and tooltips built as DOM nodes (text only, so a partner's name is never parsed as HTML).
import { formatNumber } from '../lib/format';
import { getLocale, type Locale } from '../lib/i18n';

export const STATUS_COLOURS: Record<string, string> = {
  prospect: '#0284c7',
  applied: '#d97706',
  onboarding: '#ca8a04',
  active: '#16a34a',
  suspended: '#dc2626',
  terminated: '#6b7280',
};

/** Categorical colours with enough contrast against white and between neighbours. */
export const PALETTE = ['#2563eb', '#0d9488', '#9333ea', '#ea580c', '#0891b2', '#be185d', '#4d7c0f', '#a16207', '#4f46e5', '#64748b'];

export const NONE_COLOUR = '#cbd5e1';

/**
 * The charts' font: named families, never a generic like system-ui. ECharts measures a
 * label on a canvas of its own (no language) and draws it on the chart's canvas, which
 * inherits <html lang>; a generic family resolves per language, so under lang=ar the
 * label was measured in one font and drawn in a wider one — pushed under the bars and
 * cut short ("استشا"). A family that has the script's glyphs, named first, is the same
 * font in both places.
 */
export const CHART_FONTS: Record<Locale, string> = {
  en: "'Segoe UI', Roboto, 'Noto Sans', 'Helvetica Neue', Arial, 'DejaVu Sans', sans-serif",
  ms: "'Segoe UI', Roboto, 'Noto Sans', 'Helvetica Neue', Arial, 'DejaVu Sans', sans-serif",
  fa: "Vazirmatn, 'Noto Sans Arabic', 'Segoe UI', Tahoma, 'Geeza Pro', 'DejaVu Sans', sans-serif",
  ar: "'Noto Sans Arabic', 'Segoe UI', Tahoma, 'Geeza Pro', 'DejaVu Sans', sans-serif",
};

export function pageFont(locale: Locale = getLocale()): string {
  return CHART_FONTS[locale];
}

export function baseOption() {
  return {
    animationDuration: 300,
    textStyle: { fontFamily: pageFont(), color: '#374151' },
    tooltip: {
      confine: true,
      backgroundColor: '#ffffff',
      borderColor: '#d1d5db',
      textStyle: { color: '#111827', fontFamily: pageFont() },
    },
  };
}

/** A tooltip body: a title line, then "label: value" lines; built with textContent. */
export function tooltipNode(title: string, lines: [string, string][] = [], colour?: string): HTMLElement {
  const root = document.createElement('div');
  root.className = 'chart-tip';
  const head = document.createElement('div');
  head.className = 'chart-tip-title';
  if (colour) {
    const dot = document.createElement('span');
    dot.className = 'chart-tip-dot';
    dot.style.backgroundColor = colour;
    head.append(dot);
  }
  const name = document.createElement('span');
  name.dir = 'auto';
  name.textContent = title;
  head.append(name);
  root.append(head);
  for (const [k, v] of lines) {
    const line = document.createElement('div');
    const key = document.createElement('span');
    key.className = 'chart-tip-key';
    key.textContent = k;
    const val = document.createElement('b');
    val.textContent = v;
    line.append(key, document.createTextNode(' '), val);
    root.append(line);
  }
  return root;
}

export function fmt(n: number | string): string {
  return formatNumber(typeof n === 'number' ? n : Number(n));
}
