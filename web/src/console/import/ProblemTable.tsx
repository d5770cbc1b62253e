// Every bad row the importer reported: line number (as a spreadsheet counts, the header
// being line 1), column and reason, in file order.
import { formatNumber } from '../../lib/format';
import { TableScroll } from '../../components/ui';
import { useI18n } from '../../lib/i18n';
import { MAX_LISTED, type RowProblem } from './problems';

export function ProblemTable({ rows }: { rows: RowProblem[] }) {
  const { t } = useI18n();
  const sorted = [...rows].sort((a, b) => (a.line ?? 0) - (b.line ?? 0));
  const lines = new Set(rows.map((r) => r.line).filter((l) => l !== null)).size;
  return (
    <div class="import-problems">
      <p role="alert" class="import-problems-head">
        {t('import.problem_count', { count: rows.length })}
        {lines > 0 && ` ${t('import.problem_lines', { count: lines })}`}
      </p>
      {rows.length >= MAX_LISTED && <p class="muted">{t('import.problems_capped', { count: MAX_LISTED })}</p>}
      <TableScroll label={t('import.problems_caption')}>
        <table>
          <caption class="visually-hidden">{t('import.problems_caption')}</caption>
          <thead>
            <tr>
              <th scope="col" class="num">
                {t('import.line')}
              </th>
              <th scope="col">{t('import.column')}</th>
              <th scope="col">{t('import.reason')}</th>
            </tr>
          </thead>
          <tbody>
            {sorted.map((r, i) => (
              <tr key={i}>
                <td class="num">{r.line === null ? '' : formatNumber(r.line)}</td>
                <td>{r.column ? <code>{r.column}</code> : <span class="muted">{t('import.whole_row')}</span>}</td>
                <td>
                  <bdi dir="ltr" class="import-reason">
                    {r.reason}
                  </bdi>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableScroll>
    </div>
  );
}
