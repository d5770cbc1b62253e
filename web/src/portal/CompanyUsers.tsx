// Users of my company (partner admins only; the API lists only the partner's own users):
// search and status in the URL, add a partner representative or administrator, change
// name and role, disable or enable, set a password. Reuses the admin user dialogs.
import { useState } from 'preact/hooks';
import { useI18n } from '../lib/i18n';
import type { User } from '../lib/types';
import { Banner, EmptyState, ErrorState, Loading, SelectField } from '../components/ui';
import { useQuery } from '../console/admin/query';
import { usePagedList } from '../console/admin/usePagedList';
import { MoreButton } from '../console/admin/MoreButton';
import { SearchBox } from '../console/admin/SearchBox';
import { UsersTable } from '../console/admin/UsersTable';
import { UserCreate } from '../console/admin/UserCreate';
import { UserEdit } from '../console/admin/UserEdit';
import '../console/admin/admin.css';

const ROLES = ['partner_rep', 'partner_admin'] as const;

export function CompanyUsers({ partnerId }: { partnerId: number }) {
  const { t } = useI18n();
  const { query, setQuery } = useQuery();
  const q = query.q ?? '';
  const status = query.status === 'active' || query.status === 'disabled' ? query.status : '';
  const list = usePagedList<User>('/api/v1/users', {
    q,
    partner_id: partnerId,
    disabled: status === 'disabled' ? 'true' : status === 'active' ? 'false' : undefined,
  });
  const [creating, setCreating] = useState(false);
  const [editing, setEditing] = useState<User | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const filtered = !!(q || status);

  return (
    <div class="portal-section admin-section">
      <div class="adm-head">
        <h2>{t('portal.users.title')}</h2>
        <button type="button" class="btn btn-primary" onClick={() => { setNotice(null); setCreating(true); }}>
          {t('portal.users.new')}
        </button>
      </div>
      <p class="muted adm-intro">{t('portal.users.intro')}</p>
      {notice && <Banner kind="success">{notice}</Banner>}
      <div class="adm-filters" role="search">
        <SearchBox label={t('admin.users.search')} value={q} onSearch={(v) => setQuery({ q: v }, true)} />
        <SelectField
          label={t('admin.users.status')}
          name="status"
          value={status}
          empty={t('admin.users.any_status')}
          onValue={(v) => setQuery({ status: v })}
          options={[
            { value: 'active', label: t('admin.users.active') },
            { value: 'disabled', label: t('admin.users.disabled') },
          ]}
        />
        {filtered && (
          <button type="button" class="btn btn-quiet" onClick={() => setQuery({ q: null, status: null })}>
            {t('admin.clear_filters')}
          </button>
        )}
      </div>
      {list.error ? (
        <ErrorState error={list.error} onRetry={list.reload} />
      ) : !list.items ? (
        <Loading />
      ) : list.items.length === 0 ? (
        <EmptyState title={filtered ? t('admin.users.none_match') : t('admin.users.none')} />
      ) : (
        <>
          <UsersTable users={list.items} onEdit={setEditing} caption={t('portal.users.title')} />
          <MoreButton list={list} />
        </>
      )}
      <UserCreate
        open={creating}
        roles={ROLES}
        fixedPartnerId={partnerId}
        onClose={() => setCreating(false)}
        onCreated={(u) => {
          setCreating(false);
          setNotice(t('admin.users.created_notice', { email: u.email }));
          list.reload();
        }}
      />
      <UserEdit
        user={editing}
        onClose={() => setEditing(null)}
        onSaved={(u) => {
          setEditing(u);
          list.replace(u);
        }}
      />
    </div>
  );
}
