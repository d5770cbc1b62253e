// Upload progress, then "the server is checking" once every byte is sent.
import { formatPercent } from '../../lib/format';
import { useI18n } from '../../lib/i18n';

export function UploadProgress({ fraction, label }: { fraction: number | null; label: string }) {
  const { t } = useI18n();
  const sent = fraction !== null && fraction >= 1;
  return (
    <div class="import-progress" role="status" aria-live="polite">
      <div class="row">
        <span class="spinner" aria-hidden="true" />
        <span>{sent ? t('import.processing') : `${label} ${fraction === null ? '' : formatPercent(fraction)}`}</span>
      </div>
      <progress class="progress" max={1} value={sent ? undefined : (fraction ?? 0)} aria-label={label} />
    </div>
  );
}
