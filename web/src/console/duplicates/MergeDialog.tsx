// Confirms a merge and says exactly what it does, then POSTs it. The request is
// POST /api/v1/partners/{survivor}/merge {"from": [ids]}; refusals (409/422/403) are
// shown here, with the dialog left open.
import { useState } from 'preact/hooks';
import { Banner, Modal, ProblemBanner } from '../../components/ui';
import { api, ApiError } from '../../lib/api';
import { formatNumber } from '../../lib/format';
import { useI18n } from '../../lib/i18n';
import { mapProblem } from '../../lib/problem';
import type { Partner360 } from '../../lib/types';
import type { Compared } from './fields';

interface Props {
  open: boolean;
  survivor: Compared;
  merged: Compared[];
  onClose: () => void;
  onDone: (result: Partner360) => void;
}

export function MergeDialog({ open, survivor, merged, onClose, onDone }: Props) {
  const { t } = useI18n();
  const [busy, setBusy] = useState(false);
  const [errors, setErrors] = useState<string[]>([]);
  const sum = (f: (p: Compared) => number) => merged.reduce((n, p) => n + f(p), 0);
  const moves = {
    contacts: formatNumber(sum((p) => p.contacts.length)),
    notes: formatNumber(sum((p) => p.notes_count)),
    documents: formatNumber(sum((p) => p.documents.length)),
    territories: formatNumber(sum((p) => p.territories.length)),
  };

  const submit = async () => {
    setBusy(true);
    setErrors([]);
    try {
      const res = await api.post<Partner360>(`/api/v1/partners/${survivor.id}/merge`, { from: merged.map((p) => p.id) });
      onDone(res);
    } catch (e) {
      if (e instanceof ApiError) {
        const m = mapProblem(e, ['from', 'id']);
        const msgs = [...Object.values(m.fields), ...m.general];
        if (e.status === 403) msgs.unshift(t('duplicates.merge_forbidden'));
        if (e.status === 409) msgs.unshift(t('duplicates.merge_conflict'));
        setErrors(msgs);
      } else setErrors([t('ui.error_generic')]);
    } finally {
      setBusy(false);
    }
  };

  const close = () => {
    if (!busy) {
      setErrors([]);
      onClose();
    }
  };

  return (
    <Modal open={open} title={t('duplicates.merge_title')} onClose={close}>
      <div class="merge-dialog">
        <p>
          {t('duplicates.merge_into', { count: merged.length })}{' '}
          <strong>
            <bdi dir="auto">{survivor.name}</bdi>
          </strong>
        </p>
        <ul class="merge-names">
          {merged.map((p) => (
            <li key={p.id}>
              <bdi dir="auto">{p.name}</bdi> <span class="muted">{t('duplicates.partner_id', { id: String(p.id) })}</span>
            </li>
          ))}
        </ul>
        <h3>{t('duplicates.what_happens')}</h3>
        <ul class="merge-effects">
          <li>{t('duplicates.effect_moves', moves)}</li>
          <li>{t('duplicates.effect_users')}</li>
          <li>{t('duplicates.effect_fields', { name: survivor.name })}</li>
          <li>{t('duplicates.effect_aliases')}</li>
          <li>{t('duplicates.effect_kept')}</li>
          <li>{t('duplicates.effect_audit')}</li>
        </ul>
        <Banner kind="warning">{t('duplicates.merge_final')}</Banner>
        <ProblemBanner messages={errors} />
        <div class="merge-actions">
          <button type="button" class="btn" onClick={close} disabled={busy}>
            {t('ui.cancel')}
          </button>
          <button type="button" class="btn btn-primary" onClick={() => void submit()} disabled={busy}>
            {busy ? t('duplicates.merging') : t('duplicates.confirm_merge')}
          </button>
        </div>
      </div>
    </Modal>
  );
}
