// Says what an audit entry did, in the user's language: a short action label and the
// detail that identifies it (the contact's name, the new status, the fields changed…).
import { countryName } from '../../lib/format';
import { t } from '../../lib/i18n';
import type { ActivityEntry } from './types';

export const KNOWN_ACTIONS = [
  'partner.create',
  'partner.update',
  'partner.status',
  'partner.merge',
  'partner.merged',
  'contact.create',
  'contact.update',
  'contact.delete',
  'note.add',
  'note.delete',
  'document.add',
  'document.delete',
  'territory.add',
  'territory.remove',
] as const;

const NOTE_KINDS = ['visit', 'call', 'email', 'qbr', 'other'];

/** Audit field names as the comparison labels them (duplicates.field.*). */
const FIELD_ALIASES: Record<string, string> = {
  manager_id: 'manager',
  tier_id: 'tier',
  'external_ids.erp': 'erp_id',
  'external_ids.crm': 'crm_id',
  erp_id: 'erp_id',
  crm_id: 'crm_id',
  latitude: 'location',
  longitude: 'location',
};
const FIELD_KEYS = new Set([
  'name', 'legal_name', 'type', 'model', 'status', 'tier', 'segment', 'country', 'region', 'city', 'address', 'website',
  'email_domain', 'tax_id', 'phone', 'employees', 'manager', 'industries', 'specialisations', 'languages',
  'technical_score', 'commercial_score', 'current_value', 'future_potential', 'description', 'erp_id', 'crm_id', 'location',
]);

export function fieldLabel(name: string): string {
  const k = FIELD_ALIASES[name] ?? name;
  return FIELD_KEYS.has(k) ? t(`duplicates.field.${k}`) : name;
}

const str = (v: unknown): string => (typeof v === 'string' ? v : v === null || v === undefined ? '' : String(v));

function after(e: ActivityEntry, k: string): unknown {
  return e.changes?.[k]?.[1];
}
function before(e: ActivityEntry, k: string): unknown {
  return e.changes?.[k]?.[0];
}
function either(e: ActivityEntry, k: string): string {
  return str(after(e, k)) || str(before(e, k));
}

export interface Described {
  action: string;
  detail: string;
  /** A quoted text (status reason, note excerpt). */
  quote?: string;
  /** Another partner it refers to (the survivor of a merge). */
  other?: number;
}

const excerpt = (s: string, n = 120) => (s.length > n ? `${s.slice(0, n - 1)}…` : s);

export function describeEntry(e: ActivityEntry): Described {
  const known = (KNOWN_ACTIONS as readonly string[]).includes(e.action);
  const action = known ? t(`dashboard.act.${e.action.replace('.', '_')}`) : e.action;
  switch (e.action) {
    case 'partner.update': {
      const names = [...new Set(Object.keys(e.changes ?? {}).map(fieldLabel))];
      return { action, detail: names.join(', ') };
    }
    case 'partner.status': {
      const from = str(before(e, 'status'));
      const to = str(after(e, 'status'));
      return {
        action,
        detail: from && to ? t('dashboard.status_change', { from: t(`status.${from}`), to: t(`status.${to}`) }) : '',
        quote: str(after(e, 'reason')) || undefined,
      };
    }
    case 'partner.merge': {
      const ids = after(e, 'merged');
      return { action, detail: Array.isArray(ids) ? t('dashboard.merged_count', { count: ids.length }) : '' };
    }
    case 'partner.merged': {
      const into = Number(after(e, 'merged_into')) || undefined;
      return { action, detail: '', other: into };
    }
    case 'contact.create':
    case 'contact.update':
    case 'contact.delete':
    case 'document.add':
    case 'document.delete':
      return { action, detail: either(e, 'name') };
    case 'note.add': {
      const kind = str(after(e, 'kind'));
      return {
        action,
        detail: NOTE_KINDS.includes(kind) ? t(`dashboard.note_kind.${kind}`) : kind,
        quote: excerpt(str(after(e, 'text'))) || undefined,
      };
    }
    case 'territory.add':
    case 'territory.remove': {
      const c = either(e, 'country');
      const r = either(e, 'region');
      return { action, detail: [r, countryName(c)].filter(Boolean).join(', ') };
    }
    default:
      return { action, detail: '' };
  }
}
