// A button that asks before doing something destructive (delete a contact, a document, a
// note, a territory). Props: label (button text), title and message (the question),
// confirmLabel, onConfirm (async; a failure is shown in the dialog), class (button class).
import { useState } from 'preact/hooks';
import { ApiError } from '../lib/api';
import { useI18n } from '../lib/i18n';
import { mapProblem } from '../lib/problem';
import { Modal, ProblemBanner } from '../components/ui';

export interface ConfirmButtonProps {
  label: string;
  /** Accessible name when the visible label is short ("Delete" → "Delete Sara Karimi"). */
  ariaLabel?: string;
  title: string;
  message: string;
  confirmLabel: string;
  onConfirm: () => Promise<void>;
  class?: string;
  disabled?: boolean;
}

export function ConfirmButton(p: ConfirmButtonProps) {
  const { t } = useI18n();
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const [errors, setErrors] = useState<string[]>([]);
  async function go() {
    setBusy(true);
    setErrors([]);
    try {
      await p.onConfirm();
      setOpen(false);
    } catch (e) {
      setErrors(e instanceof ApiError ? mapProblem(e, []).general : [t('ui.error_generic')]);
    } finally {
      setBusy(false);
    }
  }
  return (
    <>
      <button type="button" class={p.class ?? 'btn btn-quiet'} aria-label={p.ariaLabel} disabled={p.disabled} onClick={() => setOpen(true)}>
        {p.label}
      </button>
      <Modal open={open} title={p.title} onClose={() => setOpen(false)}>
        <p>{p.message}</p>
        <ProblemBanner messages={errors} />
        <div class="row modal-actions">
          <button type="button" class="btn btn-danger" onClick={go} disabled={busy}>
            {p.confirmLabel}
          </button>
          <button type="button" class="btn" onClick={() => setOpen(false)} disabled={busy}>
            {t('ui.cancel')}
          </button>
        </div>
      </Modal>
    </>
  );
}
