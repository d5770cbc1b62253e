// Right to left by CSS alone: fa and ar set <html dir="rtl">, and the layout mirrors only
// if no rule names a physical side. Every .css file under src/ is scanned for physical
// properties (margin-left, padding-right, border-left-*, border-top-left-radius, left:,
// right: …), physical values (text-align/float/clear: left|right) and shorthands whose
// left and right differ (margin: 0 1rem 0 0); every .ts/.tsx file for the same in style
// objects and CSSOM (marginLeft, style.left, setProperty('padding-right', …)).
// Use the logical forms: margin-inline-start, inset-inline-end, border-start-start-radius,
// text-align: start, float: inline-start …
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';

const src = join(dirname(fileURLToPath(import.meta.url)), '..');

function files(dir: string, re: RegExp, out: string[] = []): string[] {
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) files(p, re, out);
    else if (re.test(name)) out.push(p);
  }
  return out.sort();
}

const LOGICAL: Record<string, string> = {
  'margin-left': 'margin-inline-start',
  'margin-right': 'margin-inline-end',
  'padding-left': 'padding-inline-start',
  'padding-right': 'padding-inline-end',
  'border-left': 'border-inline-start',
  'border-right': 'border-inline-end',
  'border-top-left-radius': 'border-start-start-radius',
  'border-top-right-radius': 'border-start-end-radius',
  'border-bottom-left-radius': 'border-end-start-radius',
  'border-bottom-right-radius': 'border-end-end-radius',
  'scroll-margin-left': 'scroll-margin-inline-start',
  'scroll-margin-right': 'scroll-margin-inline-end',
  'scroll-padding-left': 'scroll-padding-inline-start',
  'scroll-padding-right': 'scroll-padding-inline-end',
  left: 'inset-inline-start',
  right: 'inset-inline-end',
};

/** The logical replacement of a physical property, or null when it is not physical. */
function physicalProperty(prop: string): string | null {
  if (LOGICAL[prop]) return LOGICAL[prop];
  const m = /^border-(left|right)-(width|style|color)$/.exec(prop);
  if (m) return `border-inline-${m[1] === 'left' ? 'start' : 'end'}-${m[2]}`;
  return null;
}

/** Shorthands whose 4-value form names top, right, bottom, left. */
const BOX_SHORTHANDS = new Set(['margin', 'padding', 'inset', 'border-width', 'border-style', 'border-color', 'scroll-margin', 'scroll-padding']);

/** Splits a value into its top-level words (commas and parentheses kept together). */
function words(value: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let cur = '';
  for (const ch of value.trim()) {
    if (ch === '(') depth++;
    if (ch === ')') depth--;
    if (/\s/.test(ch) && depth === 0) {
      if (cur) out.push(cur);
      cur = '';
    } else cur += ch;
  }
  if (cur) out.push(cur);
  return out;
}

/** Why a declaration is physical (left/right), or null when it mirrors by itself. */
export function physicalReason(prop: string, rawValue: string): string | null {
  prop = prop.trim().toLowerCase();
  if (prop.startsWith('--')) return null; // custom properties hold values, not layout
  const value = rawValue.replace(/!important/i, '').trim().toLowerCase();
  const logical = physicalProperty(prop);
  if (logical) return `physical property "${prop}": use ${logical}`;
  if (['text-align', 'float', 'clear', 'text-align-last'].includes(prop) && /^(left|right)$/.test(value))
    return `"${prop}: ${value}": use ${prop}: ${prop.startsWith('text-align') ? (value === 'left' ? 'start' : 'end') : value === 'left' ? 'inline-start' : 'inline-end'}`;
  if (BOX_SHORTHANDS.has(prop)) {
    const w = words(value);
    if (w.length === 4 && w[1] !== w[3])
      return `"${prop}: ${value}" sets left and right differently: use ${prop === 'inset' ? 'inset-block / inset-inline-start / inset-inline-end' : `${prop}-block and ${prop}-inline-start / -end`}`;
  }
  if (prop === 'border-radius') {
    const w = words(value.split('/')[0]);
    const [tl, tr = tl, br = tl, bl = tr] = w;
    if (tl !== tr || br !== bl) return `"${prop}: ${value}" rounds the left and right corners differently: use border-start-start-radius …`;
  }
  return null;
}

export interface Finding {
  line: number;
  text: string;
  reason: string;
}

/** Every physical declaration of a style sheet, with its line (comments and selectors are not declarations). */
export function scanCss(css: string): Finding[] {
  // blank out comments, keeping line breaks so that offsets map to the same lines
  const text = css.replace(/\/\*[\s\S]*?\*\//g, (c) => c.replace(/[^\n]/g, ' '));
  const lineAt = (i: number) => text.slice(0, i).split('\n').length;
  const out: Finding[] = [];
  // declarations are the innermost blocks ({ … } with no brace inside); selectors and
  // at-rule preludes (@media …) are outside them
  const re = /\{([^{}]*)\}/g;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    let at = m.index + 1;
    for (const decl of m[1].split(';')) {
      const colon = decl.indexOf(':');
      if (colon > 0) {
        const prop = decl.slice(0, colon);
        const reason = physicalReason(prop, decl.slice(colon + 1));
        if (reason) {
          const start = at + decl.length - decl.trimStart().length;
          out.push({ line: lineAt(start), text: decl.trim().replace(/\s+/g, ' '), reason });
        }
      }
      at += decl.length + 1;
    }
  }
  return out;
}

