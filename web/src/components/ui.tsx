// Small building blocks every screen uses. Strings come from i18n keys under "ui.".
import type { ComponentChildren } from 'preact';
import { useEffect, useRef } from 'preact/hooks';
import { ApiError } from '../lib/api';
import { useI18n } from '../lib/i18n';

let idSeq = 0;
function useId(prefix: string): string {
  const ref = useRef<string | undefined>(undefined);
  if (!ref.current) ref.current = `${prefix}-${++idSeq}`;
  return ref.current;
}

interface FieldProps {
  label: string;
  error?: string;
  hint?: string;
  children: (id: string, describedBy: string | undefined) => ComponentChildren;
}

/** A labelled form field; the error is announced and tied to the control. */
export function Field({ label, error, hint, children }: FieldProps) {
  const id = useId('f');
  const described = [hint ? `${id}-hint` : '', error ? `${id}-err` : ''].filter(Boolean).join(' ') || undefined;
  return (
    <div class={`field${error ? ' field-invalid' : ''}`}>
      <label for={id}>{label}</label>
      {children(id, described)}
      {hint && (
        <small id={`${id}-hint`} class="hint">
          {hint}
        </small>
      )}
      {error && (
        <small id={`${id}-err`} class="field-error" role="alert">
          {error}
        </small>
      )}
    </div>
  );
}

interface InputProps {
  label: string;
  error?: string;
  hint?: string;
  value: string | number | null | undefined;
  onValue: (v: string) => void;
  type?: string;
  name?: string;
  autoComplete?: string;
  required?: boolean;
  disabled?: boolean;
  readOnly?: boolean;
  placeholder?: string;
  min?: number;
  max?: number;
  step?: number | 'any';
  maxLength?: number;
  inputMode?: 'text' | 'numeric' | 'decimal' | 'email' | 'tel' | 'url' | 'search';
  dir?: 'ltr' | 'rtl' | 'auto';
}

export function TextField({ label, error, hint, value, onValue, type = 'text', ...rest }: InputProps) {
  return (
    <Field label={label} error={error} hint={hint}>
      {(id, describedBy) => (
        <input
          id={id}
          type={type as 'text'}
          aria-invalid={error ? 'true' : undefined}
          aria-describedby={describedBy}
          value={value ?? ''}
          onInput={(e) => onValue((e.target as HTMLInputElement).value)}
          {...(rest as Record<string, unknown>)}
        />
      )}
    </Field>
  );
}

export function TextArea({ label, error, hint, value, onValue, rows = 4, name, disabled, required }: {
  label: string;
  error?: string;
  hint?: string;
  value: string | null | undefined;
  onValue: (v: string) => void;
  rows?: number;
  name?: string;
  disabled?: boolean;
  required?: boolean;
}) {
  return (
    <Field label={label} error={error} hint={hint}>
      {(id, describedBy) => (
        <textarea
          id={id}
          name={name}
          rows={rows}
          disabled={disabled}
          required={required}
          aria-invalid={error ? 'true' : undefined}
          aria-describedby={describedBy}
          value={value ?? ''}
          onInput={(e) => onValue((e.target as HTMLTextAreaElement).value)}
        />
      )}
    </Field>
  );
}

export interface Option {
  value: string;
  label: string;
}

