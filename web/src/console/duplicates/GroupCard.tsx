// One group of likely duplicates: its members, the evidence and how strong it is.
import { useI18n } from '../../lib/i18n';
import { countryName, formatPercent } from '../../lib/format';
import { evidenceOf, groupKey, scoreLevel, type DupGroup } from './types';

export function ScoreBadge({ score }: { score: number }) {
  const { t } = useI18n();
  const level = scoreLevel(score);
  return (
    <span class={`dup-score dup-score-${level}`}>
      <span class="dup-score-value">{formatPercent(score)}</span>
      <span class="dup-score-label">{t(`duplicates.level.${level}`)}</span>
    </span>
  );
}

export function ReasonList({ group }: { group: DupGroup }) {
  const { t } = useI18n();
  const names = new Map(group.partners.map((p) => [p.id, p.name]));
  const all = group.partners.length;
  return (
    <ul class="dup-reasons">
      {evidenceOf(group).map((e) => (
        <li key={`${e.reason}:${e.value}`} class={`dup-reason dup-reason-${e.reason}`}>
          <span class="dup-reason-label">{t(`duplicates.reason.${e.reason}`)}</span>
          {e.value && (
            <bdi class="dup-reason-value" dir="auto">
              {e.value}
            </bdi>
          )}
          {e.ids.length < all && (
            <span class="dup-reason-pair muted">
              {t('duplicates.only_these', { names: e.ids.map((id) => names.get(id) ?? `#${id}`).join(' · ') })}
            </span>
          )}
        </li>
      ))}
    </ul>
  );
}

export function GroupCard({ group, canMerge, index }: { group: DupGroup; canMerge: boolean; index: number }) {
  const { t } = useI18n();
  const key = groupKey(group.partners.map((p) => p.id));
  const headingId = `dup-group-${index}`;
  return (
    <li class="card dup-group" aria-labelledby={headingId}>
      <div class="dup-group-main">
        <h2 id={headingId} class="dup-group-title">
          {t('duplicates.group_title', { count: group.partners.length })}
        </h2>
        <ul class="dup-members">
          {group.partners.map((p) => (
            <li key={p.id}>
              <a href={`/partners/${p.id}`} class="dup-member-name">
                <bdi dir="auto">{p.name}</bdi>
              </a>
              <span class="muted">
                {[p.city, countryName(p.country)].filter(Boolean).join(', ')}
                {' · '}
                {t('duplicates.partner_id', { id: String(p.id) })}
              </span>
            </li>
          ))}
        </ul>
      </div>
      <div class="dup-group-evidence">
        <ReasonList group={group} />
      </div>
      <div class="dup-group-side">
        <ScoreBadge score={group.score} />
        <a class="btn btn-primary" href={`/duplicates?compare=${key}`}>
          {canMerge ? t('duplicates.compare_merge') : t('duplicates.compare')}
        </a>
      </div>
    </li>
  );
}
