// Every locale has exactly the keys of every other, with the same {placeholders}; every
// key is used by the code; every key the code asks for exists.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';
import { LOCALES as UI_LOCALES } from './i18n';
import { CONTACT_ROLES, DOCUMENT_KINDS, NOTE_KINDS, PARTNER_MODELS, PARTNER_ROLES, PARTNER_STATUSES, PARTNER_TYPES, VENDOR_ROLES } from './types';

const src = join(dirname(fileURLToPath(import.meta.url)), '..');
const LOCALES = ['en', 'fa', 'ar', 'ms'];
const PLURAL = new Set(['zero', 'one', 'two', 'few', 'many', 'other']);

type Tree = { [k: string]: string | Tree };
const isPlural = (v: Tree) => Object.keys(v).length > 0 && Object.keys(v).every((k) => PLURAL.has(k)) && 'other' in v;

function leaves(tree: Tree, prefix = '', out = new Map<string, string[]>()): Map<string, string[]> {
  for (const [k, v] of Object.entries(tree)) {
    const key = prefix ? `${prefix}.${k}` : k;
    if (typeof v === 'string') out.set(key, [v]);
    else if (isPlural(v)) out.set(key, Object.values(v) as string[]);
    else leaves(v, key, out);
  }
  return out;
}

const placeholders = (texts: string[]) => [...new Set(texts.flatMap((s) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1])))].sort();

function sources(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) {
      if (name !== 'i18n') sources(p, out);
    } else if (/\.(ts|tsx)$/.test(name) && !/\.test\.tsx?$/.test(name)) out.push(p);
  }
  return out;
}

