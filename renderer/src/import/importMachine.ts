/**
 * The Import page as a reducer: every change of what the page shows is an event, so the
 * wizard's rules (what a new file clears, when a check goes stale, how a job ends) can be
 * tested without a browser. The async work (upload, inspect, check, import) lives in
 * useImportWizard.ts and only dispatches.
 */
import type { ImportJobStatus } from '../../../shared/api';
import type { FileInspection, ImportKind, ImportMode, ImportSummary, ImportValidation } from '../../../shared/domain';
import type { ApiError, Result } from '../../../shared/result';
import { blockers, draftFromInspection } from './mappingModel';
import type { MappingDraft } from './mappingModel';

/** A chosen file: a browser File (upload) and/or a path the engine can read. */
export interface Source {
  name: string;
  size?: number;
  file?: File;
  path?: string;
}

export interface ShownError {
  title: string;
  error: ApiError;
}

export interface ImportJob {
  jobId: string | null;
  status: ImportJobStatus | null;
}

export interface ImportState {
  source: Source | null;
  /** Upload progress (0–1) while the file is being sent. */
  uploading: number | undefined;
  /** The kind chosen; differs from ins.kind while the file is inspected again for it. */
  kind: ImportKind | null;
  ins: FileInspection | null;
  inspecting: boolean;
  draft: MappingDraft | null;
  asOf: string;
  mode: ImportMode;
  validation: ImportValidation | null;
  checking: boolean;
  job: ImportJob | null;
  cancelling: boolean;
  result: ImportSummary | null;
  error: ShownError | null;
  dragging: boolean;
}

export type ImportEvent =
  /** A new file (or none): what was inspected, checked or imported for the last one goes. */
  | { type: 'reset'; source: Source | null }
  | { type: 'drag'; over: boolean }
  | { type: 'upload'; fraction: number | undefined }
  | { type: 'inspectStart' }
  | { type: 'inspecting' }
  /** `result` is null when a newer file or kind superseded this inspection. */
  | { type: 'inspected'; result: Result<FileInspection> | null }
  | { type: 'kind'; kind: ImportKind }
  | { type: 'draft'; draft: MappingDraft }
  | { type: 'asOf'; asOf: string }
  | { type: 'mode'; mode: ImportMode }
  | { type: 'checkStart' }
  | { type: 'checking' }
  | { type: 'checked'; result: Result<ImportValidation> }
  | { type: 'importStart' }
  | { type: 'jobStarted'; jobId: string }
  | { type: 'jobRunning'; jobId: string; status: ImportJobStatus }
  | { type: 'jobEnded'; status: ImportJobStatus }
  | { type: 'importFailed'; error: ShownError }
  | { type: 'cancelling' }
  | { type: 'failed'; error: ShownError };

export const STEPS = ['File', 'Inspect', 'Map', 'Check', 'Import', 'Result'] as const;

export const READ_FAILED = 'The file could not be read.';
export const IMPORT_FAILED = 'The import failed; the project is unchanged.';

export const initialImportState: ImportState = {
  source: null,
  uploading: undefined,
  kind: null,
  ins: null,
  inspecting: false,
  draft: null,
  asOf: '',
  mode: 'replace',
  validation: null,
  checking: false,
  job: null,
  cancelling: false,
  result: null,
  error: null,
  dragging: false,
};

function jobEnded(s: ImportState, st: ImportJobStatus): ImportState {
  const ended = { ...s, job: null, cancelling: false };
  if (st.state === 'done' && st.result) return { ...ended, result: st.result, validation: null };
  if (st.state === 'cancelled') {
    return { ...ended, error: { title: 'Import cancelled.', error: st.error ?? { code: 'cancelled', message: 'The import was cancelled; the project is unchanged.' } } };
  }
  return { ...ended, error: { title: IMPORT_FAILED, error: st.error ?? { code: 'failed', message: 'The import failed.' } } };
}

export function importReducer(s: ImportState, e: ImportEvent): ImportState {
  switch (e.type) {
    case 'reset':
      return { ...s, source: e.source, ins: null, draft: null, kind: null, validation: null, result: null, error: null };
    case 'drag':
      return { ...s, dragging: e.over };
    case 'upload':
      return { ...s, uploading: e.fraction };
    case 'inspectStart':
      return { ...s, error: null, validation: null };
    case 'inspecting':
      return { ...s, inspecting: true };
    case 'inspected':
      // A superseded inspection still ends the "reading" state, as it always has.
      if (!e.result) return { ...s, inspecting: false };
      if (!e.result.ok) return { ...s, inspecting: false, ins: null, draft: null, error: { title: READ_FAILED, error: e.result.error } };
      return { ...s, inspecting: false, ins: e.result.value, kind: e.result.value.kind, draft: draftFromInspection(e.result.value) };
    case 'kind':
      return { ...s, kind: e.kind };
    case 'draft':
      return { ...s, draft: e.draft, validation: null };
    case 'asOf':
      return { ...s, asOf: e.asOf };
    case 'mode':
      return { ...s, mode: e.mode };
    case 'checkStart':
      return { ...s, error: null };
    case 'checking':
      return { ...s, checking: true };
    case 'checked':
      return e.result.ok
        ? { ...s, checking: false, validation: e.result.value }
        : { ...s, checking: false, error: { title: 'The check failed; nothing was written.', error: e.result.error } };
    case 'importStart':
      return { ...s, error: null, result: null, job: { jobId: null, status: null } };
    case 'jobStarted':
      return { ...s, job: { jobId: e.jobId, status: null } };
    case 'jobRunning':
      return { ...s, job: { jobId: e.jobId, status: e.status } };
    case 'jobEnded':
      return jobEnded(s, e.status);
    case 'importFailed':
      return { ...s, job: null, error: e.error };
    case 'cancelling':
      return { ...s, cancelling: true };
    case 'failed':
      return { ...s, error: e.error };
  }
}

/** Index into STEPS of the step the user is on. */
export function currentStep(s: ImportState): number {
  return s.result ? 5 : s.job ? 4 : s.validation ? 3 : s.draft ? 2 : s.ins || s.inspecting ? 1 : 0;
}

export const isBusy = (s: ImportState) => s.uploading !== undefined || s.inspecting || s.checking || s.job !== null;

/** The desktop app reads files by path: a dropped file without one must be chosen again. */
export const needsNativePick = (s: ImportState, electron: boolean) => electron && s.source !== null && !s.source.path;

/** What still stops a check or import (mapping blockers). */
export const openBlockers = (s: ImportState) => (s.ins && s.draft ? blockers(s.draft, s.ins) : []);

export function isReady(s: ImportState, electron: boolean): boolean {
  return s.source !== null && s.ins !== null && s.draft !== null && s.kind === s.ins.kind && openBlockers(s).length === 0 && !needsNativePick(s, electron);
}
