// Import wizard (/import, admin and channel managers): choose partners or contacts and a
// CSV file, check it with a dry run (counts, every bad row), then import it for real.
// The kind is in the URL (?kind=contacts); the file lives only in this page.
import { useEffect, useState } from 'preact/hooks';
import { useLocation } from 'preact-iso';
import { ErrorState, PageHeader } from '../components/ui';
import { ApiError, upload } from '../lib/api';
import { formatBytes } from '../lib/format';
import { useI18n } from '../lib/i18n';
import { hasRole } from '../lib/session';
import { CheckPanel } from './import/CheckPanel';
import { ChooseStep } from './import/ChooseStep';
import { MAX_BYTES, type ImportKind } from './import/columns';
import { DoneStep } from './import/DoneStep';
import { readFailure, type ImportFailure } from './import/problems';
import type { ImportReport } from './import/Report';
import { Steps } from './import/Steps';
import './import/import.css';

type Phase = 'choose' | 'check' | 'done';

export default function ImportWizard() {
  const { t } = useI18n();
  const { query, route, path } = useLocation();
  const kind: ImportKind = query.kind === 'contacts' ? 'contacts' : 'partners';
  const [phase, setPhase] = useState<Phase>('choose');
  const [file, setFile] = useState<File | null>(null);
  const [busy, setBusy] = useState<'checking' | 'importing' | null>(null);
  const [progress, setProgress] = useState<number | null>(null);
  const [report, setReport] = useState<ImportReport | null>(null);
  const [failure, setFailure] = useState<ImportFailure | null>(null);
  const [result, setResult] = useState<ImportReport | null>(null);
  // Another kind (the radio, or back/forward through ?kind=) starts over with the same file.
  useEffect(() => {
    setPhase('choose');
    setReport(null);
    setFailure(null);
  }, [kind]);

  if (!hasRole('admin', 'channel_manager')) return <ErrorState error={new ApiError(403, {}, null)} />;

  let fileError: string | undefined;
  if (file && file.size === 0) fileError = t('import.file.empty');
  else if (file && file.size > MAX_BYTES) fileError = t('import.file_too_big', { max: formatBytes(MAX_BYTES) });

  const send = async (dry: boolean) => {
    if (!file) return;
    setBusy(dry ? 'checking' : 'importing');
    setProgress(0);
    setFailure(null);
    if (dry) setReport(null);
    try {
      const r = await upload<ImportReport>(`/api/v1/imports/${kind}${dry ? '?dry_run=1' : ''}`, file, setProgress, 'text/csv; charset=utf-8');
      if (dry) setReport(r);
      else {
        setResult(r);
        setPhase('done');
      }
    } catch (e) {
      setReport(null);
      setFailure(readFailure(e));
    } finally {
      setBusy(null);
      setProgress(null);
    }
  };

  const restart = () => {
    setPhase('choose');
    setFile(null);
    setReport(null);
    setFailure(null);
    setResult(null);
  };

  return (
    <section class="page import-page">
      <PageHeader title={t('import.title')} sub={t('import.subtitle')} />
      <Steps step={phase} />
      {phase === 'choose' && (
        <ChooseStep
          kind={kind}
          file={file}
          fileError={fileError}
          onKind={(k) => route(`${path}${k === 'partners' ? '' : '?kind=contacts'}`, true)}
          onFile={(f) => {
            setFile(f);
            setReport(null);
            setFailure(null);
          }}
          onCheck={() => {
            setPhase('check');
            void send(true);
          }}
        />
      )}
      {phase === 'check' && file && (
        <CheckPanel
          kind={kind}
          file={file}
          busy={busy}
          progress={progress}
          report={report}
          failure={failure}
          onImport={() => void send(false)}
          onRecheck={() => void send(true)}
          onBack={() => {
            setPhase('choose');
            setReport(null);
            setFailure(null);
          }}
        />
      )}
      {phase === 'done' && result && file && <DoneStep kind={kind} fileName={file.name} report={result} onAgain={restart} />}
    </section>
  );
}
