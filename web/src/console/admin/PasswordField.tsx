// A new-password input with Show/Hide and Generate (a strong random password, shown so
// that the admin can pass it on).
import { useState } from 'preact/hooks';
import { useI18n } from '../../lib/i18n';
import { Field } from '../../components/ui';
import { generatePassword, PASSWORD_DISTINCT, PASSWORD_MIN } from './password';

export function PasswordField({ label, value, onValue, error, name = 'password' }: {
  label: string;
  value: string;
  onValue: (v: string) => void;
  error?: string;
  name?: string;
}) {
  const { t } = useI18n();
  const [shown, setShown] = useState(false);
  return (
    <Field label={label} error={error} hint={t('admin.password.rule', { min: PASSWORD_MIN, distinct: PASSWORD_DISTINCT })}>
      {(id, describedBy) => (
        <div class="password-field">
          <input
            id={id}
            name={name}
            type={(shown ? 'text' : 'password') as 'text'}
            dir="ltr"
            autoComplete="new-password"
            spellcheck={false}
            aria-invalid={error ? 'true' : undefined}
            aria-describedby={describedBy}
            value={value}
            onInput={(e) => onValue((e.target as HTMLInputElement).value)}
          />
          <button type="button" class="btn" onClick={() => setShown(!shown)}>
            {shown ? t('admin.password.hide') : t('admin.password.show')}
          </button>
          <button
            type="button"
            class="btn"
            onClick={() => {
              onValue(generatePassword());
              setShown(true);
            }}
          >
            {t('admin.password.generate')}
          </button>
        </div>
      )}
    </Field>
  );
}
