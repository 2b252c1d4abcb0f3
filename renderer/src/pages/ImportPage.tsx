import { useEffect, useId, useRef, useState } from 'react';
import type { ChangeEvent, DragEvent } from 'react';
import type { FileRef } from '../../../shared/api';
import { IMPORT_KINDS } from '../../../shared/domain';
import type { ImportKind, ImportMode, ImportSummary } from '../../../shared/domain';
import type { ApiError } from '../../../shared/result';
import { api, host, transport, uploadFile } from '../api/client';
import { DataGrid } from '../components/DataGrid';
import { ErrorBanner } from '../components/ErrorBanner';
import { UploadIcon } from '../components/Icons';
import { NeedsProject } from '../components/NeedsProject';
import { onCsvPickRequest } from '../menuRequests';
import { PREVIEW_ROWS, previewCsv } from '../csvPreview';
import type { CsvPreview } from '../csvPreview';
import { KIND_INFO, formatBytes, formatCount, plural } from '../format';
import { pageHref } from '../router';
import { useAppState } from '../state';

/** A chosen file: a browser File (preview, upload) and/or a path the engine can read. */
interface Source {
  name: string;
  size?: number;
  file?: File;
  path?: string;
}

type Status =
  | { step: 'idle' }
  | { step: 'uploading'; fraction: number }
  | { step: 'importing' }
  | { step: 'done'; summary: ImportSummary }
  | { step: 'failed'; error: ApiError };

const REJECTS_SHOWN = 500;

/** A first guess from the file name; the user confirms or changes it. */
function guessKind(name: string): ImportKind | null {
  const n = name.toLowerCase();
  if (/roster|program|mentor|cohort/.test(n)) return 'roster';
  if (/survey|engagement|pulse|qualtrics/.test(n)) return 'survey';
  if (/perf|review|rating|appraisal/.test(n)) return 'performance';
  if (/hris|people|employee|workforce|headcount|staff|retention/.test(n)) return 'people';
  return null;
}

function isCsvName(name: string): boolean {
  return /\.(csv|tsv|txt)$/i.test(name);
}

export function ImportPage() {
  return (
    <NeedsProject>
      <ImportForm />
    </NeedsProject>
  );
}

