"""tools/openapi.py — the source of docs/openapi.json. Run `make openapi` after editing;
tests/unit/test_openapi.c checks the result against the route table (paths, methods, x-roles)."""
import json
P = "#/components/schemas/"
def ref(n): return {"$ref": P + n}
def resp(desc, schema=None, ctype="application/json", headers=None):
    r = {"description": desc}
    if schema is not None: r["content"] = {ctype: {"schema": schema}}
    if headers: r["headers"] = headers
    return r
def problem(desc): return {"description": desc, "content": {"application/problem+json": {"schema": ref("Problem")}}}
def errs(*codes):
    m = {400: "Malformed request, invalid fields, unknown fields or bad parameters",
         401: "Not authenticated", 403: "Role not allowed, CSRF token missing, or a field the principal may not set",
         404: "No such resource (or not visible to the principal)", 409: "Conflict (duplicate)",
         413: "Body too large", 415: "Body is not application/json", 422: "A rule refused the change",
         429: "Too many failed attempts (see Retry-After)", 503: "Database unavailable"}
    return {str(c): problem(m[c]) for c in codes}
def body(schema): return {"required": True, "content": {"application/json": {"schema": schema}}}
ID = {"name": "id", "in": "path", "required": True, "schema": {"type": "integer", "minimum": 1}}
LIMIT = {"name": "limit", "in": "query", "schema": {"type": "integer", "minimum": 1, "maximum": 200, "default": 50}, "description": "page size"}
AFTER = {"name": "after", "in": "query", "schema": {"type": "integer", "minimum": 0}, "description": "cursor: next_after of the previous page"}
VENDOR = ["admin", "channel_manager", "analyst", "finance"]
ALL = VENDOR + ["partner_admin", "partner_rep"]
AUTHERR = (401, 403)
AUDIT_AFTER = {**AFTER, "schema": {"type": "integer", "minimum": 1}, "description": "cursor: entries older than this id (next_after of the previous page)"}
def page(item): return {"type": "object", "required": ["items", "next_after"], "properties": {"items": {"type": "array", "items": item}, "next_after": {"type": ["integer", "null"], "description": "pass as ?after= for the next page; null on the last page"}}}
def op(summary, roles, responses, tags, params=None, reqbody=None, public=False, desc=None):
    o = {"summary": summary, "tags": tags, "x-roles": roles, "responses": responses}
    if desc: o["description"] = desc
    if params: o["parameters"] = params
    if reqbody: o["requestBody"] = reqbody
    if public: o["security"] = []
    return o

