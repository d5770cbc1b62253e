// The API's validation messages in the user's language. The server writes each message
// in English from a printf template (errors_add(e, field, "template", …) in src/**/*.c);
// each known template is matched here as a pattern, its %s/%d/%lld/%zu/%u/%g values
// captured as named parameters of an i18n key (api_error.*). A message no template
// matches is shown as the server wrote it. Field names go through the UI's own labels
// (partner.field.*, api_field.*). api-messages.test.ts fails when a template in the C
// sources has no entry here.
import { getLocale, hasMessage, intlTag, t } from './i18n';

type Params = Record<string, string | number>;
/**
 * [template, key, parameter names in placeholder order, fixed parameters]. A name ending
 * in # is an id (digits, no grouping), :n a number; others are text as sent.
 */
type Entry = [template: string, key: string, params: string[], fixed?: Params];

export const CATALOGUE: Entry[] = [
  ["%s%s%s is already held exclusively by partner %lld (%s)", "api_error.territory_taken", ["country", "sep", "region", "partner#", "name"]],
  ["a %s partner can move only to: %s", "api_error.status_moves", ["from", "to"]],
  ["a partner admin can grant only partner_admin or partner_rep", "api_error.partner_admin_roles", []],
  ["a partner admin manages only users of its own partner", "api_error.partner_admin_own", []],
  ["another partner has the same ERP or CRM id", "api_error.external_id_taken", []],
  ["another tier has the same name or rank", "api_error.tier_taken", []],
  ["cannot merge partner %lld into itself", "api_error.merge_self", ["partner#"]],
  ["cannot move a user between vendor and partner roles; create a new user", "api_error.role_side", []],
  ["changes only through POST /api/v1/partners/%lld/status with a reason", "api_error.status_via_transition", ["partner#"]],
  ["column appears twice", "api_error.column_twice", []],
  ["each entry must be text of at most %zu characters", "api_error.entry_too_long", ["max:n"]],
  ["has %zu columns, the header has %zu (at most %d columns of %d bytes)", "api_error.row_columns_limits", ["got:n", "want:n", "maxcols:n", "maxbytes:n"]],
  ["has %zu columns, the header has %zu", "api_error.row_columns", ["got:n", "want:n"]],
  ["has more than %d columns or a cell over %d bytes", "api_error.too_wide", ["maxcols:n", "maxbytes:n"]],
  ["has more than %d columns", "api_error.too_many_columns", ["max:n"]],
  ["is %s-owned; your role may not change it", "api_error.owned", ["owner"]],
  ["is already in use", "api_error.in_use", []],
  ["is empty", "api_error.empty", []],
  ["is empty: the first line must name the columns", "api_error.no_header", []],
  ["is not an accepted type (pdf, png, jpeg, docx, xlsx, csv, txt), judged by its content", "api_error.file_type", []],
  ["is not correct", "api_error.not_correct", []],
  ["is not valid UTF-8 text", "api_error.not_utf8", []],
  ["%s%s%s is already held exclusively by another partner", "api_error.territory_taken_other", ["country", "sep", "region"]],
  ["a new partner starts as one of: prospect, applied, onboarding, active", "api_error.initial_status", []],
  ["contains a NUL byte", "api_error.nul_byte", []],
  ["entries must not contain ';' or '|': they separate entries in CSV files", "api_error.entry_separator", []],
  ["must be the id of a partner in your results", "api_error.cursor_scope", []],
  ["no tier named '%s'; must be one of: %s", "api_error.no_tier_list", ["tier", "allowed"]],
  ["query parameter name is not valid UTF-8", "api_error.query_name_utf8", []],
  ["the merged partners have %zu distinct entries together; at most %d are allowed — remove some first", "api_error.merge_tags_over", ["count:n", "max:n"]],
  ["tier '%s' already exists; names are compared without case", "api_error.tier_exists", ["tier"]],
  ["you may not merge partner %lld: only an admin or its channel manager may", "api_error.merge_forbidden", ["partner#"]],
  ["is not valid UTF-8", "api_error.not_utf8", []],
  ["is required (or partner_external_id)", "api_error.required_partner", []],
  ["is required for role %s", "api_error.required_for_role", ["role"]],
  ["is required to change your own password", "api_error.required_current_password", []],
  ["is required", "api_error.required", []],
  ["is required: a multipart field named 'file' with a file name", "api_error.file_required", []],
  ["lists partner %lld twice", "api_error.partner_twice", ["partner#"]],
  ["malformed CSV: %s", "api_error.bad_csv", ["why"]],
  ["must be %s, not %s", "api_error.wrong_type", ["want", "got"]],
  ["must be a colour such as #d4a017", "api_error.colour", []],
  ["must be a contact id", "api_error.contact_id", []],
  ["must be a date such as 2026-11-23", "api_error.date", [], {"example": "2026-11-23"}],
  ["must be a domain name such as example.com", "api_error.domain", []],
  ["must be a number of degrees or null", "api_error.degrees_or_null", []],
  ["must be a number of degrees", "api_error.degrees", []],
  ["must be a partner id", "api_error.partner_id", []],
  ["must be a phone number of 5 to 20 digits (+, -, spaces, dots and brackets allowed)", "api_error.phone_long", ["min:n", "max:n"], {"min": 5, "max": 20}],
  ["must be a phone number of 5 to 20 digits", "api_error.phone", ["min:n", "max:n"], {"min": 5, "max": 20}],
  ["must be a positive integer id", "api_error.positive_id", []],
  ["must be a string or null", "api_error.string_or_null", []],
  ["must be a valid e-mail address", "api_error.email", []],
  ["must be an ISO 3166-1 alpha-2 code such as AE", "api_error.country", ["example"], {"example": "AE"}],
  ["must be an ISO 3166-1 alpha-2 country code such as AE or IR", "api_error.country_2", []],
  ["must be an ISO 3166-1 alpha-2 country code such as AE", "api_error.country_1", []],
  ["must be an array of partner ids", "api_error.partner_ids", []],
  ["must be an array of strings", "api_error.strings", []],
  ["must be an entity name such as user or partner", "api_error.entity", []],
  ["must be an http:// or https:// address such as https://example.com", "api_error.url", []],
  ["must be an integer between %lld and %lld", "api_error.int_between", ["min:n", "max:n"]],
  ["must be an integer from %lld to %lld", "api_error.int_from_to", ["min:n", "max:n"]],
  ["must be an integer or null", "api_error.int_or_null", []],
  ["must be an integer", "api_error.int", []],
  ["must be an object {\"erp\": …, \"crm\": …}", "api_error.external_ids_object", []],
  ["must be at least %d characters", "api_error.min_chars", ["min:n"]],
  ["must be at most %d characters", "api_error.max_chars", ["max:n"]],
  ["must be at most %u MiB", "api_error.max_mib", ["max:n"]],
  ["must be at most %zu characters", "api_error.max_chars_z", ["max:n"]],
  ["must be at most 200 bytes", "api_error.max_bytes", ["max:n"], {"max": 200}],
  ["must be between %g and %g", "api_error.between_g", ["min:n", "max:n"]],
  ["must be between %lld and %lld", "api_error.between", ["min:n", "max:n"]],
  ["must be empty for vendor role %s", "api_error.empty_for_vendor", ["role"]],
  ["must be one of name, created, updated, tier, score (prefix - for descending)", "api_error.sort", []],
  ["must be one of: %s", "api_error.one_of", ["values"]],
  ["must be one of: contract, certificate, tax, other", "api_error.one_of_kind", ["values"], {"values": "contract, certificate, tax, other"}],
  ["must be one of: en, fa, ar, ms", "api_error.one_of_locale", ["values"], {"values": "en, fa, ar, ms"}],
  ["must be one of: owner, sales, technical, finance, marketing, support, other", "api_error.one_of_role", ["values"], {"values": "owner, sales, technical, finance, marketing, support, other"}],
  ["must be one of: visit, call, email, qbr, other", "api_error.one_of_note", ["values"], {"values": "visit, call, email, qbr, other"}],
  ["must be the id of an active channel_manager or admin user", "api_error.manager", []],
  ["must be the partner's version (its ETag), e.g. \"3\"", "api_error.if_match", []],
  ["must be true or false", "api_error.bool", []],
  ["must be valid UTF-8 text", "api_error.utf8", []],
  ["must have at most %d entries", "api_error.max_entries", ["max:n"]],
  ["must list 1 to 50 partner ids", "api_error.merge_count", ["min:n", "max:n"], {"min": 1, "max": 50}],
  ["must name at least one partner to merge", "api_error.merge_none", []],
  ["must not be empty", "api_error.not_empty", []],
  ["must not be null", "api_error.not_null", []],
  ["must not be the e-mail address", "api_error.not_email", []],
  ["must not contain NUL characters", "api_error.no_nul", []],
  ["must use at least %d different characters", "api_error.distinct_chars", ["min:n"]],
  ["needs a file name of 1 to 200 characters", "api_error.file_name", ["min:n", "max:n"], {"min": 1, "max": 200}],
  ["needs a name column (to create partners) or an id or external_id column (to update them)", "api_error.import_columns", []],
  ["needs a partner_id or partner_external_id column", "api_error.contact_import_columns", []],
  ["no partner %s", "api_error.no_partner_s", ["partner"]],
  ["no partner with id %lld", "api_error.no_partner", ["partner#"]],
  ["only an admin or the partner's channel manager may change it", "api_error.manager_only", []],
  ["partner %lld has no contact %lld", "api_error.no_contact", ["partner#", "contact#"]],
  ["partner %lld was already merged into %lld", "api_error.merged_already", ["partner#", "into#"]],
  ["partner %lld was itself merged into %lld", "api_error.merged_itself", ["partner#", "into#"]],
  ["request body is empty", "api_error.body_empty", []],
  ["request body must be a JSON object, not %s", "api_error.body_type", ["got"]],
  ["several partners are called this%s%s; add an id or external_id column to say which", "api_error.ambiguous_name", ["sep", "where"]],
  ["the last active admin must stay an active admin", "api_error.last_admin", []],
  ["the partner already covers %s%s%s", "api_error.territory_dup", ["country", "sep", "region"]],
  ["unknown column", "api_error.unknown_column", []],
  ["unknown column; the columns are partner_id, partner_external_id, id, name, title, email, phone, role, primary", "api_error.unknown_contact_column", ["columns"], {"columns": "partner_id, partner_external_id, id, name, title, email, phone, role, primary"}],
  ["unknown field", "api_error.unknown_field", []],
  ["user %s is disabled", "api_error.user_disabled", ["user"]],
  ["you cannot change your own role", "api_error.own_role", []],
  ["you cannot disable or enable yourself", "api_error.own_disable", []],
  ["your role may not change this partner's contacts", "api_error.contacts_forbidden", []],
];

