// Upload progress, then "the server is checking" once every byte is sent.
import { formatPercent } from '../../lib/format';
import { useI18n } from '../../lib/i18n';

export function UploadProgress({ fraction, label }: { fraction: number | null; label: string }) {
  const { t } = useI18n();
  const sent = fraction !== null && fraction >= 1;
  return (
    <div class="import-progress">
      <div class="row">
        <span class="spinner" aria-hidden="true" />
        {/* The live region says each stage once; the percentage is visual (and on the bar). */}
        <span role="status">{sent ? t('import.processing') : label}</span>
        {!sent && fraction !== null && <span aria-hidden="true">{formatPercent(fraction)}</span>}
      </div>
      <progress class="progress" max={1} value={sent ? undefined : (fraction ?? 0)} aria-label={label} />
    </div>
  );
}
