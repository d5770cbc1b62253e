import { describe, expect, test } from 'vitest';
import { evidenceOf, groupKey, parseIds, reasonValue, weaklyLinked, type DupGroup } from './types';

const group: DupGroup = {
  score: 0.95,
  partners: [
    { id: 104, name: 'Katri', city: 'George Town', country: 'MY' },
    { id: 105, name: 'katri Ltd', city: 'George Town', country: 'MY' },
    { id: 247, name: 'Zenvo', city: 'George Town', country: 'MY' },
  ],
  reasons: [
    { reason: 'tax_id', score: 0.95, partners: [104, 105], value: 'MY1' },
    { reason: 'name', score: 0.9, partners: [104, 105], value: 'MY katri digital' },
    { reason: 'similar_name', score: 0.6, partners: [105, 247], value: 'a ~ b' },
    { reason: 'similar_name', score: 0.6, partners: [105, 247], value: 'a ~ b' },
  ],
};

describe('duplicate groups', () => {
  test('evidence is one entry per reason and value, strongest first', () => {
    const e = evidenceOf(group);
    expect(e.map((x) => x.reason)).toEqual(['tax_id', 'name', 'similar_name']);
    expect(e[2].ids).toEqual([105, 247]);
    expect(e[1].value).toBe('katri digital');
  });

  test('the name key loses its country prefix', () => {
    expect(reasonValue({ reason: 'name', score: 0.9, partners: [1, 2], value: ' acme' })).toBe('acme');
    expect(reasonValue({ reason: 'phone', score: 0.7, partners: [1, 2], value: '+9821' })).toBe('+9821');
  });

  test('partners linked by similar names only are weak', () => {
    expect([...weaklyLinked(group)]).toEqual([247]);
  });

  test('ids in the URL', () => {
    expect(groupKey([7, 6])).toBe('6,7');
    expect(parseIds('7,x,6,7,-1')).toEqual([7, 6]);
    expect(parseIds(undefined)).toEqual([]);
  });
});
