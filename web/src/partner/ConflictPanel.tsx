// Shown when saving a partner answered 412: someone else saved the record since it was
// loaded. Lists, field by field, the value when editing began, what is saved now
// ("theirs") and what this user typed ("yours"), and offers the two ways out.
// Props: base (the record as loaded), theirs (the record as saved now), mine (the fields
// this user changed, API values), display (formats a field value), onReload (discard mine,
// take theirs), onReapply (put my fields on top of theirs and save again), busy.
import { formatDateTime } from '../lib/format';
import { TableScroll } from '../components/ui';
import { useI18n } from '../lib/i18n';
import type { Partner } from '../lib/types';
import { FIELD_NAMES, readField, sameValue, type JsonValue } from './identityFields';
import type { PartnerField } from './ownership';

export interface ConflictPanelProps {
  base: Partner;
  theirs: Partner;
  mine: Record<string, JsonValue>;
  display: (field: PartnerField, v: JsonValue | undefined) => string;
  onReload: () => void;
  onReapply: () => void;
  busy?: boolean;
}

export function ConflictPanel({ base, theirs, mine, display, onReload, onReapply, busy }: ConflictPanelProps) {
  const { t } = useI18n();
  const rows = (FIELD_NAMES as PartnerField[]).filter(
    (f) => f in mine || !sameValue(readField(base, f), readField(theirs, f)),
  );
  return (
    <section class="card conflict" aria-labelledby="conflict-title">
      <h2 id="conflict-title">{t('partner.conflict.title')}</h2>
      <p role="alert">{t('partner.conflict.body', { time: formatDateTime(theirs.updated_at) })}</p>
      <TableScroll label={t('partner.conflict.table_label')}>
        <table>
          <thead>
            <tr>
              <th scope="col">{t('partner.conflict.field')}</th>
              <th scope="col">{t('partner.conflict.before')}</th>
              <th scope="col">{t('partner.conflict.theirs')}</th>
              <th scope="col">{t('partner.conflict.yours')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((f) => {
              const theirsChanged = !sameValue(readField(base, f), readField(theirs, f));
              const mineChanged = f in mine;
              return (
                <tr key={f} class={theirsChanged && mineChanged ? 'conflict-both' : undefined}>
                  <th scope="row">
                    {t(`partner.field.${f}`)}
                    {theirsChanged && mineChanged && <span class="pill conflict-pill">{t('partner.conflict.both')}</span>}
                  </th>
                  <td>
                    <bdi>{display(f, readField(base, f))}</bdi>
                  </td>
                  <td class={theirsChanged ? 'conflict-changed' : 'muted'}>
                    <bdi>{theirsChanged ? display(f, readField(theirs, f)) : t('partner.conflict.unchanged')}</bdi>
                  </td>
                  <td class={mineChanged ? 'conflict-changed' : 'muted'}>
                    <bdi>{mineChanged ? display(f, mine[f]) : t('partner.conflict.unchanged')}</bdi>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </TableScroll>
      {rows.some((f) => f in mine && !sameValue(readField(base, f), readField(theirs, f))) && (
        <p class="hint">{t('partner.conflict.both_hint')}</p>
      )}
      <div class="row">
        <button type="button" class="btn btn-primary" onClick={onReapply} disabled={busy}>
          {t('partner.conflict.reapply')}
        </button>
        <button type="button" class="btn" onClick={onReload} disabled={busy}>
          {t('partner.conflict.reload')}
        </button>
      </div>
    </section>
  );
}