/** Templates that never reach the UI as a message of their own, with the reason. */
export const NOT_SHOWN: Record<string, string> = {
  // a pass-through: the message is another template's, already matched as that one
  '%s': 'import.c and demo.c copy a message already written from another template',
  // the UI always sends the CSRF token it got at login; without it nothing works at all
  'header is missing or does not match the session': 'the UI always sends X-CSRF-Token',
};

const compiled = CATALOGUE.map(([template, key, params, fixed]) => {
  let src = '';
  let rest = template;
  const re = /%(?:lld|zu|[dug]|s)/;
  for (let m = re.exec(rest); m; m = re.exec(rest)) {
    src += rest.slice(0, m.index).replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    src += m[0] === '%s' ? '(.*?)' : m[0] === '%g' ? '(-?[0-9.]+(?:e[-+]?[0-9]+)?)' : '(-?[0-9]+)';
    rest = rest.slice(m.index + m[0].length);
  }
  src += rest.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return { re: new RegExp(`^${src}$`), key, params, fixed, loose: (template.match(/%s/g) ?? []).length, size: template.length };
})
  // the most specific first: "must be one of: en, fa, ar, ms" before "must be one of: %s",
  // "no partner with id %lld" before "no partner %s"
  .sort((a, b) => a.loose - b.loose || b.size - a.size);

