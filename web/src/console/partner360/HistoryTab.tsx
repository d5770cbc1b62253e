// History tab: the partner's audit trail (GET /partners/{id}/history, newest first, cursor
// paged) — who did what and when, with a compact before → after of the changed fields.
// `changes` is what src/core/audit.c writes: {"field": [before, after], …}.
import { countryName, formatDate, formatDateTime, formatNumber } from '../../lib/format';
import { useI18n } from '../../lib/i18n';
import { ApiError } from '../../lib/api';
import type { AuditEntry } from '../../lib/types';
import { EmptyState, ErrorState, Loading } from '../../components/ui';
import { displayValue, fieldDef, type JsonValue } from '../../partner/identityFields';
import { useManagers } from '../../partner/lookups';
import { FIELD_OWNERS } from '../../partner/ownership';
import { usePaged } from './usePaged';

/** Actions that src/core writes for a partner's record (audit_write_partner callers). */
const ACTIONS = new Set([
  'partner.create', 'partner.update', 'partner.status', 'partner.merge', 'partner.merged',
  'contact.create', 'contact.update', 'contact.delete', 'territory.add', 'territory.remove',
  'note.add', 'note.delete', 'document.add', 'document.delete',
]);
/** Fields of child rows and extras (status reason, merges) that have a label. */
const OTHER_FIELDS = new Set([
  'name', 'title', 'email', 'phone', 'role', 'primary', 'country', 'region', 'exclusive', 'kind', 'date', 'text',
  'mime', 'size', 'reason', 'merged', 'merged_into',
]);
const HIDDEN = new Set(['partner_id', 'sha256']);
const ICONS: Record<string, string> = { partner: '◆', contact: '☺', territory: '⚑', note: '✎', document: '▤' };
const TEXT_MAX = 280;

type Diff = { field: string; before: JsonValue | boolean | undefined; after: JsonValue | boolean | undefined };

/** Diffs shown before "show all": a created partner lists every field. */
const SHOWN = 6;

/** The entry's changed fields; for a row that was just created the "before" side is
 * meaningless (0, false, null) and is left out. */
function diffs(action: string, changes: unknown): Diff[] {
  if (!changes || typeof changes !== 'object' || Array.isArray(changes)) return [];
  const created = /\.(create|add)$/.test(action);
  return Object.entries(changes as Record<string, unknown>)
    .filter(([f]) => !HIDDEN.has(f))
    .map(([field, v]) =>
      Array.isArray(v) && v.length === 2
        ? { field, before: created ? undefined : (v[0] as JsonValue), after: v[1] as JsonValue }
        : { field, before: undefined, after: v as JsonValue },
    );
}

export function HistoryTab({ partnerId, managerName }: { partnerId: number; managerName?: string | null }) {
  const { t } = useI18n();
  const history = usePaged<AuditEntry>(`/api/v1/partners/${partnerId}/history`, 50);
  const managers = useManagers(true);

  const isPartnerField = (entity: string, f: string) => entity === 'partner' && f in FIELD_OWNERS;
  const label = (entity: string, f: string) =>
    isPartnerField(entity, f) ? t(`partner.field.${f}`) : OTHER_FIELDS.has(f) ? t(`partner.history.field.${f}`) : f;

  function show(entity: string, f: string, v: JsonValue | boolean | undefined): string {
    if (v === null || v === undefined || v === '' || (f === 'merged_into' && v === 0)) return '—';
    if (typeof v === 'boolean') return v ? t('partner.history.yes') : t('partner.history.no');
    if (isPartnerField(entity, f))
      return displayValue(fieldDef(f), v, { t, managers: managers?.byKey, managerName: f === 'manager_id' ? managerName : null });
    if (f === 'role' && entity === 'contact') return t(`partner.contact_role.${v}`);
    if (f === 'kind' && entity === 'note') return t(`partner.note_kind.${v}`);
    if (f === 'kind' && entity === 'document') return t(`partner.document_kind.${v}`);
    if (f === 'country') return countryName(String(v));
    if (f === 'date') return formatDate(String(v));
    if (f === 'merged_into') return `#${v}`;
    if (Array.isArray(v)) return v.map((x) => (f === 'merged' ? `#${x}` : String(x))).join(', ');
    if (typeof v === 'number') return formatNumber(v);
    const s = String(v);
    return s.length > TEXT_MAX ? `${s.slice(0, TEXT_MAX)}…` : s;
  }

  const renderDiff = (entity: string) => (d: Diff) => (
    <li key={d.field}>
      <span class="diff-field">{label(entity, d.field)}</span>
      {d.before !== undefined && d.before !== null && !(d.field === 'merged_into' && d.before === 0) && (
        <>
          <del dir="auto">{show(entity, d.field, d.before)}</del>
          <span class="diff-arrow" aria-hidden="true">
            →
          </span>
          <span class="visually-hidden">{t('partner.history.to')}</span>
        </>
      )}
      {d.after === null || d.after === undefined ? (
        <span class="muted">{t('partner.history.removed')}</span>
      ) : (
        <ins dir="auto">{show(entity, d.field, d.after)}</ins>
      )}
    </li>
  );

  if (history.error instanceof ApiError && history.error.status === 404)
    return <EmptyState title={t('partner.history.unavailable')} />;
  return (
    <section class="card panel" aria-labelledby="history-title">
      <h2 id="history-title">{t('partner.history.title')}</h2>
      {history.error ? (
        <ErrorState error={history.error} onRetry={history.reload} />
      ) : !history.items ? (
        <Loading />
      ) : history.items.length === 0 ? (
        <EmptyState title={t('partner.history.empty')} />
      ) : (
        <ol class="timeline">
          {history.items.map((e) => {
            const list = diffs(e.action, e.changes);
            return (
              <li key={e.id} class="timeline-item">
                <span class="timeline-icon" aria-hidden="true">
                  {ICONS[e.entity] ?? '•'}
                </span>
                <div class="timeline-body">
                  <div class="timeline-meta">
                    <strong>{ACTIONS.has(e.action) ? t(`partner.history.action.${e.action.replace('.', '_')}`) : e.action}</strong>
                    <span dir="auto">{actorLabel(e.actor, t('partner.history.system'))}</span>
                    <time dateTime={e.at} class="muted">
                      {formatDateTime(e.at)}
                    </time>
                  </div>
                  {list.length > 0 && <DiffList items={list.slice(0, SHOWN)} render={renderDiff(e.entity)} />}
                  {list.length > SHOWN && (
                    <details class="diff-more">
                      <summary>{t('partner.history.more', { count: list.length - SHOWN })}</summary>
                      <DiffList items={list.slice(SHOWN)} render={renderDiff(e.entity)} />
                    </details>
                  )}
                  {e.request_id && (
                    <small class="muted mono">{t('partner.history.request', { id: e.request_id })}</small>
                  )}
                </div>
              </li>
            );
          })}
        </ol>
      )}
      {history.more && (
        <button type="button" class="btn" onClick={history.loadMore} disabled={history.loading}>
          {t('partner.history.older')}
        </button>
      )}
    </section>
  );
}

function DiffList({ items, render }: { items: Diff[]; render: (d: Diff) => preact.JSX.Element }) {
  return <ul class="diff">{items.map(render)}</ul>;
}

/** The audit's actor: an e-mail address, or "system" (or nothing) for the server itself. */
export function actorLabel(actor: string | null | undefined, system: string): string {
  return !actor || actor === 'system' ? system : actor;
}
