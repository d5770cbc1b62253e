// Every errors_add template in the C sources has a catalogue entry (or is listed as never
// shown); known messages come out in the user's language with its digits.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, test } from 'vitest';
import { apiMessage, CATALOGUE, fieldLabel, matchMessage, NOT_SHOWN } from './apiMessages';
import { mapProblem } from './problem';
import { ApiError, type Problem } from './api';
import { setLocale } from './i18n';

const repo = join(dirname(fileURLToPath(import.meta.url)), '../../..');

function cFiles(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) cFiles(p, out);
    else if (name.endsWith('.c')) out.push(p);
  }
  return out;
}

/** The format string (third argument) of every errors_add call, string pieces joined. */
export function templates(): string[] {
  const found = new Set<string>();
  for (const f of cFiles(join(repo, 'src'))) {
    const s = readFileSync(f, 'utf8');
    const call = /\berrors_add\s*\(/g;
    for (let m = call.exec(s); m; m = call.exec(s)) {
      const args: string[] = [];
      let cur = '';
      let depth = 1;
      let i = call.lastIndex;
      for (; i < s.length && depth > 0; i++) {
        const c = s[i];
        if (c === '"') {
          let j = i + 1;
          while (s[j] !== '"') j += s[j] === '\\' ? 2 : 1;
          cur += s.slice(i, j + 1);
          i = j;
          continue;
        }
        if (c === '(') depth++;
        if (c === ')' && --depth === 0) break;
        if (c === ',' && depth === 1) {
          args.push(cur.trim());
          cur = '';
        } else cur += c;
      }
      args.push(cur.trim());
      const fmt = args[2];
      // the definition of errors_add itself (its parameter list) has no literal
      if (!fmt || !fmt.startsWith('"')) continue;
      const text = [...fmt.matchAll(/"((?:[^"\\]|\\.)*)"/g)].map((x) => JSON.parse(`"${x[1]}"`) as string).join('');
      found.add(text);
    }
  }
  return [...found].sort();
}

describe('API message catalogue', () => {
  const all = templates();
  test('the C sources were read', () => {
    expect(all.length).toBeGreaterThan(50);
    expect(all).toContain('is required');
  });
  test('every errors_add template has a catalogue entry or is listed as never shown', () => {
    const known = new Set([...CATALOGUE.map((e) => e[0]), ...Object.keys(NOT_SHOWN)]);
    expect(all.filter((tpl) => !known.has(tpl))).toEqual([]);
  });
  test('no stale entries', () => {
    expect(CATALOGUE.map((e) => e[0]).filter((tpl) => !all.includes(tpl))).toEqual([]);
  });
  test('each literal template matches its own entry', () => {
    for (const [tpl, key] of CATALOGUE) if (!/%/.test(tpl)) expect(matchMessage(tpl)?.key, tpl).toBe(key);
  });
});

describe('in Persian', () => {
  beforeAll(async () => {
    await setLocale('fa');
  });
  test('a templated message with numbers: translated, Persian digits', () => {
    expect(apiMessage('must be at most 200 characters')).toBe('باید حداکثر ۲۰۰ نویسه باشد');
    expect(apiMessage('must be an integer between 0 and 100')).toBe('باید عدد صحیحی بین ۰ و ۱۰۰ باشد');
  });
  test('a literal message, and an id without grouping', () => {
    expect(apiMessage('must be an http:// or https:// address such as https://example.com')).toMatch(/^باید نشانی وبی/);
    expect(apiMessage('no partner with id 12345')).toBe('شریکی با شناسه ۱۲۳۴۵ نیست');
  });
  test('the owner of a vendor-owned field is named in Persian', () => {
    expect(apiMessage('is vendor-owned; your role may not change it')).toBe('توسط فروشنده نگهداری می‌شود؛ نقش شما اجازه تغییر آن را ندارد');
  });
  test('an unknown message stays as sent', () => {
    expect(apiMessage('something new')).toBe('something new');
  });
  test('field names use the UI labels', () => {
    expect(fieldLabel('tier')).toBe('سطح');
    expect(fieldLabel('external_ids.erp')).toBe('شناسه ERP');
    expect(fieldLabel('contacts[2].email')).toBe('رایانامه');
    expect(fieldLabel('no_such_field')).toBe('no_such_field');
  });
  test('mapProblem shows the banner in Persian', () => {
    const e = new ApiError(422, { errors: [{ field: 'tier', message: 'is vendor-owned; your role may not change it' }] } as Problem, null);
    expect(mapProblem(e, ['city']).general).toEqual(['سطح: توسط فروشنده نگهداری می‌شود؛ نقش شما اجازه تغییر آن را ندارد']);
  });
});
