// The partnership as the vendor manages it, read-only for the partner: tier (with what it
// gives and which tier is next), status, channel manager, territories, partner since.
import { useI18n } from '../lib/i18n';
import { countryName, formatDate } from '../lib/format';
import type { Partner360 } from '../lib/types';
import { StatusPill, TierBadge } from '../components/ui';
import { useTiers } from '../partner';

export function ProgramCard({ partner }: { partner: Partner360 }) {
  const { t } = useI18n();
  const tiers = useTiers();
  const tier = partner.tier ? tiers?.byKey.get(partner.tier.toLowerCase()) : undefined;
  const next = tiers?.list.find((x) => x.rank > (tier?.rank ?? 0));
  return (
    <aside class="card program-card" aria-labelledby="program-title">
      <h2 id="program-title">{t('portal.program.title')}</h2>
      <p class="muted program-note">{t('portal.program.note')}</p>
      <dl class="props program-props">
        <dt>{t('portal.program.tier')}</dt>
        <dd>
          {partner.tier ? <TierBadge name={partner.tier} colour={tier?.colour} /> : <span class="muted">{t('portal.program.no_tier')}</span>}
          {tier?.description && <p class="program-detail">{tier.description}</p>}
        </dd>
        {next && (
          <>
            <dt>{t('portal.program.next_tier')}</dt>
            <dd>
              <TierBadge name={next.name} colour={next.colour} />
              {next.description && <p class="program-detail">{next.description}</p>}
            </dd>
          </>
        )}
        <dt>{t('portal.program.status')}</dt>
        <dd>
          <StatusPill status={partner.status} />
        </dd>
        <dt>{t('portal.program.manager')}</dt>
        <dd>{partner.manager_name ? <bdi>{partner.manager_name}</bdi> : <span class="muted">{t('portal.program.no_manager')}</span>}</dd>
        <dt>{t('portal.program.territories')}</dt>
        <dd>
          {partner.territories.length === 0 ? (
            <span class="muted">{t('portal.program.no_territories')}</span>
          ) : (
            <ul class="program-territories">
              {partner.territories.map((x) => (
                <li key={x.id}>
                  {x.region ? t('portal.program.territory', { country: countryName(x.country), region: x.region }) : countryName(x.country)}
                  {x.exclusive && <span class="pill program-exclusive">{t('portal.program.exclusive')}</span>}
                </li>
              ))}
            </ul>
          )}
        </dd>
        <dt>{t('portal.program.since')}</dt>
        <dd>{formatDate(partner.created_at)}</dd>
      </dl>
    </aside>
  );
}