export function SelectField({ label, error, hint, value, onValue, options, empty, name, disabled }: {
  label: string;
  error?: string;
  hint?: string;
  value: string | null | undefined;
  onValue: (v: string) => void;
  options: Option[];
  /** Label of an empty first choice; omitted when a value is required. */
  empty?: string;
  name?: string;
  disabled?: boolean;
}) {
  return (
    <Field label={label} error={error} hint={hint}>
      {(id, describedBy) => (
        <select
          id={id}
          name={name}
          disabled={disabled}
          aria-invalid={error ? 'true' : undefined}
          aria-describedby={describedBy}
          value={value ?? ''}
          onChange={(e) => onValue((e.target as HTMLSelectElement).value)}
        >
          {empty !== undefined && <option value="">{empty}</option>}
          {options.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </select>
      )}
    </Field>
  );
}

export function Checkbox({ label, checked, onValue, name, disabled }: {
  label: string;
  checked: boolean;
  onValue: (v: boolean) => void;
  name?: string;
  disabled?: boolean;
}) {
  return (
    <label class="checkbox">
      <input type="checkbox" name={name} checked={checked} disabled={disabled} onChange={(e) => onValue((e.target as HTMLInputElement).checked)} />
      <span>{label}</span>
    </label>
  );
}

/** Messages not tied to one field (or a whole failed request). */
export function Banner({ kind = 'error', children }: { kind?: 'error' | 'info' | 'success' | 'warning'; children: ComponentChildren }) {
  return (
    <div class={`banner banner-${kind}`} role={kind === 'error' ? 'alert' : 'status'}>
      {children}
    </div>
  );
}

export function ProblemBanner({ messages }: { messages: string[] }) {
  if (!messages.length) return null;
  return (
    <Banner>
      {messages.length === 1 ? (
        messages[0]
      ) : (
        <ul>
          {messages.map((m, i) => (
            <li key={i}>{m}</li>
          ))}
        </ul>
      )}
    </Banner>
  );
}

/** Explains a failed load: not found, forbidden, or the problem's title. */
export function ErrorState({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const { t } = useI18n();
  let text = t('ui.error_generic');
  if (error instanceof ApiError) {
    if (error.status === 404) text = t('ui.not_found');
    else if (error.status === 403) text = t('ui.forbidden');
    else if (error.status === 0 || error.status >= 500) text = t('ui.unavailable');
    else text = error.problem.title || text;
  }
  return (
    <div class="state state-error" role="alert">
      <p>{text}</p>
      {onRetry && !(error instanceof ApiError && (error.status === 404 || error.status === 403)) && (
        <button type="button" class="btn" onClick={onRetry}>
          {t('ui.retry')}
        </button>
      )}
    </div>
  );
}

export function Loading() {
  const { t } = useI18n();
  return (
    <div class="state state-loading" role="status" aria-live="polite">
      <span class="spinner" aria-hidden="true" />
      <span>{t('ui.loading')}</span>
    </div>
  );
}

/** heading: the title is the page's h1 (a screen that is only this state, e.g. not found). */
export function EmptyState({ title, children, heading }: { title: string; children?: ComponentChildren; heading?: boolean }) {
  return (
    <div class="state state-empty">
      {heading ? <h1 class="state-title">{title}</h1> : <p class="state-title">{title}</p>}
      {children}
    </div>
  );
}

/** Relative luminance (WCAG 2) of a #rrggbb colour. */
function luminance(n: number): number {
  const lin = (c: number) => {
    const s = c / 255;
    return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * lin((n >> 16) & 255) + 0.7152 * lin((n >> 8) & 255) + 0.0722 * lin(n & 255);
}

const DARK_TEXT = '#111827';
const DARK_L = luminance(0x111827);

/** Text colour that keeps AA contrast (4.5:1) on a tier's background colour: white or
 *  the page's dark text, whichever contrasts more; for the mid-tones where neither
 *  reaches 4.5:1, white or black (one of them always does). */
export function readableOn(hex: string): string {
  const m = /^#?([0-9a-f]{6})$/i.exec(hex || '');
  if (!m) return DARK_TEXT;
  const l = luminance(parseInt(m[1], 16));
  const onWhite = 1.05 / (l + 0.05);
  const onDark = (l + 0.05) / (DARK_L + 0.05);
  if (Math.max(onWhite, onDark) >= 4.5) return onWhite >= onDark ? '#ffffff' : DARK_TEXT;
  return onWhite >= (l + 0.05) / 0.05 ? '#ffffff' : '#000000';
}

/**
 * One ref callback per colour, shared by every badge of that colour: a new function on
 * each render would make Preact call it again (and restyle the badge) every time.
 */
const badgeRefs = new Map<string, (el: HTMLElement | null) => void>();
function badgeRef(bg: string) {
  let fn = badgeRefs.get(bg);
  if (!fn) {
    const text = readableOn(bg);
    fn = (el) => {
      // CSP forbids style attributes; CSSOM changes are allowed.
      if (el) {
        el.style.backgroundColor = bg;
        el.style.color = text;
      }
    };
    badgeRefs.set(bg, fn);
  }
  return fn;
}

export function TierBadge({ name, colour }: { name: string | null | undefined; colour?: string | null }) {
  if (!name) return null;
  return (
    <span class="badge tier-badge" ref={badgeRef(colour || '#e5e7eb')}>
      {name}
    </span>
  );
}

export function StatusPill({ status }: { status: string }) {
  const { t } = useI18n();
  return <span class={`pill status-${status}`}>{t(`status.${status}`)}</span>;
}

/** The scrolling box around a table (sideways on a phone, downwards when long). When
 *  the table holds no link or button of its own, the box is focusable and named, so a
 *  keyboard user can reach it and scroll it with the arrow keys (WCAG 2.1.1). */
export function TableScroll({ label, class: cls, children }: { label: string; class?: string; children: ComponentChildren }) {
  return (
    <div class={cls ? `table-wrap ${cls}` : 'table-wrap'} role="region" aria-label={label} tabIndex={0}>
      {children}
    </div>
  );
}

export interface TabDef {
  id: string;
  label: string;
  href: string;
}

/** Tabs as links (each tab has its own URL), with aria-current on the open one. */
export function Tabs({ tabs, active, label }: { tabs: TabDef[]; active: string; label: string }) {
  return (
    <nav class="tabs" aria-label={label}>
      {tabs.map((tab) => (
        <a key={tab.id} href={tab.href} class={tab.id === active ? 'tab active' : 'tab'} aria-current={tab.id === active ? 'page' : undefined}>
          {tab.label}
        </a>
      ))}
    </nav>
  );
}

/** A modal dialog on the native <dialog> element (focus trap and Escape for free). */
export function Modal({ open, title, onClose, children, wide }: {
  open: boolean;
  title: string;
  onClose: () => void;
  children: ComponentChildren;
  wide?: boolean;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const d = ref.current;
    if (!d) return;
    if (open && !d.open) d.showModal();
    if (!open && d.open) d.close();
  }, [open]);
  const { t } = useI18n();
  return (
    <dialog ref={ref} class={wide ? 'modal modal-wide' : 'modal'} aria-label={title} onClose={onClose} onCancel={onClose}>
      <header class="modal-head">
        <h2>{title}</h2>
        <button type="button" class="btn btn-icon" aria-label={t('ui.close')} onClick={onClose}>
          ×
        </button>
      </header>
      <div class="modal-body">{open && children}</div>
    </dialog>
  );
}

export function PageHeader({ title, children, sub }: { title: string; sub?: ComponentChildren; children?: ComponentChildren }) {
  useEffect(() => {
    document.title = `${title} · Channelbase`;
  }, [title]);
  return (
    <div class="page-header">
      <div>
        <h1>{title}</h1>
        {sub && <div class="page-sub">{sub}</div>}
      </div>
      {children && <div class="page-actions">{children}</div>}
    </div>
  );
}