ts = {"type": "string", "format": "date-time"}
tsn = {"type": ["string", "null"], "format": "date-time"}
schemas = {
  "Problem": {"type": "object", "description": "RFC 9457 problem details", "required": ["type", "title", "status", "errors"],
    "properties": {"type": {"type": "string", "examples": ["urn:channelbase:problem:invalid"]}, "title": {"type": "string"}, "status": {"type": "integer"},
      "detail": {"type": "string"}, "instance": {"type": "string"}, "request_id": {"type": "string"},
      "errors": {"type": "array", "items": {"type": "object", "required": ["field", "message"], "properties": {"field": {"type": ["string", "null"]}, "message": {"type": "string"}}}}}},
  "Role": {"type": "string", "enum": ALL},
  "Locale": {"type": "string", "enum": ["en", "fa", "ar", "ms"]},
  "LocaleChoice": {"type": ["string", "null"], "enum": ["en", "fa", "ar", "ms", None],
    "description": "the user's chosen language; null until they choose one (the web UI then follows the browser)"},
  "User": {"type": "object", "required": ["id", "email", "name", "role", "partner_id", "locale", "disabled", "created_at", "updated_at"],
    "properties": {"id": {"type": "integer"}, "email": {"type": "string", "format": "email"}, "name": {"type": "string"}, "role": ref("Role"),
      "partner_id": {"type": ["integer", "null"], "description": "set for partner roles only"}, "locale": ref("LocaleChoice"), "disabled": {"type": "boolean"},
      "created_at": ts, "updated_at": ts}},
  "Me": {"allOf": [ref("User"), {"type": "object", "properties": {"auth": {"type": "string", "enum": ["session", "token"]}, "csrf_token": {"type": "string", "description": "only for cookie sessions"}}}]},
  "UserCreate": {"type": "object", "additionalProperties": False, "required": ["email", "role", "password"],
    "properties": {"email": {"type": "string", "format": "email", "maxLength": 254}, "name": {"type": "string", "maxLength": 200}, "role": ref("Role"),
      "partner_id": {"type": ["integer", "null"], "minimum": 1, "description": "required for partner roles; a partner_admin may omit it (own partner)"},
      "password": {"type": "string", "minLength": 12, "maxLength": 256}, "locale": ref("LocaleChoice")}},
  "UserPatch": {"type": "object", "additionalProperties": False,
    "properties": {"name": {"type": "string", "maxLength": 200}, "role": ref("Role"), "disabled": {"type": "boolean"}, "locale": ref("LocaleChoice")}},
  "MePatch": {"type": "object", "additionalProperties": False, "properties": {"name": {"type": "string", "maxLength": 200}, "locale": ref("LocaleChoice")}},
  "PasswordChange": {"type": "object", "additionalProperties": False, "required": ["password"],
    "properties": {"password": {"type": "string", "minLength": 12, "maxLength": 256}, "current_password": {"type": "string", "description": "required when changing your own password"}}},
  "Login": {"type": "object", "additionalProperties": False, "required": ["email", "password"], "properties": {"email": {"type": "string"}, "password": {"type": "string"}}},
  "Session": {"type": "object", "required": ["user", "csrf_token", "expires_at"], "properties": {"user": ref("User"), "csrf_token": {"type": "string", "description": "send as X-CSRF-Token on state-changing requests"}, "expires_at": ts}},
  "Token": {"type": "object", "required": ["id", "name", "user_id", "user_email", "prefix", "created_at", "last_used_at", "revoked_at"],
    "properties": {"id": {"type": "integer"}, "name": {"type": "string"}, "user_id": {"type": "integer"}, "user_email": {"type": "string"}, "prefix": {"type": "string", "description": "first 12 characters of the secret"},
      "token": {"type": "string", "description": "the secret; only in the creation response"}, "created_at": ts, "last_used_at": tsn, "revoked_at": tsn}},
  "TokenCreate": {"type": "object", "additionalProperties": False, "required": ["name"], "properties": {"name": {"type": "string", "minLength": 1, "maxLength": 100}}},
  "AuditEntry": {"type": "object", "required": ["id", "at", "actor_id", "actor", "action", "entity", "entity_id", "changes", "request_id", "client_ip"],
    "properties": {"id": {"type": "integer"}, "at": ts, "actor_id": {"type": ["integer", "null"]}, "actor": {"type": "string"}, "action": {"type": "string", "examples": ["user.create"]},
      "entity": {"type": "string"}, "entity_id": {"type": ["integer", "null"]}, "changes": {"type": ["object", "null"], "description": "{field: [before, after]}; secrets appear as placeholders"},
      "request_id": {"type": ["string", "null"]}, "client_ip": {"type": ["string", "null"]}}},
}
paths = {
 "/healthz": {"get": op("Process is up", [], {"200": resp("ok", {"type": "object"})}, ["system"], public=True)},
 "/readyz": {"get": op("Database is reachable", [], {"200": resp("ready", {"type": "object"}), **errs(503)}, ["system"], public=True)},
 "/metrics": {"get": op("Prometheus metrics", [], {"200": resp("text exposition format", {"type": "string"}, "text/plain")}, ["system"], public=True,
    desc="channelbase_http_requests_total{method,route,status}, channelbase_http_request_duration_seconds histogram per route, channelbase_db_errors_total, process_start_time_seconds.")},
 "/api/v1/openapi.json": {"get": op("This document", [], {"200": resp("OpenAPI 3.1", {"type": "object"})}, ["system"], public=True)},
 "/api/v1/session": {
   "post": op("Log in", [], {"201": resp("Session opened; sets the cb_session cookie (HttpOnly, SameSite=Lax)", ref("Session")), **errs(400, 401, 415, 429)}, ["session"], reqbody=body(ref("Login")), public=True,
      desc="5 failures within 5 minutes for one account or one client address → 429 with Retry-After. Every failure is audited."),
   "delete": op("Log out", ALL, {"204": {"description": "Session ended; cookie cleared"}, **errs(*AUTHERR)}, ["session"])},
 "/api/v1/me": {
   "get": op("The acting user", ALL, {"200": resp("the user", ref("Me")), **errs(*AUTHERR)}, ["session"]),
   "patch": op("Change own name or locale", ALL, {"200": resp("updated", ref("Me")), **errs(400, 401, 403, 415, 422)}, ["session"], reqbody=body(ref("MePatch")))},
 "/api/v1/users": {
   "get": op("List users", VENDOR + ["partner_admin"], {"200": resp("a page", page(ref("User"))), **errs(400, *AUTHERR, 422)}, ["users"],
      params=[{"name": "role", "in": "query", "schema": ref("Role")}, {"name": "partner_id", "in": "query", "schema": {"type": "integer", "minimum": 1}},
              {"name": "q", "in": "query", "schema": {"type": "string"}, "description": "substring of e-mail or name"},
              {"name": "disabled", "in": "query", "schema": {"type": "boolean"}}, LIMIT, AFTER],
      desc="A partner_admin sees only users of its own partner."),
   "post": op("Create a user", ["admin", "partner_admin"], {"201": resp("created", ref("User"), headers={"Location": {"schema": {"type": "string"}}}), **errs(400, *AUTHERR, 409, 415, 422)}, ["users"],
      reqbody=body(ref("UserCreate")), desc="A partner_admin may grant only partner_admin or partner_rep, for its own partner.")},
 "/api/v1/users/{id}": {
   "get": op("One user", VENDOR + ["partner_admin"], {"200": resp("the user", ref("User")), **errs(400, *AUTHERR, 404)}, ["users"], params=[ID]),
   "patch": op("Change a user", ["admin", "partner_admin"], {"200": resp("updated", ref("User")), **errs(400, *AUTHERR, 404, 415, 422)}, ["users"], params=[ID], reqbody=body(ref("UserPatch")),
      desc="Nobody changes their own role or disables themselves; the last active admin stays an admin. Disabling revokes the user's sessions.")},
 "/api/v1/users/{id}/password": {
   "post": op("Set a password", ALL, {"204": {"description": "changed; the user's other sessions are revoked"}, **errs(400, *AUTHERR, 404, 415, 422, 429)}, ["users"], params=[ID], reqbody=body(ref("PasswordChange")),
      desc="Your own (with current_password), any user's (admin), or your partner's users' (partner_admin). A wrong current_password is 403 and counts against the account's login failure window: 5 within 5 minutes → 429 with Retry-After, also when the guesses arrive at once on several nodes. Every failure is audited.")},
 "/api/v1/tokens": {
   "get": op("List API tokens", ALL, {"200": resp("a page (admins see every user's tokens)", page(ref("Token"))), **errs(400, *AUTHERR)}, ["tokens"], params=[LIMIT, AFTER]),
   "post": op("Create an API token", ALL, {"201": resp("created; `token` is shown only now", ref("Token")), **errs(400, *AUTHERR, 415, 422)}, ["tokens"], reqbody=body(ref("TokenCreate")))},
 "/api/v1/tokens/{id}": {
   "delete": op("Revoke an API token", ALL, {"204": {"description": "revoked (idempotent)"}, **errs(400, *AUTHERR, 404)}, ["tokens"], params=[ID])},
 "/api/v1/audit": {
   "get": op("Read the audit trail (newest first)", ["admin", "analyst"], {"200": resp("a page", page(ref("AuditEntry"))), **errs(400, *AUTHERR)}, ["audit"],
      params=[{"name": "entity", "in": "query", "schema": {"type": "string"}, "description": "e.g. user, token, partner"}, {"name": "id", "in": "query", "schema": {"type": "integer"}, "description": "entity id"},
              {"name": "actor", "in": "query", "schema": {"type": "integer"}, "description": "acting user id"}, LIMIT, {**AFTER, "description": "cursor: entries older than this id"}])},
 "/api/v1/activity": {
   "get": op("Recent partner activity across all partners, newest first", VENDOR, {"200": resp("a page of entries", page(ref("ActivityEntry"))), **errs(400, *AUTHERR)}, ["audit"],
      params=[{"name": "limit", "in": "query", "schema": {"type": "integer", "minimum": 1, "maximum": 100, "default": 20}, "description": "page size"}, AUDIT_AFTER],
      desc="The audit entries that belong to a partner's record (partners, contacts, territories, notes, documents, status changes, merges), each with the partner's id and display name. Logins, users, tokens and tiers are not included (they stay in GET /api/v1/audit).")},
 "/api/v1/partners": {
   "get": op("List partners", ALL, {"200": resp("a page (a partner user sees only its own partner)", page(ref("Partner"))), **errs(400, *AUTHERR)}, ["partners"], params=[LIMIT, AFTER]),
   "post": op("Create a partner", ["admin", "channel_manager"], {"201": resp("created", ref("Partner"), headers={"Location": {"schema": {"type": "string"}}}), **errs(400, *AUTHERR, 415)}, ["partners"], reqbody=body(ref("PartnerCreate")))},
 "/api/v1/partners/{id}": {
   "get": op("One partner", ALL, {"200": resp("the partner", ref("Partner")), **errs(400, *AUTHERR, 404)}, ["partners"], params=[ID])},
}

