// The columns the importers accept (src/core/partner_csv.c, contact_csv.c) and a blank
// template of them, made in the browser as a Blob URL.
import { PARTNER_MODELS, PARTNER_STATUSES, PARTNER_TYPES, CONTACT_ROLES } from '../../lib/types';

export type ImportKind = 'partners' | 'contacts';
export const KINDS: ImportKind[] = ['partners', 'contacts'];

export interface ColumnDoc {
  name: string;
  /** i18n key suffix under import.col. explaining the column */
  help: string;
  /** accepted codes, shown as is (the file must use them) */
  values?: readonly string[];
}

export const EMPLOYEE_BANDS = ['1-10', '11-50', '51-200', '201-500', '501-1000', '1000+'] as const;

export const PARTNER_COLUMNS: ColumnDoc[] = [
  { name: 'id', help: 'id' },
  { name: 'external_id', help: 'external_id' },
  { name: 'name', help: 'name' },
  { name: 'legal_name', help: 'legal_name' },
  { name: 'type', help: 'code', values: PARTNER_TYPES },
  { name: 'model', help: 'code', values: PARTNER_MODELS },
  { name: 'status', help: 'code', values: PARTNER_STATUSES },
  { name: 'tier', help: 'tier' },
  { name: 'segment', help: 'text' },
  { name: 'country', help: 'country' },
  { name: 'region', help: 'text' },
  { name: 'city', help: 'text' },
  { name: 'address', help: 'text' },
  { name: 'latitude', help: 'degrees' },
  { name: 'longitude', help: 'degrees' },
  { name: 'website', help: 'website' },
  { name: 'email_domain', help: 'email_domain' },
  { name: 'tax_id', help: 'text' },
  { name: 'phone', help: 'phone' },
  { name: 'employees', help: 'code', values: EMPLOYEE_BANDS },
  { name: 'description', help: 'text' },
  { name: 'industries', help: 'tags' },
  { name: 'specialisations', help: 'tags' },
  { name: 'languages', help: 'languages' },
  { name: 'manager_id', help: 'manager_id' },
  { name: 'technical_score', help: 'score' },
  { name: 'commercial_score', help: 'score' },
  { name: 'current_value', help: 'score' },
  { name: 'future_potential', help: 'score' },
  { name: 'crm_id', help: 'crm_id' },
];

export const CONTACT_COLUMNS: ColumnDoc[] = [
  { name: 'partner_id', help: 'partner_id' },
  { name: 'partner_external_id', help: 'partner_external_id' },
  { name: 'id', help: 'contact_id' },
  { name: 'name', help: 'contact_name' },
  { name: 'title', help: 'text' },
  { name: 'email', help: 'email' },
  { name: 'phone', help: 'phone' },
  { name: 'role', help: 'code', values: CONTACT_ROLES },
  { name: 'primary', help: 'primary' },
];

export function columnsOf(kind: ImportKind): ColumnDoc[] {
  return kind === 'contacts' ? CONTACT_COLUMNS : PARTNER_COLUMNS;
}

/**
 * A header-only CSV of every column, UTF-8 with a BOM (so spreadsheet programs read it
 * as UTF-8) and CRLF line ends. The caller revokes the URL when done with it.
 */
export function templateBlob(kind: ImportKind): Blob {
  const header = columnsOf(kind)
    .map((c) => c.name)
    .join(',');
  return new Blob([`\uFEFF${header}\r\n`], { type: 'text/csv;charset=utf-8' });
}

/** The API's limit on a request body for imports (src/api/routes.c). */
export const MAX_BYTES = 64 * 1024 * 1024;
/** The same limit in MB, as the hints say it. */
export const IMPORT_MAX_MB = MAX_BYTES / (1024 * 1024);
