// A partner's documents (contracts, certificates, tax papers): list with download links,
// upload with a progress bar, delete with confirmation; shared by the vendor console
// (Partner 360°, Documents tab) and the partner portal.
// Props:
//   partner   — at least {id}; when it carries `documents` (GET /partners/{id}) they are shown
//               at once, otherwise the list is fetched from GET /partners/{id}/documents.
//   canEdit   — whether this user may upload: mayEditPartnerData() from ./ownership.
//               Deleting is offered per document to its uploader and to admins (document.c).
//   onChanged — optional; called after an upload or delete with the fresh list.
import { useRef, useState } from 'preact/hooks';
import { api, ApiError, upload, type Page } from '../lib/api';
import { formatBytes, formatDate } from '../lib/format';
import { useI18n } from '../lib/i18n';
import { mapProblem } from '../lib/problem';
import { currentUser } from '../lib/session';
import { DOCUMENT_KINDS, type DocumentInfo } from '../lib/types';
import { useAsync } from '../lib/useAsync';
import { Banner, EmptyState, ErrorState, Loading, ProblemBanner, SelectField } from '../components/ui';
import { ConfirmButton } from './ConfirmButton';
import { mayDeleteOwn } from './ownership';
import './partner.css';

export interface DocumentsPanelProps {
  partner: { id: number; documents?: DocumentInfo[] };
  canEdit: boolean;
  onChanged?: (documents: DocumentInfo[]) => void;
}

/** DOCUMENT_MAX_BYTES in src/core/document.h. */
export const DOCUMENT_MAX_BYTES = 20 * 1024 * 1024;
const ACCEPT = '.pdf,.png,.jpg,.jpeg,.docx,.xlsx,.csv,.txt,application/pdf,image/png,image/jpeg,text/csv,text/plain';

