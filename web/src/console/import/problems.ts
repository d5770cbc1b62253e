// Reads the importers' problem+json: every bad row is an entry of errors[] whose field is
// "line N: column" (or "line N" for the whole row, "file" for the file itself).
import { ApiError } from '../../lib/api';
import { apiMessage } from '../../lib/apiMessages';

export interface RowProblem {
  line: number | null;
  column: string | null;
  reason: string;
}

export interface ImportFailure {
  rows: RowProblem[];
  /** The file as a whole: not UTF-8, empty, too large, wrong type, or no access. */
  file: 'not_utf8' | 'empty' | 'too_large' | 'media_type' | 'forbidden' | 'network' | null;
  /** Anything else the server said (title / detail). */
  general: string[];
}

const LINE = /^line (\d+)(?::\s*(.*))?$/;

export function readFailure(e: unknown): ImportFailure {
  const out: ImportFailure = { rows: [], file: null, general: [] };
  if (!(e instanceof ApiError)) {
    out.general.push(String((e as Error)?.message ?? e));
    return out;
  }
  if (e.status === 0) out.file = 'network';
  else if (e.status === 413) out.file = 'too_large';
  else if (e.status === 415) out.file = 'media_type';
  else if (e.status === 403) out.file = 'forbidden';
  for (const err of e.problem.errors ?? []) {
    const m = LINE.exec(err.field ?? '');
    if (m) {
      const col = m[2] && m[2] !== 'row' ? m[2] : null;
      out.rows.push({ line: Number(m[1]), column: col, reason: apiMessage(err.message) });
    } else if (err.field === 'file' && /UTF-8/i.test(err.message)) out.file = 'not_utf8';
    else if (err.field === 'file' && /empty/i.test(err.message)) out.file = 'empty';
    else out.rows.push({ line: null, column: err.field || null, reason: apiMessage(err.message) });
  }
  if (!out.rows.length && !out.file) out.general.push(e.problem.detail || e.problem.title || e.message);
  return out;
}

/** The server lists at most this many problems (CB_ERRORS_MAX). */
export const MAX_LISTED = 64;
