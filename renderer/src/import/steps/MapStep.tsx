import type { FileInspection, ImportMode } from '../../../../shared/domain';
import { MappingStep, TemplateBar } from '../MappingStep';
import { isBusy } from '../importMachine';
import type { MappingDraft } from '../mappingModel';
import type { ImportWizard } from '../useImportWizard';

/** The column mapping, the as-of date of a people import, and replace or append. */
export function MapStep({ w, ids, ins, draft }: { w: ImportWizard; ids: string; ins: FileInspection; draft: MappingDraft }) {
  const { state, dispatch } = w;
  const busy = isBusy(state);
  return (
    <section className="card" aria-labelledby={`${ids}-map`}>
      <h2 id={`${ids}-map`}>
        <span className="step-num">3</span> Map the columns
      </h2>
      <TemplateBar ins={ins} draft={draft} onChange={w.changeDraft} disabled={busy} />
      <MappingStep ins={ins} draft={draft} onChange={w.changeDraft} disabled={busy} />
      <div className="options-row">
        {ins.kind === 'people' && (
          <div className="form">
            <label htmlFor={`${ids}-asof`}>As-of date (optional)</label>
            <input id={`${ids}-asof`} type="date" value={state.asOf} onChange={(e) => dispatch({ type: 'asOf', asOf: e.target.value })} aria-describedby={`${ids}-asof-hint`} disabled={busy} />
            <p id={`${ids}-asof-hint`} className="hint">
              The date of the export. People without a termination date count as still employed on that day. Left empty, the latest hire or termination date in the
              file is used (the check shows it).
            </p>
          </div>
        )}
        <div className="form">
          <label htmlFor={`${ids}-mode`}>If the project already has this kind of data</label>
          <select id={`${ids}-mode`} value={state.mode} onChange={(e) => dispatch({ type: 'mode', mode: e.target.value as ImportMode })} disabled={busy}>
            <option value="replace">Replace it with this file</option>
            <option value="append">Add this file’s rows to it (exact duplicates skipped)</option>
          </select>
        </div>
      </div>
    </section>
  );
}
