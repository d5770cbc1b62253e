// Relationship tab: the channel manager's notes on visits, calls, e-mails and QBRs as a
// timeline (newest first), with a form to add one and delete for the author or an admin.
// Notes are vendor-only; partner users never see this tab.
import { useState } from 'preact/hooks';
import { api, ApiError } from '../../lib/api';
import { formatDate, formatDateTime } from '../../lib/format';
import { useI18n } from '../../lib/i18n';
import { mapProblem, type FormErrors } from '../../lib/problem';
import { currentUser } from '../../lib/session';
import { NOTE_KINDS, type Note } from '../../lib/types';
import { Banner, EmptyState, ErrorState, Loading, ProblemBanner, SelectField, TextField } from '../../components/ui';
import { AutoTextArea } from '../../partner/AutoTextArea';
import { ConfirmButton } from '../../partner/ConfirmButton';
import { mayDeleteOwn } from '../../partner/ownership';
import { usePaged } from './usePaged';

// Symbols found in common text fonts (no emoji font needed).
const KIND_ICONS: Record<string, string> = { visit: '⌂', call: '☎', email: '✉', qbr: '▦', other: '✎' };
const NO_ERRORS: FormErrors = { fields: {}, general: [] };
/** The notes route returns at most 200 per request. */
const PAGE = 200;

function today(): string {
  const d = new Date();
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

export function RelationshipTab({ partnerId, canAdd }: { partnerId: number; canAdd: boolean }) {
  const { t } = useI18n();
  const notes = usePaged<Note>(`/api/v1/partners/${partnerId}/notes`, PAGE);
  const me = currentUser();

  return (
    <div class="panel-stack">
      {canAdd ? <AddNote partnerId={partnerId} onAdded={(n) => notes.prepend(n)} /> : <Banner kind="info">{t('partner.notes.read_only')}</Banner>}
      <section class="card panel" aria-labelledby="notes-title">
        <h2 id="notes-title">{t('partner.notes.title')}</h2>
        {notes.error ? (
          <ErrorState error={notes.error} onRetry={notes.reload} />
        ) : !notes.items ? (
          <Loading />
        ) : notes.items.length === 0 ? (
          <EmptyState title={t('partner.notes.empty')} />
        ) : (
          <ol class="timeline">
            {notes.items.map((n) => (
              <li key={n.id} class={`timeline-item note-${n.kind}`}>
                <span class="timeline-icon" aria-hidden="true">
                  {KIND_ICONS[n.kind] ?? KIND_ICONS.other}
                </span>
                <div class="timeline-body">
                  <div class="timeline-meta">
                    <strong>{t(`partner.note_kind.${n.kind}`)}</strong>
                    <span>{formatDate(n.date)}</span>
                    <span class="muted" dir="auto">
                      {n.author ?? t('partner.notes.no_author')}
                    </span>
                    <span class="spacer" />
                    {mayDeleteOwn(me, n.author_id) && (
                      <ConfirmButton
                        label={t('partner.delete')}
                        ariaLabel={t('partner.notes.delete_named', { date: formatDate(n.date) })}
                        title={t('partner.notes.delete_title')}
                        message={t('partner.notes.delete_confirm')}
                        confirmLabel={t('partner.delete')}
                        onConfirm={async () => {
                          await api.del(`/api/v1/partners/${partnerId}/notes/${n.id}`);
                          notes.remove(n.id);
                        }}
                      />
                    )}
                  </div>
                  <p class="note-text" dir="auto">
                    {n.text}
                  </p>
                  <small class="muted">{t('partner.notes.written', { time: formatDateTime(n.created_at) })}</small>
                </div>
              </li>
            ))}
          </ol>
        )}
        {notes.more && (
          <button type="button" class="btn" onClick={notes.loadMore} disabled={notes.loading}>
            {t('partner.notes.older')}
          </button>
        )}
      </section>
    </div>
  );
}

function AddNote({ partnerId, onAdded }: { partnerId: number; onAdded: (n: Note) => void }) {
  const { t } = useI18n();
  const [kind, setKind] = useState<string>('visit');
  const [date, setDate] = useState(today);
  const [text, setText] = useState('');
  const [errors, setErrors] = useState<FormErrors>(NO_ERRORS);
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState(false);

  async function submit(e: Event) {
    e.preventDefault();
    setDone(false);
    if (!text.trim()) {
      setErrors({ fields: { text: t('partner.required') }, general: [] });
      return;
    }
    setBusy(true);
    setErrors(NO_ERRORS);
    try {
      const n = await api.post<Note>(`/api/v1/partners/${partnerId}/notes`, { kind, date: date || undefined, text: text.trim() });
      setText('');
      setDone(true);
      onAdded(n);
    } catch (err) {
      setErrors(err instanceof ApiError ? mapProblem(err, ['kind', 'date', 'text']) : { fields: {}, general: [t('ui.error_generic')] });
    } finally {
      setBusy(false);
    }
  }

  return (
    <form class="card" onSubmit={submit} noValidate aria-labelledby="note-add">
      <h2 id="note-add">{t('partner.notes.add')}</h2>
      <ProblemBanner messages={errors.general} />
      {done && <Banner kind="success">{t('partner.notes.added')}</Banner>}
      <div class="toolbar">
        <SelectField
          label={t('partner.notes.kind')}
          name="kind"
          value={kind}
          onValue={setKind}
          options={NOTE_KINDS.map((k) => ({ value: k, label: t(`partner.note_kind.${k}`) }))}
          error={errors.fields.kind}
        />
        <TextField label={t('partner.notes.date')} name="date" type="date" value={date} onValue={setDate} error={errors.fields.date} />
      </div>
      <AutoTextArea label={t('partner.notes.text')} name="text" value={text} onValue={setText} error={errors.fields.text} rows={4} required />
      <button type="submit" class="btn btn-primary" disabled={busy}>
        {busy ? t('partner.saving') : t('partner.notes.save')}
      </button>
    </form>
  );
}
