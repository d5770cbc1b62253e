// Who is logged in: loaded once from GET /api/v1/me, set by the login form, cleared on
// logout or when the server answers 401 (the session expired).
import { useEffect, useState } from 'preact/hooks';
import { api, ApiError, onSessionExpired, request, setCsrfToken } from './api';
import { browserLocale, isLocale, setLocale, type Locale } from './i18n';
import { setCalendar, type Calendar } from './format';
import { PARTNER_ROLES, VENDOR_ROLES, type Me, type Role } from './types';

let me: Me | null = null;
let expired = false;
const listeners = new Set<() => void>();
const notify = () => listeners.forEach((fn) => fn());

export function currentUser(): Me | null {
  return me;
}

export function isVendor(u: Pick<Me, 'role'> | null = me): boolean {
  return !!u && VENDOR_ROLES.includes(u.role);
}
export function isPartnerUser(u: Pick<Me, 'role'> | null = me): boolean {
  return !!u && PARTNER_ROLES.includes(u.role);
}
export function hasRole(...roles: Role[]): boolean {
  return !!me && roles.includes(me.role);
}

function calendarKey(id: number) {
  return `channelbase.calendar.${id}`;
}

export function setCalendarPreference(c: Calendar) {
  setCalendar(c);
  if (me) localStorage.setItem(calendarKey(me.id), c);
  notify();
}

async function adopt(user: Me | null) {
  me = user;
  expired = false;
  setCsrfToken(user?.csrf_token ?? null);
  const stored = user ? localStorage.getItem(calendarKey(user.id)) : null;
  setCalendar(stored === 'persian' ? 'persian' : 'gregory');
  await setLocale(localeFor(user, localStorage.getItem('channelbase.locale'), browserLocale()));
  notify();
}

/**
 * The language to show once we know who is signed in. A user who chose a language (the
 * menu stores it with PATCH /me) gets it everywhere; a user who never chose has
 * `locale: null` and keeps the language already in effect — the one picked on the login
 * page, else the browser's. Signed out: the last pick on this browser, else the browser's.
 */
export function localeFor(user: { locale?: string | null } | null, saved: string | null, browser: Locale): Locale {
  if (user && isLocale(user.locale)) return user.locale;
  return isLocale(saved) ? saved : browser;
}

/** At start: who am I (null when not logged in). */
export async function boot(): Promise<void> {
  try {
    const u = (await request<Me>('GET', '/api/v1/me', { anonymous: true })).data;
    await adopt(u);
  } catch (e) {
    if (!(e instanceof ApiError) || e.status !== 401) throw e;
    await adopt(null);
  }
}

export async function login(email: string, password: string): Promise<void> {
  const res = (await request<{ user: Me; csrf_token: string }>('POST', '/api/v1/session', {
    body: { email, password },
    anonymous: true,
  })).data;
  await adopt({ ...res.user, auth: 'session', csrf_token: res.csrf_token });
}

export async function logout(): Promise<void> {
  try {
    await api.del('/api/v1/session');
  } finally {
    await adopt(null);
  }
}

/**
 * The user chose a language: applied now, remembered on this browser and, signed in, on
 * the server for next time. Rejects when the server did not store it (the language
 * stays applied for now; the caller says it was not saved).
 */
export async function chooseLocale(locale: string): Promise<void> {
  if (!isLocale(locale)) return;
  localStorage.setItem('channelbase.locale', locale);
  await setLocale(locale);
  try {
    if (me) {
      const u = await api.patch<Me>('/api/v1/me', { locale });
      me = { ...me, ...u, csrf_token: me.csrf_token };
    }
  } finally {
    notify();
  }
}

onSessionExpired(() => {
  if (me) {
    me = null;
    expired = true;
    setCsrfToken(null);
    notify();
  }
});

/** Re-renders on login, logout and expiry. */
export function useSession(): { me: Me | null; expired: boolean } {
  const [, force] = useState(0);
  useEffect(() => {
    const fn = () => force((n) => n + 1);
    listeners.add(fn);
    return () => {
      listeners.delete(fn);
    };
  }, []);
  return { me, expired };
}