TYPES = ["reseller", "distributor", "system_integrator", "msp", "mssp", "isv", "consultant", "referral"]
MODELS = ["sell_to", "sell_with", "referral"]
STATUSES = ["prospect", "applied", "onboarding", "active", "suspended", "terminated"]
def nstr(maxlen, desc=None, owner="vendor"):
    d = {"type": ["string", "null"], "maxLength": maxlen, "x-owner": owner}
    if desc: d["description"] = desc
    return d
def score(desc): return {"type": ["integer", "null"], "minimum": 0, "maximum": 100, "x-owner": "vendor", "description": desc + " (0–100; not shown to partner users)"}
def tags(desc, owner): return {"type": "array", "maxItems": 30, "items": {"type": "string", "maxLength": 60, "pattern": "^[^;|]*$"}, "x-owner": owner, "description": desc + "; entries may not contain ';' or '|' (400), which separate entries in CSV files"}
partner_props = {
  "legal_name": nstr(300, "registered name; defaults to name"),
  "name": nstr(200, "display name (required on create)"),
  "type": {"type": "string", "enum": TYPES, "x-owner": "vendor"},
  "model": {"type": "string", "enum": MODELS, "x-owner": "vendor", "description": "engagement model: sell-to (partner buys and resells), sell-with, referral"},
  "status": {"type": "string", "enum": STATUSES, "x-owner": "vendor", "description": "set on create; afterwards only through POST /partners/{id}/status"},
  "tier": {"type": ["string", "null"], "x-owner": "vendor", "description": "tier name (GET /tiers)"},
  "segment": nstr(60, "vendor's segment, e.g. SMB, Enterprise (not shown to partner users)"),
  "country": {"type": ["string", "null"], "pattern": "^[A-Z]{2}$", "x-owner": "vendor", "description": "ISO 3166-1 alpha-2"},
  "region": nstr(100), "city": nstr(100),
  "address": nstr(500, owner="partner"),
  "latitude": {"type": ["number", "null"], "minimum": -90, "maximum": 90, "x-owner": "vendor"},
  "longitude": {"type": ["number", "null"], "minimum": -180, "maximum": 180, "x-owner": "vendor"},
  "website": {"type": ["string", "null"], "format": "uri", "x-owner": "partner", "description": "http(s) URL"},
  "email_domain": nstr(253, "the partner's e-mail domain"),
  "tax_id": nstr(50),
  "phone": nstr(40, "5–20 digits; + - ( ) . and spaces allowed", "partner"),
  "employees": {"type": ["string", "null"], "enum": ["1-10", "11-50", "51-200", "201-500", "501-1000", "1000+", None], "x-owner": "partner"},
  "description": nstr(4000, owner="partner"),
  "industries": tags("industries served", "partner"),
  "specialisations": tags("certified specialisations", "vendor"),
  "languages": tags("languages the partner works in", "partner"),
  "manager_id": {"type": ["integer", "null"], "x-owner": "vendor", "description": "the channel manager (an active channel_manager or admin user)"},
  "technical_score": score("technical axis of partner selection"),
  "commercial_score": score("commercial axis of partner selection"),
  "current_value": score("current value, for the value/potential matrix"),
  "future_potential": score("future potential, for the value/potential matrix"),
  "external_ids": {"type": "object", "x-owner": "system", "additionalProperties": False, "properties": {"erp": nstr(100, owner="system"), "crm": nstr(100, owner="system")}, "description": "ids in the ERP and CRM; written by imports and admins"},
}
ro = {"id": {"type": "integer", "readOnly": True}, "version": {"type": "integer", "readOnly": True, "description": "optimistic concurrency; also the ETag"},
      "tier_rank": {"type": ["integer", "null"], "readOnly": True}, "manager_name": {"type": ["string", "null"], "readOnly": True},
      "merged_into": {"type": ["integer", "null"], "readOnly": True}, "created_at": ts, "updated_at": ts}
