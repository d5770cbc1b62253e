// Territories tab: the countries and regions a partner covers, exclusive or shared, with
// add and remove for an admin or the partner's channel manager.
import { useState } from 'preact/hooks';
import { api, ApiError, type Page } from '../../lib/api';
import { countryName, formatDate } from '../../lib/format';
import { useI18n } from '../../lib/i18n';
import { mapProblem, type FormErrors } from '../../lib/problem';
import type { Territory } from '../../lib/types';
import { useAsync } from '../../lib/useAsync';
import { Banner, Checkbox, EmptyState, ErrorState, Loading, ProblemBanner, SelectField, TableScroll, TextField } from '../../components/ui';
import { ConfirmButton } from '../../partner/ConfirmButton';
import { countryOptions } from '../../partner/countries';

const NO_ERRORS: FormErrors = { fields: {}, general: [] };

export function TerritoriesTab({ partnerId, initial, canManage, onChanged }: {
  partnerId: number;
  initial?: Territory[];
  canManage: boolean;
  onChanged: (items: Territory[]) => void;
}) {
  const { t } = useI18n();
  const fetchList = () => api.get<Page<Territory>>(`/api/v1/partners/${partnerId}/territories`).then((p) => p.items);
  const list = useAsync(() => (initial ? Promise.resolve(initial) : fetchList()), [partnerId]);

  async function changed() {
    const items = await fetchList();
    list.setData(items);
    onChanged(items);
  }

  const items = list.data;
  return (
    <div class="panel-stack">
      {canManage && <AddTerritory partnerId={partnerId} onAdded={changed} />}
      <section class="card panel" aria-labelledby="territories-title">
        <h2 id="territories-title">{t('partner.territories.title')}</h2>
        {!canManage && <p class="hint">{t('partner.territories.read_only')}</p>}
        {list.error ? (
          <ErrorState error={list.error} onRetry={list.reload} />
        ) : !items ? (
          <Loading />
        ) : items.length === 0 ? (
          <EmptyState title={t('partner.territories.empty')} />
        ) : (
          <TableScroll label={t('partner.tab.territories')}>
            <table>
              <thead>
                <tr>
                  <th scope="col">{t('partner.field.country')}</th>
                  <th scope="col">{t('partner.field.region')}</th>
                  <th scope="col">{t('partner.territories.exclusive')}</th>
                  <th scope="col">{t('partner.territories.added')}</th>
                  {canManage && (
                    <th scope="col">
                      <span class="visually-hidden">{t('partner.actions')}</span>
                    </th>
                  )}
                </tr>
              </thead>
              <tbody>
                {items.map((x) => {
                  const where = `${countryName(x.country)}${x.region ? ` / ${x.region}` : ''}`;
                  return (
                    <tr key={x.id}>
                      <td>
                        {countryName(x.country)} <span class="muted">({x.country})</span>
                      </td>
                      <td>
                        <bdi>{x.region ?? t('partner.territories.whole_country')}</bdi>
                      </td>
                      <td>
                        {x.exclusive ? (
                          <span class="pill pill-primary">{t('partner.territories.exclusive_yes')}</span>
                        ) : (
                          <span class="muted">{t('partner.territories.shared')}</span>
                        )}
                      </td>
                      <td>{formatDate(x.created_at)}</td>
                      {canManage && (
                        <td class="actions">
                          <ConfirmButton
                            label={t('partner.territories.remove')}
                            ariaLabel={t('partner.territories.remove_named', { name: where })}
                            title={t('partner.territories.remove_title')}
                            message={t('partner.territories.remove_confirm', { name: where })}
                            confirmLabel={t('partner.territories.remove')}
                            onConfirm={async () => {
                              await api.del(`/api/v1/partners/${partnerId}/territories/${x.id}`);
                              await changed();
                            }}
                          />
                        </td>
                      )}
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </TableScroll>
        )}
      </section>
    </div>
  );
}

function AddTerritory({ partnerId, onAdded }: { partnerId: number; onAdded: () => Promise<void> }) {
  const { t, locale } = useI18n();
  const [country, setCountry] = useState('');
  const [region, setRegion] = useState('');
  const [exclusive, setExclusive] = useState(false);
  const [errors, setErrors] = useState<FormErrors>(NO_ERRORS);
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState(false);

  async function submit(e: Event) {
    e.preventDefault();
    setDone(false);
    if (!country) {
      setErrors({ fields: { country: t('partner.required') }, general: [] });
      return;
    }
    setBusy(true);
    setErrors(NO_ERRORS);
    try {
      await api.post(`/api/v1/partners/${partnerId}/territories`, { country, region: region.trim() || null, exclusive });
      setRegion('');
      setExclusive(false);
      setDone(true);
      await onAdded();
    } catch (err) {
      setErrors(err instanceof ApiError ? mapProblem(err, ['country', 'region', 'exclusive']) : { fields: {}, general: [t('ui.error_generic')] });
    } finally {
      setBusy(false);
    }
  }

  return (
    <form class="card" onSubmit={submit} noValidate aria-labelledby="territory-add">
      <h2 id="territory-add">{t('partner.territories.add')}</h2>
      <ProblemBanner messages={errors.general} />
      {done && <Banner kind="success">{t('partner.territories.added_ok')}</Banner>}
      <div class="grid-2">
        <SelectField label={t('partner.field.country')} name="country" value={country} onValue={setCountry} options={countryOptions(locale)} empty={t('partner.territories.choose_country')} error={errors.fields.country} />
        <TextField label={t('partner.field.region')} name="region" value={region} onValue={setRegion} error={errors.fields.region} hint={t('partner.territories.region_hint')} dir="auto" />
      </div>
      <Checkbox label={t('partner.territories.exclusive_label')} name="exclusive" checked={exclusive} onValue={setExclusive} />
      {errors.fields.exclusive && (
        <p class="field-error" role="alert">
          {errors.fields.exclusive}
        </p>
      )}
      <div class="row modal-actions">
        <button type="submit" class="btn btn-primary" disabled={busy}>
          {t('partner.territories.add')}
        </button>
      </div>
    </form>
  );
}