export function DocumentsPanel({ partner, canEdit, onChanged }: DocumentsPanelProps) {
  const { t } = useI18n();
  const fetchList = (signal?: AbortSignal) =>
    api.get<Page<DocumentInfo>>(`/api/v1/partners/${partner.id}/documents`, undefined, signal).then((p) => p.items);
  const list = useAsync<DocumentInfo[]>(
    (signal) => (partner.documents ? Promise.resolve(partner.documents) : fetchList(signal)),
    [partner.id],
  );
  const me = currentUser();

  async function changed() {
    try {
      const items = await fetchList();
      list.setData(items);
      onChanged?.(items);
    } catch {
      list.reload();
    }
  }

  const docs = list.data;
  return (
    <section class="card panel" aria-labelledby={`documents-${partner.id}`}>
      <div class="panel-head">
        <h2 id={`documents-${partner.id}`}>{t('partner.documents.title')}</h2>
      </div>
      {canEdit && <UploadForm partnerId={partner.id} onUploaded={changed} />}
      {list.error ? (
        <ErrorState error={list.error} onRetry={list.reload} />
      ) : !docs ? (
        <Loading />
      ) : docs.length === 0 ? (
        <EmptyState title={t('partner.documents.empty')} />
      ) : (
        <div class="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">{t('partner.documents.name')}</th>
                <th scope="col">{t('partner.documents.kind')}</th>
                <th scope="col" class="num">{t('partner.documents.size')}</th>
                <th scope="col">{t('partner.documents.uploader')}</th>
                <th scope="col">{t('partner.documents.date')}</th>
                <th scope="col">
                  <span class="visually-hidden">{t('partner.actions')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {docs.map((d) => (
                <tr key={d.id}>
                  <td>
                    <a href={`/api/v1/partners/${partner.id}/documents/${d.id}`} download={d.name} dir="auto">
                      {d.name}
                    </a>
                  </td>
                  <td>{t(`partner.document_kind.${d.kind}`)}</td>
                  <td class="num">{formatBytes(d.size)}</td>
                  <td>
                    <bdi>{d.uploader ?? '—'}</bdi>
                  </td>
                  <td>{formatDate(d.created_at)}</td>
                  <td class="actions">
                    {mayDeleteOwn(me, d.uploaded_by) && (
                      <ConfirmButton
                        label={t('partner.delete')}
                        ariaLabel={t('partner.documents.delete_named', { name: d.name })}
                        title={t('partner.documents.delete_title')}
                        message={t('partner.documents.delete_confirm', { name: d.name })}
                        confirmLabel={t('partner.delete')}
                        onConfirm={async () => {
                          await api.del(`/api/v1/partners/${partner.id}/documents/${d.id}`);
                          await changed();
                        }}
                      />
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

function UploadForm({ partnerId, onUploaded }: { partnerId: number; onUploaded: () => Promise<void> }) {
  const { t } = useI18n();
  const input = useRef<HTMLInputElement>(null);
  const [kind, setKind] = useState('other');
  const [progress, setProgress] = useState<number | null>(null);
  const [errors, setErrors] = useState<string[]>([]);
  const [done, setDone] = useState<string | null>(null);

  function explain(e: unknown, file: File): string[] {
    if (!(e instanceof ApiError)) return [t('ui.error_generic')];
    if (e.status === 413) return [t('partner.documents.too_large', { name: file.name, max: formatBytes(DOCUMENT_MAX_BYTES) })];
    if (e.status === 415 || (e.status === 422 && e.problem.errors?.some((x) => x.field === 'file')))
      return [t('partner.documents.bad_type', { name: file.name })];
    if (e.status === 0) return [t('ui.unavailable')];
    return mapProblem(e, []).general;
  }

  async function submit(ev: Event) {
    ev.preventDefault();
    const file = input.current?.files?.[0];
    setDone(null);
    if (!file) {
      setErrors([t('partner.documents.choose')]);
      return;
    }
    if (file.size > DOCUMENT_MAX_BYTES) {
      setErrors([t('partner.documents.too_large', { name: file.name, max: formatBytes(DOCUMENT_MAX_BYTES) })]);
      return;
    }
    const form = new FormData();
    form.append('kind', kind);
    form.append('file', file, file.name);
    setErrors([]);
    setProgress(0);
    try {
      await upload<DocumentInfo>(`/api/v1/partners/${partnerId}/documents`, form, setProgress);
      if (input.current) input.current.value = '';
      setDone(t('partner.documents.uploaded', { name: file.name }));
      await onUploaded();
    } catch (e) {
      setErrors(explain(e, file));
    } finally {
      setProgress(null);
    }
  }

  return (
    <form class="upload-form" onSubmit={submit} noValidate>
      <div class="toolbar">
        <div class="field grow">
          <label for={`upload-file-${partnerId}`}>{t('partner.documents.file')}</label>
          <input
            id={`upload-file-${partnerId}`}
            ref={input}
            type="file"
            name="file"
            accept={ACCEPT}
            aria-describedby={`upload-hint-${partnerId}`}
            onChange={() => {
              setErrors([]);
              setDone(null);
            }}
          />
          <small id={`upload-hint-${partnerId}`} class="hint">
            {t('partner.documents.hint', { max: formatBytes(DOCUMENT_MAX_BYTES) })}
          </small>
        </div>
        <SelectField
          label={t('partner.documents.kind')}
          name="kind"
          value={kind}
          onValue={setKind}
          options={DOCUMENT_KINDS.map((k) => ({ value: k, label: t(`partner.document_kind.${k}`) }))}
        />
        <button type="submit" class="btn btn-primary" disabled={progress !== null}>
          {progress !== null ? t('partner.documents.uploading') : t('partner.documents.upload')}
        </button>
      </div>
      {progress !== null && (
        <progress class="progress" max={1} value={progress} aria-label={t('partner.documents.progress', { percent: Math.round(progress * 100) })} />
      )}
      <ProblemBanner messages={errors} />
      {done && <Banner kind="success">{done}</Banner>}
    </form>
  );
}
