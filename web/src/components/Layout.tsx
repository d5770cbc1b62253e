// The frame around every signed-in screen: brand, navigation for the user's side
// (vendor console or partner portal), language menu, account menu.
import type { ComponentChildren } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { useLocation } from 'preact-iso';
import { LOCALES, useI18n } from '../lib/i18n';
import { chooseLocale, hasRole, isVendor, logout, useSession } from '../lib/session';

interface NavItem {
  href: string;
  key: string;
  show: boolean;
  /** Paths that count as this item (prefix match), besides href itself. */
  match?: string;
}

export function navItems(): NavItem[] {
  if (isVendor()) {
    return [
      { href: '/', key: 'nav.home', show: true },
      { href: '/partners', key: 'nav.partners', show: true, match: '/partners' },
      { href: '/duplicates', key: 'nav.duplicates', show: true },
      { href: '/import', key: 'nav.import', show: hasRole('admin', 'channel_manager') },
      { href: '/admin/users', key: 'nav.admin', show: hasRole('admin'), match: '/admin' },
    ];
  }
  return [
    { href: '/company', key: 'nav.company', show: true },
    { href: '/company/contacts', key: 'nav.contacts', show: true },
    { href: '/company/documents', key: 'nav.documents', show: true },
    { href: '/company/users', key: 'nav.users', show: hasRole('partner_admin') },
  ];
}

function isActive(path: string, item: NavItem): boolean {
  if (path === item.href) return true;
  return !!item.match && (path === item.match || path.startsWith(`${item.match}/`));
}

export function LanguageMenu() {
  const { t, locale } = useI18n();
  const [failed, setFailed] = useState(false);
  return (
    <label class="lang-menu">
      <span class="visually-hidden">{t('nav.language')}</span>
      <select
        aria-label={t('nav.language')}
        aria-describedby={failed ? 'lang-menu-error' : undefined}
        value={locale}
        onChange={(e) => {
          setFailed(false);
          // Applied at once; when the server did not store it, say so (it would be lost
          // at the next login).
          chooseLocale((e.target as HTMLSelectElement).value).catch(() => setFailed(true));
        }}
      >
        {LOCALES.map((l) => (
          <option key={l} value={l} lang={l}>
            {t(`language.${l}`)}
          </option>
        ))}
      </select>
      {failed && (
        <span id="lang-menu-error" class="lang-menu-error" role="alert">
          {t('nav.language_not_saved')}
        </span>
      )}
    </label>
  );
}

export function Layout({ children }: { children: ComponentChildren }) {
  const { t } = useI18n();
  const { me } = useSession();
  const { path, route } = useLocation();
  const [open, setOpen] = useState(false);
  const items = navItems().filter((i) => i.show);
  const main = useRef<HTMLElement>(null);
  const lastFocus = useRef<Element | null>(null);
  const lastPath = useRef(path);
  useEffect(() => {
    const onFocus = (e: FocusEvent) => (lastFocus.current = e.target as Element);
    document.addEventListener('focusin', onFocus);
    return () => document.removeEventListener('focusin', onFocus);
  }, []);
  useEffect(() => {
    // After a navigation the link or button that led here is gone with the old page: the
    // focus falls back to the document, and the next Tab would start from the top (or
    // somewhere unpredictable). Give it to the new page's main content instead. Only a
    // focus lost that way is moved: a tab strip keeps its focused tab, the first screen
    // and the one after the login start at the skip link.
    const from = lastPath.current;
    lastPath.current = path;
    if (from === path || from === '/login') return;
    let frames = 0;
    let raf = 0;
    const check = () => {
      const a = document.activeElement;
      const last = lastFocus.current;
      if ((!a || a === document.body) && last && !last.isConnected) main.current?.focus({ preventScroll: true });
      else if (++frames < 90) raf = requestAnimationFrame(check);
    };
    check();
    return () => cancelAnimationFrame(raf);
  }, [path]);
  return (
    <div class="shell">
      <a class="skip-link" href="#main">
        {t('nav.skip')}
      </a>
      <header class="topbar">
        <button type="button" class="btn btn-icon menu-toggle" aria-expanded={open} aria-controls="main-nav" onClick={() => setOpen(!open)}>
          <span aria-hidden="true">☰</span>
          <span class="visually-hidden">{t('nav.menu')}</span>
        </button>
        <a class="brand" href={isVendor() ? '/' : '/company'}>
          Channelbase
          <span class="brand-side">{isVendor() ? t('nav.console') : t('nav.portal')}</span>
        </a>
        <nav id="main-nav" class={open ? 'mainnav open' : 'mainnav'} aria-label={t('nav.main')}>
          {items.map((i) => (
            <a key={i.href} href={i.href} class={isActive(path, i) ? 'active' : undefined} aria-current={isActive(path, i) ? 'page' : undefined} onClick={() => setOpen(false)}>
              {t(i.key)}
            </a>
          ))}
        </nav>
        <div class="topbar-end">
          <LanguageMenu />
          <a class="account-link" href="/settings" title={me?.email}>
            {me?.name || me?.email}
          </a>
          <button
            type="button"
            class="btn btn-quiet"
            onClick={() => {
              void logout().then(() => route('/login'));
            }}
          >
            {t('nav.logout')}
          </button>
        </div>
      </header>
      <main id="main" tabIndex={-1} ref={main}>
        {children}
      </main>
    </div>
  );
}
