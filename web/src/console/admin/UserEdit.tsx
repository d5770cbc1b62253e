// Change one user (in a dialog): name and role, disable or enable (with confirmation for
// disabling: it ends the user's sessions), and set a new password for them.
import { useState } from 'preact/hooks';
import { api, ApiError } from '../../lib/api';
import { t as translate, useI18n } from '../../lib/i18n';
import { mapProblem, type FormErrors } from '../../lib/problem';
import { currentUser } from '../../lib/session';
import { PARTNER_ROLES, VENDOR_ROLES, type Role, type User } from '../../lib/types';
import { Banner, Modal, ProblemBanner, SelectField, TextField } from '../../components/ui';
import { ConfirmDialog } from './ConfirmDialog';
import { PasswordField } from './PasswordField';
import { passwordProblem } from './password';

const NO_ERRORS: FormErrors = { fields: {}, general: [] };

function failure(err: unknown, fields: readonly string[]): FormErrors {
  return err instanceof ApiError ? mapProblem(err, fields) : { fields: {}, general: [translate('ui.error_generic')] };
}

export function UserEdit({ user, onClose, onSaved }: {
  user: User | null;
  onClose: () => void;
  onSaved: (u: User) => void;
}) {
  const { t } = useI18n();
  return (
    <Modal open={!!user} title={user ? t('admin.users.edit_title', { email: user.email }) : ''} onClose={onClose}>
      {user && <EditBody key={user.id} user={user} onSaved={onSaved} />}
    </Modal>
  );
}

function EditBody({ user, onSaved }: { user: User; onSaved: (u: User) => void }) {
  const { t } = useI18n();
  const self = currentUser()?.id === user.id;
  const sideRoles = PARTNER_ROLES.includes(user.role) ? PARTNER_ROLES : VENDOR_ROLES;
  const [name, setName] = useState(user.name);
  const [role, setRole] = useState<Role>(user.role);
  const [errors, setErrors] = useState<FormErrors>(NO_ERRORS);
  const [notice, setNotice] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [confirmDisable, setConfirmDisable] = useState(false);
  const [accessErr, setAccessErr] = useState<string[]>([]);
  const [password, setPassword] = useState('');
  const [pwErrors, setPwErrors] = useState<FormErrors>(NO_ERRORS);

  async function saveProfile(e: Event) {
    e.preventDefault();
    setErrors(NO_ERRORS);
    setNotice(null);
    const body: Record<string, string> = {};
    if (name.trim() !== user.name) body.name = name.trim();
    if (role !== user.role) body.role = role;
    if (!Object.keys(body).length) {
      setNotice(t('admin.users.nothing_changed'));
      return;
    }
    setBusy(true);
    try {
      const u = await api.patch<User>(`/api/v1/users/${user.id}`, body);
      onSaved(u);
      setNotice(t('admin.users.saved'));
    } catch (err) {
      setErrors(failure(err, ['name', 'role']));
    } finally {
      setBusy(false);
    }
  }

  async function setDisabled(disabled: boolean) {
    const u = await api.patch<User>(`/api/v1/users/${user.id}`, { disabled });
    onSaved(u);
    setNotice(disabled ? t('admin.users.disabled_done') : t('admin.users.enabled_done'));
  }

  async function enable() {
    setAccessErr([]);
    try {
      await setDisabled(false);
    } catch (err) {
      setAccessErr(failure(err, []).general);
    }
  }

  async function savePassword(e: Event) {
    e.preventDefault();
    setNotice(null);
    const p = passwordProblem(password, user.email);
    if (p) {
      setPwErrors({ fields: { password: p }, general: [] });
      return;
    }
    setPwErrors(NO_ERRORS);
    try {
      await api.post(`/api/v1/users/${user.id}/password`, { password });
      setPassword('');
      setNotice(t('admin.users.password_set'));
    } catch (err) {
      setPwErrors(failure(err, ['password']));
    }
  }

  return (
    <div class="user-edit">
      {notice && <Banner kind="success">{notice}</Banner>}
      <form onSubmit={saveProfile} noValidate>
        <h3>{t('admin.users.profile')}</h3>
        <ProblemBanner messages={errors.general} />
        <TextField label={t('admin.users.name')} name="name" maxLength={200} value={name} onValue={setName} error={errors.fields.name} />
        <SelectField
          label={t('admin.users.role')}
          name="role"
          value={role}
          onValue={(v) => setRole(v as Role)}
          options={sideRoles.map((r) => ({ value: r, label: t(`role.${r}`) }))}
          disabled={self}
          error={errors.fields.role}
          hint={self ? t('admin.users.own_role') : t(`admin.role_help.${role}`)}
        />
        <div class="adm-actions">
          <button type="submit" class="btn btn-primary" disabled={busy}>
            {t('ui.save')}
          </button>
        </div>
      </form>

      <section class="adm-edit-section" aria-labelledby={`access-${user.id}`}>
        <h3 id={`access-${user.id}`}>{t('admin.users.access')}</h3>
        <p>{user.disabled ? t('admin.users.is_disabled') : t('admin.users.is_active')}</p>
        <ProblemBanner messages={accessErr} />
        {self ? (
          <p class="muted">{t('admin.users.own_access')}</p>
        ) : user.disabled ? (
          <button type="button" class="btn" onClick={() => void enable()}>
            {t('admin.users.enable')}
          </button>
        ) : (
          <button type="button" class="btn btn-danger" onClick={() => setConfirmDisable(true)}>
            {t('admin.users.disable')}
          </button>
        )}
      </section>

      <section class="adm-edit-section" aria-labelledby={`pw-${user.id}`}>
        <h3 id={`pw-${user.id}`}>{t('admin.users.password')}</h3>
        {self ? (
          <p class="muted">
            {t('admin.users.own_password')} <a href="/settings">{t('admin.users.to_settings')}</a>
          </p>
        ) : (
          <form onSubmit={savePassword} noValidate>
            <ProblemBanner messages={pwErrors.general} />
            <PasswordField label={t('admin.users.new_password')} name="new_password" value={password} onValue={setPassword} error={pwErrors.fields.password} />
            <p class="hint">{t('admin.users.password_effect')}</p>
            <div class="adm-actions">
              <button type="submit" class="btn btn-primary" disabled={!password}>
                {t('admin.users.set_password')}
              </button>
            </div>
          </form>
        )}
      </section>

      <ConfirmDialog
        open={confirmDisable}
        title={t('admin.users.disable_title')}
        confirmLabel={t('admin.users.disable')}
        onConfirm={() => setDisabled(true)}
        onClose={() => setConfirmDisable(false)}
      >
        <p>{t('admin.users.disable_question', { name: user.name || user.email })}</p>
        <p class="muted">{t('admin.users.disable_effect')}</p>
      </ConfirmDialog>
    </div>
  );
}
