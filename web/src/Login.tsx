// The login form, for both sides. After a session expired it says so and returns to
// the page the user was on.
import { useState } from 'preact/hooks';
import { ApiError } from './lib/api';
import { useI18n } from './lib/i18n';
import { login } from './lib/session';
import { Banner, TextField } from './components/ui';
import { LanguageMenu } from './components/Layout';

/** Only same-site paths, never //host or a scheme. */
export function safeNext(next: string | null | undefined): string | null {
  if (!next || !next.startsWith('/') || next.startsWith('//') || next.startsWith('/\\') || next.startsWith('/login')) return null;
  return next;
}

export function Login({ expired }: { expired: boolean }) {
  const { t } = useI18n();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(e: Event) {
    e.preventDefault();
    setError(null);
    setBusy(true);
    try {
      // Signed in, the app's /login route sends the user on to ?next= (app.tsx).
      await login(email.trim(), password);
    } catch (err) {
      if (err instanceof ApiError && err.status === 429) {
        const minutes = Math.max(1, Math.ceil((err.retryAfter ?? 60) / 60));
        setError(t('login.rate_limited', { count: minutes }));
      } else if (err instanceof ApiError && (err.status === 401 || err.status === 403)) {
        setError(t('login.bad_credentials'));
      } else if (err instanceof ApiError && err.status === 400) {
        setError(t('login.incomplete'));
      } else {
        setError(t('ui.unavailable'));
      }
      setBusy(false);
    }
  }

  return (
    <main class="login-page">
      <div class="login-lang">
        <LanguageMenu />
      </div>
      <form class="login-card card" onSubmit={submit} noValidate>
        <h1>Channelbase</h1>
        <p class="muted">{t('login.subtitle')}</p>
        {expired && <Banner kind="info">{t('login.expired')}</Banner>}
        {error && <Banner>{error}</Banner>}
        <TextField label={t('login.email')} type="email" name="email" autoComplete="username" required value={email} onValue={setEmail} />
        <TextField label={t('login.password')} type="password" name="password" autoComplete="current-password" required value={password} onValue={setPassword} />
        <button type="submit" class="btn btn-primary btn-block" disabled={busy || !email || !password}>
          {busy ? t('login.signing_in') : t('login.submit')}
        </button>
      </form>
    </main>
  );
}