schemas["PartnerInput"] = {"type": "object", "additionalProperties": False, "properties": partner_props,
    "description": "Each field has an owner (x-owner): partner-owned fields may be changed by the partner's users, its channel manager and admins; vendor-owned by its channel manager and admins; system-owned by admins and imports. Changing a field you do not own is 403 naming the field."}
schemas["Partner"] = {"type": "object", "properties": {**ro, **partner_props}, "required": ["id", "version", "name", "legal_name", "type", "model", "status"]}
schemas["PartnerSummary"] = {"allOf": [ref("Partner")], "description": "list item: the Partner without industries, specialisations and languages"}
schemas["Contact"] = {"type": "object", "properties": {"id": {"type": "integer"}, "partner_id": {"type": "integer"}, "name": {"type": "string"}, "title": {"type": ["string", "null"]}, "email": {"type": ["string", "null"]}, "phone": {"type": ["string", "null"]}, "role": {"type": "string", "enum": ["owner", "sales", "technical", "finance", "marketing", "support", "other"]}, "primary": {"type": "boolean"}, "created_at": ts, "updated_at": ts}}
schemas["ContactInput"] = {"type": "object", "additionalProperties": False, "properties": {"name": {"type": "string", "maxLength": 200}, "title": {"type": ["string", "null"]}, "email": {"type": ["string", "null"], "format": "email"}, "phone": {"type": ["string", "null"]}, "role": {"type": "string", "enum": ["owner", "sales", "technical", "finance", "marketing", "support", "other"]}, "primary": {"type": "boolean", "description": "making one contact primary clears the others"}}}
schemas["Territory"] = {"type": "object", "properties": {"id": {"type": "integer"}, "partner_id": {"type": "integer"}, "country": {"type": "string"}, "region": {"type": ["string", "null"], "description": "null = the whole country"}, "exclusive": {"type": "boolean"}, "created_at": ts}}
schemas["TerritoryInput"] = {"type": "object", "additionalProperties": False, "required": ["country"], "properties": {"country": {"type": "string", "pattern": "^[A-Za-z]{2}$"}, "region": {"type": ["string", "null"], "maxLength": 100}, "exclusive": {"type": "boolean", "description": "an exclusive area may belong to one live partner only (409 otherwise)"}}}
schemas["Note"] = {"type": "object", "properties": {"id": {"type": "integer"}, "partner_id": {"type": "integer"}, "author_id": {"type": ["integer", "null"]}, "author": {"type": ["string", "null"]}, "kind": {"type": "string", "enum": ["visit", "call", "email", "qbr", "other"]}, "date": {"type": "string", "format": "date"}, "text": {"type": "string"}, "created_at": ts}}
schemas["NoteInput"] = {"type": "object", "additionalProperties": False, "required": ["kind", "text"], "properties": {"kind": {"type": "string", "enum": ["visit", "call", "email", "qbr", "other"]}, "date": {"type": "string", "format": "date", "description": "default today"}, "text": {"type": "string", "maxLength": 20000}}}
schemas["Document"] = {"type": "object", "properties": {"id": {"type": "integer"}, "partner_id": {"type": "integer"}, "name": {"type": "string"}, "kind": {"type": "string", "enum": ["contract", "certificate", "tax", "other"]}, "mime": {"type": "string"}, "size": {"type": "integer"}, "sha256": {"type": "string"}, "uploaded_by": {"type": ["integer", "null"]}, "uploader": {"type": ["string", "null"]}, "created_at": ts}}
schemas["Tier"] = {"type": "object", "properties": {"id": {"type": "integer"}, "name": {"type": "string"}, "rank": {"type": "integer"}, "colour": {"type": "string"}, "description": {"type": "string"}, "partners": {"type": "integer", "description": "partners in the tier"}}}
schemas["TierInput"] = {"type": "object", "additionalProperties": False, "properties": {"name": {"type": "string", "maxLength": 60}, "rank": {"type": "integer", "minimum": 1, "maximum": 100}, "colour": {"type": "string", "pattern": "^#[0-9a-fA-F]{6}$"}, "description": {"type": "string", "maxLength": 1000}}}
schemas["Partner360"] = {"allOf": [ref("Partner"), {"type": "object", "properties": {"contacts": {"type": "array", "items": ref("Contact")}, "territories": {"type": "array", "items": ref("Territory")}, "documents": {"type": "array", "items": ref("Document")}, "latest_notes": {"type": "array", "items": ref("Note"), "description": "vendor users only: the 5 newest"}, "performance": {"type": "object", "description": "empty until sales, pipeline and targets arrive"}, "operations": {"type": "object", "description": "empty until training, certifications and tickets arrive"}}}]}
schemas["DuplicateGroup"] = {"type": "object", "properties": {"score": {"type": "number"}, "partners": {"type": "array", "items": {"type": "object", "properties": {"id": {"type": "integer"}, "name": {"type": "string"}, "city": {"type": "string"}, "country": {"type": "string"}}}}, "reasons": {"type": "array", "items": {"type": "object", "properties": {"reason": {"type": "string", "enum": ["tax_id", "name", "web_domain", "email_domain", "phone", "similar_name"]}, "score": {"type": "number"}, "partners": {"type": "array", "items": {"type": "integer"}}, "value": {"type": "string"}}}}}}
schemas["ImportReport"] = {"type": "object", "properties": {"dry_run": {"type": "boolean"}, "rows": {"type": "integer"}, "created": {"type": "integer"}, "updated": {"type": "integer"}, "unchanged": {"type": "integer"}}}
def bucket(n): return {"type": "array", "items": ref(n)}
schemas["StatBucket"] = {"type": "object", "required": ["key", "count"], "properties": {
    "key": {"type": ["string", "null"], "description": "the value as the partner record and the list filter spell it; null = partners without a value"},
    "count": {"type": "integer", "minimum": 1}}}
