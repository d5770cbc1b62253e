import { afterAll, describe, expect, test } from 'vitest';
import { setLocale } from '../lib/i18n';
import { fieldDef, fromText, toText } from './identityFields';
import { actorLabel } from '../console/partner360/HistoryTab';

describe('scores and coordinates in the form', () => {
  afterAll(() => setLocale('en'));
  test("are written in the locale's digits and read back", async () => {
    await setLocale('fa');
    const lat = fieldDef('latitude')!;
    const text = toText(35.6892, lat.kind);
    expect(text).toBe('۳۵٫۶۸۹۲');
    expect(fromText(lat, text)).toEqual({ ok: true, value: 35.6892 });
    expect(toText(87, fieldDef('technical_score')!.kind)).toBe('۸۷');
    await setLocale('en');
    expect(toText(35.6892, lat.kind)).toBe('35.6892');
  });
});

describe('History actor', () => {
  test('"system" and a missing actor read as the translated System', () => {
    expect(actorLabel('system', 'سیستم')).toBe('سیستم');
    expect(actorLabel(null, 'سیستم')).toBe('سیستم');
    expect(actorLabel('sara@example.com', 'سیستم')).toBe('sara@example.com');
  });
});
