import { useEffect, useId, useRef, useState } from 'react';
import type { ChangeEvent, DragEvent } from 'react';
import type { FileRef, ImportJobStatus } from '../../../shared/api';
import { IMPORT_KINDS } from '../../../shared/domain';
import type { FileInspection, ImportKind, ImportMode, ImportSummary, ImportValidation } from '../../../shared/domain';
import type { ApiError, Result } from '../../../shared/result';
import { api, host, transport, uploadFile } from '../api/client';
import { DataGrid } from '../components/DataGrid';
import { ErrorBanner } from '../components/ErrorBanner';
import { UploadIcon } from '../components/Icons';
import { NeedsProject } from '../components/NeedsProject';
import { KINDS } from '../../../shared/kinds';
import { formatBytes, plural } from '../format';
import { HeaderWarnings, ImportResultView, JobProgressView, ValidationView } from '../import/ImportOutcome';
import { MappingStep, TemplateBar } from '../import/MappingStep';
import { blockers, buildMapping, draftFromInspection } from '../import/mappingModel';
import type { MappingDraft } from '../import/mappingModel';
import { previewRows } from '../import/preview';
import '../import/import.css';
import { onCsvPickRequest } from '../menuRequests';
import { useAppState } from '../state';

/** A chosen file: a browser File (upload) and/or a path the engine can read. */
interface Source {
  name: string;
  size?: number;
  file?: File;
  path?: string;
}

const STEPS = ['File', 'Inspect', 'Map', 'Check', 'Import', 'Result'] as const;
const POLL_MS = 250;

const ENCODINGS: Record<FileInspection['detected']['encoding'], string> = {
  'utf-8': 'UTF-8',
  'utf-8-bom': 'UTF-8 with BOM',
  'utf-16le': 'UTF-16 LE (Excel “Unicode text”)',
  'utf-16be': 'UTF-16 BE',
  'windows-1252': 'Windows-1252 / Latin-1',
};
const DELIMITERS: Record<string, string> = { ',': 'comma (,)', ';': 'semicolon (;)', '\t': 'tab', '|': 'pipe (|)' };
const LINE_ENDINGS: Record<FileInspection['detected']['lineEndings'], string> = { lf: 'LF', crlf: 'CRLF (Windows)', cr: 'CR', mixed: 'mixed', none: 'single line' };

function isCsvName(name: string): boolean {
  return /\.(csv|tsv|txt)$/i.test(name);
}

export function ImportPage() {
  return (
    <NeedsProject>
      <ImportWizard />
    </NeedsProject>
  );
}

