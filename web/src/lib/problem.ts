// Maps an API problem+json to what a form shows: one message per field it knows, and
// the rest (unknown fields, the title) for a banner above the form. Messages and field
// names are shown in the user's language (apiMessages.ts).
import type { ApiError, FieldError } from './api';
import { apiMessage, fieldLabel } from './apiMessages';

export interface FormErrors {
  fields: Record<string, string>;
  general: string[];
}

/** Field names from the API may be nested ("external_ids.erp", "contacts[2].email"). */
export function mapProblem(err: Pick<ApiError, 'problem' | 'message'>, knownFields: readonly string[]): FormErrors {
  const fields: Record<string, string> = {};
  const general: string[] = [];
  const list: FieldError[] = Array.isArray(err.problem?.errors) ? err.problem.errors : [];
  for (const e of list) {
    const root = String(e.field ?? '').split(/[.[]/)[0];
    const key = knownFields.includes(e.field) ? e.field : knownFields.includes(root) ? root : null;
    // in the user's language: known templates translated, field names as the UI labels them
    const text = apiMessage(String(e.message ?? ''));
    if (key) fields[key] = fields[key] ? `${fields[key]}; ${text}` : text;
    else general.push(e.field ? `${fieldLabel(e.field)}: ${text}` : text);
  }
  if (list.length === 0) general.push(err.problem?.detail || err.problem?.title || err.message);
  return { fields, general };
}