const CAMEL_PHYSICAL =
  /\b(?:(?:margin|padding|scrollMargin|scrollPadding)(?:Left|Right)|border(?:Left|Right)(?:Width|Style|Color)?|border(?:Top|Bottom)(?:Left|Right)Radius)\b/;

/** Physical directions in TS/TSX style objects and CSSOM calls. */
export function scanScript(source: string): Finding[] {
  const out: Finding[] = [];
  const lines = source.split('\n');
  lines.forEach((line, i) => {
    const add = (reason: string) => out.push({ line: i + 1, text: line.trim(), reason });
    const camel = CAMEL_PHYSICAL.exec(line);
    if (camel) add(`physical style property "${camel[0]}": use its logical form (marginInlineStart, borderInlineEndColor, borderStartStartRadius …) or a class with logical CSS`);
    if (/\.style\.(left|right)\b/.test(line)) add('style.left/right: use style.insetInlineStart / insetInlineEnd');
    if (/\b(?:textAlign|cssFloat|float|clear)\s*[:=]\s*['"`](left|right)['"`]/.test(line)) add('text-align/float/clear left|right: use start/end (inline-start/inline-end)');
    const prop = /setProperty\(\s*['"`]([a-z-]+)['"`]\s*,\s*['"`]?([^'"`)]*)/.exec(line);
    if (prop) {
      const reason = physicalReason(prop[1], prop[2]);
      if (reason) add(reason);
    }
  });
  // inline style objects: style={{ … left: … }}
  for (const m of source.matchAll(/style=\{\{([\s\S]*?)\}\}/g)) {
    const key = /(?:^|[\s,{])(left|right)\s*:/.exec(m[1]);
    if (key) {
      const line = source.slice(0, m.index).split('\n').length;
      out.push({ line, text: m[0].replace(/\s+/g, ' ').slice(0, 120), reason: `"${key[1]}" in an inline style object: use insetInlineStart / insetInlineEnd` });
    }
  }
  return out.sort((a, b) => a.line - b.line);
}

const report = (findings: [string, Finding][]) =>
  findings.map(([file, f]) => `${relative(join(src, '..', '..'), file)}:${f.line}: ${f.text}\n    ${f.reason}`).join('\n');

describe('the detector', () => {
  test('finds physical properties and values, with their lines', () => {
    const css = [
      '/* margin-left: 1rem; in a comment is fine */',
      '.a { margin-left: 1rem; padding-inline-start: 2px }',
      '@media (max-width: 600px) {',
      '  .b:hover { right: 0; text-align: right; }',
      '  .c { border-top-left-radius: 4px; border-right-color: red }',
      '}',
      '.d { float: left; clear: right; inset: 0 auto 0 1rem; margin: 0 1rem 0 0; border-radius: 4px 0 0 4px }',
      '.e { border-left: 1px solid; padding-right: 0 !important }',
    ].join('\n');
    const found = scanCss(css).map((f) => `${f.line} ${f.text}`);
    expect(found).toEqual([
      '2 margin-left: 1rem',
      '4 right: 0',
      '4 text-align: right',
      '5 border-top-left-radius: 4px',
      '5 border-right-color: red',
      '7 float: left',
      '7 clear: right',
      '7 inset: 0 auto 0 1rem',
      '7 margin: 0 1rem 0 0',
      '7 border-radius: 4px 0 0 4px',
      '8 border-left: 1px solid',
      '8 padding-right: 0 !important',
    ]);
  });

  test('leaves logical and symmetric rules alone', () => {
    const css = [
      '.a:hover, a:focus-visible, .left-col::before { margin-inline-start: 1rem; inset-inline-end: 0; text-align: start }',
      '.b { margin: 0 auto; padding: .5rem 1rem; inset: 0; border-radius: 50%; border-radius: 4px 4px 0 0; float: inline-start }',
      '.c { border-start-start-radius: 4px; border-inline-end: 1px solid; text-align: center; --left: 3px; background: url(a-left.svg) }',
      '.d { margin: 1px 2px 3px 2px; transition: opacity .15s }',
    ].join('\n');
    expect(scanCss(css)).toEqual([]);
  });

  test('finds style objects and CSSOM that name a side', () => {
    const tsx = [
      'el.style.marginLeft = "4px";',
      '<div style={{ left: 0, top: 2 }} />',
      "el.style.setProperty('padding-right', '2px');",
      "const s = { textAlign: 'right' };",
      'el.style.backgroundColor = bg; el.style.insetInlineStart = "0";',
      "grid: { left: 4, right: 48 }, // an ECharts option, not a style",
    ].join('\n');
    expect(scanScript(tsx).map((f) => f.line)).toEqual([1, 2, 3, 4]);
  });
});

describe('web/src', () => {
  test('no .css file names a physical side (the layout mirrors in fa and ar)', () => {
    const sheets = files(src, /\.css$/);
    expect(sheets.length).toBeGreaterThan(5);
    const findings = sheets.flatMap((f) => scanCss(readFileSync(f, 'utf8')).map((x) => [f, x] as [string, Finding]));
    expect(findings.length, `physical left/right in CSS (use logical properties):\n${report(findings)}\n`).toBe(0);
  });

  test('no style object or CSSOM call in .ts/.tsx names a physical side', () => {
    const scripts = files(src, /\.tsx?$/).filter((f) => !/\.test\.tsx?$/.test(f));
    expect(scripts.length).toBeGreaterThan(20);
    const findings = scripts.flatMap((f) => scanScript(readFileSync(f, 'utf8')).map((x) => [f, x] as [string, Finding]));
    expect(findings.length, `physical left/right in style objects (use logical properties):\n${report(findings)}\n`).toBe(0);
  });
});
