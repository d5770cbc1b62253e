// The partner's identity and structure as one form, shared by the vendor console (Partner
// 360°, Identity tab) and the partner portal.
// Props:
//   partner   — the record as GET/PATCH /api/v1/partners/{id} return it (version included);
//               fields the record does not carry (partner users get no scores) are not shown.
//   editable  — the fields this user may change: editableFields(viewer, partner) from
//               ./ownership; every other field is shown read-only with its owner.
//   onChanged — called with the saved record after a successful PATCH (or after the user
//               took the newer record in a 412 conflict).
// Save sends only the changed fields with If-Match: <version>; 400/422 errors land on their
// fields, 403 names the forbidden fields, 412 opens the conflict panel.
import { useEffect, useMemo, useState } from 'preact/hooks';
import { ApiError, api, request } from '../lib/api';
import { useI18n } from '../lib/i18n';
import { formatDecimal } from '../lib/format';
import { mapProblem, type FormErrors } from '../lib/problem';
import type { Partner } from '../lib/types';
import { Banner, ProblemBanner } from '../components/ui';
import { ConflictPanel } from './ConflictPanel';
import { FieldControl } from './FieldControl';
import { FIELD_NAMES, SECTIONS, displayValue, fieldDef, fromText, readField, sameValue, toText, type JsonValue } from './identityFields';
import { useManagers, useTiers } from './lookups';
import type { PartnerField } from './ownership';
import './partner.css';

export interface IdentityFormProps {
  partner: Partner;
  editable: ReadonlySet<PartnerField>;
  onChanged: (updated: Partner) => void;
}

type Texts = Record<string, string>;

function textsOf(p: Partner): Texts {
  const out: Texts = {};
  for (const s of SECTIONS) for (const f of s.fields) out[f.name] = toText(readField(p, f.name), f.kind);
  return out;
}

interface Changes {
  body: Record<string, JsonValue>;
  invalid: Record<string, string>;
}

const NO_ERRORS: FormErrors = { fields: {}, general: [] };

