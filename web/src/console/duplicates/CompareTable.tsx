// The records side by side: one column per partner, one row per field. Rows whose values
// differ are flagged, and so is each cell that differs from the chosen survivor.
import { useI18n } from '../../lib/i18n';
import { formatNumber } from '../../lib/format';
import type { Tier } from '../../lib/types';
import { COUNTS, differs, differsFrom, FIELDS, type Compared } from './fields';

interface Props {
  partners: Compared[];
  tiers: Tier[];
  survivor: number | undefined;
  suggested: number | undefined;
  included: Set<number>;
  editable: boolean;
  onlyDiff: boolean;
  onSurvivor: (id: number) => void;
  onInclude: (id: number, on: boolean) => void;
}

export function CompareTable(props: Props) {
  const { t } = useI18n();
  const { partners, tiers, survivor, suggested, included, editable, onlyDiff } = props;
  const surv = partners.find((p) => p.id === survivor);
  const rows = FIELDS.filter((f) => !onlyDiff || differs(f, partners));
  return (
    <div class="table-wrap dup-compare">
      <table>
        <caption class="visually-hidden">{t('duplicates.compare_caption')}</caption>
        <thead>
          <tr>
            <th scope="col" class="dup-field-col">
              {t('duplicates.field_col')}
            </th>
            {partners.map((p) => (
              <th scope="col" key={p.id} class={p.id === survivor ? 'dup-col dup-col-survivor' : 'dup-col'}>
                <a href={`/partners/${p.id}`} class="dup-col-name">
                  <bdi dir="auto">{p.name}</bdi>
                </a>
                <span class="dup-col-id muted">{t('duplicates.partner_id', { id: String(p.id) })}</span>
                {p.merged_into ? (
                  <span class="pill dup-merged">{t('duplicates.already_merged', { id: String(p.merged_into) })}</span>
                ) : editable ? (
                  <span class="dup-col-controls">
                    <label class="dup-radio">
                      <input
                        type="radio"
                        name="survivor"
                        value={String(p.id)}
                        checked={p.id === survivor}
                        onChange={() => props.onSurvivor(p.id)}
                      />
                      <span>{t('duplicates.keep')}</span>
                    </label>
                    {p.id === suggested && <span class="dup-suggested">{t('duplicates.suggested')}</span>}
                    {partners.length > 2 && p.id !== survivor && (
                      <label class="dup-radio">
                        <input
                          type="checkbox"
                          name="from"
                          value={String(p.id)}
                          checked={included.has(p.id)}
                          onChange={(e) => props.onInclude(p.id, (e.target as HTMLInputElement).checked)}
                        />
                        <span>{t('duplicates.include')}</span>
                      </label>
                    )}
                  </span>
                ) : (
                  p.id === suggested && <span class="dup-suggested">{t('duplicates.suggested')}</span>
                )}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((f) => {
            const diff = differs(f, partners);
            return (
              <tr key={f.key} class={diff ? 'dup-row-diff' : undefined}>
                <th scope="row">
                  {t(`duplicates.field.${f.key}`)}
                  {diff && <span class="dup-diff-flag">{t('duplicates.differs')}</span>}
                </th>
                {partners.map((p) => {
                  const shown = f.show ? f.show(p, tiers) : f.value(p) === null || f.value(p) === '' ? null : <bdi dir="auto">{String(f.value(p))}</bdi>;
                  const mark = differsFrom(f, p, surv);
                  return (
                    <td key={p.id} class={mark ? 'dup-cell-diff' : p.id === survivor ? 'dup-cell-survivor' : undefined}>
                      {shown ?? <span class="muted dup-empty">{t('duplicates.empty_value')}</span>}
                    </td>
                  );
                })}
              </tr>
            );
          })}
          <tr class="dup-section">
            <th scope="colgroup" colSpan={partners.length + 1}>
              {t('duplicates.attached')}
            </th>
          </tr>
          {COUNTS.map((c) => (
            <tr key={c.key}>
              <th scope="row">{t(`duplicates.count.${c.key}`)}</th>
              {partners.map((p) => (
                <td key={p.id} class="dup-count">
                  {formatNumber(c.value(p))}
                  {c.key === 'notes' && p.notes_more ? '+' : ''}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
