// Every visible string comes from i18n/{en,fa,ar,ms}.json, looked up by a dotted key.
// A value may be a string with {name} placeholders, or an object of plural forms
// ({"one": "…", "other": "…"}) chosen by the `count` parameter through Intl.PluralRules.
import { useEffect, useState } from 'preact/hooks';
import en from '../i18n/en.json';

export const LOCALES = ['en', 'fa', 'ar', 'ms'] as const;
export type Locale = (typeof LOCALES)[number];
export const RTL: readonly Locale[] = ['fa', 'ar'];

type Messages = { [k: string]: string | Messages };
type Params = Record<string, string | number>;

const loaded: Partial<Record<Locale, Messages>> = { en: en as Messages };
let current: Locale = 'en';
const listeners = new Set<() => void>();

/**
 * The Intl tag for a language: its digits (Persian ۱۲۳ for fa, Arabic-Indic ١٢٣ for ar —
 * asked for explicitly, since engines differ on ar's default) and, for fa, the calendar.
 */
export function intlTag(locale: Locale, calendar: 'gregory' | 'persian' = 'gregory'): string {
  if (locale === 'fa') return `fa-IR-u-ca-${calendar}-nu-arabext`;
  if (locale === 'ar') return 'ar-u-ca-gregory-nu-arab';
  if (locale === 'ms') return 'ms-MY-u-ca-gregory';
  return 'en-GB-u-ca-gregory';
}

export function isLocale(s: unknown): s is Locale {
  return typeof s === 'string' && (LOCALES as readonly string[]).includes(s);
}

/** The browser's preferred supported language, else English. */
export function browserLocale(langs: readonly string[] = navigator.languages ?? [navigator.language]): Locale {
  for (const l of langs) {
    const base = l.toLowerCase().split('-')[0];
    if (isLocale(base)) return base;
  }
  return 'en';
}

async function load(locale: Locale): Promise<Messages> {
  const have = loaded[locale];
  if (have) return have;
  let mod: { default: unknown };
  if (locale === 'fa') mod = await import('../i18n/fa.json');
  else if (locale === 'ar') mod = await import('../i18n/ar.json');
  else mod = await import('../i18n/ms.json');
  loaded[locale] = mod.default as Messages;
  return loaded[locale]!;
}

/** Switches the language: loads its messages, sets <html lang dir>, re-renders users. */
export async function setLocale(locale: Locale): Promise<void> {
  await load(locale);
  current = locale;
  document.documentElement.lang = locale;
  document.documentElement.dir = RTL.includes(locale) ? 'rtl' : 'ltr';
  listeners.forEach((fn) => fn());
}

export function getLocale(): Locale {
  return current;
}

function lookup(messages: Messages | undefined, key: string): string | Messages | undefined {
  let node: string | Messages | undefined = messages;
  for (const part of key.split('.')) {
    if (!node || typeof node === 'string') return undefined;
    node = node[part];
  }
  return node;
}

/** Formats {placeholders}; numbers are written with the locale's digits. */
export function interpolate(text: string, params: Params | undefined, locale: Locale): string {
  if (!params) return text;
  return text.replace(/\{(\w+)\}/g, (m, name: string) => {
    const v = params[name];
    if (v === undefined) return m;
    return typeof v === 'number' ? new Intl.NumberFormat(intlTag(locale)).format(v) : v;
  });
}

export function translate(messages: Messages | undefined, fallback: Messages, locale: Locale, key: string, params?: Params): string {
  let node = lookup(messages, key) ?? lookup(fallback, key);
  if (node && typeof node === 'object' && params && typeof params.count === 'number') {
    const form = new Intl.PluralRules(locale).select(params.count);
    node = (node[form] ?? node.other) as string | Messages | undefined;
  }
  if (typeof node !== 'string') return key;
  return interpolate(node, params, locale);
}

/** True when the key names a message (in English, which has every key). */
export function hasMessage(key: string): boolean {
  return typeof lookup(loaded.en, key) === 'string';
}

export function t(key: string, params?: Params): string {
  return translate(loaded[current], loaded.en!, current, key, params);
}

/** Re-renders the calling component when the language changes; returns t. */
export function useI18n(): { t: typeof t; locale: Locale; rtl: boolean } {
  const [, force] = useState(0);
  useEffect(() => {
    const fn = () => force((n) => n + 1);
    listeners.add(fn);
    return () => {
      listeners.delete(fn);
    };
  }, []);
  return { t, locale: current, rtl: RTL.includes(current) };
}
