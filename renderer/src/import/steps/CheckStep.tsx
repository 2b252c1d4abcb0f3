import type { FileInspection } from '../../../../shared/domain';
import { KINDS } from '../../../../shared/kinds';
import { ValidationView } from '../ImportOutcome';
import { isBusy, openBlockers } from '../importMachine';
import type { ImportWizard } from '../useImportWizard';
import { ImportingStep } from './ImportingStep';

/** What still blocks the import, the check (validation summary) and the Check and Import buttons. */
export function CheckStep({ w, ins }: { w: ImportWizard; ins: FileInspection }) {
  const { state, ready } = w;
  const { source, mode, checking, validation, job } = state;
  const open = openBlockers(state);
  const busy = isBusy(state);
  return (
    <section className="card import-bar" aria-label="Check and import">
      <div className="import-bar-body">
        {open.length > 0 && (
          <ul className="blockers" data-testid="blockers">
            {open.map((b) => (
              <li key={b} className="warn-text">
                {b}
              </li>
            ))}
          </ul>
        )}
        {open.length === 0 && !job && (
          <p>
            Import <strong>{source?.name}</strong> as <strong>{KINDS[ins.kind].label}</strong>
            {mode === 'append' ? ', adding to the rows already there' : ', replacing what is there'}. “Check” reads every row and writes nothing.
          </p>
        )}
        {checking && (
          <div className="progress-wrap">
            <progress aria-label="Check progress" />
            <span className="muted">Checking every row…</span>
          </div>
        )}
        {job && <ImportingStep w={w} job={job} />}
        {validation && !job && <ValidationView v={validation} />}
      </div>
      <div className="import-actions">
        <button type="button" className="btn btn-lg" onClick={() => void w.check()} disabled={!ready || busy}>
          {checking ? 'Checking…' : 'Check'}
        </button>
        <button type="button" className="btn btn-primary btn-lg" onClick={() => void w.runImport()} disabled={!ready || busy}>
          {job ? 'Importing…' : 'Import'}
        </button>
      </div>
    </section>
  );
}
