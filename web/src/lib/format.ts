// Numbers, dates and money through Intl, in the user's language and digits. Persian
// users may choose the Persian (Jalali) calendar for display; dates stay ISO in the API.
import { getLocale, intlTag, type Locale } from './i18n';

export type Calendar = 'gregory' | 'persian';

let calendar: Calendar = 'gregory';

export function setCalendar(c: Calendar) {
  calendar = c;
}
export function getCalendar(): Calendar {
  return calendar;
}

function tag(locale: Locale, cal: Calendar = calendar): string {
  // The calendar choice applies to Persian only; Gregorian stays Gregorian for Persian
  // users who did not ask for Jalali.
  return intlTag(locale, cal);
}

export function formatNumber(n: number | null | undefined, locale: Locale = getLocale()): string {
  if (n === null || n === undefined || Number.isNaN(n)) return '';
  return new Intl.NumberFormat(tag(locale)).format(n);
}

/** A decimal with exactly `digits` fraction digits (35.6892), in the user's digits. */
export function formatDecimal(n: number, digits: number, locale: Locale = getLocale()): string {
  return new Intl.NumberFormat(tag(locale), { minimumFractionDigits: digits, maximumFractionDigits: digits, useGrouping: false }).format(n);
}

/** An ISO date (2026-11-23) or timestamp (2026-11-23T10:00:00Z) as a date. */
export function formatDate(iso: string | null | undefined, locale: Locale = getLocale(), cal?: Calendar): string {
  if (!iso) return '';
  const d = new Date(iso.length === 10 ? `${iso}T00:00:00Z` : iso);
  if (Number.isNaN(d.getTime())) return iso;
  return new Intl.DateTimeFormat(tag(locale, cal), { year: 'numeric', month: 'short', day: 'numeric', timeZone: 'UTC' }).format(d);
}

export function formatDateTime(iso: string | null | undefined, locale: Locale = getLocale(), cal?: Calendar): string {
  if (!iso) return '';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return new Intl.DateTimeFormat(tag(locale, cal), {
    year: 'numeric',
    month: 'short',
    day: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
  }).format(d);
}

/** Money is integer minor units plus an ISO 4217 currency, as in the API. */
export function formatMoney(m: { amount: number; currency: string } | null | undefined, locale: Locale = getLocale()): string {
  if (!m) return '';
  const digits = new Intl.NumberFormat('en', { style: 'currency', currency: m.currency }).resolvedOptions()
    .maximumFractionDigits ?? 2;
  return new Intl.NumberFormat(tag(locale), { style: 'currency', currency: m.currency }).format(m.amount / 10 ** digits);
}

/** A fraction (0.95) as a percentage (95%) in the user's digits. */
export function formatPercent(fraction: number | null | undefined, locale: Locale = getLocale(), digits = 0): string {
  if (fraction === null || fraction === undefined || Number.isNaN(fraction)) return '';
  return new Intl.NumberFormat(tag(locale), { style: 'percent', maximumFractionDigits: digits }).format(fraction);
}

export function formatBytes(n: number, locale: Locale = getLocale()): string {
  const units = ['byte', 'kilobyte', 'megabyte', 'gigabyte'] as const;
  let i = 0;
  let v = n;
  while (v >= 1024 && i < units.length - 1) {
    v /= 1024;
    i++;
  }
  return new Intl.NumberFormat(tag(locale), { style: 'unit', unit: units[i], unitDisplay: 'short', maximumFractionDigits: i ? 1 : 0 }).format(v);
}

/** A country code as its name in the user's language. */
export function countryName(code: string | null | undefined, locale: Locale = getLocale()): string {
  if (!code) return '';
  try {
    return new Intl.DisplayNames([locale], { type: 'region' }).of(code) ?? code;
  } catch {
    return code;
  }
}

export function languageName(code: string, locale: Locale = getLocale()): string {
  try {
    return new Intl.DisplayNames([locale], { type: 'language' }).of(code) ?? code;
  } catch {
    return code;
  }
}
