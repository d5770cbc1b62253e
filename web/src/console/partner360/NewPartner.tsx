// The "New partner" dialog of the partners list (admin and channel managers): the fields a
// record starts with, POST /api/v1/partners, errors on their fields, then the new 360° page.
import { useState } from 'preact/hooks';
import { useLocation } from 'preact-iso';
import { api, ApiError } from '../../lib/api';
import { useI18n } from '../../lib/i18n';
import { mapProblem, type FormErrors } from '../../lib/problem';
import { currentUser } from '../../lib/session';
import { PARTNER_MODELS, PARTNER_TYPES, type Partner } from '../../lib/types';
import { Modal, ProblemBanner, SelectField, TextField } from '../../components/ui';
import { countryOptions } from '../../partner/countries';
import { useManagers, useTiers } from '../../partner/lookups';

const FIELDS = ['legal_name', 'name', 'type', 'model', 'country', 'region', 'city', 'website', 'phone', 'email_domain', 'tax_id', 'tier', 'segment', 'manager_id'] as const;
type Draft = Record<(typeof FIELDS)[number], string>;
const REQUIRED: ReadonlyArray<keyof Draft> = ['legal_name', 'type', 'model', 'country'];

export function NewPartnerButton() {
  const { t } = useI18n();
  const [open, setOpen] = useState(false);
  return (
    <>
      <button type="button" class="btn btn-primary" onClick={() => setOpen(true)}>
        {t('partners.new')}
      </button>
      <Modal open={open} title={t('partners.new_title')} onClose={() => setOpen(false)} wide>
        <NewPartnerForm onCancel={() => setOpen(false)} />
      </Modal>
    </>
  );
}

function NewPartnerForm({ onCancel }: { onCancel: () => void }) {
  const { t, locale } = useI18n();
  const { route } = useLocation();
  const me = currentUser();
  const isAdmin = me?.role === 'admin';
  const tiers = useTiers();
  const managers = useManagers(isAdmin);
  const [d, setD] = useState<Draft>(() => ({ ...Object.fromEntries(FIELDS.map((f) => [f, ''])), type: 'reseller', model: 'sell_to' }) as Draft);
  const [errors, setErrors] = useState<FormErrors>({ fields: {}, general: [] });
  const [busy, setBusy] = useState(false);
  const set = (k: keyof Draft) => (v: string) => setD((x) => ({ ...x, [k]: v }));

  async function submit(e: Event) {
    e.preventDefault();
    const missing = Object.fromEntries(REQUIRED.filter((f) => !d[f].trim()).map((f) => [f, t('partner.required')]));
    if (Object.keys(missing).length) {
      setErrors({ fields: missing, general: [] });
      return;
    }
    const body: Record<string, string | number> = {};
    for (const f of FIELDS) {
      const v = d[f].trim();
      if (v) body[f] = f === 'manager_id' ? Number(v) : v;
    }
    setBusy(true);
    setErrors({ fields: {}, general: [] });
    try {
      const p = await api.post<Partner>('/api/v1/partners', body);
      route(`/partners/${p.id}`);
    } catch (err) {
      setErrors(err instanceof ApiError ? mapProblem(err, FIELDS) : { fields: {}, general: [t('ui.error_generic')] });
      setBusy(false);
    }
  }

  const e = errors.fields;
  const text = (f: keyof Draft, extra: Record<string, unknown> = {}) => (
    <TextField label={t(`partner.field.${f}`)} name={f} value={d[f]} onValue={set(f)} error={e[f]} required={REQUIRED.includes(f)} {...extra} />
  );
  return (
    <form onSubmit={submit} noValidate>
      <ProblemBanner messages={errors.general} />
      <p class="hint">{t('partners.new_intro')}</p>
      <div class="grid-2">
        {text('legal_name', { dir: 'auto', autoComplete: 'organization' })}
        {text('name', { dir: 'auto', hint: t('partners.name_hint') })}
        <SelectField label={t('partner.field.type')} name="type" value={d.type} onValue={set('type')} error={e.type} options={PARTNER_TYPES.map((x) => ({ value: x, label: t(`type.${x}`) }))} />
        <SelectField label={t('partner.field.model')} name="model" value={d.model} onValue={set('model')} error={e.model} options={PARTNER_MODELS.map((x) => ({ value: x, label: t(`model.${x}`) }))} />
        <SelectField label={t('partner.field.country')} name="country" value={d.country} onValue={set('country')} error={e.country} options={countryOptions(locale)} empty={t('partners.choose')} />
        {text('region', { dir: 'auto' })}
        {text('city', { dir: 'auto' })}
        {text('website', { type: 'url', inputMode: 'url', dir: 'ltr', placeholder: 'https://' })}
        {text('phone', { type: 'tel', inputMode: 'tel', dir: 'ltr' })}
        {text('email_domain', { dir: 'ltr' })}
        {text('tax_id', { dir: 'ltr' })}
        <SelectField label={t('partner.field.tier')} name="tier" value={d.tier} onValue={set('tier')} error={e.tier} options={(tiers?.list ?? []).map((x) => ({ value: x.name, label: x.name }))} empty={t('partner.none')} />
        {text('segment', { dir: 'auto' })}
        {isAdmin ? (
          <SelectField label={t('partner.field.manager_id')} name="manager_id" value={d.manager_id} onValue={set('manager_id')} error={e.manager_id} options={(managers?.list ?? []).map((u) => ({ value: String(u.id), label: u.name }))} empty={t('partner.none')} />
        ) : (
          <p class="hint">{t('partners.manager_self')}</p>
        )}
      </div>
      <div class="row modal-actions">
        <button type="submit" class="btn btn-primary" disabled={busy}>
          {busy ? t('partner.saving') : t('partners.create')}
        </button>
        <button type="button" class="btn" onClick={onCancel} disabled={busy}>
          {t('ui.cancel')}
        </button>
      </div>
    </form>
  );
}