export function IdentityForm({ partner, editable, onChanged }: IdentityFormProps) {
  const { t } = useI18n();
  const tiers = useTiers();
  const managers = useManagers(editable.has('manager_id'));
  const [base, setBase] = useState<Partner>(partner);
  const [draft, setDraft] = useState<Texts>(() => textsOf(partner));
  const [errors, setErrors] = useState<FormErrors>(NO_ERRORS);
  const [forbidden, setForbidden] = useState<string[]>([]);
  const [conflict, setConflict] = useState<{ theirs: Partner; mine: Record<string, JsonValue> } | null>(null);
  const [busy, setBusy] = useState(false);
  const [saved, setSaved] = useState(false);

  const changes = useMemo<Changes>(() => {
    const body: Record<string, JsonValue> = {};
    const invalid: Record<string, string> = {};
    for (const s of SECTIONS)
      for (const f of s.fields) {
        if (!editable.has(f.name) || readField(base, f.name) === undefined) continue;
        const parsed = fromText(f, draft[f.name] ?? '');
        if (!parsed.ok) invalid[f.name] = t(`partner.invalid.${parsed.error}`, { example: formatDecimal(35.7, 1) });
        else if (!sameValue(parsed.value, readField(base, f.name))) body[f.name] = parsed.value;
      }
    return { body, invalid };
  }, [base, draft, editable]);
  const dirty = Object.keys(changes.body).length + Object.keys(changes.invalid).length;

  // A newer record from outside (a status change, a reload) replaces an untouched form.
  useEffect(() => {
    if (partner.version !== base.version && dirty === 0) adopt(partner);
  }, [partner.version]);

  function adopt(p: Partner) {
    setBase(p);
    setDraft(textsOf(p));
    setConflict(null);
    setErrors(NO_ERRORS);
    setForbidden([]);
  }

  const display = (f: PartnerField, v: JsonValue | undefined) =>
    displayValue(fieldDef(f), v, { t, managers: managers?.byKey, managerName: base.manager_name });

  async function save(body: Record<string, JsonValue>, version: number) {
    setBusy(true);
    setSaved(false);
    setErrors(NO_ERRORS);
    setForbidden([]);
    try {
      const res = await request<Partner>('PATCH', `/api/v1/partners/${base.id}`, {
        headers: { 'If-Match': String(version) },
        body,
      });
      adopt(res.data);
      setSaved(true);
      onChanged(res.data);
    } catch (e) {
      const err = e instanceof ApiError ? e : new ApiError(0, { title: t('ui.error_generic') }, null);
      if (err.status === 412) {
        try {
          setConflict({ theirs: await api.get<Partner>(`/api/v1/partners/${base.id}`), mine: body });
        } catch (e2) {
          setErrors(mapProblem(e2 instanceof ApiError ? e2 : err, FIELD_NAMES));
        }
      } else {
        const mapped = mapProblem(err, FIELD_NAMES);
        if (err.status === 403) setForbidden((err.problem.errors ?? []).map((x) => x.field).filter(Boolean));
        setErrors(mapped);
      }
    } finally {
      setBusy(false);
    }
  }

  function onSubmit(e: Event) {
    e.preventDefault();
    if (Object.keys(changes.invalid).length) {
      setErrors({ fields: changes.invalid, general: [] });
      return;
    }
    if (dirty) void save(changes.body, base.version);
  }

  function reapply() {
    if (!conflict) return;
    const { theirs, mine } = conflict;
    const next = textsOf(theirs);
    for (const [f, v] of Object.entries(mine)) next[f] = toText(v, fieldDef(f)?.kind);
    setBase(theirs);
    setDraft(next);
    setConflict(null);
    void save(mine, theirs.version);
  }

  function reload() {
    if (!conflict) return;
    adopt(conflict.theirs);
    onChanged(conflict.theirs);
  }

  const canEditAny = SECTIONS.some((s) => s.fields.some((f) => editable.has(f.name) && readField(base, f.name) !== undefined));
  const fieldErrors = { ...errors.fields };

  return (
    <form class="identity-form" onSubmit={onSubmit} noValidate aria-busy={busy}>
      {!canEditAny && <Banner kind="info">{t('partner.read_only_note')}</Banner>}
      {conflict && (
        <ConflictPanel base={base} theirs={conflict.theirs} mine={conflict.mine} display={display} onReload={reload} onReapply={reapply} busy={busy} />
      )}
      {forbidden.length > 0 && (
        <Banner>{t('partner.forbidden_fields', { fields: forbidden.map((f) => t(`partner.field.${f}`)).join(', ') })}</Banner>
      )}
      <ProblemBanner messages={errors.general} />
      {saved && dirty === 0 && <Banner kind="success">{t('partner.saved')}</Banner>}
      {SECTIONS.map((s) => {
        const fields = s.fields.filter((f) => readField(base, f.name) !== undefined);
        if (!fields.length) return null;
        return (
          <fieldset key={s.id} class="card form-section">
            <legend>{t(`partner.section.${s.id}`)}</legend>
            <div class="grid-2">
              {fields.map((f) => (
                <FieldControl
                  key={f.name}
                  def={f}
                  text={draft[f.name] ?? ''}
                  onText={(v) => {
                    setSaved(false);
                    setDraft((d) => ({ ...d, [f.name]: v }));
                  }}
                  editable={editable.has(f.name)}
                  changed={f.name in changes.body}
                  error={fieldErrors[f.name]}
                  readOnlyText={display(f.name, readField(base, f.name))}
                  tiers={tiers?.list}
                  managers={managers?.list}
                  managerName={base.manager_name}
                />
              ))}
            </div>
          </fieldset>
        );
      })}
      {canEditAny && (
        <div class={dirty ? 'form-actions form-actions-dirty' : 'form-actions'} role="group" aria-label={t('partner.form_actions')}>
          <span class="muted" role="status">
            {dirty ? t('partner.unsaved', { count: dirty }) : t('partner.no_changes')}
          </span>
          <span class="spacer" />
          <button type="button" class="btn" disabled={!dirty || busy} onClick={() => adopt(base)}>
            {t('partner.discard')}
          </button>
          <button type="submit" class="btn btn-primary" disabled={!dirty || busy || !!conflict}>
            {busy ? t('partner.saving') : t('partner.save')}
          </button>
        </div>
      )}
    </form>
  );
}
