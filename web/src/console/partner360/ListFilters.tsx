// The partners list's toolbar: search (debounced, Enter applies at once), sort, and the
// filters the API takes (country, region, type, model, tier, status, segment, manager,
// industry). It only reads and writes the view kept in the URL; it fetches nothing but the
// manager names for its select.
import { useEffect, useRef, useState } from 'preact/hooks';
import { useI18n } from '../../lib/i18n';
import { PARTNER_MODELS, PARTNER_STATUSES, PARTNER_TYPES, type Tier } from '../../lib/types';
import { Field, SelectField, type Option } from '../../components/ui';
import { countryOptions } from '../../partner/countries';
import { useManagers } from '../../partner/lookups';

export const FILTER_KEYS = ['q', 'country', 'region', 'type', 'model', 'tier', 'status', 'segment', 'manager', 'industry'] as const;
export type ViewKey = (typeof FILTER_KEYS)[number] | 'sort' | 'after' | 'prev';
export type View = Partial<Record<ViewKey, string | undefined>>;

const SORTS = ['name', '-name', '-tier', 'tier', '-score', 'score', '-created', 'created', '-updated', 'updated'];
const DEBOUNCE_MS = 250;

/** A text input that commits after a pause in typing, or at once on Enter. The first
 * commit of a burst of typing adds a history entry; the following ones replace it. */
function DebouncedText({ label, name, value, onCommit, type = 'text', hint }: {
  label: string;
  name: string;
  value: string | undefined;
  onCommit: (v: string | undefined, replace: boolean) => void;
  type?: 'text' | 'search';
  hint?: string;
}) {
  const [text, setText] = useState(value ?? '');
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const pushed = useRef(false);
  useEffect(() => {
    if ((value ?? '') !== text.trim()) setText(value ?? '');
  }, [value]);
  useEffect(() => () => clearTimeout(timer.current), []);
  const commit = (v: string, fromTyping: boolean) => {
    clearTimeout(timer.current);
    const next = v.trim();
    if (next === (value ?? '')) return;
    onCommit(next || undefined, fromTyping && pushed.current);
    pushed.current = fromTyping;
  };
  return (
    <Field label={label} hint={hint}>
      {(id, describedBy) => (
        <input
          id={id}
          type={type as 'text'}
          name={name}
          value={text}
          dir="auto"
          autoComplete="off"
          aria-describedby={describedBy}
          onInput={(e) => {
            const v = (e.target as HTMLInputElement).value;
            setText(v);
            clearTimeout(timer.current);
            timer.current = setTimeout(() => commit(v, true), DEBOUNCE_MS);
          }}
          onKeyDown={(e) => {
            if (e.key === 'Enter') {
              e.preventDefault();
              commit(text, false);
            }
          }}
          onBlur={() => {
            pushed.current = false;
          }}
        />
      )}
    </Field>
  );
}

export function ListFilters({ view, setView, tiers }: {
  view: View;
  setView: (changes: View, replace?: boolean) => void;
  tiers: Tier[] | undefined;
}) {
  const { t, locale } = useI18n();
  const managers = useManagers(true);
  const active = FILTER_KEYS.filter((k) => k !== 'q' && view[k]).length;
  const [open, setOpen] = useState(() => active > 0 || (typeof matchMedia === 'function' && matchMedia('(min-width: 761px)').matches));
  const any = t('partners.any');
  const select = (k: ViewKey, label: string, options: Option[]) => {
    const v = view[k];
    // A value from a shared link shows even before (or without) its list.
    const all = v && !options.some((o) => o.value === v) ? [{ value: v, label: v }, ...options] : options;
    return <SelectField label={label} name={k} value={v ?? ''} onValue={(x) => setView({ [k]: x || undefined })} options={all} empty={any} />;
  };
  const text = (k: ViewKey, label: string, hint?: string) => (
    <DebouncedText label={label} name={k} value={view[k]} hint={hint} onCommit={(v, replace) => setView({ [k]: v }, replace)} />
  );

  return (
    <div class="card list-filters">
      <form class="toolbar" role="search" onSubmit={(e) => e.preventDefault()}>
        <div class="search-box">
          <DebouncedText
            label={t('partners.search')}
            name="q"
            type="search"
            value={view.q}
            hint={t('partners.search_hint')}
            onCommit={(v, replace) => setView({ q: v }, replace)}
          />
        </div>
        <SelectField
          label={t('partners.sort_by')}
          name="sort"
          value={view.sort ?? 'name'}
          onValue={(v) => setView({ sort: v === 'name' ? undefined : v })}
          options={SORTS.map((s) => ({ value: s, label: t(`partners.sort.${s.startsWith('-') ? `${s.slice(1)}_desc` : `${s}_asc`}`) }))}
        />
        <div class="toolbar-buttons">
          <button type="button" class="btn" aria-expanded={open} aria-controls="partner-filters" onClick={() => setOpen(!open)}>
            {active ? t('partners.filters_count', { count: active }) : t('partners.filters')}
          </button>
          {(active > 0 || view.q) && (
            <button type="button" class="btn btn-quiet" onClick={() => setView(Object.fromEntries(FILTER_KEYS.map((k) => [k, undefined])))}>
              {t('partners.clear')}
            </button>
          )}
        </div>
      </form>
      <div id="partner-filters" class="filter-grid" hidden={!open}>
        {select('country', t('partner.field.country'), countryOptions(locale))}
        {text('region', t('partner.field.region'), t('partners.exact_hint'))}
        {select('type', t('partner.field.type'), PARTNER_TYPES.map((x) => ({ value: x, label: t(`type.${x}`) })))}
        {select('model', t('partner.field.model'), PARTNER_MODELS.map((x) => ({ value: x, label: t(`model.${x}`) })))}
        {select('tier', t('partner.field.tier'), (tiers ?? []).map((x) => ({ value: x.name, label: x.name })))}
        {select('status', t('partner.field.status'), PARTNER_STATUSES.map((x) => ({ value: x, label: t(`status.${x}`) })))}
        {text('segment', t('partner.field.segment'), t('partners.exact_hint'))}
        {select('manager', t('partner.field.manager_id'), (managers?.list ?? []).map((u) => ({ value: String(u.id), label: u.name })))}
        {text('industry', t('partners.industry'), t('partners.exact_hint'))}
      </div>
    </div>
  );
}
