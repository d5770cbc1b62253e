// The head of the Partner 360° page: who the partner is at a glance — display and legal
// name, tier, status, manager, place, scores and the ids other systems know it by.
import { useEffect } from 'preact/hooks';
import { countryName, formatDateTime, formatNumber } from '../../lib/format';
import { useI18n } from '../../lib/i18n';
import type { Partner } from '../../lib/types';
import { StatusPill, TierBadge } from '../../components/ui';
import { tierColour, useTiers } from '../../partner/lookups';

function ScoreMeter({ label, value }: { label: string; value: number | null }) {
  const { t } = useI18n();
  return (
    <div class="score-meter">
      <span class="score-label">{label}</span>
      {value === null ? (
        <span class="muted">{t('partner.header.no_score')}</span>
      ) : (
        <span class="score-line">
          <meter min={0} max={100} low={40} high={70} optimum={100} value={value} aria-label={label} />
          <span class="score-value num">{formatNumber(value)}</span>
        </span>
      )}
    </div>
  );
}

export function PartnerHeader({ partner }: { partner: Partner }) {
  const { t } = useI18n();
  const tiers = useTiers();
  useEffect(() => {
    document.title = `${partner.name} · Channelbase`;
  }, [partner.name]);
  const place = [...new Set([partner.city, partner.region].filter(Boolean))].join(', ');
  const ids = Object.entries(partner.external_ids ?? {}).filter(([, v]) => v);
  return (
    <header class="card p360-head">
      <div class="p360-title">
        <a class="back-link" href="/partners">
          {t('partner.header.back')}
        </a>
        <h1>
          <bdi>{partner.name}</bdi>
        </h1>
        {partner.legal_name && partner.legal_name !== partner.name && (
          <div class="muted">
            <bdi>{partner.legal_name}</bdi>
          </div>
        )}
        <div class="row p360-badges">
          <TierBadge name={partner.tier} colour={tierColour(tiers, partner.tier)} />
          <StatusPill status={partner.status} />
          <span class="pill">{t(`type.${partner.type}`)}</span>
          <span class="pill">{t(`model.${partner.model}`)}</span>
        </div>
      </div>
      <dl class="props p360-facts">
        <dt>{t('partner.field.manager_id')}</dt>
        <dd>
          <bdi>{partner.manager_name ?? t('partner.header.no_manager')}</bdi>
        </dd>
        <dt>{t('partner.header.place')}</dt>
        <dd>
          {partner.country ? (
            <>
              <bdi>{place}</bdi>
              {place && ' · '}
              {countryName(partner.country)}
            </>
          ) : (
            '—'
          )}
        </dd>
        {ids.flatMap(([k, v]) => [
          <dt key={`k-${k}`}>{t(`partner.field.external_ids.${k}`)}</dt>,
          <dd key={`v-${k}`} dir="ltr" class="mono">
            {v}
          </dd>,
        ])}
        <dt>{t('partner.header.updated')}</dt>
        <dd>{formatDateTime(partner.updated_at)}</dd>
      </dl>
      {'technical_score' in partner && (
        <div class="p360-scores">
          <ScoreMeter label={t('partner.field.technical_score')} value={partner.technical_score} />
          <ScoreMeter label={t('partner.field.commercial_score')} value={partner.commercial_score} />
        </div>
      )}
      {partner.merged_into && (
        <p class="banner banner-warning p360-merged" role="status">
          {t('partner.header.merged')} <a href={`/partners/${partner.merged_into}`}>#{partner.merged_into}</a>
        </p>
      )}
    </header>
  );
}
