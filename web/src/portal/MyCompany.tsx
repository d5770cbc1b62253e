// Partner portal: the signed-in partner user's own company — profile (/company),
// contacts, documents and, for partner admins, the company's users. Only the user's own
// partner (currentUser().partner_id) is ever fetched; notes and vendor screens do not exist here.
import { useRoute } from 'preact-iso';
import { api } from '../lib/api';
import { useI18n } from '../lib/i18n';
import { currentUser, hasRole } from '../lib/session';
import { useAsync } from '../lib/useAsync';
import type { Partner360 } from '../lib/types';
import { EmptyState, ErrorState, Loading, PageHeader, StatusPill, Tabs, TierBadge } from '../components/ui';
import { ContactsPanel, DocumentsPanel, mayEditPartnerData, tierColour, useTiers } from '../partner';
import { CompanyProfile } from './CompanyProfile';
import { CompanyUsers } from './CompanyUsers';
import './portal.css';

const TABS = ['company', 'contacts', 'documents', 'users'] as const;
type Tab = (typeof TABS)[number];

export default function MyCompany() {
  const { t } = useI18n();
  const { params } = useRoute();
  const me = currentUser();
  const pid = me?.partner_id ?? null;
  const tab = (params.tab ?? 'company') as Tab;
  const known = (TABS as readonly string[]).includes(tab) && params.tab !== 'company';
  const partner = useAsync(
    (signal) => (pid ? api.get<Partner360>(`/api/v1/partners/${pid}`, undefined, signal) : Promise.reject(new Error('no partner'))),
    [pid],
  );
  const tiers = useTiers();

  if (!me || !pid) return <EmptyState title={t('portal.no_company')} />;
  if (!known) {
    return (
      <EmptyState heading title={t('ui.page_not_found')}>
        <a href="/company">{t('portal.back_to_company')}</a>
      </EmptyState>
    );
  }
  if (partner.error) return <ErrorState error={partner.error} onRetry={partner.reload} />;
  const p = partner.data;
  if (!p) return <Loading />;

  const viewer = { id: me.id, role: me.role, partner_id: me.partner_id };
  const canEdit = mayEditPartnerData(viewer, p);
  const admin = hasRole('partner_admin');
  const tabs = TABS.filter((x) => x !== 'users' || admin).map((x) => ({
    id: x,
    label: t(`portal.tab.${x}`),
    href: x === 'company' ? '/company' : `/company/${x}`,
  }));

  return (
    <section class="page portal-page">
      <PageHeader
        title={p.name || p.legal_name}
        sub={
          <span class="portal-sub">
            {p.legal_name && p.legal_name !== p.name && <bdi>{p.legal_name}</bdi>}
            <StatusPill status={p.status} />
            <TierBadge name={p.tier} colour={tierColour(tiers, p.tier)} />
          </span>
        }
      />
      <Tabs tabs={tabs} active={tab} label={t('portal.sections')} />
      {tab === 'company' && <CompanyProfile partner={p} viewer={viewer} onChanged={(u) => partner.setData({ ...p, ...u })} />}
      {tab === 'contacts' && (
        <ContactsPanel partner={p} canEdit={canEdit} onChanged={(contacts) => partner.setData({ ...p, contacts })} />
      )}
      {tab === 'documents' && (
        <DocumentsPanel partner={p} canEdit={canEdit} onChanged={(documents) => partner.setData({ ...p, documents })} />
      )}
      {tab === 'users' &&
        (admin ? (
          <CompanyUsers partnerId={pid} />
        ) : (
          <EmptyState title={t('portal.users.not_allowed')}>
            <p class="muted">{t('portal.users.not_allowed_hint')}</p>
          </EmptyState>
        ))}
    </section>
  );
}
