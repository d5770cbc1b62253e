// Performance and Operations tabs. The API returns these sections as {} until the
// capabilities that feed them exist (sales import, pipeline and deal registration;
// training, certifications, MDF, service tickets) — so this says plainly what will appear
// here and shows no invented figure. When a section starts carrying values they are
// listed as they come, until a dedicated view replaces this one.
import { useI18n } from '../../lib/i18n';
import { EmptyState } from '../../components/ui';

const ITEMS = {
  performance: ['revenue', 'pipeline', 'deals', 'targets', 'mix'],
  operations: ['training', 'certifications', 'mdf', 'tickets', 'onboarding'],
} as const;

export function SectionPending({ section, data }: { section: keyof typeof ITEMS; data: Record<string, unknown> | undefined }) {
  const { t } = useI18n();
  const entries = Object.entries(data ?? {});
  return (
    <section class="card panel" aria-labelledby={`${section}-title`}>
      <h2 id={`${section}-title`}>{t(`partner.section_pending.${section}.title`)}</h2>
      {entries.length === 0 ? (
        <EmptyState title={t('partner.section_pending.empty')}>
          <p>{t(`partner.section_pending.${section}.intro`)}</p>
          <ul class="pending-list">
            {ITEMS[section].map((k) => (
              <li key={k}>{t(`partner.section_pending.${section}.${k}`)}</li>
            ))}
          </ul>
        </EmptyState>
      ) : (
        <dl class="props">
          {entries.flatMap(([k, v]) => [
            <dt key={`k-${k}`}>{k}</dt>,
            <dd key={`v-${k}`}>{typeof v === 'object' ? JSON.stringify(v) : String(v)}</dd>,
          ])}
        </dl>
      )}
    </section>
  );
}