function ImportWizard() {
  const { refresh } = useAppState();
  const ids = useId();
  const [source, setSource] = useState<Source | null>(null);
  const fileRef = useRef<FileRef | null>(null);
  const [uploading, setUploading] = useState<number | undefined>(undefined);
  const [kind, setKind] = useState<ImportKind | null>(null);
  const [ins, setIns] = useState<FileInspection | null>(null);
  const [inspecting, setInspecting] = useState(false);
  const [draft, setDraft] = useState<MappingDraft | null>(null);
  const [asOf, setAsOf] = useState('');
  const [mode, setMode] = useState<ImportMode>('replace');
  const [validation, setValidation] = useState<ImportValidation | null>(null);
  const [checking, setChecking] = useState(false);
  const [job, setJob] = useState<{ jobId: string | null; status: ImportJobStatus | null } | null>(null);
  const [cancelling, setCancelling] = useState(false);
  const [result, setResult] = useState<ImportSummary | null>(null);
  const [error, setError] = useState<{ title: string; error: ApiError } | null>(null);
  const [dragging, setDragging] = useState(false);
  const generation = useRef(0);

  const importing = job !== null;
  const busy = uploading !== undefined || inspecting || checking || importing;
  const needsNativePick = transport === 'electron' && source !== null && !source.path;

  /** The file as the engine reads it; uploads again in browser mode when an import consumed the last upload. */
  async function ensureFileRef(src: Source): Promise<Result<FileRef>> {
    if (fileRef.current) return { ok: true, value: fileRef.current };
    if (src.path) {
      fileRef.current = { path: src.path };
      return { ok: true, value: fileRef.current };
    }
    if (src.file && transport === 'browser') {
      setUploading(0);
      const up = await uploadFile(src.file, (f) => setUploading(f));
      setUploading(undefined);
      if (!up.ok) return up;
      fileRef.current = { uploadId: up.value.uploadId };
      return { ok: true, value: fileRef.current };
    }
    return { ok: false, error: { code: 'bad_request', message: 'Choose the file with “Choose file…” so the app can read it.' } };
  }

  async function inspect(src: Source, k: ImportKind | undefined) {
    const gen = ++generation.current;
    setError(null);
    setValidation(null);
    const ref = await ensureFileRef(src);
    if (gen !== generation.current) return;
    if (!ref.ok) return setError({ title: 'The file could not be read.', error: ref.error });
    setInspecting(true);
    const res = await api.inspectFile({ file: ref.value, fileName: src.name, ...(k ? { kind: k } : {}) });
    setInspecting(false);
    if (gen !== generation.current) return;
    if (!res.ok) {
      setIns(null);
      setDraft(null);
      return setError({ title: 'The file could not be read.', error: res.error });
    }
    setIns(res.value);
    setKind(res.value.kind);
    setDraft(draftFromInspection(res.value));
  }

  function choose(next: Source) {
    reset(next);
    if (transport === 'electron' && !next.path) return;
    void inspect(next, undefined);
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

  function changeKind(k: ImportKind) {
    setKind(k);
    if (source && ins && k !== ins.kind) void inspect(source, k);
  }

  function changeDraft(d: MappingDraft) {
    setDraft(d);
    setValidation(null);
  }

  const open = ins && draft ? blockers(draft, ins) : [];
  const preview = ins ? previewRows(ins) : null;
  const ready = source !== null && ins !== null && draft !== null && kind === ins.kind && open.length === 0 && !needsNativePick;

  function request() {
    return {
      fileName: source!.name,
      kind: ins!.kind,
      mapping: buildMapping(draft!, ins!),
      mode,
      ...(ins!.kind === 'people' && asOf ? { asOf } : {}),
    };
  }

  async function check() {
    if (!ready || !source) return;
    setError(null);
    const ref = await ensureFileRef(source);
    if (!ref.ok) return setError({ title: 'The file could not be read.', error: ref.error });
    setChecking(true);
    const res = await api.validateImport({ file: ref.value, ...request() });
    setChecking(false);
    if (res.ok) setValidation(res.value);
    else setError({ title: 'The check failed; nothing was written.', error: res.error });
  }

  async function runImport() {
    if (!ready || !source) return;
    setError(null);
    setResult(null);
    setJob({ jobId: null, status: null });
    const ref = await ensureFileRef(source);
    if (!ref.ok) {
      setJob(null);
      return setError({ title: 'The import failed; the project is unchanged.', error: ref.error });
    }
    const started = await api.startImport({ file: ref.value, ...request() });
    // An import consumes an upload: a later check or import sends the file again.
    if ('uploadId' in ref.value) fileRef.current = null;
    if (!started.ok) {
      setJob(null);
      return setError({ title: 'The import failed; the project is unchanged.', error: started.error });
    }
    const { jobId } = started.value;
    setJob({ jobId, status: null });
    for (;;) {
      const st = await api.importStatus({ jobId });
      if (!st.ok) {
        setJob(null);
        return setError({ title: 'Lost track of the import.', error: st.error });
      }
      if (st.value.state === 'running') {
        setJob({ jobId, status: st.value });
        await new Promise((r) => setTimeout(r, POLL_MS));
        continue;
      }
      setJob(null);
      setCancelling(false);
      if (st.value.state === 'done' && st.value.result) {
        setResult(st.value.result);
        setValidation(null);
      } else if (st.value.state === 'cancelled') {
        setError({ title: 'Import cancelled.', error: st.value.error ?? { code: 'cancelled', message: 'The import was cancelled; the project is unchanged.' } });
      } else {
        setError({ title: 'The import failed; the project is unchanged.', error: st.value.error ?? { code: 'failed', message: 'The import failed.' } });
      }
      void refresh();
      return;
    }
  }

  async function cancel() {
    if (!job?.jobId) return;
    setCancelling(true);
    await api.cancelImport({ jobId: job.jobId });
  }

  /** Starts over with `next` (or no file): what was inspected, checked or imported for the last one goes. */
  function reset(next: Source | null = null) {
    generation.current++;
    fileRef.current = null;
    setSource(next);
    setIns(null);
    setDraft(null);
    setKind(null);
    setValidation(null);
    setResult(null);
    setError(null);
  }

  const step = result ? 5 : importing ? 4 : validation ? 3 : draft ? 2 : ins || inspecting ? 1 : 0;

  return (
    <div className="stack import-wizard">
      <ol className="stepper" aria-label="Import steps">
        {STEPS.map((s, i) => (
          <li key={s} className={i === step ? 'step-current' : i < step ? 'step-done' : undefined} aria-current={i === step ? 'step' : undefined}>
            <span className="step-num">{i + 1}</span> {s}
          </li>
        ))}
      </ol>

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
        {uploading !== undefined && !importing && <JobProgressView status={null} uploading={uploading} cancelling={false} />}
        {inspecting && <p className="muted">Reading the start of the file…</p>}
        {needsNativePick && <p className="hint">To import a dropped file in the desktop app, choose it again with “Choose file…”.</p>}
      </section>

      {ins && preview && draft && source && (
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
                  onChange={(e) => changeDraft({ ...draft, headerRowsToSkip: Math.max(0, Math.min(50, Math.floor(Number(e.target.value) || 0))) })}
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
                <input type="radio" name={`${ids}-kind-radio`} value={k} checked={kind === k} onChange={() => changeKind(k)} />
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
            The first {plural(preview.rows.length, 'row')} of {source.name}, as written in the file{ins.sampled ? ' (the file goes on)' : ''}. Line {ins.preview.firstLine} is the header
            {draft.headerRowsToSkip > 0 && `; the ${plural(draft.headerRowsToSkip, 'row')} under it ${draft.headerRowsToSkip === 1 ? 'is' : 'are'} skipped as extra header rows`}. Row numbers are file lines.
          </p>
          <DataGrid caption={`Preview of ${source.name}`} columns={ins.columns} rows={preview.rows} rowNumbers={preview.lines} />
        </section>
      )}

      {ins && draft && kind === ins.kind && (
        <section className="card" aria-labelledby={`${ids}-map`}>
          <h2 id={`${ids}-map`}>
            <span className="step-num">3</span> Map the columns
          </h2>
          <TemplateBar ins={ins} draft={draft} onChange={changeDraft} disabled={busy} />
          <MappingStep ins={ins} draft={draft} onChange={changeDraft} disabled={busy} />
          <div className="options-row">
            {ins.kind === 'people' && (
              <div className="form">
                <label htmlFor={`${ids}-asof`}>As-of date (optional)</label>
                <input id={`${ids}-asof`} type="date" value={asOf} onChange={(e) => setAsOf(e.target.value)} aria-describedby={`${ids}-asof-hint`} disabled={busy} />
                <p id={`${ids}-asof-hint`} className="hint">
                  The date of the export. People without a termination date count as still employed on that day. Left empty, the latest hire or termination date in the
                  file is used (the check shows it).
                </p>
              </div>
            )}
            <div className="form">
              <label htmlFor={`${ids}-mode`}>If the project already has this kind of data</label>
              <select id={`${ids}-mode`} value={mode} onChange={(e) => setMode(e.target.value as ImportMode)} disabled={busy}>
                <option value="replace">Replace it with this file</option>
                <option value="append">Add this file’s rows to it (exact duplicates skipped)</option>
              </select>
            </div>
          </div>
        </section>
      )}

      {ins && draft && (
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
            {open.length === 0 && !importing && (
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
            {importing && <JobProgressView status={job.status} uploading={uploading} onCancel={job.jobId ? () => void cancel() : undefined} cancelling={cancelling} />}
            {validation && !importing && <ValidationView v={validation} />}
          </div>
          <div className="import-actions">
            <button type="button" className="btn btn-lg" onClick={() => void check()} disabled={!ready || busy}>
              {checking ? 'Checking…' : 'Check'}
            </button>
            <button type="button" className="btn btn-primary btn-lg" onClick={() => void runImport()} disabled={!ready || busy}>
              {importing ? 'Importing…' : 'Import'}
            </button>
          </div>
        </section>
      )}

      {error && <ErrorBanner title={error.title} error={error.error} />}
      {result && <ImportResultView summary={result} onAnother={() => reset()} />}
    </div>
  );
}
