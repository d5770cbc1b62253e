// What the importer accepts: encoding and separators, how rows match existing records,
// and every column with its values; plus the blank template to start from.
import { useEffect, useMemo } from 'preact/hooks';
import { TableScroll } from '../../components/ui';
import { formatDecimal } from '../../lib/format';
import { useI18n } from '../../lib/i18n';
import { useTiers } from '../dashboard/useTiers';
import { columnsOf, templateBlob, type ImportKind } from './columns';

export function TemplateLink({ kind }: { kind: ImportKind }) {
  const { t } = useI18n();
  const url = useMemo(() => URL.createObjectURL(templateBlob(kind)), [kind]);
  useEffect(() => () => URL.revokeObjectURL(url), [url]);
  return (
    <a class="btn" href={url} download={`channelbase-${kind}-template.csv`}>
      {t('import.template')}
    </a>
  );
}

export function ColumnHelp({ kind }: { kind: ImportKind }) {
  const { t } = useI18n();
  const tiers = useTiers();
  return (
    <details class="card import-help">
      <summary>{t('import.help_title')}</summary>
      <ul class="import-rules">
        <li>{t('import.rule_encoding')}</li>
        <li>{t('import.rule_separator')}</li>
        <li>{t('import.rule_header')}</li>
        <li>{kind === 'partners' ? t('import.rule_match_partners') : t('import.rule_match_contacts')}</li>
        <li>{t('import.rule_all_or_nothing')}</li>
        <li>{t('import.rule_repeat')}</li>
      </ul>
      <TableScroll label={t('import.columns_caption')}>
        <table class="import-columns">
          <caption class="visually-hidden">{t('import.columns_caption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('import.column')}</th>
              <th scope="col">{t('import.accepts')}</th>
            </tr>
          </thead>
          <tbody>
            {columnsOf(kind).map((c) => (
              <tr key={c.name}>
                <th scope="row">
                  <code>{c.name}</code>
                </th>
                <td>
                  {t(`import.col.${c.help}`, { min: 0, max: 100, lat: formatDecimal(35.6892, 4), lon: formatDecimal(51.389, 4) })}
                  {c.values && (
                    <span class="import-values">
                      {c.values.map((v) => (
                        <code key={v}>{v}</code>
                      ))}
                    </span>
                  )}
                  {c.help === 'tier' && tiers.length > 0 && (
                    <span class="import-values">
                      {tiers.map((tr) => (
                        <code key={tr.id}>{tr.name}</code>
                      ))}
                    </span>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableScroll>
    </details>
  );
}
