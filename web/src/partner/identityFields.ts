// The identity form's fields: how each partner field is edited (its kind), grouped in
// sections, and how a value goes between the API's JSON, the form's text and a readable
// display string. Field names and kinds follow src/core/partner_schema.c.
import { countryName, formatNumber, languageName } from '../lib/format';
import { getLocale, intlTag } from '../lib/i18n';
import type { Partner, User } from '../lib/types';
import { PARTNER_MODELS, PARTNER_STATUSES, PARTNER_TYPES } from '../lib/types';
import type { PartnerField } from './ownership';

export type FieldKind =
  | 'text'
  | 'longtext'
  | 'enum'
  | 'country'
  | 'tier'
  | 'manager'
  | 'score'
  | 'coord'
  | 'tags'
  | 'languages'
  | 'url'
  | 'phone'
  | 'domain';

export const EMPLOYEE_BANDS = ['1-10', '11-50', '51-200', '201-500', '501-1000', '1000+'] as const;

export interface FieldDef {
  name: PartnerField;
  kind: FieldKind;
  /** enum values; their labels are t(`${labelPrefix}${value}`) when a prefix is given. */
  values?: readonly string[];
  labelPrefix?: string;
}

export interface SectionDef {
  id: 'identity' | 'place' | 'reach' | 'program' | 'system';
  fields: FieldDef[];
}

export const SECTIONS: SectionDef[] = [
  {
    id: 'identity',
    fields: [
      { name: 'legal_name', kind: 'text' },
      { name: 'name', kind: 'text' },
      { name: 'type', kind: 'enum', values: PARTNER_TYPES, labelPrefix: 'type.' },
      { name: 'model', kind: 'enum', values: PARTNER_MODELS, labelPrefix: 'model.' },
      { name: 'tax_id', kind: 'text' },
      { name: 'employees', kind: 'enum', values: EMPLOYEE_BANDS },
      { name: 'description', kind: 'longtext' },
    ],
  },
  {
    id: 'place',
    fields: [
      { name: 'country', kind: 'country' },
      { name: 'region', kind: 'text' },
      { name: 'city', kind: 'text' },
      { name: 'address', kind: 'text' },
      { name: 'latitude', kind: 'coord' },
      { name: 'longitude', kind: 'coord' },
    ],
  },
  {
    id: 'reach',
    fields: [
      { name: 'website', kind: 'url' },
      { name: 'email_domain', kind: 'domain' },
      { name: 'phone', kind: 'phone' },
      { name: 'languages', kind: 'languages' },
      { name: 'industries', kind: 'tags' },
    ],
  },
  {
    id: 'program',
    fields: [
      { name: 'status', kind: 'enum', values: PARTNER_STATUSES, labelPrefix: 'status.' },
      { name: 'tier', kind: 'tier' },
      { name: 'segment', kind: 'text' },
      { name: 'manager_id', kind: 'manager' },
      { name: 'specialisations', kind: 'tags' },
      { name: 'technical_score', kind: 'score' },
      { name: 'commercial_score', kind: 'score' },
      { name: 'current_value', kind: 'score' },
      { name: 'future_potential', kind: 'score' },
    ],
  },
  {
    id: 'system',
    fields: [
      { name: 'external_ids.erp', kind: 'text' },
      { name: 'external_ids.crm', kind: 'text' },
    ],
  },
];

export const ALL_FIELDS: FieldDef[] = SECTIONS.flatMap((s) => s.fields);
export const FIELD_NAMES: string[] = ALL_FIELDS.map((f) => f.name);

export type JsonValue = string | number | string[] | null;

/** The field's value in an API record; undefined when the record does not carry it
 * (partner users never receive scores and segment). */
export function readField(p: Partner, name: PartnerField): JsonValue | undefined {
  if (name.startsWith('external_ids.')) {
    const ids = p.external_ids ?? {};
    const key = name.slice('external_ids.'.length);
    return key in ids ? (ids[key] ?? null) : undefined;
  }
  const rec = p as unknown as Record<string, JsonValue | undefined>;
  return name in rec ? rec[name] : undefined;
}

