import { describe, expect, test } from 'vitest';
import { countryName, formatBytes, formatDate, formatMoney as money, formatNumber } from './format';

// Intl separates currency and number by a no-break space; compare with plain spaces.
const formatMoney = (...a: Parameters<typeof money>) => money(...a).replace(/\u00a0/g, ' ');

describe('numbers', () => {
  test('use the locale digits', () => {
    expect(formatNumber(1234567, 'en')).toBe('1,234,567');
    expect(formatNumber(1234, 'fa')).toBe('۱٬۲۳۴');
    expect(formatNumber(1234, 'ms')).toBe('1,234');
    expect(formatNumber(1234, 'ar')).toBe('١٬٢٣٤');
  });
  test('empty for missing values', () => {
    expect(formatNumber(null, 'en')).toBe('');
    expect(formatNumber(Number.NaN, 'en')).toBe('');
  });
});

describe('dates', () => {
  test('Gregorian by default, in the locale', () => {
    expect(formatDate('2026-11-23', 'en')).toBe('23 Nov 2026');
    expect(formatDate('2026-03-21', 'fa', 'gregory')).toContain('۲۰۲۶');
  });
  test('the Persian calendar when chosen: 21 March 2026 is 1 Farvardin 1405', () => {
    const s = formatDate('2026-03-21', 'fa', 'persian');
    expect(s).toContain('۱۴۰۵');
    expect(s).toContain('فروردین');
    expect(s).toMatch(/^۱ /);
  });
  test('the calendar choice applies to Persian only', () => {
    expect(formatDate('2026-03-21', 'en', 'persian')).toBe('21 Mar 2026');
  });
  test('timestamps are shown by their UTC date; bad input passes through', () => {
    expect(formatDate('2026-11-23T23:30:00Z', 'en')).toBe('23 Nov 2026');
    expect(formatDate('not a date', 'en')).toBe('not a date');
    expect(formatDate(null, 'en')).toBe('');
  });
});

describe('money', () => {
  test('minor units by the currency exponent', () => {
    expect(formatMoney({ amount: 125000, currency: 'USD' }, 'en')).toBe('US$1,250.00');
    expect(formatMoney({ amount: 5000, currency: 'JPY' }, 'en')).toBe('JP¥5,000');
    expect(formatMoney({ amount: 1234, currency: 'KWD' }, 'en')).toBe('KWD 1.234');
  });
  test('Persian digits for Persian', () => {
    expect(formatMoney({ amount: 125000, currency: 'USD' }, 'fa')).toContain('۱٬۲۵۰');
  });
  test('Malaysian ringgit in Malay', () => {
    expect(formatMoney({ amount: 9900, currency: 'MYR' }, 'ms')).toBe('RM 99.00');
  });
});

describe('other', () => {
  test('bytes', () => {
    expect(formatBytes(512, 'en')).toBe('512 byte');
    expect(formatBytes(20 * 1024 * 1024, 'en')).toBe('20 MB');
  });
  test('country names in the language', () => {
    expect(countryName('IR', 'en')).toBe('Iran');
    expect(countryName('MY', 'ms')).toBe('Malaysia');
    expect(countryName('', 'en')).toBe('');
  });
});
