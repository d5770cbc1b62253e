// The "new user" form (in a dialog): e-mail, name, role, partner for partner roles,
// language and an initial password. Used by the admin (any role) and by a partner
// admin (partner roles of its own company, partner fixed).
import { useState } from 'preact/hooks';
import { api, ApiError } from '../../lib/api';
import { LOCALES, useI18n } from '../../lib/i18n';
import { mapProblem, type FormErrors } from '../../lib/problem';
import { PARTNER_ROLES, type Role, type User } from '../../lib/types';
import { Modal, ProblemBanner, SelectField, TextField } from '../../components/ui';
import { PartnerPicker, type PickedPartner } from './PartnerPicker';
import { PasswordField } from './PasswordField';
import { passwordProblem } from './password';

const FIELDS = ['email', 'name', 'role', 'partner_id', 'password', 'locale'] as const;
const NO_ERRORS: FormErrors = { fields: {}, general: [] };

export function UserCreate({ open, roles, fixedPartnerId, onClose, onCreated }: {
  open: boolean;
  /** Roles offered, in this order; the first is preselected. */
  roles: readonly Role[];
  /** A partner admin creates users of its own partner only. */
  fixedPartnerId?: number;
  onClose: () => void;
  onCreated: (u: User) => void;
}) {
  const { t } = useI18n();
  return (
    <Modal open={open} title={t('admin.users.create_title')} onClose={onClose}>
      <CreateForm roles={roles} fixedPartnerId={fixedPartnerId} onCancel={onClose} onCreated={onCreated} />
    </Modal>
  );
}

function CreateForm({ roles, fixedPartnerId, onCancel, onCreated }: {
  roles: readonly Role[];
  fixedPartnerId?: number;
  onCancel: () => void;
  onCreated: (u: User) => void;
}) {
  const { t } = useI18n();
  const [email, setEmail] = useState('');
  const [name, setName] = useState('');
  const [role, setRole] = useState<Role>(roles[0]);
  const [partner, setPartner] = useState<PickedPartner | null>(null);
  const [password, setPassword] = useState('');
  // '' = not chosen: the new user sees the language of the login page (their browser's)
  // until they pick one themselves.
  const [lang, setLang] = useState<string>('');
  const [errors, setErrors] = useState<FormErrors>(NO_ERRORS);
  const [busy, setBusy] = useState(false);
  const partnerRole = PARTNER_ROLES.includes(role);

  function check(): FormErrors {
    const fields: Record<string, string> = {};
    if (!email.trim()) fields.email = t('admin.users.email_required');
    else if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email.trim())) fields.email = t('admin.users.email_invalid');
    if (partnerRole && !fixedPartnerId && !partner) fields.partner_id = t('admin.users.partner_required');
    const pw = passwordProblem(password, email);
    if (pw) fields.password = pw;
    return { fields, general: [] };
  }

  async function submit(e: Event) {
    e.preventDefault();
    const local = check();
    setErrors(local);
    if (Object.keys(local.fields).length) return;
    setBusy(true);
    try {
      const u = await api.post<User>('/api/v1/users', {
        email: email.trim(),
        name: name.trim(),
        role,
        partner_id: partnerRole ? (fixedPartnerId ?? partner?.id ?? null) : null,
        password,
        ...(lang ? { locale: lang } : {}),
      });
      onCreated(u);
    } catch (err) {
      setBusy(false);
      if (err instanceof ApiError) {
        const m = mapProblem(err, FIELDS);
        if (err.status === 409 && m.fields.email) m.fields.email = t('admin.users.email_taken');
        setErrors(m);
      } else setErrors({ fields: {}, general: [t('ui.error_generic')] });
    }
  }

  return (
    <form onSubmit={submit} noValidate>
      <ProblemBanner messages={errors.general} />
      <TextField label={t('admin.users.email')} name="email" type="email" autoComplete="off" dir="ltr" required value={email} onValue={setEmail} error={errors.fields.email} />
      <TextField label={t('admin.users.name')} name="name" maxLength={200} value={name} onValue={setName} error={errors.fields.name} />
      <SelectField
        label={t('admin.users.role')}
        name="role"
        value={role}
        onValue={(v) => setRole(v as Role)}
        options={roles.map((r) => ({ value: r, label: t(`role.${r}`) }))}
        error={errors.fields.role}
        hint={t(`admin.role_help.${role}`)}
      />
      {partnerRole && !fixedPartnerId && (
        <PartnerPicker label={t('admin.users.partner')} value={partner} onChange={setPartner} error={errors.fields.partner_id} />
      )}
      <SelectField
        label={t('admin.users.language')}
        name="locale"
        value={lang}
        onValue={setLang}
        options={[{ value: '', label: t('language.unset') }, ...LOCALES.map((l) => ({ value: l, label: t(`language.${l}`) }))]}
        error={errors.fields.locale}
      />
      <PasswordField label={t('admin.users.initial_password')} value={password} onValue={setPassword} error={errors.fields.password} />
      <div class="adm-actions">
        <button type="submit" class="btn btn-primary" disabled={busy}>
          {busy ? t('admin.users.creating') : t('admin.users.create')}
        </button>
        <button type="button" class="btn" onClick={onCancel}>
          {t('ui.cancel')}
        </button>
      </div>
    </form>
  );
}
