// Admin → Tiers: the partner program's levels in rank order, with colour, description
// and how many partners hold each; create and change (there is no delete in the API).
import { useState } from 'preact/hooks';
import { api, type Page } from '../../lib/api';
import { useI18n } from '../../lib/i18n';
import { formatNumber } from '../../lib/format';
import { useAsync } from '../../lib/useAsync';
import type { Tier } from '../../lib/types';
import { Banner, EmptyState, ErrorState, Loading, TierBadge } from '../../components/ui';
import { forgetLookups } from '../../partner/lookups';
import { TierForm } from './TierForm';

function Swatch({ colour }: { colour: string }) {
  return (
    <span
      class="adm-swatch"
      aria-hidden="true"
      ref={(el) => {
        if (el) el.style.backgroundColor = colour;
      }}
    />
  );
}

export default function TiersSection() {
  const { t } = useI18n();
  const tiers = useAsync((signal) => api.get<Page<Tier>>('/api/v1/tiers', undefined, signal), []);
  const [editing, setEditing] = useState<Tier | 'new' | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const items = [...(tiers.data?.items ?? [])].sort((a, b) => a.rank - b.rank);
  const nextRank = Math.min(100, (items.at(-1)?.rank ?? 0) + 1);

  return (
    <div class="admin-section">
      <div class="adm-head">
        <h2>{t('admin.tiers.title')}</h2>
        <button type="button" class="btn btn-primary" onClick={() => { setNotice(null); setEditing('new'); }}>
          {t('admin.tiers.new')}
        </button>
      </div>
      <p class="muted adm-intro">{t('admin.tiers.intro', { rank: 1 })}</p>
      {notice && <Banner kind="success">{notice}</Banner>}
      {tiers.error ? (
        <ErrorState error={tiers.error} onRetry={tiers.reload} />
      ) : !tiers.data ? (
        <Loading />
      ) : items.length === 0 ? (
        <EmptyState title={t('admin.tiers.none')} />
      ) : (
        <div class="table-wrap">
          <table class="tiers-table">
            <caption class="visually-hidden">{t('admin.tiers.title')}</caption>
            <thead>
              <tr>
                <th scope="col" class="num">{t('admin.tiers.rank')}</th>
                <th scope="col">{t('admin.tiers.name')}</th>
                <th scope="col">{t('admin.tiers.colour')}</th>
                <th scope="col">{t('admin.tiers.description')}</th>
                <th scope="col" class="num">{t('admin.tiers.partners')}</th>
                <th scope="col">
                  <span class="visually-hidden">{t('admin.actions')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {items.map((tier) => (
                <tr key={tier.id}>
                  <td class="num">{formatNumber(tier.rank)}</td>
                  <th scope="row">
                    <TierBadge name={tier.name} colour={tier.colour} />
                  </th>
                  <td class="adm-nowrap">
                    <Swatch colour={tier.colour} /> <code dir="ltr">{tier.colour}</code>
                  </td>
                  <td class="adm-cell-description">{tier.description || <span class="muted">{t('admin.tiers.no_description')}</span>}</td>
                  <td class="num">
                    {tier.partners ? (
                      <a href={`/partners?tier=${encodeURIComponent(tier.name)}`} aria-label={t('admin.tiers.partners_link', { count: tier.partners, name: tier.name })}>
                        {formatNumber(tier.partners)}
                      </a>
                    ) : (
                      formatNumber(tier.partners ?? 0)
                    )}
                  </td>
                  <td class="adm-cell-actions">
                    <button type="button" class="btn btn-quiet" aria-label={t('admin.tiers.edit_label', { name: tier.name })} onClick={() => { setNotice(null); setEditing(tier); }}>
                      {t('admin.edit')}
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <TierForm
        open={editing !== null}
        tier={editing === 'new' ? null : editing}
        tiers={items}
        nextRank={nextRank}
        onClose={() => setEditing(null)}
        onSaved={(tier, created) => {
          setEditing(null);
          forgetLookups();
          setNotice(created ? t('admin.tiers.created', { name: tier.name }) : t('admin.tiers.saved', { name: tier.name }));
          tiers.reload();
        }}
      />
    </div>
  );
}
