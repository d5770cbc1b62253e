// A partner's contacts: a table with add, edit and delete; shared by the vendor console
// (Partner 360°, Contacts tab) and the partner portal.
// Props:
//   partner   — at least {id}; when it carries `contacts` (GET /partners/{id}) they are shown
//               at once, otherwise the list is fetched from GET /partners/{id}/contacts.
//   canEdit   — whether this user may add/change/delete contacts: mayEditPartnerData() from
//               ./ownership (the partner's users, its channel manager, an admin).
//   onChanged — optional; called after every successful change (with the fresh list).
import { useState } from 'preact/hooks';
import { api, ApiError, type Page } from '../lib/api';
import { useI18n } from '../lib/i18n';
import { mapProblem, type FormErrors } from '../lib/problem';
import { CONTACT_ROLES, type Contact } from '../lib/types';
import { useAsync } from '../lib/useAsync';
import { Checkbox, EmptyState, ErrorState, Loading, Modal, ProblemBanner, SelectField, TextField } from '../components/ui';
import { ConfirmButton } from './ConfirmButton';
import './partner.css';

export interface ContactsPanelProps {
  partner: { id: number; contacts?: Contact[] };
  canEdit: boolean;
  onChanged?: (contacts: Contact[]) => void;
}

const FIELDS = ['name', 'title', 'email', 'phone', 'role', 'primary'];

interface Draft {
  name: string;
  title: string;
  email: string;
  phone: string;
  role: string;
  primary: boolean;
}

function draftOf(c: Contact | null): Draft {
  return {
    name: c?.name ?? '',
    title: c?.title ?? '',
    email: c?.email ?? '',
    phone: c?.phone ?? '',
    role: c?.role ?? 'other',
    primary: c?.primary ?? false,
  };
}

