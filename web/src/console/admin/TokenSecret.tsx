// A new token's secret, shown exactly once: read-only, selectable, with a copy button
// and a plain warning that it cannot be shown again.
import { useId, useRef, useState } from 'preact/hooks';
import { useI18n } from '../../lib/i18n';
import { Banner, Field } from '../../components/ui';

export function TokenSecret({ secret, onDone }: { secret: string; onDone: () => void }) {
  const { t } = useI18n();
  const input = useRef<HTMLInputElement>(null);
  const [copied, setCopied] = useState<'yes' | 'no' | null>(null);
  const usageId = useId();

  async function copy() {
    input.current?.select();
    try {
      await navigator.clipboard.writeText(secret);
      setCopied('yes');
    } catch {
      setCopied('no');
    }
  }

  return (
    <div class="token-secret">
      <Banner kind="warning">{t('admin.tokens.shown_once')}</Banner>
      <Field label={t('admin.tokens.secret')}>
        {(id, describedBy) => (
          <div class="secret-row">
            <input
              ref={input}
              id={id}
              name="token"
              type="text"
              dir="ltr"
              readOnly
              class="adm-mono"
              aria-describedby={describedBy}
              value={secret}
              onFocus={(e) => (e.target as HTMLInputElement).select()}
            />
            <button type="button" class="btn btn-primary" onClick={() => void copy()}>
              {t('admin.tokens.copy')}
            </button>
          </div>
        )}
      </Field>
      <p role="status" class={copied === 'no' ? 'field-error' : 'muted'}>
        {copied === 'yes' ? t('admin.tokens.copied') : copied === 'no' ? t('admin.tokens.copy_failed') : ''}
      </p>
      <p class="muted" id={usageId}>
        {t('admin.tokens.usage')}
      </p>
      {/* scrolls sideways on a narrow screen: focusable, so the keyboard can scroll it too */}
      <pre class="adm-mono adm-usage" dir="ltr" tabIndex={0} role="region" aria-labelledby={usageId}>{`curl -H 'Authorization: Bearer ${secret}' ${location.origin}/api/v1/me`}</pre>
      <div class="adm-actions">
        <button type="button" class="btn" onClick={onDone}>
          {t('admin.tokens.done')}
        </button>
      </div>
    </div>
  );
}
