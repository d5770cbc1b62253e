// Partner 360° — one partner's whole record for vendor staff: a header with the essentials
// and one tab per layer of data (identity, performance, operations, relationship, contacts,
// territories, documents, status, history). The tab is part of the path
// (/partners/:id/:tab), so every view can be linked and the back button works.
import { useEffect } from 'preact/hooks';
import { useRoute } from 'preact-iso';
import { api, ApiError } from '../lib/api';
import { useI18n } from '../lib/i18n';
import { currentUser } from '../lib/session';
import type { Partner, Partner360 as Record360 } from '../lib/types';
import { useAsync } from '../lib/useAsync';
import { EmptyState, ErrorState, Loading, Tabs } from '../components/ui';
import { ContactsPanel } from '../partner/ContactsPanel';
import { DocumentsPanel } from '../partner/DocumentsPanel';
import { IdentityForm } from '../partner/IdentityForm';
import { editableFields, mayEditPartnerData, mayManage } from '../partner/ownership';
import { PartnerHeader } from './partner360/Header';
import { HistoryTab } from './partner360/HistoryTab';
import { RelationshipTab } from './partner360/RelationshipTab';
import { SectionPending } from './partner360/SectionPending';
import { StatusTab } from './partner360/StatusTab';
import { TerritoriesTab } from './partner360/TerritoriesTab';
import './partner360/partner360.css';

const TABS = ['identity', 'performance', 'operations', 'relationship', 'contacts', 'territories', 'documents', 'status', 'history'] as const;
type Tab = (typeof TABS)[number];

export default function Partner360() {
  const { params } = useRoute();
  const { t } = useI18n();
  const id = /^\d+$/.test(params.id ?? '') ? Number(params.id) : 0;
  const tab = (params.tab ?? 'identity') as Tab;
  const rec = useAsync<Record360 | null>((signal) => (id ? api.get<Record360>(`/api/v1/partners/${id}`, undefined, signal) : Promise.resolve(null)), [id]);
  const me = currentUser();
  // On a narrow screen the tab strip scrolls: keep the open tab in view.
  useEffect(() => {
    document.querySelector('.p360 .tabs .tab.active')?.scrollIntoView({ block: 'nearest', inline: 'nearest' });
  }, [tab, !!rec.data]);

  if (!id) return <section class="page"><ErrorState error={new ApiError(404, {}, null)} /></section>;
  if (rec.error) return <section class="page"><ErrorState error={rec.error} onRetry={rec.reload} /></section>;
  const p = rec.data;
  if (!p || p.id !== id) return <Loading />;

  const merge = (changes: Partial<Record360>) => rec.setData({ ...p, ...changes });
  const onPartner = (next: Partner) => merge(next);
  const canManage = mayManage(me, p);
  const base = `/partners/${p.id}`;

  let body;
  switch (tab) {
    case 'identity':
      body = <IdentityForm partner={p} editable={editableFields(me, p)} onChanged={onPartner} />;
      break;
    case 'performance':
    case 'operations':
      body = <SectionPending section={tab} data={p[tab]} />;
      break;
    case 'relationship':
      body = <RelationshipTab partnerId={p.id} canAdd={canManage} />;
      break;
    case 'contacts':
      body = <ContactsPanel partner={p} canEdit={mayEditPartnerData(me, p)} onChanged={(contacts) => merge({ contacts })} />;
      break;
    case 'territories':
      body = <TerritoriesTab partnerId={p.id} initial={p.territories} canManage={canManage} onChanged={(territories) => merge({ territories })} />;
      break;
    case 'documents':
      body = <DocumentsPanel partner={p} canEdit={mayEditPartnerData(me, p)} onChanged={(documents) => merge({ documents })} />;
      break;
    case 'status':
      body = <StatusTab partner={p} canManage={canManage} onChanged={onPartner} onStale={rec.reload} />;
      break;
    case 'history':
      body = <HistoryTab partnerId={p.id} managerName={p.manager_name} />;
      break;
    default:
      body = <EmptyState title={t('ui.page_not_found')}><a href={base}>{t('partner.tab.identity')}</a></EmptyState>;
  }

  return (
    <section class="page p360" aria-busy={rec.loading}>
      <PartnerHeader partner={p} />
      <Tabs
        label={t('partner.tabs')}
        active={tab}
        tabs={TABS.map((x) => ({ id: x, label: t(`partner.tab.${x}`), href: x === 'identity' ? base : `${base}/${x}` }))}
      />
      <div class="p360-body">{body}</div>
    </section>
  );
}
