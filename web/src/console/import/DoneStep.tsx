// Step 3: what the import did, and where to look at it.
import { useEffect, useRef } from 'preact/hooks';
import { Banner } from '../../components/ui';
import { useI18n } from '../../lib/i18n';
import type { ImportKind } from './columns';
import { ReportFigures, type ImportReport } from './Report';

export function DoneStep({ kind, fileName, report, onAgain }: { kind: ImportKind; fileName: string; report: ImportReport; onAgain: () => void }) {
  const { t } = useI18n();
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);
  return (
    <section class="card import-panel" aria-labelledby="import-done-h">
      <h2 id="import-done-h" ref={heading} tabIndex={-1}>
        {t('import.done_title')}
      </h2>
      <Banner kind="success">
        {t(`import.done.${kind}`, { count: report.created + report.updated })} <bdi dir="auto">{fileName}</bdi>
      </Banner>
      <ReportFigures report={report} planned={false} />
      <div class="import-actions">
        <a class="btn btn-primary" href="/partners?sort=-updated">
          {t('import.open_partners')}
        </a>
        <button type="button" class="btn" onClick={onAgain}>
          {t('import.again')}
        </button>
      </div>
    </section>
  );
}