export function ContactsPanel({ partner, canEdit, onChanged }: ContactsPanelProps) {
  const { t } = useI18n();
  const fetchList = (signal?: AbortSignal) =>
    api.get<Page<Contact>>(`/api/v1/partners/${partner.id}/contacts`, undefined, signal).then((p) => p.items);
  const list = useAsync<Contact[]>(
    (signal) => (partner.contacts ? Promise.resolve(partner.contacts) : fetchList(signal)),
    [partner.id],
  );
  const [editing, setEditing] = useState<Contact | 'new' | null>(null);

  /** After a change: the fresh list (a primary flag moves between rows) for us and the parent. */
  async function changed() {
    try {
      const items = await fetchList();
      list.setData(items);
      onChanged?.(items);
    } catch {
      list.reload();
    }
  }

  async function remove(c: Contact) {
    await api.del(`/api/v1/partners/${partner.id}/contacts/${c.id}`);
    await changed();
  }

  const contacts = list.data;
  return (
    <section class="card panel" aria-labelledby={`contacts-${partner.id}`}>
      <div class="panel-head">
        <h2 id={`contacts-${partner.id}`}>{t('partner.contacts.title')}</h2>
        {canEdit && (
          <button type="button" class="btn btn-primary" onClick={() => setEditing('new')}>
            {t('partner.contacts.add')}
          </button>
        )}
      </div>
      {list.error ? (
        <ErrorState error={list.error} onRetry={list.reload} />
      ) : !contacts ? (
        <Loading />
      ) : contacts.length === 0 ? (
        <EmptyState title={t('partner.contacts.empty')}>{canEdit && <p>{t('partner.contacts.empty_hint')}</p>}</EmptyState>
      ) : (
        <div class="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">{t('partner.contacts.name')}</th>
                <th scope="col">{t('partner.contacts.role')}</th>
                <th scope="col">{t('partner.contacts.email')}</th>
                <th scope="col">{t('partner.contacts.phone')}</th>
                {canEdit && (
                  <th scope="col">
                    <span class="visually-hidden">{t('partner.actions')}</span>
                  </th>
                )}
              </tr>
            </thead>
            <tbody>
              {contacts.map((c) => (
                <tr key={c.id}>
                  <td>
                    <span dir="auto" class="strong">
                      {c.name}
                    </span>
                    {c.primary && <span class="pill pill-primary">{t('partner.contacts.primary')}</span>}
                    {c.title && (
                      <div class="muted">
                        <bdi>{c.title}</bdi>
                      </div>
                    )}
                  </td>
                  <td>{c.role ? t(`partner.contact_role.${c.role}`) : ''}</td>
                  <td>{c.email && <a href={`mailto:${c.email}`} dir="ltr">{c.email}</a>}</td>
                  <td>{c.phone && <a href={`tel:${c.phone.replace(/[^\d+]/g, '')}`} dir="ltr">{c.phone}</a>}</td>
                  {canEdit && (
                    <td class="actions">
                      <button type="button" class="btn btn-quiet" aria-label={t('partner.contacts.edit_named', { name: c.name })} onClick={() => setEditing(c)}>
                        {t('partner.edit')}
                      </button>
                      <ConfirmButton
                        label={t('partner.delete')}
                        ariaLabel={t('partner.contacts.delete_named', { name: c.name })}
                        title={t('partner.contacts.delete_title')}
                        message={t('partner.contacts.delete_confirm', { name: c.name })}
                        confirmLabel={t('partner.delete')}
                        onConfirm={() => remove(c)}
                      />
                    </td>
                  )}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <Modal
        open={editing !== null}
        title={editing === 'new' ? t('partner.contacts.add') : t('partner.contacts.edit')}
        onClose={() => setEditing(null)}
      >
        {editing !== null && (
          <ContactForm
            partnerId={partner.id}
            contact={editing === 'new' ? null : editing}
            onDone={() => {
              setEditing(null);
              void changed();
            }}
            onCancel={() => setEditing(null)}
          />
        )}
      </Modal>
    </section>
  );
}

function ContactForm({ partnerId, contact, onDone, onCancel }: {
  partnerId: number;
  contact: Contact | null;
  onDone: () => void;
  onCancel: () => void;
}) {
  const { t } = useI18n();
  const [d, setD] = useState<Draft>(() => draftOf(contact));
  const [errors, setErrors] = useState<FormErrors>({ fields: {}, general: [] });
  const [busy, setBusy] = useState(false);
  const set = (k: keyof Draft) => (v: string | boolean) => setD((x) => ({ ...x, [k]: v }));

  async function submit(e: Event) {
    e.preventDefault();
    if (!d.name.trim()) {
      setErrors({ fields: { name: t('partner.required') }, general: [] });
      return;
    }
    const body = {
      name: d.name.trim(),
      title: d.title.trim() || null,
      email: d.email.trim() || null,
      phone: d.phone.trim() || null,
      role: d.role,
      primary: d.primary,
    };
    setBusy(true);
    setErrors({ fields: {}, general: [] });
    try {
      if (contact) await api.patch(`/api/v1/partners/${partnerId}/contacts/${contact.id}`, body);
      else await api.post(`/api/v1/partners/${partnerId}/contacts`, body);
      onDone();
    } catch (err) {
      setErrors(err instanceof ApiError ? mapProblem(err, FIELDS) : { fields: {}, general: [t('ui.error_generic')] });
    } finally {
      setBusy(false);
    }
  }

  return (
    <form onSubmit={submit} noValidate>
      <ProblemBanner messages={errors.general} />
      <TextField label={t('partner.contacts.name')} name="name" value={d.name} onValue={set('name')} error={errors.fields.name} required dir="auto" autoComplete="off" />
      <TextField label={t('partner.contacts.job_title')} name="title" value={d.title} onValue={set('title')} error={errors.fields.title} dir="auto" />
      <div class="grid-2">
        <TextField label={t('partner.contacts.email')} name="email" type="email" inputMode="email" value={d.email} onValue={set('email')} error={errors.fields.email} dir="ltr" autoComplete="off" />
        <TextField label={t('partner.contacts.phone')} name="phone" type="tel" inputMode="tel" value={d.phone} onValue={set('phone')} error={errors.fields.phone} dir="ltr" autoComplete="off" />
      </div>
      <SelectField
        label={t('partner.contacts.role')}
        name="role"
        value={d.role}
        onValue={set('role')}
        error={errors.fields.role}
        options={CONTACT_ROLES.map((r) => ({ value: r, label: t(`partner.contact_role.${r}`) }))}
      />
      <Checkbox label={t('partner.contacts.primary_label')} name="primary" checked={d.primary} onValue={set('primary')} />
      {errors.fields.primary && <p class="field-error" role="alert">{errors.fields.primary}</p>}
      <div class="row modal-actions">
        <button type="submit" class="btn btn-primary" disabled={busy}>
          {busy ? t('partner.saving') : t('partner.save')}
        </button>
        <button type="button" class="btn" onClick={onCancel} disabled={busy}>
          {t('ui.cancel')}
        </button>
      </div>
    </form>
  );
}
