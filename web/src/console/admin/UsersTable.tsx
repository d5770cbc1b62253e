// The table of users (admin's Users section and the partner portal's users of my
// company): one row per user, an Edit button per row.
import { useI18n } from '../../lib/i18n';
import { formatDate } from '../../lib/format';
import { currentUser } from '../../lib/session';
import type { User } from '../../lib/types';

export function UsersTable({ users, partnerNames, onEdit, caption }: {
  users: User[];
  /** Shows the partner column (vendor admin); omitted in the portal. */
  partnerNames?: Record<number, string | null>;
  onEdit: (u: User) => void;
  caption: string;
}) {
  const { t } = useI18n();
  const me = currentUser()?.id;
  return (
    <div class="table-wrap">
      <table class="users-table">
        <caption class="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{t('admin.users.name')}</th>
            <th scope="col">{t('admin.users.email')}</th>
            <th scope="col">{t('admin.users.role')}</th>
            {partnerNames && <th scope="col">{t('admin.users.partner')}</th>}
            <th scope="col">{t('admin.users.language')}</th>
            <th scope="col">{t('admin.users.status')}</th>
            <th scope="col">{t('admin.users.created')}</th>
            <th scope="col">
              <span class="visually-hidden">{t('admin.actions')}</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {users.map((u) => (
            <tr key={u.id} class={u.disabled ? 'adm-row-disabled' : undefined}>
              <th scope="row" class="adm-cell-name">
                {u.name ? <bdi>{u.name}</bdi> : <span class="muted">{t('admin.users.no_name')}</span>}
                {u.id === me && <span class="pill adm-pill-you">{t('admin.users.you')}</span>}
              </th>
              <td>
                <bdi dir="ltr">{u.email}</bdi>
              </td>
              <td>{t(`role.${u.role}`)}</td>
              {partnerNames && (
                <td>
                  {u.partner_id ? (
                    <a href={`/partners/${u.partner_id}`}>
                      <bdi>{partnerNames[u.partner_id] ?? t('admin.users.partner_number', { id: u.partner_id })}</bdi>
                    </a>
                  ) : (
                    <span class="muted">{t('admin.users.vendor_staff')}</span>
                  )}
                </td>
              )}
              <td>{u.locale ? t(`language.${u.locale}`) : <span class="muted">{t('language.unset')}</span>}</td>
              <td>
                <span class={u.disabled ? 'pill adm-pill-disabled' : 'pill adm-pill-enabled'}>
                  {u.disabled ? t('admin.users.disabled') : t('admin.users.active')}
                </span>
              </td>
              <td class="adm-nowrap">{formatDate(u.created_at)}</td>
              <td class="adm-cell-actions">
                <button type="button" class="btn btn-quiet" onClick={() => onEdit(u)} aria-label={t('admin.users.edit_label', { name: u.name || u.email })}>
                  {t('admin.edit')}
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
