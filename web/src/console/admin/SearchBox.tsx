// A search field whose value lives in the URL: typing updates ?<name>= after a short
// pause (replacing the history entry), and a URL change (back button) updates the field.
import { useEffect, useRef, useState } from 'preact/hooks';
import { TextField } from '../../components/ui';

export function SearchBox({ label, value, onSearch, name = 'q', hint }: {
  label: string;
  value: string;
  onSearch: (v: string) => void;
  name?: string;
  hint?: string;
}) {
  const [text, setText] = useState(value);
  const timer = useRef<number | undefined>(undefined);
  useEffect(() => setText(value), [value]);
  useEffect(() => () => clearTimeout(timer.current), []);
  return (
    <TextField
        label={label}
        name={name}
        type="search"
        hint={hint}
        value={text}
        onValue={(v) => {
          setText(v);
          clearTimeout(timer.current);
          timer.current = window.setTimeout(() => onSearch(v.trim()), 300);
        }}
      />
  );
}
