import { describe, expect, test } from 'vitest';
import { ApiError } from '../../lib/api';
import { readFailure } from './problems';

const fail = (status: number, errors: { field: string; message: string }[], detail?: string) =>
  new ApiError(status, { status, title: 'Rule violation', detail, errors }, null);

describe('readFailure', () => {
  test('every bad row as line, column and reason', () => {
    const f = readFailure(
      fail(422, [
        { field: 'line 2: type', message: 'must be one of: reseller' },
        { field: 'line 4', message: 'malformed CSV' },
        { field: 'line 7: row', message: 'has 3 columns, the header has 4' },
        { field: 'line 1: foo', message: 'unknown column' },
      ]),
    );
    expect(f.file).toBeNull();
    expect(f.rows).toEqual([
      { line: 2, column: 'type', reason: 'must be one of: reseller' },
      { line: 4, column: null, reason: 'malformed CSV' },
      { line: 7, column: null, reason: 'has 3 columns, the header has 4' },
      { line: 1, column: 'foo', reason: 'unknown column' },
    ]);
  });

  test('file-level problems', () => {
    expect(readFailure(fail(400, [{ field: 'file', message: 'is not valid UTF-8 text' }])).file).toBe('not_utf8');
    expect(readFailure(fail(422, [{ field: 'file', message: 'is empty: the first line must name the columns' }])).file).toBe('empty');
    expect(readFailure(fail(413, [])).file).toBe('too_large');
    expect(readFailure(new ApiError(0, { title: 'network' }, null)).file).toBe('network');
  });

  test('anything else is kept for a banner', () => {
    const f = readFailure(fail(500, [], 'database unavailable'));
    expect(f.rows).toEqual([]);
    expect(f.general).toEqual(['database unavailable']);
  });
});
