// Choosing the CSV: a file input inside a drop target. The input stays the real control
// (keyboard, screen readers); dragging a file onto the box is the shortcut.
import { useRef, useState } from 'preact/hooks';
import { formatBytes, formatDateTime } from '../../lib/format';
import { useI18n } from '../../lib/i18n';
import { IMPORT_MAX_MB } from './columns';

interface Props {
  file: File | null;
  onFile: (f: File | null) => void;
  error?: string;
}

export function DropZone({ file, onFile, error }: Props) {
  const { t } = useI18n();
  const [over, setOver] = useState(false);
  const input = useRef<HTMLInputElement>(null);
  const pick = (list: FileList | null | undefined) => {
    const f = list && list.length ? list[0] : null;
    if (f) onFile(f);
  };
  return (
    <div
      class={`dropzone${over ? ' dropzone-over' : ''}${error ? ' dropzone-invalid' : ''}`}
      onDragEnter={(e) => {
        e.preventDefault();
        setOver(true);
      }}
      onDragOver={(e) => {
        e.preventDefault();
        if (e.dataTransfer) e.dataTransfer.dropEffect = 'copy';
      }}
      onDragLeave={(e) => {
        if (!(e.currentTarget as HTMLElement).contains(e.relatedTarget as Node | null)) setOver(false);
      }}
      onDrop={(e) => {
        e.preventDefault();
        setOver(false);
        const files = e.dataTransfer?.files;
        // The input shows the dropped file too (and a form reset clears both).
        if (files && files.length && input.current) input.current.files = files;
        pick(files);
      }}
    >
      <span class="dropzone-icon" aria-hidden="true">
        ⇪
      </span>
      <label for="import-file" class="dropzone-label">
        {t('import.drop')}
      </label>
      <input
        ref={input}
        id="import-file"
        name="file"
        type="file"
        accept=".csv,text/csv,text/plain"
        aria-describedby={error ? 'import-file-err' : 'import-file-hint'}
        aria-invalid={error ? 'true' : undefined}
        onChange={(e) => pick((e.target as HTMLInputElement).files)}
      />
      <small id="import-file-hint" class="hint">
        {t('import.drop_hint', { size: IMPORT_MAX_MB })}
      </small>
      {file && (
        <div class="dropzone-file" role="status">
          <span class="dropzone-file-name">
            <bdi dir="auto">{file.name}</bdi>
          </span>
          <span class="muted">
            {formatBytes(file.size)}
            {file.lastModified ? ` · ${formatDateTime(new Date(file.lastModified).toISOString())}` : ''}
          </span>
          <button
            type="button"
            class="btn btn-quiet"
            onClick={() => {
              onFile(null);
              if (input.current) input.current.value = '';
            }}
          >
            {t('import.remove_file')}
          </button>
        </div>
      )}
      {error && (
        <small id="import-file-err" class="field-error" role="alert">
          {error}
        </small>
      )}
    </div>
  );
}
