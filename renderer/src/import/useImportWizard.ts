/**
 * The Import page's async work: upload, inspect, check, run and poll the import job. Each
 * step reports to importReducer; what is kept here is bookkeeping the page never shows
 * (the engine's file reference, which inspection is the latest).
 */
import { useEffect, useReducer, useRef } from 'react';
import type { FileRef } from '../../../shared/api';
import type { ImportKind } from '../../../shared/domain';
import type { Result } from '../../../shared/result';
import { api, host, transport, uploadFile } from '../api/client';
import { onCsvPickRequest } from '../menuRequests';
import { useAppState } from '../state';
import { IMPORT_FAILED, READ_FAILED, importReducer, initialImportState, isReady } from './importMachine';
import type { ImportEvent, ImportState, Source } from './importMachine';
import { buildMapping } from './mappingModel';
import type { MappingDraft } from './mappingModel';

const POLL_MS = 250;
const electron = transport === 'electron';

export interface ImportWizard {
  state: ImportState;
  dispatch(e: ImportEvent): void;
  ready: boolean;
  chooseFile(file: File): void;
  pickNative(): Promise<void>;
  changeKind(k: ImportKind): void;
  changeDraft(d: MappingDraft): void;
  check(): Promise<void>;
  runImport(): Promise<void>;
  cancel(): Promise<void>;
  /** Starts over with no file. */
  reset(): void;
}

export function useImportWizard(): ImportWizard {
  const { refresh } = useAppState();
  const [state, dispatch] = useReducer(importReducer, initialImportState);
  const fileRef = useRef<FileRef | null>(null);
  const generation = useRef(0);
  const ready = isReady(state, electron);
  const { source, ins, draft, mode, asOf, job } = state;

  function reset(next: Source | null = null) {
    generation.current++;
    fileRef.current = null;
    dispatch({ type: 'reset', source: next });
  }

  /** The file as the engine reads it; uploads again in browser mode when an import consumed the last upload. */
  async function ensureFileRef(src: Source): Promise<Result<FileRef>> {
    if (fileRef.current) return { ok: true, value: fileRef.current };
    if (src.path) {
      fileRef.current = { path: src.path };
      return { ok: true, value: fileRef.current };
    }
    if (src.file && transport === 'browser') {
      dispatch({ type: 'upload', fraction: 0 });
      const up = await uploadFile(src.file, (f) => dispatch({ type: 'upload', fraction: f }));
      dispatch({ type: 'upload', fraction: undefined });
      if (!up.ok) return up;
      fileRef.current = { uploadId: up.value.uploadId };
      return { ok: true, value: fileRef.current };
    }
    return { ok: false, error: { code: 'bad_request', message: 'Choose the file with “Choose file…” so the app can read it.' } };
  }

  async function inspect(src: Source, k: ImportKind | undefined) {
    const gen = ++generation.current;
    dispatch({ type: 'inspectStart' });
    const ref = await ensureFileRef(src);
    if (gen !== generation.current) return;
    if (!ref.ok) return dispatch({ type: 'failed', error: { title: READ_FAILED, error: ref.error } });
    dispatch({ type: 'inspecting' });
    const res = await api.inspectFile({ file: ref.value, fileName: src.name, ...(k ? { kind: k } : {}) });
    dispatch({ type: 'inspected', result: gen === generation.current ? res : null });
  }

  function choose(next: Source) {
    reset(next);
    if (electron && !next.path) return;
    void inspect(next, undefined);
  }

  function chooseFile(file: File) {
    let path: string | undefined;
    if (host) path = host.pathForFile(file) || undefined;
    choose({ name: file.name, size: file.size, file, path });
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
    dispatch({ type: 'kind', kind: k });
    if (source && ins && k !== ins.kind) void inspect(source, k);
  }

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
    dispatch({ type: 'checkStart' });
    const ref = await ensureFileRef(source);
    if (!ref.ok) return dispatch({ type: 'failed', error: { title: READ_FAILED, error: ref.error } });
    dispatch({ type: 'checking' });
    dispatch({ type: 'checked', result: await api.validateImport({ file: ref.value, ...request() }) });
  }

  async function runImport() {
    if (!ready || !source) return;
    dispatch({ type: 'importStart' });
    const ref = await ensureFileRef(source);
    if (!ref.ok) return dispatch({ type: 'importFailed', error: { title: IMPORT_FAILED, error: ref.error } });
    const started = await api.startImport({ file: ref.value, ...request() });
    // An import consumes an upload: a later check or import sends the file again.
    if ('uploadId' in ref.value) fileRef.current = null;
    if (!started.ok) return dispatch({ type: 'importFailed', error: { title: IMPORT_FAILED, error: started.error } });
    const { jobId } = started.value;
    dispatch({ type: 'jobStarted', jobId });
    for (;;) {
      const st = await api.importStatus({ jobId });
      if (!st.ok) return dispatch({ type: 'importFailed', error: { title: 'Lost track of the import.', error: st.error } });
      if (st.value.state !== 'running') {
        dispatch({ type: 'jobEnded', status: st.value });
        void refresh();
        return;
      }
      dispatch({ type: 'jobRunning', jobId, status: st.value });
      await new Promise((r) => setTimeout(r, POLL_MS));
    }
  }

  async function cancel() {
    if (!job?.jobId) return;
    dispatch({ type: 'cancelling' });
    await api.cancelImport({ jobId: job.jobId });
  }

  return {
    state,
    dispatch,
    ready,
    chooseFile,
    pickNative,
    changeKind,
    changeDraft: (d) => dispatch({ type: 'draft', draft: d }),
    check,
    runImport,
    cancel,
    reset: () => reset(),
  };
}