schemas["TierBucket"] = {"type": "object", "required": ["key", "name", "id", "rank", "colour", "count"], "properties": {
    "key": {"type": ["string", "null"], "description": "tier name, as the partner record's `tier` and the list's ?tier= use it; null = no tier"},
    "name": {"type": ["string", "null"], "description": "tier name (label)"}, "id": {"type": ["integer", "null"]}, "rank": {"type": ["integer", "null"]},
    "colour": {"type": ["string", "null"], "examples": ["#d4a017"]}, "count": {"type": "integer", "minimum": 1}}}
schemas["MapPoint"] = {"type": "object", "required": ["id", "name", "tier", "status", "latitude", "longitude"], "properties": {
    "id": {"type": "integer"}, "name": {"type": "string", "description": "display name"}, "tier": {"type": ["string", "null"], "description": "tier name"},
    "status": {"type": "string"}, "latitude": {"type": "number", "minimum": -90, "maximum": 90}, "longitude": {"type": "number", "minimum": -180, "maximum": 180}}}
schemas["PartnerStats"] = {"type": "object",
    "required": ["total", "by_status", "by_tier", "by_type", "by_model", "by_country", "by_segment", "points", "points_truncated"],
    "properties": {"total": {"type": "integer", "minimum": 0, "description": "live partners the filter selects"},
      "by_status": bucket("StatBucket"), "by_tier": bucket("TierBucket"), "by_type": bucket("StatBucket"), "by_model": bucket("StatBucket"),
      "by_country": bucket("StatBucket"), "by_segment": bucket("StatBucket"),
      "points": {"type": "array", "maxItems": 5000, "items": ref("MapPoint"), "description": "partners with a position, by id, at most 5,000"},
      "points_truncated": {"type": "boolean", "description": "more than 5,000 selected partners have a position"}}}
schemas["ActivityEntry"] = {**schemas["AuditEntry"], "required": schemas["AuditEntry"]["required"] + ["partner_id", "partner_name"],
    "properties": {**schemas["AuditEntry"]["properties"], "partner_id": {"type": ["integer", "null"], "description": "the partner the entry belongs to"},
      "partner_name": {"type": ["string", "null"], "description": "its display name"}}}
