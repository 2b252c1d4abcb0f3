import { IMPORT_KINDS } from '../../../../shared/domain';
import type { FileInspection } from '../../../../shared/domain';
import { KINDS } from '../../../../shared/kinds';
import { DataGrid } from '../../components/DataGrid';
import { plural } from '../../format';
import { HeaderWarnings } from '../ImportOutcome';
import { isBusy } from '../importMachine';
import type { MappingDraft } from '../mappingModel';
import { previewRows } from '../preview';
import type { ImportWizard } from '../useImportWizard';

const ENCODINGS: Record<FileInspection['detected']['encoding'], string> = {
  'utf-8': 'UTF-8',
  'utf-8-bom': 'UTF-8 with BOM',
  'utf-16le': 'UTF-16 LE (Excel “Unicode text”)',
  'utf-16be': 'UTF-16 BE',
  'windows-1252': 'Windows-1252 / Latin-1',
};
const DELIMITERS: Record<string, string> = { ',': 'comma (,)', ';': 'semicolon (;)', '\t': 'tab', '|': 'pipe (|)' };
const LINE_ENDINGS: Record<FileInspection['detected']['lineEndings'], string> = { lf: 'LF', crlf: 'CRLF (Windows)', cr: 'CR', mixed: 'mixed', none: 'single line' };

/** What the file holds: its format, extra header rows, kind and first rows. */
export function InspectStep({ w, ids, ins, draft, fileName }: { w: ImportWizard; ids: string; ins: FileInspection; draft: MappingDraft; fileName: string }) {
  const { kind } = w.state;
  const busy = isBusy(w.state);
  const preview = previewRows(ins);
  return (
    <section className="card" aria-labelledby={`${ids}-inspect`}>
      <h2 id={`${ids}-inspect`}>
        <span className="step-num">2</span> What the file holds
      </h2>
      <dl className="detected" data-testid="detected">
        <div>
          <dt>Encoding</dt>
          <dd>{ENCODINGS[ins.detected.encoding]}</dd>
        </div>
        <div>
          <dt>Delimiter</dt>
          <dd>{DELIMITERS[ins.detected.delimiter] ?? ins.detected.delimiter}</dd>
        </div>
        <div>
          <dt>Line endings</dt>
          <dd>{LINE_ENDINGS[ins.detected.lineEndings]}</dd>
        </div>
        <div>
          <dt>Columns</dt>
          <dd>{ins.columns.length}</dd>
        </div>
        <div>
          <dt>
            <label htmlFor={`${ids}-skip`}>Extra header rows</label>
          </dt>
          <dd>
            <input
              id={`${ids}-skip`}
              type="number"
              className="num-input"
              min={0}
              max={50}
              value={draft.headerRowsToSkip}
              disabled={busy}
              onChange={(e) => w.changeDraft({ ...draft, headerRowsToSkip: Math.max(0, Math.min(50, Math.floor(Number(e.target.value) || 0))) })}
            />
          </dd>
        </div>
      </dl>
      <HeaderWarnings warnings={ins.warnings} />
      <p className="hint">
        Extra header rows are rows under the header that are not data (Qualtrics writes two). {ins.detected.headerRowsToSkip > 0 && `Detected: ${ins.detected.headerRowsToSkip}.`}
      </p>

      <h3>What does the file contain?</h3>
      {ins.guessedKind && (
        <p className="muted">
          Detected: <strong>{KINDS[ins.guessedKind].label}</strong> (from the column names). Change it if that is wrong.
        </p>
      )}
      <fieldset className="kind-grid" disabled={busy}>
        <legend className="visually-hidden">Kind of file</legend>
        {IMPORT_KINDS.map((k) => (
          <label key={k} className={`kind-option${kind === k ? ' kind-option-selected' : ''}`}>
            <input type="radio" name={`${ids}-kind-radio`} value={k} checked={kind === k} onChange={() => w.changeKind(k)} />
            <span className="kind-label">{KINDS[k].label}</span>
            <span className="kind-desc">{KINDS[k].description}</span>
            <span className="kind-cols">
              <span className="muted">Columns: </span>
              {KINDS[k].columns}
            </span>
          </label>
        ))}
      </fieldset>

      <h3>The first rows</h3>
      <p className="muted">
        The first {plural(preview.rows.length, 'row')} of {fileName}, as written in the file{ins.sampled ? ' (the file goes on)' : ''}. Line {ins.preview.firstLine} is the header
        {draft.headerRowsToSkip > 0 && `; the ${plural(draft.headerRowsToSkip, 'row')} under it ${draft.headerRowsToSkip === 1 ? 'is' : 'are'} skipped as extra header rows`}. Row numbers are file lines.
      </p>
      <DataGrid caption={`Preview of ${fileName}`} columns={ins.columns} rows={preview.rows} rowNumbers={preview.lines} />
    </section>
  );
}
