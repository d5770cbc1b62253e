// Create or change a tier (in a dialog): name, rank (1 = entry level), colour (picker
// and hex text kept in step), description, with a live preview of the badge.
import { useState } from 'preact/hooks';
import { api, ApiError } from '../../lib/api';
import { useI18n } from '../../lib/i18n';
import { mapProblem, type FormErrors } from '../../lib/problem';
import type { Tier } from '../../lib/types';
import { Field, Modal, ProblemBanner, TextArea, TextField, TierBadge } from '../../components/ui';

const FIELDS = ['name', 'rank', 'colour', 'description'] as const;
const HEX = /^#[0-9a-fA-F]{6}$/;

export function TierForm({ open, tier, tiers, nextRank, onClose, onSaved }: {
  open: boolean;
  /** All tiers, to point at the one a new name or rank collides with. */
  tiers: Tier[];
  /** null: a new tier. */
  tier: Tier | null;
  nextRank: number;
  onClose: () => void;
  onSaved: (t: Tier, created: boolean) => void;
}) {
  const { t } = useI18n();
  return (
    <Modal open={open} title={tier ? t('admin.tiers.edit_title', { name: tier.name }) : t('admin.tiers.create_title')} onClose={onClose}>
      <TierFormBody key={tier?.id ?? 'new'} tier={tier} tiers={tiers} nextRank={nextRank} onCancel={onClose} onSaved={onSaved} />
    </Modal>
  );
}

function TierFormBody({ tier, tiers, nextRank, onCancel, onSaved }: {
  tier: Tier | null;
  tiers: Tier[];
  nextRank: number;
  onCancel: () => void;
  onSaved: (t: Tier, created: boolean) => void;
}) {
  const { t } = useI18n();
  const [name, setName] = useState(tier?.name ?? '');
  const [rank, setRank] = useState(String(tier?.rank ?? nextRank));
  const [colour, setColour] = useState(tier?.colour ?? '#6b7280');
  const [description, setDescription] = useState(tier?.description ?? '');
  const [errors, setErrors] = useState<FormErrors>({ fields: {}, general: [] });
  const [busy, setBusy] = useState(false);

  function check(): Record<string, string> {
    const f: Record<string, string> = {};
    if (!name.trim()) f.name = t('admin.tiers.name_required');
    const r = Number(rank);
    if (!/^\d+$/.test(rank.trim()) || r < 1 || r > 100) f.rank = t('admin.tiers.rank_range', { min: 1, max: 100 });
    if (!HEX.test(colour)) f.colour = t('admin.tiers.colour_invalid');
    const others = tiers.filter((x) => x.id !== tier?.id);
    const sameName = others.find((x) => x.name.toLowerCase() === name.trim().toLowerCase());
    const sameRank = others.find((x) => x.rank === r);
    if (!f.name && sameName) f.name = t('admin.tiers.name_taken', { name: sameName.name });
    if (!f.rank && sameRank) f.rank = t('admin.tiers.rank_taken', { name: sameRank.name });
    return f;
  }

  async function submit(e: Event) {
    e.preventDefault();
    const local = check();
    setErrors({ fields: local, general: [] });
    if (Object.keys(local).length) return;
    const body: Record<string, unknown> = {};
    const all = { name: name.trim(), rank: Number(rank), colour: colour.toLowerCase(), description };
    for (const [k, v] of Object.entries(all)) if (!tier || (tier as unknown as Record<string, unknown>)[k] !== v) body[k] = v;
    if (tier && !Object.keys(body).length) {
      onCancel();
      return;
    }
    setBusy(true);
    try {
      const saved = tier ? await api.patch<Tier>(`/api/v1/tiers/${tier.id}`, body) : await api.post<Tier>('/api/v1/tiers', body);
      onSaved(saved, !tier);
    } catch (err) {
      setBusy(false);
      if (err instanceof ApiError && err.status === 409) {
        const msg = t('admin.tiers.duplicate');
        setErrors({ fields: { name: msg, rank: msg }, general: [] });
      } else if (err instanceof ApiError) setErrors(mapProblem(err, FIELDS));
      else setErrors({ fields: {}, general: [t('ui.error_generic')] });
    }
  }

  return (
    <form onSubmit={submit} noValidate class="tier-form">
      <ProblemBanner messages={errors.general} />
      <TextField label={t('admin.tiers.name')} name="name" maxLength={60} required value={name} onValue={setName} error={errors.fields.name} />
      <TextField
        label={t('admin.tiers.rank')}
        name="rank"
        type="number"
        inputMode="numeric"
        min={1}
        max={100}
        required
        hint={t('admin.tiers.rank_hint', { rank: 1 })}
        value={rank}
        onValue={setRank}
        error={errors.fields.rank}
      />
      <Field label={t('admin.tiers.colour')} error={errors.fields.colour} hint={t('admin.tiers.colour_hint')}>
        {(id, describedBy) => (
          <div class="colour-row">
            <input
              type="color"
              class="colour-picker"
              aria-label={t('admin.tiers.colour_picker')}
              value={HEX.test(colour) ? colour.toLowerCase() : '#6b7280'}
              onInput={(e) => setColour((e.target as HTMLInputElement).value)}
            />
            <input
              id={id}
              name="colour"
              type="text"
              dir="ltr"
              class="adm-mono hex-input"
              maxLength={7}
              spellcheck={false}
              aria-invalid={errors.fields.colour ? 'true' : undefined}
              aria-describedby={describedBy}
              value={colour}
              onInput={(e) => {
                let v = (e.target as HTMLInputElement).value.trim();
                if (v && !v.startsWith('#')) v = `#${v}`;
                setColour(v);
              }}
            />
            <span class="tier-preview" aria-hidden="true">
              <TierBadge name={name.trim() || t('admin.tiers.preview')} colour={HEX.test(colour) ? colour : null} />
            </span>
          </div>
        )}
      </Field>
      <TextArea label={t('admin.tiers.description')} name="description" rows={3} hint={t('admin.tiers.description_hint')} value={description} onValue={setDescription} error={errors.fields.description} />
      <div class="adm-actions">
        <button type="submit" class="btn btn-primary" disabled={busy}>
          {tier ? t('ui.save') : t('admin.tiers.create')}
        </button>
        <button type="button" class="btn" onClick={onCancel}>
          {t('ui.cancel')}
        </button>
      </div>
    </form>
  );
}