PID = {"name": "id", "in": "path", "required": True, "schema": {"type": "integer", "minimum": 1}, "description": "partner id"}
IFMATCH = {"name": "If-Match", "in": "header", "schema": {"type": "string"}, "description": "the partner's version (its ETag); 412 when stale"}
def sub(name): return {"name": name, "in": "path", "required": True, "schema": {"type": "integer", "minimum": 1}}
PW = ["admin", "channel_manager", "partner_admin", "partner_rep"]
AC = ["admin", "channel_manager"]
def q(name, desc, schema=None): return {"name": name, "in": "query", "schema": schema or {"type": "string"}, "description": desc}
paths["/api/v1/partners"] = {
   "get": op("List and search partners", ALL, {"200": resp("a page of partner summaries (a partner user sees only its own partner)", page(ref("PartnerSummary"))), **errs(400, *AUTHERR, 422)}, ["partners"],
      params=[q("q", "words matched (as prefixes, after normalisation: case, Arabic/Persian letter variants, digits, legal suffixes) against names, aliases, city, region, tags and — for vendor users — notes"),
              q("country", "ISO 3166-1 alpha-2, any case"), q("region", "exact"), q("type", "partner type", {"type": "string", "enum": TYPES}), q("model", "engagement model", {"type": "string", "enum": MODELS}),
              q("tier", "tier name, case folded; an unknown tier is 422 listing the tiers"), q("status", "status", {"type": "string", "enum": STATUSES}), q("segment", "exact"), q("manager", "channel manager user id", {"type": "integer"}), q("industry", "an industry tag, case and accents folded alike on every backend"),
              q("sort", "name (default), created (creation order), updated, tier, score; prefix - for descending"), LIMIT, {**AFTER, "description": "cursor: next_after of the previous page (a partner id); a partner user may name only its own partner (400 otherwise)"}]),
   "post": op("Create a partner", AC, {"201": resp("created", ref("Partner"), headers={"Location": {"schema": {"type": "string"}}, "ETag": {"schema": {"type": "string"}}}), **errs(400, *AUTHERR, 409, 415, 422)}, ["partners"], reqbody=body(ref("PartnerInput")),
      desc="name is required; legal_name defaults to it; a channel manager becomes the manager unless manager_id is given. A new partner starts as prospect (default), applied, onboarding or active; any other status is 422 (an import may set any).")}
paths["/api/v1/partners/duplicates"] = {"get": op("Likely duplicate partners", VENDOR, {"200": resp("groups, best first", page(ref("DuplicateGroup"))), **errs(400, *AUTHERR)}, ["partners"],
      params=[{"name": "limit", "in": "query", "schema": {"type": "integer", "minimum": 1, "maximum": 500, "default": 100}}, q("partner_id", "only groups containing this partner", {"type": "integer"}), q("after", "cursor: next_after of the previous page (a position in the list)", {"type": "integer", "minimum": 0})],
      desc="The response also carries `total` (groups in all). A key shared by more than 10 partners is not taken as evidence. Reasons and pair scores: tax_id 0.95, name (normalised, same country) 0.9, web_domain 0.85, email_domain 0.8 (public mail providers ignored), phone 0.7, similar_name 0.8×trigram similarity within a city (≥ 0.6).")}
FILTERS = ("q", "country", "region", "type", "model", "tier", "status", "segment", "manager", "industry")
paths["/api/v1/partners/stats"] = {"get": op("Partner counts by status, tier, type, model, country and segment, and map points", VENDOR,
      {"200": resp("counts and points", ref("PartnerStats")), **errs(400, *AUTHERR), "422": problem("An unknown type, model or status value (errors[] lists the allowed values)")}, ["partners"],
      params=[x for x in paths["/api/v1/partners"]["get"]["parameters"] if x["name"] in FILTERS],
      desc="For the console's home page. The live (not merged) partners selected by the same filter parameters as GET /api/v1/partners (same validation: an unknown type, model or status is 422, a malformed country or manager 400), counted from one snapshot: `total` equals the sum of every `by_*` list, and equals the number of items GET /api/v1/partners returns with the same filters. Each `by_*` list holds only values with a count above zero, with `key: null` for partners without a value (no tier, country or segment): by_status in life-cycle order, by_tier by tier rank with no tier last, the others by count descending then key. `points` are the partners that have both a latitude and a longitude, ordered by id, at most 5,000; `points_truncated` is true when more than 5,000 have a position. Reads only (no audit row).")}
paths["/api/v1/partners/{id}"] = {
   "get": op("The 360° partner record", ALL, {"200": resp("identity, contacts, territories, documents, latest notes (vendor users), and the sections later capabilities fill", ref("Partner360"), headers={"ETag": {"schema": {"type": "string"}}}), **errs(400, *AUTHERR, 404)}, ["partners"], params=[PID]),
   "patch": op("Change a partner", PW, {"200": resp("updated", ref("Partner"), headers={"ETag": {"schema": {"type": "string"}}}), **errs(400, *AUTHERR, 404, 409, 415, 422), "412": problem("If-Match is stale")}, ["partners"], params=[PID, IFMATCH], reqbody=body(ref("PartnerInput")))}
paths["/api/v1/partners/{id}/status"] = {"post": op("Move a partner along its life cycle", AC, {"200": resp("updated", ref("Partner")), **errs(400, *AUTHERR, 404, 415, 422), "412": problem("If-Match is stale")}, ["partners"], params=[PID, IFMATCH],
      reqbody=body({"type": "object", "additionalProperties": False, "required": ["to", "reason"], "properties": {"to": {"type": "string", "enum": STATUSES}, "reason": {"type": "string", "maxLength": 1000}}}),
      desc="prospect → applied → onboarding → active → suspended → terminated, and suspended → active. Other moves are 422 naming the allowed ones, as is any change of a merged partner. Audited with the reason. Termination clears the exclusive flag of the partner's territories (each audited).")}
