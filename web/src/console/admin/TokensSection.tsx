// API tokens for integrations: list (an admin sees every user's tokens, anyone else
// only their own), create (the secret is shown once), revoke with confirmation.
// Usable for any signed-in user; the owner column appears for admins.
import { useState } from 'preact/hooks';
import { api, ApiError } from '../../lib/api';
import { useI18n } from '../../lib/i18n';
import { formatDate, formatDateTime } from '../../lib/format';
import { mapProblem, type FormErrors } from '../../lib/problem';
import { currentUser, hasRole } from '../../lib/session';
import { Banner, EmptyState, ErrorState, Loading, Modal, ProblemBanner, TextField } from '../../components/ui';
import { ConfirmDialog } from './ConfirmDialog';
import { MoreButton } from './MoreButton';
import { TokenSecret } from './TokenSecret';
import { usePagedList } from './usePagedList';
import './admin.css';

export interface ApiToken {
  id: number;
  name: string;
  user_id: number;
  user_email: string;
  prefix: string;
  created_at: string;
  last_used_at: string | null;
  revoked_at: string | null;
  token?: string;
}

export default function TokensSection() {
  const { t } = useI18n();
  const admin = hasRole('admin');
  const list = usePagedList<ApiToken>('/api/v1/tokens', {});
  const [creating, setCreating] = useState(false);
  const [revoking, setRevoking] = useState<ApiToken | null>(null);
  const [notice, setNotice] = useState<string | null>(null);

  return (
    <div class="admin-section">
      <div class="adm-head">
        <h2>{t('admin.tokens.title')}</h2>
        <button type="button" class="btn btn-primary" onClick={() => { setNotice(null); setCreating(true); }}>
          {t('admin.tokens.new')}
        </button>
      </div>
      <p class="muted adm-intro">{admin ? t('admin.tokens.intro_admin') : t('admin.tokens.intro')}</p>
      {notice && <Banner kind="success">{notice}</Banner>}
      {list.error ? (
        <ErrorState error={list.error} onRetry={list.reload} />
      ) : !list.items ? (
        <Loading />
      ) : list.items.length === 0 ? (
        <EmptyState title={t('admin.tokens.none')} />
      ) : (
        <>
          <div class="table-wrap">
            <table>
              <caption class="visually-hidden">{t('admin.tokens.title')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('admin.tokens.name')}</th>
                  <th scope="col">{t('admin.tokens.prefix')}</th>
                  {admin && <th scope="col">{t('admin.tokens.owner')}</th>}
                  <th scope="col">{t('admin.tokens.created')}</th>
                  <th scope="col">{t('admin.tokens.last_used')}</th>
                  <th scope="col">{t('admin.tokens.status')}</th>
                  <th scope="col">
                    <span class="visually-hidden">{t('admin.actions')}</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {list.items.map((tk) => (
                  <tr key={tk.id} class={tk.revoked_at ? 'adm-row-disabled' : undefined}>
                    <th scope="row">{tk.name}</th>
                    <td>
                      <code dir="ltr">{tk.prefix}…</code>
                    </td>
                    {admin && (
                      <td>
                        <bdi dir="ltr">{tk.user_email}</bdi>
                        {tk.user_id === currentUser()?.id && <span class="pill adm-pill-you">{t('admin.users.you')}</span>}
                      </td>
                    )}
                    <td class="adm-nowrap">{formatDate(tk.created_at)}</td>
                    <td class="adm-nowrap">{tk.last_used_at ? formatDateTime(tk.last_used_at) : <span class="muted">{t('admin.tokens.never')}</span>}</td>
                    <td>
                      {tk.revoked_at ? (
                        <span class="pill adm-pill-disabled">{t('admin.tokens.revoked_on', { date: formatDate(tk.revoked_at) })}</span>
                      ) : (
                        <span class="pill adm-pill-enabled">{t('admin.tokens.active')}</span>
                      )}
                    </td>
                    <td class="adm-cell-actions">
                      {!tk.revoked_at && (
                        <button type="button" class="btn btn-quiet" aria-label={t('admin.tokens.revoke_label', { name: tk.name, prefix: tk.prefix })} onClick={() => setRevoking(tk)}>
                          {t('admin.tokens.revoke')}
                        </button>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <MoreButton list={list} />
        </>
      )}

      <TokenCreate
        open={creating}
        onClose={() => setCreating(false)}
        onCreated={() => list.reload()}
      />
      <ConfirmDialog
        open={!!revoking}
        title={t('admin.tokens.revoke_title')}
        confirmLabel={t('admin.tokens.revoke')}
        onClose={() => setRevoking(null)}
        onConfirm={async () => {
          if (!revoking) return;
          await api.del(`/api/v1/tokens/${revoking.id}`);
          setNotice(t('admin.tokens.revoked', { name: revoking.name }));
          list.reload();
        }}
      >
        <p>{revoking && t('admin.tokens.revoke_question', { name: revoking.name, prefix: revoking.prefix })}</p>
        <p class="muted">{t('admin.tokens.revoke_effect')}</p>
      </ConfirmDialog>
    </div>
  );
}

function TokenCreate({ open, onClose, onCreated }: { open: boolean; onClose: () => void; onCreated: () => void }) {
  const { t } = useI18n();
  const [name, setName] = useState('');
  const [secret, setSecret] = useState<string | null>(null);
  const [errors, setErrors] = useState<FormErrors>({ fields: {}, general: [] });
  const [busy, setBusy] = useState(false);

  function close() {
    setSecret(null);
    setName('');
    setErrors({ fields: {}, general: [] });
    onClose();
  }

  async function submit(e: Event) {
    e.preventDefault();
    if (!name.trim()) {
      setErrors({ fields: { name: t('admin.tokens.name_required') }, general: [] });
      return;
    }
    setBusy(true);
    try {
      const tk = await api.post<ApiToken>('/api/v1/tokens', { name: name.trim() });
      setSecret(tk.token ?? '');
      onCreated();
    } catch (err) {
      setErrors(err instanceof ApiError ? mapProblem(err, ['name']) : { fields: {}, general: [t('ui.error_generic')] });
    } finally {
      setBusy(false);
    }
  }

  return (
    <Modal open={open} title={secret ? t('admin.tokens.created_title') : t('admin.tokens.create_title')} onClose={close}>
      {secret ? (
        <TokenSecret secret={secret} onDone={close} />
      ) : (
        <form onSubmit={submit} noValidate>
          <ProblemBanner messages={errors.general} />
          <TextField
            label={t('admin.tokens.name')}
            name="name"
            maxLength={100}
            hint={t('admin.tokens.name_hint')}
            value={name}
            onValue={setName}
            error={errors.fields.name}
          />
          <p class="muted">{t('admin.tokens.acts_as', { role: t(`role.${currentUser()?.role ?? 'admin'}`) })}</p>
          <div class="adm-actions">
            <button type="submit" class="btn btn-primary" disabled={busy}>
              {t('admin.tokens.create')}
            </button>
            <button type="button" class="btn" onClick={close}>
              {t('ui.cancel')}
            </button>
          </div>
        </form>
      )}
    </Modal>
  );
}
