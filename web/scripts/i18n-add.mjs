// Adds or replaces translations in src/i18n/{en,fa,ar,ms}.json from a draft file:
//   node scripts/i18n-add.mjs draft.json
// where draft.json is {"area.key": {"en": "…", "fa": "…", "ar": "…", "ms": "…"}, …}.
// Keys are dotted paths into the nested JSON. Writes are serialised by a lock directory
// so that several people can add keys at once; output is sorted for stable diffs.
import { mkdirSync, readFileSync, rmdirSync, writeFileSync, renameSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const dir = join(dirname(fileURLToPath(import.meta.url)), '..', 'src', 'i18n');
const locales = ['en', 'fa', 'ar', 'ms'];
const draft = JSON.parse(readFileSync(process.argv[2], 'utf8'));

for (const [key, tr] of Object.entries(draft))
  for (const l of locales)
    if (tr[l] === undefined || tr[l] === '') throw new Error(`${key}: missing ${l}`);

const lock = join(dir, '.lock');
for (let i = 0; ; i++) {
  try {
    mkdirSync(lock);
    break;
  } catch {
    if (i > 200) throw new Error(`cannot take ${lock}; remove it if no one is writing`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

function sortDeep(o) {
  if (typeof o !== 'object' || o === null || Array.isArray(o)) return o;
  return Object.fromEntries(Object.keys(o).sort().map((k) => [k, sortDeep(o[k])]));
}

try {
  for (const l of locales) {
    const file = join(dir, `${l}.json`);
    const data = JSON.parse(readFileSync(file, 'utf8'));
    for (const [key, tr] of Object.entries(draft)) {
      const parts = key.split('.');
      let node = data;
      for (const p of parts.slice(0, -1)) {
        if (typeof node[p] !== 'object' || node[p] === null) node[p] = {};
        node = node[p];
      }
      node[parts.at(-1)] = tr[l];
    }
    writeFileSync(`${file}.tmp`, JSON.stringify(sortDeep(data), null, 2) + '\n');
    renameSync(`${file}.tmp`, file);
  }
} finally {
  rmdirSync(lock);
}
console.log(`i18n: ${Object.keys(draft).length} keys written to ${locales.join(', ')}`);
