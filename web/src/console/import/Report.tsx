// The numbers of an import report (GET-free: the POST's answer), as a row of figures.
import { formatNumber } from '../../lib/format';
import { useI18n } from '../../lib/i18n';

export interface ImportReport {
  dry_run: boolean;
  rows: number;
  created: number;
  updated: number;
  unchanged: number;
}

export function ReportFigures({ report, planned }: { report: ImportReport; planned: boolean }) {
  const { t } = useI18n();
  const items: [string, number][] = [
    [t('import.rows'), report.rows],
    [planned ? t('import.will_create') : t('import.created'), report.created],
    [planned ? t('import.will_update') : t('import.updated'), report.updated],
    [t('import.unchanged'), report.unchanged],
  ];
  return (
    <dl class="import-figures">
      {items.map(([label, n]) => (
        <div key={label} class="import-figure">
          <dt>{label}</dt>
          <dd class="num">{formatNumber(n)}</dd>
        </div>
      ))}
    </dl>
  );
}
