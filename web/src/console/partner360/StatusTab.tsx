// Status tab: where the partner stands in its life cycle, the moves allowed from here, and
// the form that makes one (target + required reason → POST /partners/{id}/status).
import { useState } from 'preact/hooks';
import { ApiError, request } from '../../lib/api';
import { useI18n } from '../../lib/i18n';
import { mapProblem, type FormErrors } from '../../lib/problem';
import type { Partner } from '../../lib/types';
import { Banner, ProblemBanner, StatusPill } from '../../components/ui';
import { AutoTextArea } from '../../partner/AutoTextArea';
import { nextStatuses, STATUS_ORDER } from './statusFlow';

const NO_ERRORS: FormErrors = { fields: {}, general: [] };

export function StatusTab({ partner, canManage, onChanged, onStale }: {
  partner: Partner;
  canManage: boolean;
  onChanged: (p: Partner) => void;
  /** The record changed under us (412): reload it. */
  onStale: () => void;
}) {
  const { t } = useI18n();
  const next = nextStatuses(partner.status);
  const [to, setTo] = useState('');
  const [reason, setReason] = useState('');
  const [errors, setErrors] = useState<FormErrors>(NO_ERRORS);
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState<string | null>(null);
  const current = STATUS_ORDER.indexOf(partner.status);

  async function submit(e: Event) {
    e.preventDefault();
    const fields: Record<string, string> = {};
    if (!to) fields.to = t('partner.status.choose');
    if (!reason.trim()) fields.reason = t('partner.status.reason_required');
    if (Object.keys(fields).length) {
      setErrors({ fields, general: [] });
      return;
    }
    setBusy(true);
    setErrors(NO_ERRORS);
    setDone(null);
    try {
      const res = await request<Partner>('POST', `/api/v1/partners/${partner.id}/status`, {
        headers: { 'If-Match': String(partner.version) },
        body: { to, reason: reason.trim() },
      });
      setDone(t('partner.status.moved', { status: t(`status.${res.data.status}`) }));
      setTo('');
      setReason('');
      onChanged(res.data);
    } catch (err) {
      if (err instanceof ApiError && err.status === 412) {
        setErrors({ fields: {}, general: [t('partner.status.stale')] });
        onStale();
      } else {
        setErrors(err instanceof ApiError ? mapProblem(err, ['to', 'reason']) : { fields: {}, general: [t('ui.error_generic')] });
      }
    } finally {
      setBusy(false);
    }
  }

  return (
    <div class="grid p360-status">
      <section class="card" aria-labelledby="status-now">
        <h2 id="status-now">{t('partner.status.current')}</h2>
        <p class="status-now">
          <StatusPill status={partner.status} />
        </p>
        <ol class="lifecycle" aria-label={t('partner.status.lifecycle')}>
          {STATUS_ORDER.map((s, i) => (
            <li key={s} class={s === partner.status ? 'current' : i < current && partner.status !== 'suspended' ? 'past' : undefined} aria-current={s === partner.status ? 'step' : undefined}>
              {t(`status.${s}`)}
            </li>
          ))}
        </ol>
        <p class="hint">{t('partner.status.lifecycle_hint')}</p>
      </section>
      <section class="card" aria-labelledby="status-change">
        <h2 id="status-change">{t('partner.status.change')}</h2>
        {done && <Banner kind="success">{done}</Banner>}
        {next.length === 0 ? (
          <p>{t('partner.status.final')}</p>
        ) : !canManage ? (
          <>
            <p>{t('partner.status.allowed', { list: next.map((s) => t(`status.${s}`)).join(', ') })}</p>
            <Banner kind="info">{t('partner.status.not_allowed')}</Banner>
          </>
        ) : (
          <form onSubmit={submit} noValidate>
            <ProblemBanner messages={errors.general} />
            <fieldset class="radio-fieldset" aria-invalid={errors.fields.to ? 'true' : undefined} aria-describedby={errors.fields.to ? 'status-to-err' : undefined}>
              <legend>{t('partner.status.target')}</legend>
              {next.map((s) => (
                <label key={s} class="checkbox">
                  <input type="radio" name="to" value={s} checked={to === s} onChange={() => setTo(s)} />
                  <StatusPill status={s} />
                </label>
              ))}
              {errors.fields.to && (
                <small id="status-to-err" class="field-error" role="alert">
                  {errors.fields.to}
                </small>
              )}
            </fieldset>
            <AutoTextArea label={t('partner.status.reason')} name="reason" value={reason} onValue={setReason} error={errors.fields.reason} hint={t('partner.status.reason_hint')} rows={3} required />
            <button type="submit" class="btn btn-primary" disabled={busy}>
              {busy ? t('partner.saving') : t('partner.status.submit')}
            </button>
          </form>
        )}
      </section>
    </div>
  );
}