function value(name: string, raw: string): [string, string | number] {
  if (name.endsWith('#')) {
    const n = Number(raw);
    return [name.slice(0, -1), Number.isFinite(n) ? new Intl.NumberFormat(intlTag(getLocale()), { useGrouping: false }).format(n) : raw];
  }
  if (name.endsWith(':n')) {
    const n = Number(raw);
    return [name.slice(0, -2), Number.isFinite(n) ? n : raw];
  }
  if (name === 'owner' && (raw === 'vendor' || raw === 'partner')) return [name, t(raw === 'vendor' ? 'api_error.owner.vendor' : 'api_error.owner.partner')];
  if (name === 'sep' && raw.trim() === 'in') return [name, ` ${t('api_error.in')} `];
  return [name, raw];
}

/** The catalogue entry a message was written from, with its parameters; null if none. */
export function matchMessage(message: string): { key: string; params: Params } | null {
  for (const c of compiled) {
    const m = c.re.exec(message);
    if (!m) continue;
    const params: Params = { ...c.fixed };
    c.params.forEach((name, i) => {
      const [k, v] = value(name, m[i + 1]);
      params[k] = v;
    });
    return { key: c.key, params };
  }
  return null;
}

/** An API message in the user's language (English as sent when it is not known). */
export function apiMessage(message: string): string {
  const m = matchMessage(message);
  return m ? t(m.key, m.params) : message;
}

/** A field name from the API ("tier", "external_ids.erp", "contacts[2].email") as a label. */
export function fieldLabel(field: string): string {
  const path = field.replace(/\[\d+\]/g, '');
  for (const key of [`api_field.${path}`, `partner.field.${path}`]) if (hasMessage(key)) return t(key);
  const parts = path.split('.');
  // "contacts.email" reads as the e-mail; "external_ids.sap" as the external ids
  for (const name of [parts[parts.length - 1], parts[0]])
    for (const key of [`api_field.${name}`, `partner.field.${name}`]) if (hasMessage(key)) return t(key);
  return field;
}
