import type { ChangeEvent, DragEvent } from 'react';
import { host, transport } from '../../api/client';
import { UploadIcon } from '../../components/Icons';
import { formatBytes } from '../../format';
import { JobProgressView } from '../ImportOutcome';
import { isBusy, needsNativePick } from '../importMachine';
import type { ImportWizard } from '../useImportWizard';

function isCsvName(name: string): boolean {
  return /\.(csv|tsv|txt)$/i.test(name);
}

export function ChooseFileStep({ w, ids }: { w: ImportWizard; ids: string }) {
  const { state, dispatch } = w;
  const { source, uploading, dragging, inspecting } = state;
  const busy = isBusy(state);

  function onInput(e: ChangeEvent<HTMLInputElement>) {
    const file = e.target.files?.[0];
    if (file) w.chooseFile(file);
    e.target.value = '';
  }

  function onDrop(e: DragEvent) {
    e.preventDefault();
    dispatch({ type: 'drag', over: false });
    const file = e.dataTransfer.files[0];
    if (file) w.chooseFile(file);
  }

  return (
    <section className="card" aria-labelledby={`${ids}-file`}>
      <h2 id={`${ids}-file`}>
        <span className="step-num">1</span> Choose a CSV file
      </h2>
      <div
        className={`dropzone${dragging ? ' dropzone-active' : ''}`}
        onDragOver={(e) => {
          e.preventDefault();
          dispatch({ type: 'drag', over: true });
        }}
        onDragLeave={() => dispatch({ type: 'drag', over: false })}
        onDrop={onDrop}
      >
        <UploadIcon />
        <p>
          <strong>Drop a CSV file here</strong> or
        </p>
        {transport === 'electron' && host ? (
          <button type="button" className="btn btn-primary" onClick={() => void w.pickNative()} disabled={busy}>
            Choose file…
          </button>
        ) : (
          <>
            <label htmlFor={`${ids}-input`} className="btn btn-primary">
              Choose a CSV file…
            </label>
            <input id={`${ids}-input`} className="visually-hidden" type="file" accept=".csv,.tsv,.txt,text/csv" onChange={onInput} disabled={busy} data-testid="file-input" />
          </>
        )}
        <p className="hint">Exports from your HRIS, survey tool or review system, as they are. Files stay on this computer.</p>
      </div>
      {source && (
        <p className="chosen-file" aria-live="polite">
          Selected: <strong>{source.name}</strong>
          {source.size !== undefined && <span className="muted"> · {formatBytes(source.size)}</span>}
          {!isCsvName(source.name) && <span className="warn-text"> · this does not look like a CSV file</span>}
        </p>
      )}
      {uploading !== undefined && state.job === null && <JobProgressView status={null} uploading={uploading} cancelling={false} />}
      {inspecting && <p className="muted">Reading the start of the file…</p>}
      {needsNativePick(state, transport === 'electron') && <p className="hint">To import a dropped file in the desktop app, choose it again with “Choose file…”.</p>}
    </section>
  );
}
