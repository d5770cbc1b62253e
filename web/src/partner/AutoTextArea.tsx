// A labelled multi-line text field whose direction follows its text (dir="auto"), for
// free text that may be Persian, Arabic or Latin whatever the interface language.
import { Field } from '../components/ui';

export function AutoTextArea({ label, value, onValue, name, error, hint, rows = 4, readOnly, required }: {
  label: string;
  value: string;
  onValue: (v: string) => void;
  name?: string;
  error?: string;
  hint?: string;
  rows?: number;
  readOnly?: boolean;
  required?: boolean;
}) {
  return (
    <Field label={label} error={error} hint={hint}>
      {(id, describedBy) => (
        <textarea
          id={id}
          name={name}
          rows={rows}
          dir="auto"
          class="wide"
          readOnly={readOnly}
          required={required}
          aria-invalid={error ? 'true' : undefined}
          aria-describedby={describedBy}
          value={value}
          onInput={(e) => onValue((e.target as HTMLTextAreaElement).value)}
        />
      )}
    </Field>
  );
}
