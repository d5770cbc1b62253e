// The user's own settings: language (stored on the server), calendar for Persian,
// display name, password.
import { useState } from 'preact/hooks';
import { api, ApiError } from './lib/api';
import { LOCALES, useI18n } from './lib/i18n';
import { getCalendar, formatDate, type Calendar } from './lib/format';
import { mapProblem } from './lib/problem';
import { chooseLocale, currentUser, hasRole, setCalendarPreference, useSession } from './lib/session';
import TokensSection from './console/admin/TokensSection';
import { PASSWORD_MIN } from './console/admin/password';
import { Banner, PageHeader, ProblemBanner, SelectField, TextField } from './components/ui';

export default function Settings() {
  const { t, locale } = useI18n();
  const { me } = useSession();
  const [name, setName] = useState(me?.name ?? '');
  const [saved, setSaved] = useState<string | null>(null);
  const [nameErr, setNameErr] = useState<string[]>([]);
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [pwErr, setPwErr] = useState<{ fields: Record<string, string>; general: string[] }>({ fields: {}, general: [] });
  const [langErr, setLangErr] = useState<string | undefined>(undefined);

  if (!me) return null;

  async function saveName(e: Event) {
    e.preventDefault();
    setSaved(null);
    setNameErr([]);
    try {
      await api.patch('/api/v1/me', { name });
      setSaved(t('settings.saved'));
    } catch (err) {
      if (err instanceof ApiError) setNameErr(mapProblem(err, []).general);
    }
  }

  async function changePassword(e: Event) {
    e.preventDefault();
    setSaved(null);
    setPwErr({ fields: {}, general: [] });
    try {
      await api.post(`/api/v1/users/${currentUser()!.id}/password`, { current_password: current, password: next });
      setCurrent('');
      setNext('');
      setSaved(t('settings.password_changed'));
    } catch (err) {
      if (err instanceof ApiError) setPwErr(mapProblem(err, ['current_password', 'password']));
    }
  }

  const sample = '2026-03-21';
  return (
    <section class="page narrow">
      <PageHeader title={t('settings.title')} sub={me.email} />
      {saved && <Banner kind="success">{saved}</Banner>}
      <div class="card">
        <h2>{t('settings.display')}</h2>
        <SelectField
          label={t('settings.language')}
          value={locale}
          onValue={(v) => {
            setLangErr(undefined);
            chooseLocale(v).catch(() => setLangErr(t('nav.language_not_saved')));
          }}
          error={langErr}
          options={LOCALES.map((l) => ({ value: l, label: t(`language.${l}`) }))}
        />
        {locale === 'fa' && (
          <SelectField
            label={t('settings.calendar')}
            hint={t('settings.calendar_sample', { date: formatDate(sample) })}
            value={getCalendar()}
            onValue={(v) => setCalendarPreference(v as Calendar)}
            options={[
              { value: 'gregory', label: t('settings.calendar_gregorian') },
              { value: 'persian', label: t('settings.calendar_persian') },
            ]}
          />
        )}
      </div>
      <form class="card" onSubmit={saveName}>
        <h2>{t('settings.profile')}</h2>
        <ProblemBanner messages={nameErr} />
        <TextField label={t('settings.name')} name="name" value={name} onValue={setName} />
        <button type="submit" class="btn btn-primary">{t('ui.save')}</button>
      </form>
      <form class="card" onSubmit={changePassword}>
        <h2>{t('settings.password')}</h2>
        <ProblemBanner messages={pwErr.general} />
        <TextField label={t('settings.current_password')} type="password" autoComplete="current-password" error={pwErr.fields.current_password} value={current} onValue={setCurrent} />
        <TextField label={t('settings.new_password')} type="password" autoComplete="new-password" hint={t('settings.password_rule', { min: PASSWORD_MIN })} error={pwErr.fields.password} value={next} onValue={setNext} />
        <button type="submit" class="btn btn-primary" disabled={!next}>{t('settings.change_password')}</button>
      </form>
      {/* Admins manage every token under Admin; everyone else keeps their own here. */}
      {!hasRole('admin') && (
        <div class="card">
          <TokensSection />
        </div>
      )}
    </section>
  );
}
