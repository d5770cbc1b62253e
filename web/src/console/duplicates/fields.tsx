// The rows of the side-by-side comparison: which fields, how each is shown, and how two
// records are told apart (the raw value, so "Tehran" vs "Tehran " counts as a difference
// only where the API itself differs).
import type { ComponentChildren } from 'preact';
import { StatusPill, TierBadge } from '../../components/ui';
import { countryName, formatDateTime, formatNumber, languageName } from '../../lib/format';
import { t } from '../../lib/i18n';
import type { Partner360, Tier } from '../../lib/types';
import { tierColour } from '../dashboard/useTiers';

export interface Compared extends Partner360 {
  /** Notes on record (from the notes list); notes_more when there are more than counted. */
  notes_count: number;
  notes_more: boolean;
}

export interface FieldDef {
  key: string;
  value: (p: Compared) => unknown;
  show?: (p: Compared, tiers: Tier[]) => ComponentChildren;
}

const text = (v: unknown): ComponentChildren =>
  v === null || v === undefined || v === '' ? null : <bdi dir="auto">{String(v)}</bdi>;
const list = (v: string[] | undefined) => (v && v.length ? v.join(', ') : null);

export const FIELDS: FieldDef[] = [
  { key: 'name', value: (p) => p.name },
  { key: 'legal_name', value: (p) => p.legal_name },
  { key: 'type', value: (p) => p.type, show: (p) => (p.type ? t(`type.${p.type}`) : null) },
  { key: 'model', value: (p) => p.model, show: (p) => (p.model ? t(`model.${p.model}`) : null) },
  { key: 'status', value: (p) => p.status, show: (p) => (p.status ? <StatusPill status={p.status} /> : null) },
  { key: 'tier', value: (p) => p.tier, show: (p, tiers) => <TierBadge name={p.tier} colour={tierColour(tiers, p.tier)} /> },
  { key: 'segment', value: (p) => p.segment },
  { key: 'country', value: (p) => p.country, show: (p) => countryName(p.country) || null },
  { key: 'region', value: (p) => p.region },
  { key: 'city', value: (p) => p.city },
  { key: 'address', value: (p) => p.address },
  { key: 'website', value: (p) => p.website, show: (p) => (p.website ? <bdi dir="ltr">{p.website}</bdi> : null) },
  { key: 'email_domain', value: (p) => p.email_domain, show: (p) => (p.email_domain ? <bdi dir="ltr">{p.email_domain}</bdi> : null) },
  { key: 'tax_id', value: (p) => p.tax_id, show: (p) => (p.tax_id ? <bdi dir="ltr">{p.tax_id}</bdi> : null) },
  { key: 'phone', value: (p) => p.phone, show: (p) => (p.phone ? <bdi dir="ltr">{p.phone}</bdi> : null) },
  { key: 'employees', value: (p) => p.employees, show: (p) => (p.employees ? <bdi dir="ltr">{p.employees}</bdi> : null) },
  { key: 'manager', value: (p) => p.manager_id, show: (p) => text(p.manager_name) },
  { key: 'industries', value: (p) => p.industries ?? [], show: (p) => text(list(p.industries)) },
  { key: 'specialisations', value: (p) => p.specialisations ?? [], show: (p) => text(list(p.specialisations)) },
  {
    key: 'languages',
    value: (p) => p.languages ?? [],
    show: (p) => (p.languages && p.languages.length ? p.languages.map((l) => languageName(l)).join(', ') : null),
  },
  { key: 'technical_score', value: (p) => p.technical_score, show: (p) => formatNumber(p.technical_score) || null },
  { key: 'commercial_score', value: (p) => p.commercial_score, show: (p) => formatNumber(p.commercial_score) || null },
  { key: 'erp_id', value: (p) => p.external_ids?.erp ?? null, show: (p) => text(p.external_ids?.erp) },
  { key: 'crm_id', value: (p) => p.external_ids?.crm ?? null, show: (p) => text(p.external_ids?.crm) },
  { key: 'created_at', value: (p) => p.created_at, show: (p) => formatDateTime(p.created_at) },
  { key: 'updated_at', value: (p) => p.updated_at, show: (p) => formatDateTime(p.updated_at) },
];

/** What moves with a merge, counted per record. */
export const COUNTS: { key: 'contacts' | 'notes' | 'documents' | 'territories'; value: (p: Compared) => number }[] = [
  { key: 'contacts', value: (p) => p.contacts.length },
  { key: 'notes', value: (p) => p.notes_count },
  { key: 'documents', value: (p) => p.documents.length },
  { key: 'territories', value: (p) => p.territories.length },
];

const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

export function differs(f: FieldDef, ps: Compared[]): boolean {
  return ps.some((p) => !same(f.value(p), f.value(ps[0])));
}

export function differsFrom(f: FieldDef, p: Compared, survivor: Compared | undefined): boolean {
  return !!survivor && p.id !== survivor.id && !same(f.value(p), f.value(survivor));
}

/** Life-cycle stages by how much a record in them is likely the one in use. */
const STATUS_WEIGHT: Record<string, number> = { active: 5, suspended: 4, onboarding: 3, applied: 2, prospect: 1, terminated: 0 };

/**
 * The record to keep by default: the one furthest along the life cycle (an active
 * partner is the one people work with), then the one with the most filled fields and
 * attached data, then the oldest.
 */
export function suggestSurvivor(ps: Compared[]): number | undefined {
  let best: Compared | undefined;
  let bestScore = -1;
  for (const p of ps) {
    if (p.merged_into) continue;
    const filled = FIELDS.filter((f) => {
      const v = f.value(p);
      return !(v === null || v === undefined || v === '' || (Array.isArray(v) && v.length === 0));
    }).length;
    const data = filled + 2 * p.contacts.length + p.notes_count + 2 * p.documents.length + p.territories.length;
    const score = (STATUS_WEIGHT[p.status] ?? 0) * 1000 + data;
    if (score > bestScore || (score === bestScore && best && p.id < best.id)) {
      best = p;
      bestScore = score;
    }
  }
  return best?.id;
}