function ImportForm() {
  const { refresh } = useAppState();
  const [source, setSource] = useState<Source | null>(null);
  const [kind, setKind] = useState<ImportKind | null>(null);
  const [kindTouched, setKindTouched] = useState(false);
  const [asOf, setAsOf] = useState('');
  const [mode, setMode] = useState<ImportMode>('replace');
  const [preview, setPreview] = useState<CsvPreview | null>(null);
  const [previewError, setPreviewError] = useState<string | null>(null);
  const [status, setStatus] = useState<Status>({ step: 'idle' });
  const [dragging, setDragging] = useState(false);
  const ids = useId();

  useEffect(() => {
    setPreview(null);
    setPreviewError(null);
    if (!source?.file) return;
    let cancelled = false;
    previewCsv(source.file).then(
      (p) => !cancelled && setPreview(p),
      (err: unknown) => !cancelled && setPreviewError(err instanceof Error ? err.message : String(err)),
    );
    return () => {
      cancelled = true;
    };
  }, [source]);

  function choose(next: Source) {
    setSource(next);
    setStatus({ step: 'idle' });
    if (!kindTouched) setKind(guessKind(next.name));
  }

  function chooseFile(file: File) {
    let path: string | undefined;
    if (host) path = host.pathForFile(file) || undefined;
    choose({ name: file.name, size: file.size, file, path });
  }

  function onInput(e: ChangeEvent<HTMLInputElement>) {
    const file = e.target.files?.[0];
    if (file) chooseFile(file);
    e.target.value = '';
  }

  function onDrop(e: DragEvent) {
    e.preventDefault();
    setDragging(false);
    const file = e.dataTransfer.files[0];
    if (file) chooseFile(file);
  }

  async function pickNative() {
    const picked = await host?.pickCsvFile();
    if (picked) choose({ name: picked.name, path: picked.path });
  }

  const pickRef = useRef(pickNative);
  useEffect(() => {
    pickRef.current = pickNative;
  });
  useEffect(() => onCsvPickRequest(() => void pickRef.current()), []);

  const busy = status.step === 'uploading' || status.step === 'importing';
  const needsNativePick = transport === 'electron' && source !== null && !source.path;
  const canImport = source !== null && kind !== null && !busy && !needsNativePick;

  async function runImport() {
    if (!source || !kind) return;
    let file: FileRef;
    if (source.path) {
      file = { path: source.path };
    } else if (source.file && transport === 'browser') {
      setStatus({ step: 'uploading', fraction: 0 });
      const up = await uploadFile(source.file, (fraction) => setStatus({ step: 'uploading', fraction }));
      if (!up.ok) return setStatus({ step: 'failed', error: up.error });
      file = { uploadId: up.value.uploadId };
    } else {
      return setStatus({ step: 'failed', error: { code: 'bad_request', message: 'Choose the file with "Choose file…" so the app can read it.' } });
    }
    setStatus({ step: 'importing' });
    const res = await api.importFile({
      file,
      fileName: source.name,
      kind,
      mode,
      ...(kind === 'people' && asOf ? { asOf } : {}),
    });
    setStatus(res.ok ? { step: 'done', summary: res.value } : { step: 'failed', error: res.error });
    void refresh();
  }

  return (
    <div className="stack">
      <section className="card" aria-labelledby={`${ids}-file`}>
        <h2 id={`${ids}-file`}>
          <span className="step-num">1</span> Choose a CSV file
        </h2>
        <div
          className={`dropzone${dragging ? ' dropzone-active' : ''}`}
          onDragOver={(e) => {
            e.preventDefault();
            setDragging(true);
          }}
          onDragLeave={() => setDragging(false)}
          onDrop={onDrop}
        >
          <UploadIcon />
          <p>
            <strong>Drop a CSV file here</strong> or
          </p>
          {transport === 'electron' && host ? (
            <button type="button" className="btn btn-primary" onClick={() => void pickNative()} disabled={busy}>
              Choose file…
            </button>
          ) : (
            <>
              <label htmlFor={`${ids}-input`} className="btn btn-primary">
                Choose a CSV file…
              </label>
              <input
                id={`${ids}-input`}
                className="visually-hidden"
                type="file"
                accept=".csv,.tsv,.txt,text/csv"
                onChange={onInput}
                disabled={busy}
                data-testid="file-input"
              />
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
        {needsNativePick && (
          <p className="hint">To import a dropped file in the desktop app, choose it again with “Choose file…”.</p>
        )}
      </section>

      <section className="card" aria-labelledby={`${ids}-kind`}>
        <h2 id={`${ids}-kind`}>
          <span className="step-num">2</span> What does the file contain?
        </h2>
        <fieldset className="kind-grid">
          <legend className="visually-hidden">Kind of file</legend>
          {IMPORT_KINDS.map((k) => (
            <label key={k} className={`kind-option${kind === k ? ' kind-option-selected' : ''}`}>
              <input
                type="radio"
                name={`${ids}-kind-radio`}
                value={k}
                checked={kind === k}
                onChange={() => {
                  setKind(k);
                  setKindTouched(true);
                }}
              />
              <span className="kind-label">{KIND_INFO[k].label}</span>
              <span className="kind-desc">{KIND_INFO[k].description}</span>
              <span className="kind-cols">
                <span className="muted">Columns: </span>
                {KIND_INFO[k].columns}
              </span>
            </label>
          ))}
        </fieldset>

        <div className="options-row">
          {kind === 'people' && (
            <div className="form">
              <label htmlFor={`${ids}-asof`}>As-of date (optional)</label>
              <input id={`${ids}-asof`} type="date" value={asOf} onChange={(e) => setAsOf(e.target.value)} aria-describedby={`${ids}-asof-hint`} />
              <p id={`${ids}-asof-hint`} className="hint">
                The date of the export. People without a termination date count as still employed on that day. Left empty,
                the latest hire or termination date in the file is used.
              </p>
            </div>
          )}
          <div className="form">
            <label htmlFor={`${ids}-mode`}>If the project already has this kind of data</label>
            <select id={`${ids}-mode`} value={mode} onChange={(e) => setMode(e.target.value as ImportMode)}>
              <option value="replace">Replace it with this file</option>
              <option value="append">Add this file’s rows to it</option>
            </select>
          </div>
        </div>
      </section>

      {source?.file && (
        <section className="card" aria-labelledby={`${ids}-preview`}>
          <h2 id={`${ids}-preview`}>
            <span className="step-num">3</span> Check the first rows
          </h2>
          {previewError && <ErrorBanner title="The preview failed." error={{ code: 'preview', message: previewError }} />}
          {preview ? (
            <>
              <p className="muted">
                The first {Math.min(PREVIEW_ROWS, preview.rows.length)} rows of {source.name}, as written in the file
                {preview.columns.length > 0 && ` · ${plural(preview.columns.length, 'column')}`}
                {preview.delimiter && preview.delimiter !== ',' && ` · separated by ${preview.delimiter === '\t' ? 'tabs' : `“${preview.delimiter}”`}`}.
              </p>
              <DataGrid caption={`Preview of ${source.name}`} columns={preview.columns} rows={preview.rows} rowNumbers={preview.rows.map((_, i) => i + 2)} />
              <p className="hint">Row numbers are the lines of the file; line 1 is the header.</p>
            </>
          ) : (
            !previewError && <p className="muted">Reading the file…</p>
          )}
        </section>
      )}

      <section className="card import-bar" aria-label="Import">
        <div>
          {!source && <p className="muted">Choose a file to import.</p>}
          {source && !kind && <p className="muted">Choose what the file contains.</p>}
          {source && kind && (
            <p>
              Import <strong>{source.name}</strong> as <strong>{KIND_INFO[kind].label}</strong> into the{' '}
              <code>{kindTable(kind)}</code> table
              {mode === 'append' ? ', adding to its rows' : ', replacing what is there'}.
            </p>
          )}
          <ImportProgress status={status} />
        </div>
        <button type="button" className="btn btn-primary btn-lg" onClick={() => void runImport()} disabled={!canImport}>
          {busy ? 'Importing…' : 'Import'}
        </button>
      </section>

      {status.step === 'failed' && <ErrorBanner title="The import failed; the project is unchanged." error={status.error} />}
      {status.step === 'done' && <ImportResult summary={status.summary} />}
    </div>
  );
}

function kindTable(kind: ImportKind) {
  return ({ roster: 'roster', people: 'people', survey: 'survey_responses', performance: 'performance_reviews' } as const)[kind];
}

function ImportProgress({ status }: { status: Status }) {
  if (status.step === 'uploading') {
    const pct = Math.round(status.fraction * 100);
    return (
      <div className="progress-wrap">
        <progress max={100} value={pct} aria-label="Upload progress" />
        <span className="muted">Sending the file… {pct}%</span>
      </div>
    );
  }
  if (status.step === 'importing') {
    return (
      <div className="progress-wrap">
        <progress aria-label="Import progress" />
        <span className="muted">Checking and loading every row…</span>
      </div>
    );
  }
  return null;
}

function ImportResult({ summary }: { summary: ImportSummary }) {
  const rejects = summary.rejects.slice(0, REJECTS_SHOWN);
  const ref = useRef<HTMLElement>(null);
  useEffect(() => {
    ref.current?.scrollIntoView({ behavior: 'smooth', block: 'start' });
  }, [summary]);
  return (
    <section ref={ref} className="card result" aria-labelledby="import-result-heading" data-testid="import-result">
      <h2 id="import-result-heading">
        {summary.rowsRejected === 0 ? 'Imported' : 'Imported, with rejected rows'}: {summary.fileName}
      </h2>
      <div className="stats">
        <div className="stat">
          <span className="stat-label">Rows read</span>
          <span className="stat-value" data-testid="rows-read">{formatCount(summary.rowsRead)}</span>
        </div>
        <div className="stat stat-good">
          <span className="stat-label">Loaded</span>
          <span className="stat-value" data-testid="rows-loaded">{formatCount(summary.rowsLoaded)}</span>
        </div>
        <div className={`stat${summary.rowsRejected ? ' stat-bad' : ''}`}>
          <span className="stat-label">Rejected</span>
          <span className="stat-value" data-testid="rows-rejected">{formatCount(summary.rowsRejected)}</span>
        </div>
      </div>
      {summary.asOfDate && (
        <p>
          As-of date: <strong>{summary.asOfDate}</strong>. People without a termination date are counted as employed until then.
        </p>
      )}
      {summary.previousImportId !== undefined && (
        <p className="warn-text">This same file was imported before (import {summary.previousImportId}).</p>
      )}
      {summary.duplicatesSkipped ? <p>{plural(summary.duplicatesSkipped, 'row')} already in the project were skipped.</p> : null}
      {rejects.length > 0 && (
        <>
          <h3>Rejected rows</h3>
          <p className="muted">
            These rows were not loaded. Fix them in the source file and import it again.
            {summary.rowsRejected > rejects.length && ` Showing ${formatCount(rejects.length)} of ${formatCount(summary.rowsRejected)}; all are in the Rejected rows table.`}
          </p>
          <DataGrid
            caption="Rejected rows"
            columns={['Line', 'Column', 'Value', 'Reason']}
            numericColumns={new Set([0])}
            rows={rejects.map((r) => [r.line, r.column, r.value, r.reason])}
          />
        </>
      )}
      <div className="row-actions">
        <a className="btn" href={pageHref('data')}>
          View the data
        </a>
      </div>
    </section>
  );
}
