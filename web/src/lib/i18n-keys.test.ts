// Every locale has exactly the keys of every other, with the same {placeholders}; every
// key is used by the code; every key the code asks for exists.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';

const src = join(dirname(fileURLToPath(import.meta.url)), '..');
const LOCALES = ['en', 'fa', 'ar', 'ms'];
const PLURAL = new Set(['zero', 'one', 'two', 'few', 'many', 'other']);

type Tree = { [k: string]: string | Tree };
const isPlural = (v: Tree) => Object.keys(v).length > 0 && Object.keys(v).every((k) => PLURAL.has(k)) && 'other' in v;

function leaves(tree: Tree, prefix = '', out = new Map<string, string[]>()): Map<string, string[]> {
  for (const [k, v] of Object.entries(tree)) {
    const key = prefix ? `${prefix}.${k}` : k;
    if (typeof v === 'string') out.set(key, [v]);
    else if (isPlural(v)) out.set(key, Object.values(v) as string[]);
    else leaves(v, key, out);
  }
  return out;
}

const placeholders = (texts: string[]) => [...new Set(texts.flatMap((s) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1])))].sort();

function sources(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) {
      if (name !== 'i18n') sources(p, out);
    } else if (/\.(ts|tsx)$/.test(name) && !/\.test\.tsx?$/.test(name)) out.push(p);
  }
  return out;
}

const dicts = Object.fromEntries(
  LOCALES.map((l) => [l, leaves(JSON.parse(readFileSync(join(src, 'i18n', `${l}.json`), 'utf8')))]),
) as Record<string, Map<string, string[]>>;
const code = sources(src).map((f) => readFileSync(f, 'utf8')).join('\n');
const literals = new Set([...code.matchAll(/['"`]([a-z_]+(?:\.[a-z0-9_]+)+)['"`]/g)].map((m) => m[1]));
const dynamicPrefixes = [...code.matchAll(/`([a-z_]+(?:\.[a-z0-9_]+)*\.)\$\{/g)].map((m) => m[1]);
const asked = [...code.matchAll(/\bt\(\s*['"]([^'"]+)['"]/g)].map((m) => m[1]);

describe('translations', () => {
  test.each(LOCALES.filter((l) => l !== 'en'))('%s has the same keys as en', (l) => {
    const en = [...dicts.en.keys()].sort();
    const other = [...dicts[l].keys()].sort();
    expect(en.filter((k) => !dicts[l].has(k)), `missing in ${l}`).toEqual([]);
    expect(other.filter((k) => !dicts.en.has(k)), `only in ${l}`).toEqual([]);
  });

  test.each(LOCALES.filter((l) => l !== 'en'))('%s uses the same placeholders as en', (l) => {
    const bad = [...dicts.en.keys()].filter(
      (k) => dicts[l].has(k) && placeholders(dicts.en.get(k)!).join() !== placeholders(dicts[l].get(k)!).join(),
    );
    expect(bad).toEqual([]);
  });

  test('no translation is empty', () => {
    const empty = LOCALES.flatMap((l) => [...dicts[l]].filter(([, v]) => v.some((s) => !s.trim())).map(([k]) => `${l}:${k}`));
    expect(empty).toEqual([]);
  });

  test('every key is used by the code', () => {
    const unused = [...dicts.en.keys()].filter((k) => !literals.has(k) && !dynamicPrefixes.some((p) => k.startsWith(p)));
    expect(unused).toEqual([]);
  });

  test('every key the code asks for exists', () => {
    expect(asked.filter((k) => !dicts.en.has(k))).toEqual([]);
  });
});

describe('digits', () => {
  // Numbers in a message come through {placeholders}, formatted with the locale's digits;
  // written into an fa/ar translation they would show Latin digits. Allowed: names and
  // literal values the user types as such (a CSV cell, a standard's number, a colour).
  const LITERAL = /UTF-8|RFC 4180|ISO 3166-1|#[0-9a-f]{6}|https?:\/\/\S+|\+\d[\d ]*|\b(?:1\/0|yes\/no)\b|\b[A-Z]{2,}\d*\b|[\w.]*\d{4}-\d{2}-\d{2}|\b\w+_\w+\b|\{\w+\}/g;
  test.each(['fa', 'ar'])('%s translations write no Latin digits of their own', (l) => {
    const bad = [...dicts[l]].filter(([, v]) => v.some((s) => /[0-9]/.test(s.replace(LITERAL, '')))).map(([k, v]) => `${k}: ${v.join(' | ')}`);
    expect(bad).toEqual([]);
  });
});
