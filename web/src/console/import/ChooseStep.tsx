// Step 1: what to import and which file.
import { useI18n } from '../../lib/i18n';
import { ColumnHelp, TemplateLink } from './ColumnHelp';
import { KINDS, type ImportKind } from './columns';
import { DropZone } from './DropZone';

interface Props {
  kind: ImportKind;
  file: File | null;
  fileError?: string;
  onKind: (k: ImportKind) => void;
  onFile: (f: File | null) => void;
  onCheck: () => void;
}

export function ChooseStep({ kind, file, fileError, onKind, onFile, onCheck }: Props) {
  const { t } = useI18n();
  return (
    <>
      <section class="card import-panel" aria-labelledby="import-choose-h">
        <h2 id="import-choose-h">{t('import.choose_title')}</h2>
        <fieldset class="import-kinds">
          <legend>{t('import.kind_label')}</legend>
          {KINDS.map((k) => (
            <label key={k} class={`import-kind${kind === k ? ' is-selected' : ''}`}>
              <input type="radio" name="kind" value={k} checked={kind === k} onChange={() => onKind(k)} />
              <span>
                <strong>{t(`import.kind.${k}`)}</strong>
                <small class="muted">{t(`import.kind_help.${k}`)}</small>
              </span>
            </label>
          ))}
        </fieldset>
        <DropZone file={file} onFile={onFile} error={fileError} />
        <div class="import-actions">
          <TemplateLink kind={kind} />
          <span class="spacer" />
          <button type="button" class="btn btn-primary" disabled={!file || !!fileError} onClick={onCheck}>
            {t('import.check')}
          </button>
        </div>
        <p class="muted import-note">{t('import.check_note')}</p>
      </section>
      <ColumnHelp kind={kind} />
    </>
  );
}
