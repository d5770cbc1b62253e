// Where the wizard is: choose → check → import.
import { formatNumber } from '../../lib/format';
import { useI18n } from '../../lib/i18n';

export type Step = 'choose' | 'check' | 'done';
const ORDER: Step[] = ['choose', 'check', 'done'];

export function Steps({ step }: { step: Step }) {
  const { t } = useI18n();
  const at = ORDER.indexOf(step);
  const finished = step === 'done';
  return (
    <ol class="import-steps" aria-label={t('import.steps')}>
      {ORDER.map((s, i) => (
        <li key={s} class={i < at || finished ? 'is-done' : i === at ? 'is-current' : undefined} aria-current={i === at ? 'step' : undefined}>
          <span class="import-step-num" aria-hidden="true">
            {i < at || finished ? '✓' : formatNumber(i + 1)}
          </span>
          <span>{t(`import.step.${s}`)}</span>
        </li>
      ))}
    </ol>
  );
}
