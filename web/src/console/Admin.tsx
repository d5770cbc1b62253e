// Admin (administrators only): users, API tokens and tiers, one section per URL
// (/admin/users, /admin/tokens, /admin/tiers) behind link tabs.
import { useEffect } from 'preact/hooks';
import { useLocation, useRoute } from 'preact-iso';
import { useI18n } from '../lib/i18n';
import { hasRole } from '../lib/session';
import { EmptyState, PageHeader, Tabs } from '../components/ui';
import UsersSection from './admin/UsersSection';
import TokensSection from './admin/TokensSection';
import TiersSection from './admin/TiersSection';
import './admin/admin.css';

const SECTIONS = ['users', 'tokens', 'tiers'] as const;
type Section = (typeof SECTIONS)[number];

export default function Admin() {
  const { t } = useI18n();
  const { params } = useRoute();
  const { route } = useLocation();
  const section = params.section;

  useEffect(() => {
    if (!section) route('/admin/users', true);
  }, [section]);

  if (!hasRole('admin')) {
    return (
      <section class="page">
        <PageHeader title={t('admin.title')} />
        <EmptyState title={t('admin.admins_only')}>
          <a href="/">{t('ui.go_home')}</a>
        </EmptyState>
      </section>
    );
  }
  if (!section) return null;
  if (!(SECTIONS as readonly string[]).includes(section)) {
    return (
      <EmptyState title={t('ui.page_not_found')}>
        <a href="/admin/users">{t('admin.back_to_admin')}</a>
      </EmptyState>
    );
  }
  const tabs = SECTIONS.map((s) => ({ id: s, label: t(`admin.section.${s}`), href: `/admin/${s}` }));
  return (
    <section class="page admin-page">
      <PageHeader title={t('admin.title')} />
      <Tabs tabs={tabs} active={section} label={t('admin.sections')} />
      {render(section as Section)}
    </section>
  );
}

function render(s: Section) {
  if (s === 'users') return <UsersSection />;
  if (s === 'tokens') return <TokensSection />;
  return <TiersSection />;
}
