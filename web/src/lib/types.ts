// Shapes of the API's JSON (docs/openapi.json is the reference).
export type Role = 'admin' | 'channel_manager' | 'analyst' | 'finance' | 'partner_admin' | 'partner_rep';
export const VENDOR_ROLES: readonly Role[] = ['admin', 'channel_manager', 'analyst', 'finance'];
export const PARTNER_ROLES: readonly Role[] = ['partner_admin', 'partner_rep'];

export interface User {
  id: number;
  email: string;
  name: string;
  role: Role;
  partner_id: number | null;
  /** null: the user never chose a language (the UI keeps the one in effect). */
  locale: string | null;
  disabled: boolean;
  created_at: string;
  updated_at: string;
}

export interface Me extends User {
  auth: 'session' | 'token';
  csrf_token?: string;
}

export const PARTNER_TYPES = ['reseller', 'distributor', 'system_integrator', 'msp', 'mssp', 'isv', 'consultant', 'referral'] as const;
export const PARTNER_MODELS = ['sell_to', 'sell_with', 'referral'] as const;
export const PARTNER_STATUSES = ['prospect', 'applied', 'onboarding', 'active', 'suspended', 'terminated'] as const;
export const NOTE_KINDS = ['visit', 'call', 'email', 'qbr', 'other'] as const;
export const CONTACT_ROLES = ['owner', 'sales', 'technical', 'finance', 'marketing', 'support', 'other'] as const;

export interface Partner {
  id: number;
  version: number;
  legal_name: string;
  name: string;
  type: string;
  model: string;
  status: string;
  tier: string | null;
  tier_rank?: number | null;
  segment: string | null;
  country: string | null;
  region: string | null;
  city: string | null;
  address: string | null;
  latitude: number | null;
  longitude: number | null;
  website: string | null;
  email_domain: string | null;
  tax_id: string | null;
  phone: string | null;
  employees: string | null;
  description: string | null;
  industries?: string[];
  specialisations?: string[];
  languages?: string[];
  manager_id: number | null;
  manager_name?: string | null;
  technical_score: number | null;
  commercial_score: number | null;
  current_value: number | null;
  future_potential: number | null;
  external_ids: Record<string, string | null>;
  merged_into: number | null;
  created_at: string;
  updated_at: string;
}

export interface Contact {
  id: number;
  partner_id: number;
  name: string;
  title: string | null;
  email: string | null;
  phone: string | null;
  role: string | null;
  primary: boolean;
  created_at: string;
  updated_at: string;
}

export interface Territory {
  id: number;
  partner_id: number;
  country: string;
  region: string | null;
  exclusive: boolean;
  created_at: string;
}

export interface Note {
  id: number;
  partner_id: number;
  author_id: number | null;
  author: string | null;
  kind: string;
  date: string;
  text: string;
  created_at: string;
}

export const DOCUMENT_KINDS = ['contract', 'certificate', 'tax', 'other'] as const;

/** As src/api/documents.c writes it (api_document_write). */
export interface DocumentInfo {
  id: number;
  partner_id: number;
  name: string;
  kind: string;
  mime: string;
  size: number;
  sha256: string;
  uploaded_by: number | null;
  uploader: string | null;
  created_at: string;
}

export interface Partner360 extends Partner {
  contacts: Contact[];
  territories: Territory[];
  documents: DocumentInfo[];
  latest_notes?: Note[];
  performance: Record<string, unknown>;
  operations: Record<string, unknown>;
}

export interface Tier {
  id: number;
  name: string;
  rank: number;
  colour: string;
  description: string | null;
  partners?: number;
}

export interface AuditEntry {
  id: number;
  at: string;
  actor_id: number | null;
  actor: string;
  action: string;
  entity: string;
  entity_id: number | null;
  changes: unknown;
  request_id: string | null;
  client_ip: string | null;
  partner_id?: number | null;
  name?: string | null;
}
