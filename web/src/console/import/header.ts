// Reads a CSV file's header line in the browser (the first 64 KB are plenty), to warn
// before the import when no column can match existing records.
import { useEffect, useState } from 'preact/hooks';
import type { ImportKind } from './columns';

export async function headerColumns(file: File): Promise<string[]> {
  const text = (await file.slice(0, 65536).text()).replace(/^\uFEFF/, '');
  const line = text.split(/\r?\n/, 1)[0] ?? '';
  const commas = (line.match(/,/g) ?? []).length;
  const semis = (line.match(/;/g) ?? []).length;
  return line
    .split(semis > commas ? ';' : ',')
    .map((c) => c.trim().replace(/^"|"$/g, '').trim().toLowerCase())
    .filter(Boolean);
}

/** True when no column of the file can match an existing record (so every row adds one). */
export function useNoKey(file: File | null, kind: ImportKind): boolean {
  const [noKey, setNoKey] = useState(false);
  useEffect(() => {
    let live = true;
    setNoKey(false);
    if (file)
      headerColumns(file)
        .then((cols) => {
          const keys = kind === 'partners' ? ['id', 'external_id', 'erp_id'] : ['id'];
          if (live) setNoKey(cols.length > 0 && !cols.some((c) => keys.includes(c)));
        })
        .catch(() => undefined);
    return () => {
      live = false;
    };
  }, [file, kind]);
  return noKey;
}