const dicts = Object.fromEntries(
  LOCALES.map((l) => [l, leaves(JSON.parse(readFileSync(join(src, 'i18n', `${l}.json`), 'utf8')))]),
) as Record<string, Map<string, string[]>>;
const code = sources(src).map((f) => readFileSync(f, 'utf8')).join('\n');
const literals = new Set([...code.matchAll(/['"`]([a-z_]+(?:\.[a-z0-9_]+)+)['"`]/g)].map((m) => m[1]));
const dynamicPrefixes = new Set([...code.matchAll(/`([a-z_]+(?:\.[a-z0-9_]+)*\.)\$\{/g)].map((m) => m[1]));

/**
 * Keys the code builds from a template (`status.${s}`), listed one by one: a key counts as
 * used only when it is written out in the code or listed here. Where the values come from
 * a constant of the code, the list is checked against it below. (Keys the code also writes
 * out literally are left out.) Not translations: localStorage keys.
 */
const NOT_I18N = new Set(['channelbase.calendar.']);
const DYNAMIC: Record<string, string[]> = {
  'admin.role_help.': ['admin', 'analyst', 'channel_manager', 'finance', 'partner_admin', 'partner_rep'],
  'admin.section.': ['tiers', 'tokens', 'users'],
  'api_field.': ['If-Match', 'colour', 'contact_id', 'current_password', 'date', 'disabled', 'email', 'exclusive', 'file', 'from', 'kind', 'locale', 'partner_id', 'password', 'primary', 'q', 'rank', 'reason', 'role', 'sort', 'text', 'title', 'to'],
  'dashboard.act.': ['contact_create', 'contact_delete', 'contact_update', 'document_add', 'document_delete', 'note_add', 'note_delete', 'partner_create', 'partner_merge', 'partner_merged', 'partner_status', 'partner_update', 'territory_add', 'territory_remove'],
  'dashboard.note_kind.': ['call', 'email', 'other', 'qbr', 'visit'],
  'duplicates.count.': ['contacts', 'documents', 'notes', 'territories'],
  'duplicates.field.': ['address', 'city', 'commercial_score', 'country', 'created_at', 'crm_id', 'current_value', 'description', 'email_domain', 'employees', 'erp_id', 'future_potential', 'industries', 'languages', 'legal_name', 'location', 'manager', 'model', 'name', 'phone', 'region', 'segment', 'specialisations', 'status', 'tax_id', 'technical_score', 'tier', 'type', 'updated_at', 'website'],
  'duplicates.level.': ['high', 'low', 'medium'],
  'duplicates.reason.': ['email_domain', 'name', 'phone', 'similar_name', 'tax_id', 'web_domain'],
  'import.col.': ['code', 'contact_id', 'contact_name', 'country', 'crm_id', 'degrees', 'email', 'email_domain', 'external_id', 'id', 'languages', 'legal_name', 'manager_id', 'name', 'partner_external_id', 'partner_id', 'phone', 'primary', 'score', 'tags', 'text', 'tier', 'website'],
  'import.done.': ['contacts', 'partners'],
  'import.file.': ['forbidden', 'media_type', 'network', 'not_utf8', 'too_large'],
  'import.kind.': ['contacts', 'partners'],
  'import.kind_help.': ['contacts', 'partners'],
  'import.no_key.': ['contacts', 'partners'],
  'import.step.': ['check', 'choose', 'done'],
  'language.': ['ar', 'en', 'fa', 'ms'],
  'model.': ['referral', 'sell_to', 'sell_with'],
  'partner.contact_role.': ['finance', 'marketing', 'other', 'owner', 'sales', 'support', 'technical'],
  'partner.document_kind.': ['certificate', 'contract', 'other', 'tax'],
  'partner.field.': ['address', 'current_value', 'description', 'email_domain', 'employees', 'future_potential', 'industries', 'languages', 'latitude', 'legal_name', 'longitude', 'name', 'phone', 'specialisations', 'tax_id', 'website'],
  'partner.field.external_ids.': ['crm', 'erp'],
  'partner.history.action.': ['contact_create', 'contact_delete', 'contact_update', 'document_add', 'document_delete', 'note_add', 'note_delete', 'partner_create', 'partner_merge', 'partner_merged', 'partner_status', 'partner_update', 'territory_add', 'territory_remove'],
  'partner.history.field.': ['country', 'date', 'email', 'exclusive', 'kind', 'merged', 'merged_into', 'mime', 'name', 'phone', 'primary', 'reason', 'region', 'role', 'size', 'text', 'title'],
  'partner.invalid.': ['integer', 'number'],
  'partner.note_kind.': ['call', 'email', 'other', 'qbr', 'visit'],
  'partner.owner.': ['partner', 'system', 'vendor'],
  'partner.section.': ['identity', 'place', 'program', 'reach', 'system'],
  'partner.section_pending.': ['operations.certifications', 'operations.intro', 'operations.mdf', 'operations.onboarding', 'operations.tickets', 'operations.title', 'operations.training', 'performance.deals', 'performance.intro', 'performance.mix', 'performance.pipeline', 'performance.revenue', 'performance.targets', 'performance.title'],
  'partner.tab.': ['contacts', 'documents', 'history', 'operations', 'performance', 'relationship', 'status'],
  'partners.sort.': ['created_asc', 'created_desc', 'name_asc', 'name_desc', 'score_asc', 'score_desc', 'tier_asc', 'tier_desc', 'updated_asc', 'updated_desc'],
  'portal.tab.': ['company', 'contacts', 'documents', 'users'],
  'role.': ['admin', 'analyst', 'channel_manager', 'finance', 'partner_admin', 'partner_rep'],
  'status.': ['active', 'applied', 'onboarding', 'prospect', 'suspended', 'terminated'],
  'type.': ['consultant', 'distributor', 'isv', 'msp', 'mssp', 'referral', 'reseller', 'system_integrator'],
};
const dynamicKeys = new Set(Object.entries(DYNAMIC).flatMap(([p, list]) => list.map((k) => p + k)));
const asked = [...code.matchAll(/\bt\(\s*['"]([^'"]+)['"]/g)].map((m) => m[1]);

describe('translations', () => {
  test.each(LOCALES.filter((l) => l !== 'en'))('%s has the same keys as en', (l) => {
    const en = [...dicts.en.keys()].sort();
    const other = [...dicts[l].keys()].sort();
    expect(en.filter((k) => !dicts[l].has(k)), `missing in ${l}`).toEqual([]);
    expect(other.filter((k) => !dicts.en.has(k)), `only in ${l}`).toEqual([]);
  });

  test.each(LOCALES.filter((l) => l !== 'en'))('%s uses the same placeholders as en', (l) => {
    const bad = [...dicts.en.keys()].filter(
      (k) => dicts[l].has(k) && placeholders(dicts.en.get(k)!).join() !== placeholders(dicts[l].get(k)!).join(),
    );
    expect(bad).toEqual([]);
  });

  test('no translation is empty', () => {
    const empty = LOCALES.flatMap((l) => [...dicts[l]].filter(([, v]) => v.some((s) => !s.trim())).map(([k]) => `${l}:${k}`));
    expect(empty).toEqual([]);
  });

  test('every key is used by the code (written out, or listed in DYNAMIC)', () => {
    const unused = [...dicts.en.keys()].filter((k) => !literals.has(k) && !dynamicKeys.has(k));
    expect(unused).toEqual([]);
  });

  test('every key listed in DYNAMIC exists', () => {
    expect([...dynamicKeys].filter((k) => !dicts.en.has(k))).toEqual([]);
  });

  test('every key template in the code has its list in DYNAMIC', () => {
    expect([...dynamicPrefixes].filter((p) => !(p in DYNAMIC) && !NOT_I18N.has(p))).toEqual([]);
  });

  test('the lists follow the constants they come from', () => {
    const full = (p: string) => [...dicts.en.keys()].filter((k) => k.startsWith(p) && !k.slice(p.length).includes('.')).map((k) => k.slice(p.length)).sort();
    expect(full('status.')).toEqual([...PARTNER_STATUSES].sort());
    expect(full('type.')).toEqual([...PARTNER_TYPES].sort());
    expect(full('model.')).toEqual([...PARTNER_MODELS].sort());
    expect(full('role.')).toEqual([...VENDOR_ROLES, ...PARTNER_ROLES].sort());
    expect(full('language.').filter((l) => l !== 'unset')).toEqual([...UI_LOCALES].sort());
    expect(full('partner.note_kind.')).toEqual([...NOTE_KINDS].sort());
    expect(full('partner.contact_role.')).toEqual([...CONTACT_ROLES].sort());
    expect(full('partner.document_kind.')).toEqual([...DOCUMENT_KINDS].sort());
    expect(DYNAMIC['api_field.'].filter((f) => !dicts.en.has(`api_field.${f}`))).toEqual([]);
  });

  test('every key the code asks for exists', () => {
    expect(asked.filter((k) => !dicts.en.has(k))).toEqual([]);
  });
});

describe('digits', () => {
  // Numbers in a message come through {placeholders}, formatted with the locale's digits;
  // written into an fa/ar translation they would show Latin digits. Allowed: names and
  // literal values the user types as such (a CSV cell, a standard's number, a colour).
  const LITERAL = /UTF-8|RFC 4180|ISO 3166-1|#[0-9a-f]{6}|https?:\/\/\S+|\+\d[\d ]*|\b(?:1\/0|yes\/no)\b|\b[A-Z]{2,}\d*\b|[\w.]*\d{4}-\d{2}-\d{2}|\b\w+_\w+\b|\{\w+\}/g;
  test.each(['fa', 'ar'])('%s translations write no Latin digits of their own', (l) => {
    const bad = [...dicts[l]].filter(([, v]) => v.some((s) => /[0-9]/.test(s.replace(LITERAL, '')))).map(([k, v]) => `${k}: ${v.join(' | ')}`);
    expect(bad).toEqual([]);
  });
});