/** Splits a tag list typed with commas (Latin or Arabic) or semicolons. */
export function splitTags(s: string): string[] {
  const out: string[] = [];
  for (const part of s.split(/[,،;؛\n]/)) {
    const v = part.trim();
    if (v && !out.some((o) => o.toLowerCase() === v.toLowerCase())) out.push(v);
  }
  return out;
}

/** API value → the text a form control holds. */
/**
 * API value → form text. Scores and coordinates are written in the user's digits (Persian
 * ۳۵٫۶۸۹۲ in fa), as the read-only view shows them; fromText reads any digits back.
 */
export function toText(v: JsonValue | undefined, kind?: FieldKind): string {
  if (v === null || v === undefined) return '';
  if (Array.isArray(v)) return v.join(', ');
  if (typeof v === 'number' && (kind === 'score' || kind === 'coord'))
    return new Intl.NumberFormat(intlTag(getLocale()), { useGrouping: false, maximumFractionDigits: 20 }).format(v);
  return String(v);
}

export type Parsed = { ok: true; value: JsonValue } | { ok: false; error: 'integer' | 'number' };

/** Persian and Arabic-Indic digits (and the Arabic decimal separator) as Latin ones. */
export function latinDigits(s: string): string {
  return s
    .replace(/[\u06F0-\u06F9]/g, (d) => String(d.charCodeAt(0) - 0x06f0))
    .replace(/[\u0660-\u0669]/g, (d) => String(d.charCodeAt(0) - 0x0660))
    .replace(/\u066B/g, '.')
    .replace(/\u2212/g, '-');
}

/** Form text → API value; numbers are checked here so a typo never leaves the browser. */
export function fromText(def: FieldDef, s: string): Parsed {
  const raw = s.trim();
  const t = def.kind === 'score' || def.kind === 'coord' || def.kind === 'manager' ? latinDigits(raw) : raw;
  switch (def.kind) {
    case 'tags':
    case 'languages':
      return { ok: true, value: splitTags(t) };
    case 'score':
    case 'manager':
      if (!t) return { ok: true, value: null };
      return /^\d+$/.test(t) ? { ok: true, value: Number(t) } : { ok: false, error: 'integer' };
    case 'coord': {
      if (!t) return { ok: true, value: null };
      const n = Number(t);
      return Number.isFinite(n) ? { ok: true, value: n } : { ok: false, error: 'number' };
    }
    default:
      return { ok: true, value: t ? t : null };
  }
}

export function sameValue(a: JsonValue | undefined, b: JsonValue | undefined): boolean {
  return JSON.stringify(a ?? null) === JSON.stringify(b ?? null);
}

export interface DisplayContext {
  t: (key: string, params?: Record<string, string | number>) => string;
  managers?: Map<string, User>;
  /** The record's manager_name, for a manager not in the list (disabled, or not loaded). */
  managerName?: string | null;
}

/** A value as a person reads it (conflict tables, read-only fields, history). */
export function displayValue(def: FieldDef | undefined, v: JsonValue | undefined, ctx: DisplayContext): string {
  if (v === null || v === undefined || (Array.isArray(v) && v.length === 0) || v === '') return '—';
  if (!def) return Array.isArray(v) ? v.join(', ') : String(v);
  switch (def.kind) {
    case 'enum':
      return def.labelPrefix ? ctx.t(`${def.labelPrefix}${v}`) : String(v);
    case 'country':
      return `${countryName(String(v))} (${v})`;
    case 'manager':
      return ctx.managers?.get(String(v))?.name ?? ctx.managerName ?? `#${v}`;
    case 'score':
    case 'coord':
      return typeof v === 'number' ? formatNumber(v) : String(v);
    case 'languages':
      return (v as string[]).map((c) => languageName(c)).join(', ');
    case 'tags':
      return (v as string[]).join(', ');
    default:
      return String(v);
  }
}

export function fieldDef(name: string): FieldDef | undefined {
  return ALL_FIELDS.find((f) => f.name === name);
}
