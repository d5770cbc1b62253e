import { describe, expect, test } from 'vitest';
import { ApiError, type Problem } from './api';
import { mapProblem } from './problem';

const err = (problem: object) => new ApiError(400, problem as Problem, null);

describe('mapProblem', () => {
  test('puts each known field error on its field', () => {
    const r = mapProblem(
      err({ title: 'Invalid request', errors: [{ field: 'legal_name', message: 'is required' }, { field: 'country', message: 'must be ISO 3166-1 alpha-2' }] }),
      ['legal_name', 'country', 'city'],
    );
    expect(r.fields).toEqual({ legal_name: 'is required', country: 'must be ISO 3166-1 alpha-2' });
    expect(r.general).toEqual([]);
  });
  test('nested fields map to their root field', () => {
    const r = mapProblem(err({ errors: [{ field: 'external_ids.erp', message: 'too long' }] }), ['external_ids']);
    expect(r.fields.external_ids).toBe('too long');
  });
  test('joins several messages for one field', () => {
    const r = mapProblem(err({ errors: [{ field: 'email', message: 'a' }, { field: 'email', message: 'b' }] }), ['email']);
    expect(r.fields.email).toBe('a; b');
  });
  test('fields the form does not show go to the banner, named by their label', () => {
    const r = mapProblem(err({ errors: [{ field: 'tier', message: 'is vendor-owned' }] }), ['city']);
    expect(r.fields).toEqual({});
    expect(r.general).toEqual(['Tier: is vendor-owned']);
  });
  test('without errors[] the detail or title is shown', () => {
    expect(mapProblem(err({ title: 'Conflict', detail: 'changed by someone else' }), []).general).toEqual(['changed by someone else']);
    expect(mapProblem(err({ title: 'Conflict' }), []).general).toEqual(['Conflict']);
  });
});
