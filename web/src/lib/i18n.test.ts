import { describe, expect, test } from 'vitest';
import { browserLocale, interpolate, translate } from './i18n';

const en = { a: { hello: 'Hello {name}', n: { one: '{count} partner', other: '{count} partners' } } };
const fa = { a: { hello: 'سلام {name}', n: { other: '{count} شریک' } } };
const ar = { a: { n: { zero: 'لا شركاء', one: 'شريك واحد', two: 'شريكان', few: '{count} شركاء', many: '{count} شريكًا', other: '{count} شريك' } } };

describe('translate', () => {
  test('interpolates named parameters', () => {
    expect(translate(en, en, 'en', 'a.hello', { name: 'Sara' })).toBe('Hello Sara');
  });
  test('falls back to English, then to the key itself', () => {
    expect(translate(ar, en, 'ar', 'a.hello', { name: 'x' })).toBe('Hello x');
    expect(translate(en, en, 'en', 'a.missing')).toBe('a.missing');
  });
  test('chooses the plural form by the locale rules', () => {
    expect(translate(en, en, 'en', 'a.n', { count: 1 })).toBe('1 partner');
    expect(translate(en, en, 'en', 'a.n', { count: 3 })).toBe('3 partners');
    expect(translate(ar, en, 'ar', 'a.n', { count: 2 })).toBe('شريكان');
    expect(translate(ar, en, 'ar', 'a.n', { count: 0 })).toBe('لا شركاء');
    expect(translate(ar, en, 'ar', 'a.n', { count: 5 })).toMatch(/^[٠-٩0-9]+ شركاء$/);
  });
  test('writes numbers with the locale digits', () => {
    expect(translate(fa, en, 'fa', 'a.n', { count: 12 })).toBe('۱۲ شریک');
    expect(interpolate('{n} items', { n: 1234 }, 'en')).toBe('1,234 items');
  });
  test('leaves unknown placeholders visible', () => {
    expect(interpolate('{a} and {b}', { a: 'x' }, 'en')).toBe('x and {b}');
  });
});

describe('browserLocale', () => {
  test('takes the first supported language', () => {
    expect(browserLocale(['de-DE', 'fa-IR', 'en'])).toBe('fa');
    expect(browserLocale(['ms-MY'])).toBe('ms');
    expect(browserLocale(['ar-SA'])).toBe('ar');
  });
  test('defaults to English', () => {
    expect(browserLocale(['de', 'fr'])).toBe('en');
    expect(browserLocale([])).toBe('en');
  });
});
