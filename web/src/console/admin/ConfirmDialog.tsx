// A yes/no question before a consequential action (disable a user, revoke a token).
// The action runs here so that a failure is shown in the dialog, next to the question.
import type { ComponentChildren } from 'preact';
import { useState } from 'preact/hooks';
import { ApiError } from '../../lib/api';
import { useI18n } from '../../lib/i18n';
import { mapProblem } from '../../lib/problem';
import { Modal, ProblemBanner } from '../../components/ui';

export function ConfirmDialog({ open, title, confirmLabel, danger = true, onConfirm, onClose, children }: {
  open: boolean;
  title: string;
  confirmLabel: string;
  danger?: boolean;
  /** Resolves when done; a rejection with an ApiError is shown in the dialog. */
  onConfirm: () => Promise<void>;
  onClose: () => void;
  children: ComponentChildren;
}) {
  const { t } = useI18n();
  const [busy, setBusy] = useState(false);
  const [errors, setErrors] = useState<string[]>([]);

  function close() {
    setErrors([]);
    setBusy(false);
    onClose();
  }

  async function confirm() {
    setBusy(true);
    setErrors([]);
    try {
      await onConfirm();
      setBusy(false);
      onClose();
    } catch (e) {
      setBusy(false);
      setErrors(e instanceof ApiError ? mapProblem(e, []).general : [t('ui.error_generic')]);
    }
  }

  return (
    <Modal open={open} title={title} onClose={close}>
      <div class="adm-confirm">
        <div class="adm-confirm-text">{children}</div>
        <ProblemBanner messages={errors} />
        <div class="adm-actions">
          <button type="button" class={danger ? 'btn btn-danger' : 'btn btn-primary'} disabled={busy} onClick={() => void confirm()}>
            {confirmLabel}
          </button>
          <button type="button" class="btn" onClick={close}>
            {t('ui.cancel')}
          </button>
        </div>
      </div>
    </Modal>
  );
}
