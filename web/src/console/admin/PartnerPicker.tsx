// Choose one partner by typing part of its name: an ARIA combobox over
// GET /api/v1/partners?q=… (the server's cross-script search), at most 8 suggestions.
import { useEffect, useRef, useState } from 'preact/hooks';
import { api, type Page } from '../../lib/api';
import { useI18n } from '../../lib/i18n';
import { countryName } from '../../lib/format';
import type { Partner } from '../../lib/types';
import { Field } from '../../components/ui';
import { rememberPartnerName } from './partnerNames';

export interface PickedPartner {
  id: number;
  name: string;
}

export function PartnerPicker({ label, value, onChange, error, hint, name = 'partner' }: {
  label: string;
  value: PickedPartner | null;
  onChange: (p: PickedPartner | null) => void;
  error?: string;
  hint?: string;
  name?: string;
}) {
  const { t } = useI18n();
  const [text, setText] = useState(value?.name ?? '');
  const [items, setItems] = useState<Partner[]>([]);
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(-1);
  const [state, setState] = useState<'idle' | 'loading' | 'error'>('idle');
  const seq = useRef(0);
  const listId = useRef(`pp-${Math.random().toString(36).slice(2)}`).current;

  useEffect(() => setText(value?.name ?? ''), [value?.id, value?.name]);

  useEffect(() => {
    const q = text.trim();
    if (!q || (value && q === value.name)) {
      setItems([]);
      setState('idle');
      return;
    }
    const n = ++seq.current;
    const ctl = new AbortController();
    setState('loading');
    const timer = setTimeout(() => {
      api
        .get<Page<Partner>>('/api/v1/partners', { q, limit: 8 }, ctl.signal)
        .then((p) => {
          if (n !== seq.current) return;
          setItems(p.items);
          setActive(p.items.length ? 0 : -1);
          setState('idle');
        })
        .catch(() => {
          if (n === seq.current && !ctl.signal.aborted) setState('error');
        });
    }, 200);
    return () => {
      clearTimeout(timer);
      ctl.abort();
    };
  }, [text]);

  function pick(p: Partner) {
    const picked = { id: p.id, name: p.name || p.legal_name };
    rememberPartnerName(picked.id, picked.name);
    onChange(picked);
    setText(picked.name);
    setOpen(false);
  }

  function onKeyDown(e: KeyboardEvent) {
    if (e.key === 'ArrowDown') {
      e.preventDefault();
      setOpen(true);
      setActive((i) => Math.min(items.length - 1, i + 1));
    } else if (e.key === 'ArrowUp') {
      e.preventDefault();
      setActive((i) => Math.max(0, i - 1));
    } else if (e.key === 'Enter' && open && active >= 0 && items[active]) {
      e.preventDefault();
      pick(items[active]);
    } else if (e.key === 'Escape' && open) {
      e.preventDefault();
      e.stopPropagation();
      setOpen(false);
    }
  }

  const showList = open && text.trim() !== '' && !(value && text === value.name);
  return (
    <Field label={label} error={error} hint={hint ?? t('admin.picker.hint')}>
      {(id, describedBy) => (
        <div class="adm-combo">
          <div class="adm-combo-input">
            <input
              id={id}
              name={name}
              type="text"
              role="combobox"
              autoComplete="off"
              aria-autocomplete="list"
              aria-expanded={showList}
              aria-controls={listId}
              aria-activedescendant={showList && active >= 0 ? `${listId}-${active}` : undefined}
              aria-invalid={error ? 'true' : undefined}
              aria-describedby={describedBy}
              value={text}
              onInput={(e) => {
                const v = (e.target as HTMLInputElement).value;
                setText(v);
                setOpen(true);
                if (value && v !== value.name) onChange(null);
              }}
              onFocus={() => setOpen(true)}
              onBlur={() => setTimeout(() => setOpen(false), 150)}
              onKeyDown={onKeyDown}
            />
            {value && (
              <button type="button" class="btn btn-quiet btn-icon" aria-label={t('admin.picker.clear')} onClick={() => { onChange(null); setText(''); }}>
                ×
              </button>
            )}
          </div>
          {showList && (
            <ul id={listId} role="listbox" class="adm-combo-list" aria-label={label}>
              {state === 'loading' && items.length === 0 && <li class="adm-combo-note" role="presentation">{t('ui.loading')}</li>}
              {state === 'error' && <li class="adm-combo-note" role="presentation">{t('ui.error_generic')}</li>}
              {state === 'idle' && items.length === 0 && <li class="adm-combo-note" role="presentation">{t('admin.picker.none')}</li>}
              {items.map((p, i) => (
                <li
                  key={p.id}
                  id={`${listId}-${i}`}
                  role="option"
                  aria-selected={i === active}
                  class={i === active ? 'adm-combo-option active' : 'adm-combo-option'}
                  onMouseDown={(e) => {
                    e.preventDefault();
                    pick(p);
                  }}
                >
                  <span>{p.name || p.legal_name}</span>
                  <small class="muted">{[p.city, countryName(p.country)].filter(Boolean).join(' · ')}</small>
                </li>
              ))}
            </ul>
          )}
        </div>
      )}
    </Field>
  );
}
