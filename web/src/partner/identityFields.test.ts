// Form text ↔ API values for the identity form.
import { describe, expect, test } from 'vitest';
import { fieldDef, fromText, readField, sameValue, splitTags, toText } from './identityFields';
import type { Partner } from '../lib/types';

describe('identity fields', () => {
  test('numbers accept Persian and Arabic digits and reject typos', () => {
    expect(fromText(fieldDef('technical_score')!, '۷۵')).toEqual({ ok: true, value: 75 });
    expect(fromText(fieldDef('technical_score')!, '٤٢')).toEqual({ ok: true, value: 42 });
    expect(fromText(fieldDef('technical_score')!, '7x')).toEqual({ ok: false, error: 'integer' });
    expect(fromText(fieldDef('latitude')!, '35٫7')).toEqual({ ok: true, value: 35.7 });
    expect(fromText(fieldDef('latitude')!, '')).toEqual({ ok: true, value: null });
  });

  test('tags split on Latin and Arabic commas, without duplicates', () => {
    expect(splitTags('Banking، Government, banking;  Retail ')).toEqual(['Banking', 'Government', 'Retail']);
    expect(fromText(fieldDef('languages')!, 'en, fa')).toEqual({ ok: true, value: ['en', 'fa'] });
  });

  test('empty text is null, and a value survives the round trip', () => {
    expect(fromText(fieldDef('website')!, '  ')).toEqual({ ok: true, value: null });
    const p = { industries: ['Banking', 'Government'], latitude: 35.735, external_ids: { erp: 'E-1', crm: null } } as unknown as Partner;
    for (const f of ['industries', 'latitude'] as const) {
      const back = fromText(fieldDef(f)!, toText(readField(p, f)));
      expect(back.ok && sameValue(back.value, readField(p, f))).toBe(true);
    }
    expect(readField(p, 'external_ids.erp')).toBe('E-1');
    expect(readField(p, 'external_ids.crm')).toBe(null);
    expect(readField(p, 'segment')).toBeUndefined();
  });
});
