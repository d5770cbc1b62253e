// Who may change what on a partner record — the UI's copy of the server's data-governance
// policy. It mirrors src/core/partner_schema.c (the `owner` column of partner_fields[] and
// pf_may_write()) and the child-row rules in src/core/contact.c, document.c, note.c,
// territory.c and partner.c (partner_check_access, partner_set_status). The server stays
// the judge: this only decides which controls are offered; a 403 still names the fields.
import type { Partner, Role } from '../lib/types';

export type Owner = 'partner' | 'vendor' | 'system';

/** Every writable field of the partner record and its owner (partner_fields[] order). */
export const FIELD_OWNERS = {
  legal_name: 'vendor',
  name: 'vendor',
  type: 'vendor',
  model: 'vendor',
  status: 'vendor',
  tier: 'vendor',
  segment: 'vendor',
  country: 'vendor',
  region: 'vendor',
  city: 'vendor',
  address: 'partner',
  latitude: 'vendor',
  longitude: 'vendor',
  website: 'partner',
  email_domain: 'vendor',
  tax_id: 'vendor',
  phone: 'partner',
  employees: 'partner',
  description: 'partner',
  industries: 'partner',
  specialisations: 'vendor',
  languages: 'partner',
  manager_id: 'vendor',
  technical_score: 'vendor',
  commercial_score: 'vendor',
  current_value: 'vendor',
  future_potential: 'vendor',
  'external_ids.erp': 'system',
  'external_ids.crm': 'system',
} as const satisfies Record<string, Owner>;

export type PartnerField = keyof typeof FIELD_OWNERS;

/**
 * Fields the UI never offers in the identity form even when the server would accept
 * them: status moves only through its transition table (POST …/status, the Status tab),
 * and system-owned ids are fed by imports and integrations (the server lets an admin
 * write them; the console keeps them read-only on purpose).
 */
export const UI_READ_ONLY: ReadonlySet<PartnerField> = new Set<PartnerField>(['status', 'external_ids.erp', 'external_ids.crm']);

/** The acting user, as GET /api/v1/me gives it. */
export interface Viewer {
  id: number;
  role: Role;
  partner_id: number | null;
}

/** The parts of a partner that decide permissions; null while creating one. */
export type PartnerRef = Pick<Partner, 'id' | 'manager_id'> | null;

/** pf_may_write(): may `viewer` change `field` of `partner` (null = a new partner)? */
export function mayWrite(viewer: Viewer | null, field: PartnerField, partner: PartnerRef): boolean {
  if (!viewer) return false;
  const owner: Owner = FIELD_OWNERS[field];
  if (viewer.role === 'admin') return true;
  if (owner === 'system') return false;
  if (viewer.role === 'channel_manager') return partner === null || partner.manager_id === viewer.id;
  if (viewer.role === 'partner_admin' || viewer.role === 'partner_rep')
    return owner === 'partner' && partner !== null && partner.id === viewer.partner_id;
  return false;
}

/** The fields the identity form lets this viewer edit. */
export function editableFields(viewer: Viewer | null, partner: PartnerRef): Set<PartnerField> {
  const out = new Set<PartnerField>();
  for (const f of Object.keys(FIELD_OWNERS) as PartnerField[])
    if (!UI_READ_ONLY.has(f) && mayWrite(viewer, f, partner)) out.add(f);
  return out;
}

/**
 * Vendor-side work on a partner — status changes, territories, adding notes
 * (partner_check_access with write_vendor): an admin, or the partner's own channel manager.
 */
export function mayManage(viewer: Viewer | null, partner: PartnerRef): boolean {
  return mayWrite(viewer, 'segment', partner);
}

/**
 * Contacts and document uploads (contact.c, document.c check_upload): whoever may write a
 * partner-owned field — the partner's users, its channel manager, an admin.
 */
export function mayEditPartnerData(viewer: Viewer | null, partner: PartnerRef): boolean {
  return mayWrite(viewer, 'address', partner);
}

/** Documents and notes are deleted by their author (uploader) or an admin. */
export function mayDeleteOwn(viewer: Viewer | null, authorId: number | null | undefined): boolean {
  if (!viewer) return false;
  return viewer.role === 'admin' || (authorId != null && authorId === viewer.id);
}

/** Vendor staff may create partners (partner_create). */
export function mayCreatePartner(viewer: Viewer | null): boolean {
  return !!viewer && (viewer.role === 'admin' || viewer.role === 'channel_manager');
}
