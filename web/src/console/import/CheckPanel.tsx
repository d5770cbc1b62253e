// Step 2: what the dry run found. A file with any bad row writes nothing, so the import
// button stays disabled (and says why) until the file checks clean.
import { useEffect, useRef } from 'preact/hooks';
import { Banner, ProblemBanner } from '../../components/ui';
import { formatBytes } from '../../lib/format';
import { useI18n } from '../../lib/i18n';
import { IMPORT_MAX_MB, type ImportKind } from './columns';
import { useNoKey } from './header';
import { ProblemTable } from './ProblemTable';
import type { ImportFailure } from './problems';
import { UploadProgress } from './Progress';
import { ReportFigures, type ImportReport } from './Report';

interface Props {
  kind: ImportKind;
  file: File;
  busy: 'checking' | 'importing' | null;
  progress: number | null;
  report: ImportReport | null;
  failure: ImportFailure | null;
  onImport: () => void;
  onRecheck: () => void;
  onBack: () => void;
}

export function CheckPanel(p: Props) {
  const { t } = useI18n();
  const { report, failure, busy } = p;
  const noKey = useNoKey(p.file, p.kind);
  const heading = useRef<HTMLHeadingElement>(null);
  // Keyboard and screen-reader users land on the new step.
  useEffect(() => heading.current?.focus(), []);
  let blocked: string | null = null;
  if (failure) blocked = failure.rows.length ? t('import.blocked_problems') : t('import.blocked_file');
  else if (report && report.rows === 0) blocked = t('import.blocked_empty');
  else if (report && report.created + report.updated === 0) blocked = t('import.blocked_nothing');
  const fileMsg = failure?.file ? t(`import.file.${failure.file}`, { size: IMPORT_MAX_MB }) : null;
  return (
    <section class="card import-panel" aria-labelledby="import-check-h">
      <h2 id="import-check-h" ref={heading} tabIndex={-1}>
        {t('import.check_title')}
      </h2>
      <p class="import-file-line">
        <span class="muted">{t(`import.kind.${p.kind}`)}</span>
        <strong>
          <bdi dir="auto">{p.file.name}</bdi>
        </strong>
        <span class="muted">{formatBytes(p.file.size)}</span>
      </p>
      {busy && (
        <UploadProgress fraction={p.progress} label={busy === 'checking' ? t('import.uploading_check') : t('import.uploading_import')} />
      )}
      {!busy && report && !failure && (
        <>
          {!blocked && <Banner kind="success">{t('import.check_ok')}</Banner>}
          <ReportFigures report={report} planned />
          {noKey && report.created > 0 && <Banner kind="warning">{t(`import.no_key.${p.kind}`)}</Banner>}
        </>
      )}
      {!busy && failure && (
        <>
          {fileMsg && <Banner>{fileMsg}</Banner>}
          <ProblemBanner messages={failure.general} />
          {failure.rows.length > 0 && <ProblemTable rows={failure.rows} />}
        </>
      )}
      <div class="import-actions">
        <button type="button" class="btn" onClick={p.onBack} disabled={!!busy}>
          {t('import.choose_other')}
        </button>
        <button type="button" class="btn" onClick={p.onRecheck} disabled={!!busy}>
          {t('import.recheck')}
        </button>
        <button
          type="button"
          class="btn btn-primary"
          onClick={p.onImport}
          disabled={!!busy || !!blocked || !report}
          aria-describedby={blocked ? 'import-blocked' : undefined}
        >
          {report && !blocked ? t('import.import_rows', { count: report.rows }) : t('import.import')}
        </button>
      </div>
      {blocked && !busy && (
        <p id="import-blocked" class="import-blocked" role="status">
          {blocked}
        </p>
      )}
      {report && !failure && !busy && report.unchanged > 0 && (
        <p class="muted">{t('import.unchanged_note', { count: report.unchanged })}</p>
      )}
    </section>
  );
}