paths["/api/v1/partners/{id}/merge"] = {"post": op("Merge duplicates into this partner", AC, {"200": resp("the survivor's 360° record", ref("Partner360")), **errs(400, *AUTHERR, 404, 415, 422)}, ["partners"], params=[PID],
      reqbody=body({"type": "object", "additionalProperties": False, "required": ["from"], "properties": {"from": {"type": "array", "minItems": 1, "maxItems": 50, "items": {"type": "integer"}}}}),
      desc="Moves contacts, notes, documents, territories, tags and users to the survivor, keeps the merged names as search aliases and marks the merged partners merged_into. The caller must be an admin or the channel manager of the survivor and of every merged partner (403 naming the others in errors[]). An area both partners cover stays the survivor's entry, exclusive if either was; the merged partner's entry is removed. Tag lists are united; a union over 30 entries is 422 naming the list. Every changed row is audited in the same transaction. Afterwards the merged partner is read-only: its writes (PATCH, status, contacts, territories, notes, documents) are 422.")}
paths["/api/v1/partners/{id}/history"] = {"get": op("A partner's audit trail, newest first", VENDOR, {"200": resp("a page of entries", page(ref("AuditEntry"))), **errs(400, *AUTHERR, 404)}, ["audit"],
      params=[PID, LIMIT, AUDIT_AFTER],
      desc="Entries about the partner itself (create, update, status changes with their reason, merges into it and its own merge into another) and about its contacts, territories, notes and documents — the same entry shape as GET /api/v1/audit. A merged partner keeps its history. Vendor roles only: the trail holds channel-manager notes.")}
paths["/api/v1/partners/{id}/contacts"] = {
   "get": op("A partner's contacts", ALL, {"200": resp("all contacts", page(ref("Contact"))), **errs(400, *AUTHERR, 404)}, ["contacts"], params=[PID]),
   "post": op("Add a contact", PW, {"201": resp("created", ref("Contact")), **errs(400, *AUTHERR, 404, 415, 422)}, ["contacts"], params=[PID], reqbody=body(ref("ContactInput")), desc="Contacts are partner-owned.")}
paths["/api/v1/partners/{id}/contacts/{contact_id}"] = {
   "patch": op("Change a contact", PW, {"200": resp("updated", ref("Contact")), **errs(400, *AUTHERR, 404, 415, 422)}, ["contacts"], params=[PID, sub("contact_id")], reqbody=body(ref("ContactInput"))),
   "delete": op("Remove a contact", PW, {"204": {"description": "removed"}, **errs(400, *AUTHERR, 404)}, ["contacts"], params=[PID, sub("contact_id")])}
paths["/api/v1/partners/{id}/territories"] = {
   "get": op("A partner's territories", ALL, {"200": resp("all territories", page(ref("Territory"))), **errs(400, *AUTHERR, 404)}, ["territories"], params=[PID]),
   "post": op("Add a territory", AC, {"201": resp("created", ref("Territory")), **errs(400, *AUTHERR, 404, 409, 415, 422)}, ["territories"], params=[PID], reqbody=body(ref("TerritoryInput")),
      desc="An area (country, region; region empty = the whole country) is held exclusively by at most one live partner, and a country held exclusively as a whole leaves no exclusive region of it to another partner (nor the reverse). A clash is 409 naming the holder, also when two requests race, on any node: exclusive claims on one country take turns, and a unique index backs the same-area case.")}
paths["/api/v1/partners/{id}/territories/{territory_id}"] = {"delete": op("Remove a territory", AC, {"204": {"description": "removed"}, **errs(400, *AUTHERR, 404)}, ["territories"], params=[PID, sub("territory_id")])}
paths["/api/v1/partners/{id}/notes"] = {
   "get": op("Channel-manager notes, newest first", VENDOR, {"200": resp("notes", page(ref("Note"))), **errs(400, *AUTHERR, 404)}, ["notes"], params=[PID, LIMIT, {**AFTER, "description": "cursor: next_after of the previous page (a note id); pages go on by (date, id), newest first"}]),
   "post": op("Add a note", AC, {"201": resp("created", ref("Note")), **errs(400, *AUTHERR, 404, 415, 422)}, ["notes"], params=[PID], reqbody=body(ref("NoteInput")))}
paths["/api/v1/partners/{id}/notes/{note_id}"] = {"delete": op("Delete a note (author or admin)", AC, {"204": {"description": "deleted"}, **errs(400, *AUTHERR, 404)}, ["notes"], params=[PID, sub("note_id")])}
paths["/api/v1/partners/{id}/documents"] = {
   "get": op("A partner's documents", ALL, {"200": resp("documents", page(ref("Document"))), **errs(400, *AUTHERR, 404)}, ["documents"], params=[PID]),
   "post": op("Upload a document", PW, {"201": resp("stored", ref("Document")), **errs(400, *AUTHERR, 404, 413, 415, 422)}, ["documents"], params=[PID],
      reqbody={"required": True, "content": {"multipart/form-data": {"schema": {"type": "object", "required": ["file"], "properties": {"file": {"type": "string", "format": "binary"}, "kind": {"type": "string", "enum": ["contract", "certificate", "tax", "other"]}}}}}},
      desc="At most 20 MiB. pdf, png, jpeg, docx, xlsx, csv or txt, judged by the content (415 otherwise).")}
