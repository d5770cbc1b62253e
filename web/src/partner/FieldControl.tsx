// One partner field in the identity form: the right control for its kind when the user
// may change it, otherwise its readable value with the field's owner as the hint.
import { useI18n } from '../lib/i18n';
import { languageName } from '../lib/format';
import type { Tier, User } from '../lib/types';
import { SelectField, TextField, type Option } from '../components/ui';
import { AutoTextArea } from './AutoTextArea';
import { countryOptions } from './countries';
import { splitTags, type FieldDef } from './identityFields';
import { FIELD_OWNERS } from './ownership';

export interface FieldControlProps {
  def: FieldDef;
  text: string;
  onText: (v: string) => void;
  editable: boolean;
  changed: boolean;
  error?: string;
  /** The value formatted for reading, used when the field is not editable. */
  readOnlyText: string;
  tiers?: Tier[];
  managers?: User[];
  managerName?: string | null;
}

const LTR_KINDS = new Set(['url', 'phone', 'domain', 'score', 'coord']);

/**
 * A field the user may not change: its value as text, not an input that looks editable,
 * with a lock and who maintains it.
 */
function ReadOnlyField({ label, hint, name, text, long }: { label: string; hint: string; name: string; text: string; long: boolean }) {
  const { t } = useI18n();
  const id = `ro-${name}`;
  return (
    <div class="field field-readonly" role="group" aria-labelledby={`${id}-l`} aria-describedby={`${id}-hint`} data-field={name}>
      <span class="field-label" id={`${id}-l`}>
        {label}
      </span>
      <div class={long ? 'readonly-value readonly-long' : 'readonly-value'} dir="auto">
        {text || <span class="muted">{t('partner.none')}</span>}
      </div>
      <small id={`${id}-hint`} class="hint">
        <svg class="lock" aria-hidden="true" viewBox="0 0 16 16" width="12" height="12">
          <path fill="currentColor" d="M4 7V5a4 4 0 1 1 8 0v2h1v8H3V7h1zm2 0h4V5a2 2 0 1 0-4 0v2z" />
        </svg>
        {hint}
      </small>
    </div>
  );
}

export function FieldControl(props: FieldControlProps) {
  const { def, text, onText, editable, changed, error, readOnlyText } = props;
  const { t, locale } = useI18n();
  const label = t(`partner.field.${def.name}`) + (changed ? ` ${t('partner.changed_mark')}` : '');
  const name = def.name;

  if (!editable) {
    const hint = name === 'status' ? t('partner.status_hint') : t(`partner.owner.${FIELD_OWNERS[def.name]}`);
    return <ReadOnlyField label={label} hint={hint} name={name} text={readOnlyText} long={def.kind === 'longtext'} />;
  }

  let options: Option[] | null = null;
  let empty: string | undefined = t('partner.none');
  switch (def.kind) {
    case 'enum':
      options = (def.values ?? []).map((v) => ({ value: v, label: def.labelPrefix ? t(`${def.labelPrefix}${v}`) : v }));
      if (name === 'type' || name === 'model') empty = undefined;
      break;
    case 'country':
      options = countryOptions(locale);
      break;
    case 'tier':
      options = (props.tiers ?? []).map((x) => ({ value: x.name, label: x.name }));
      if (text && !options.some((o) => o.value.toLowerCase() === text.toLowerCase())) options.unshift({ value: text, label: text });
      break;
    case 'manager':
      options = (props.managers ?? []).map((u) => ({ value: String(u.id), label: u.name }));
      if (text && !options.some((o) => o.value === text)) options.unshift({ value: text, label: props.managerName ?? `#${text}` });
      break;
  }
  if (options)
    return <SelectField label={label} name={name} value={text} onValue={onText} options={options} empty={empty} error={error} />;

  if (def.kind === 'longtext') return <AutoTextArea label={label} name={name} value={text} onValue={onText} error={error} />;

  let hint: string | undefined;
  if (def.kind === 'tags') hint = t('partner.tags_hint');
  if (def.kind === 'languages') {
    const names = splitTags(text).map((c) => languageName(c));
    hint = names.length ? `${t('partner.languages_hint')} · ${names.join(', ')}` : t('partner.languages_hint');
  }
  if (def.kind === 'score') hint = t('partner.score_hint', { min: 0, max: 100 });
  // Numbers are typed as text (Persian and Arabic digits are accepted and converted).
  const type = def.kind === 'url' ? 'url' : def.kind === 'phone' ? 'tel' : 'text';
  return (
    <TextField
      label={label}
      name={name}
      value={text}
      onValue={onText}
      error={error}
      hint={hint}
      type={type}
      inputMode={def.kind === 'score' ? 'numeric' : def.kind === 'coord' ? 'decimal' : def.kind === 'url' ? 'url' : def.kind === 'phone' ? 'tel' : undefined}
      dir={LTR_KINDS.has(def.kind) ? 'ltr' : 'auto'}
      required={name === 'name' || name === 'legal_name'}
    />
  );
}
