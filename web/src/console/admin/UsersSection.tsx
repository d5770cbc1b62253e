// Admin → Users: every user of the installation, filtered by search, role, status and
// partner (all in the URL), with create and edit dialogs.
import { useState } from 'preact/hooks';
import { useI18n } from '../../lib/i18n';
import { PARTNER_ROLES, VENDOR_ROLES, type Role, type User } from '../../lib/types';
import { Banner, EmptyState, ErrorState, Loading, SelectField } from '../../components/ui';
import { MoreButton } from './MoreButton';
import { useQuery } from './query';
import { usePagedList } from './usePagedList';
import { usePartnerNames } from './partnerNames';
import { PartnerPicker } from './PartnerPicker';
import { SearchBox } from './SearchBox';
import { UsersTable } from './UsersTable';
import { UserCreate } from './UserCreate';
import { UserEdit } from './UserEdit';
import { forgetLookups } from '../../partner/lookups';

const ALL_ROLES: readonly Role[] = [...VENDOR_ROLES, ...PARTNER_ROLES];

export default function UsersSection() {
  const { t } = useI18n();
  const { query, setQuery } = useQuery();
  const q = query.q ?? '';
  const role = ALL_ROLES.includes(query.role as Role) ? query.role : '';
  const status = query.status === 'active' || query.status === 'disabled' ? query.status : '';
  const partnerId = /^\d+$/.test(query.partner ?? '') ? Number(query.partner) : null;
  const list = usePagedList<User>('/api/v1/users', {
    q,
    role,
    disabled: status === 'disabled' ? 'true' : status === 'active' ? 'false' : undefined,
    partner_id: partnerId ?? undefined,
  });
  const names = usePartnerNames([...(list.items ?? []).map((u) => u.partner_id), partnerId]);
  const [creating, setCreating] = useState(false);
  const [editing, setEditing] = useState<User | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const filtered = !!(q || role || status || partnerId);

  return (
    <div class="admin-section">
      <div class="adm-head">
        <h2>{t('admin.users.title')}</h2>
        <button type="button" class="btn btn-primary" onClick={() => { setNotice(null); setCreating(true); }}>
          {t('admin.users.new')}
        </button>
      </div>
      {notice && <Banner kind="success">{notice}</Banner>}
      <div class="adm-filters" role="search">
        <SearchBox label={t('admin.users.search')} value={q} onSearch={(v) => setQuery({ q: v }, true)} />
        <SelectField
          label={t('admin.users.role')}
          name="role"
          value={role}
          empty={t('admin.users.all_roles')}
          onValue={(v) => setQuery({ role: v })}
          options={ALL_ROLES.map((r) => ({ value: r, label: t(`role.${r}`) }))}
        />
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
        <PartnerPicker
            label={t('admin.users.partner')}
            name="partner"
            hint=""
            value={partnerId ? { id: partnerId, name: names[partnerId] ?? t('admin.users.partner_number', { id: partnerId }) } : null}
            onChange={(p) => setQuery({ partner: p?.id ?? null })}
          />
        {filtered && (
          <button type="button" class="btn btn-quiet" onClick={() => setQuery({ q: null, role: null, status: null, partner: null })}>
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
          <p class="muted adm-count" role="status">
            {list.more
              ? t('admin.users.count_more', { count: list.items.length })
              : t('admin.users.count', { count: list.items.length })}
          </p>
          <UsersTable users={list.items} partnerNames={names} onEdit={setEditing} caption={t('admin.users.title')} />
          <MoreButton list={list} />
        </>
      )}

      <UserCreate
        open={creating}
        roles={ALL_ROLES}
        onClose={() => setCreating(false)}
        onCreated={(u) => {
          setCreating(false);
          forgetLookups();
          setNotice(t('admin.users.created_notice', { email: u.email }));
          list.reload();
        }}
      />
      <UserEdit
        user={editing}
        onClose={() => setEditing(null)}
        onSaved={(u) => {
          setEditing(u);
          forgetLookups();
          list.replace(u);
        }}
      />
    </div>
  );
}