paths["/api/v1/partners/{id}/documents/{document_id}"] = {
   "get": op("Download a document", ALL, {"200": {"description": "the file with its stored MIME type and Content-Disposition: attachment", "content": {"application/octet-stream": {"schema": {"type": "string", "format": "binary"}}}}, **errs(400, *AUTHERR, 404)}, ["documents"], params=[PID, sub("document_id")]),
   "delete": op("Delete a document (uploader or admin)", PW, {"204": {"description": "deleted"}, **errs(400, *AUTHERR, 404)}, ["documents"], params=[PID, sub("document_id")])}
paths["/api/v1/tiers"] = {
   "get": op("The program's tiers", ALL, {"200": resp("by rank", page(ref("Tier"))), **errs(*AUTHERR)}, ["tiers"]),
   "post": op("Add a tier", ["admin"], {"201": resp("created", ref("Tier")), **errs(400, *AUTHERR, 409, 415)}, ["tiers"], reqbody=body(ref("TierInput")), desc="Names are unique without regard to case (gold = Gold: 409), ranks unique.")}
paths["/api/v1/tiers/{id}"] = {"patch": op("Change a tier", ["admin"], {"200": resp("updated", ref("Tier")), **errs(400, *AUTHERR, 404, 409, 415)}, ["tiers"], params=[ID], reqbody=body(ref("TierInput")))}
paths["/api/v1/imports/partners"] = {"post": op("Import partners from CSV", AC, {"200": resp("what was (or, with dry_run, would be) done", ref("ImportReport")), **errs(400, *AUTHERR, 413, 415, 422)}, ["import/export"],
      params=[q("dry_run", "1 = report only, write nothing", {"type": "boolean"})],
      reqbody={"required": True, "content": {"text/csv": {"schema": {"type": "string"}}}},
      desc="UTF-8 (BOM allowed), comma or semicolon separated. Columns are the field names (id, name, legal_name, …; external_id or erp_id; crm_id; tags separated by ';' or '|'; a cell written by the export as '= '+ '- or '@ loses that one quote). Rows update by id, else by external_id (creating the partner when no partner has that ERP id; a merged partner's ERP id updates the partner it was merged into), else the one live partner with the same normalised name in the same country (created when there is none, 422 when there are several). Any bad row → 422 listing every bad row as 'line N: column' (N = the physical line the record starts on; a NUL byte in a cell is a bad row), nothing written. Re-importing a file changes nothing. A channel manager's import may write external ids (system-owned) of partners it may otherwise write. A new partner may start in any status.")}
paths["/api/v1/imports/contacts"] = {"post": op("Import contacts from CSV", AC, {"200": resp("what was (or, with dry_run, would be) done", ref("ImportReport")), **errs(400, *AUTHERR, 413, 415, 422)}, ["import/export"],
      params=[q("dry_run", "1 = report only, write nothing", {"type": "boolean"})],
      reqbody={"required": True, "content": {"text/csv": {"schema": {"type": "string"}}}},
      desc="Same file rules as the partner import. Columns: partner_id or partner_external_id (required), id (a contact of that partner to update), name, title, email, phone, role, primary (true/false, yes/no, 1/0). Without id a row updates the partner's contact with the same e-mail, else creates one; an empty cell clears an optional field. All or nothing; re-importing changes nothing.")}
EXPORT_PARAMS = [x for x in paths["/api/v1/partners"]["get"]["parameters"] if x["name"] in FILTERS + ("sort",)]
EXPORT_DESC = "Every partner the list's filter parameters select (all live partners without them), in the list's sort order (creation order by default); the same validation as GET /api/v1/partners."
paths["/api/v1/exports/partners.csv"] = {"get": op("Export partners as CSV", VENDOR, {"200": {"description": "the import format; export → import reports zero changes", "content": {"text/csv": {"schema": {"type": "string"}}}}, **errs(400, *AUTHERR, 422)}, ["import/export"], params=EXPORT_PARAMS, desc=EXPORT_DESC + " A cell that would start with = + - or @ is written with a leading ' so spreadsheets show it as text; the import strips it.")}
paths["/api/v1/exports/partners.json"] = {"get": op("Export partners as JSON", VENDOR, {"200": resp("an array of partners", {"type": "array", "items": ref("Partner")}), **errs(400, *AUTHERR, 422)}, ["import/export"], params=EXPORT_PARAMS, desc=EXPORT_DESC)}

doc = {"openapi": "3.1.0",
  "info": {"title": "Channelbase API", "version": "0.1.0",
    "description": "Partner relationship management. JSON bodies; errors are application/problem+json (RFC 9457) naming each bad field; timestamps are UTC ISO 8601; lists use cursor pagination (?limit=&after=). Each operation's x-roles lists the roles allowed (empty = public). Send X-CSRF-Token on state-changing requests made with the session cookie."},
  "servers": [{"url": "/"}],
  "security": [{"session": []}, {"bearer": []}],
  "tags": [{"name": n} for n in ["system", "session", "users", "tokens", "audit", "partners", "contacts", "territories", "notes", "documents", "tiers", "import/export"]],
  "paths": paths,
  "components": {"schemas": schemas, "securitySchemes": {
     "session": {"type": "apiKey", "in": "cookie", "name": "cb_session"},
     "bearer": {"type": "http", "scheme": "bearer", "description": "API token cbt_… from POST /api/v1/tokens or `channelbase token create`"}}}}
print(json.dumps(doc, indent=1, ensure_ascii=False))
