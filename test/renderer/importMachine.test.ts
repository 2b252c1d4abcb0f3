import { describe, expect, it } from 'vitest';
import type { ImportJobStatus } from '../../shared/api';
import type { FileInspection, ImportSummary, ImportValidation } from '../../shared/domain';
import { currentStep, importReducer, initialImportState, isBusy, isReady, needsNativePick } from '../../renderer/src/import/importMachine';
import type { ImportEvent, ImportState } from '../../renderer/src/import/importMachine';

const ins: FileInspection = {
  fileName: 'reviews.csv',
  size: 100,
  detected: { encoding: 'utf-8', delimiter: ',', lineEndings: 'lf', headerRowsToSkip: 0 },
  columns: ['Employee ID', 'Review Date', 'Rating'],
  warnings: [],
  preview: { text: 'Employee ID,Review Date,Rating\n1,2024-01-31,3\n', delimiter: ',', escape: '"', firstLine: 1 },
  sampled: false,
  guessedKind: 'performance',
  kind: 'performance',
  fields: [
    { name: 'employee_id', type: 'id', required: true, guess: 'Employee ID' },
    { name: 'review_date', type: 'date', required: true, guess: 'Review Date' },
    { name: 'rating', type: 'number', required: true, guess: 'Rating' },
  ],
  dates: [],
  textValues: [],
};

const run = (events: ImportEvent[], from: ImportState = initialImportState) => events.reduce(importReducer, from);
const chosen = run([{ type: 'reset', source: { name: 'reviews.csv', path: '/tmp/reviews.csv' } }]);
const inspected = run([{ type: 'inspectStart' }, { type: 'inspecting' }, { type: 'inspected', result: { ok: true, value: ins } }], chosen);
const validation = { rowsRead: 1, rowsLoaded: 1, rowsRejected: 0 } as unknown as ImportValidation;
const summary = { importId: 1, rowsRead: 1, rowsLoaded: 1, rowsRejected: 0 } as unknown as ImportSummary;
const status = (state: ImportJobStatus['state'], extra: Partial<ImportJobStatus> = {}) => ({ jobId: 'j', state, progress: { phase: 'write' }, elapsedSeconds: 1, ...extra }) as ImportJobStatus;
const err = { code: 'failed', message: 'no' };

describe('importReducer', () => {
  it('walks the steps: file, inspect, map, check, import, result', () => {
    expect(currentStep(initialImportState)).toBe(0);
    expect(currentStep(run([{ type: 'inspecting' }], chosen))).toBe(1);
    expect(inspected).toMatchObject({ inspecting: false, ins, kind: 'performance' });
    expect(inspected.draft?.columns).toEqual({ employee_id: 'Employee ID', review_date: 'Review Date', rating: 'Rating' });
    expect(currentStep(inspected)).toBe(2);
    expect(isReady(inspected, false)).toBe(true);
    const checked = run([{ type: 'checkStart' }, { type: 'checking' }], inspected);
    expect(isBusy(checked)).toBe(true);
    const valid = importReducer(checked, { type: 'checked', result: { ok: true, value: validation } });
    expect(valid).toMatchObject({ checking: false, validation });
    expect(currentStep(valid)).toBe(3);
    const importing = run([{ type: 'importStart' }, { type: 'jobStarted', jobId: 'j' }, { type: 'jobRunning', jobId: 'j', status: status('running') }], valid);
    expect(importing.job).toEqual({ jobId: 'j', status: status('running') });
    expect(currentStep(importing)).toBe(4);
    const done = importReducer(importing, { type: 'jobEnded', status: status('done', { result: summary }) });
    expect(done).toMatchObject({ job: null, result: summary, validation: null, error: null });
    expect(currentStep(done)).toBe(5);
  });

  it('an edited mapping makes the check stale; a new file clears what the last one had', () => {
    const valid = importReducer(inspected, { type: 'checked', result: { ok: true, value: validation } });
    expect(importReducer(valid, { type: 'draft', draft: inspected.draft! }).validation).toBeNull();
    const next = importReducer(valid, { type: 'reset', source: null });
    expect(next).toMatchObject({ source: null, ins: null, draft: null, kind: null, validation: null, result: null, error: null });
    // The page's options stay as the user set them.
    expect(importReducer(importReducer(valid, { type: 'mode', mode: 'append' }), { type: 'reset', source: null }).mode).toBe('append');
  });

  it('a superseded inspection only ends the reading state; a failed one clears the inspection', () => {
    const reading = run([{ type: 'inspecting' }], inspected);
    expect(importReducer(reading, { type: 'inspected', result: null })).toEqual({ ...inspected, inspecting: false });
    expect(importReducer(reading, { type: 'inspected', result: { ok: false, error: err } })).toMatchObject({
      ins: null,
      draft: null,
      error: { title: 'The file could not be read.', error: err },
    });
  });

  it('a kind other than the inspected one is not ready until the file is inspected for it', () => {
    const other = importReducer(inspected, { type: 'kind', kind: 'people' });
    expect(isReady(other, false)).toBe(false);
  });

  it('the desktop app needs a path: a dropped file without one must be chosen again', () => {
    const dropped = run([{ type: 'reset', source: { name: 'x.csv' } }]);
    expect(needsNativePick(dropped, true)).toBe(true);
    expect(needsNativePick(dropped, false)).toBe(false);
    expect(isReady({ ...inspected, source: { name: 'x.csv' } }, true)).toBe(false);
  });

  it('a job ends cancelled or failed with the words the page shows, keeping the check', () => {
    const valid = importReducer(inspected, { type: 'checked', result: { ok: true, value: validation } });
    const running = run([{ type: 'importStart' }, { type: 'jobStarted', jobId: 'j' }, { type: 'cancelling' }], valid);
    expect(running.cancelling).toBe(true);
    const cancelled = importReducer(running, { type: 'jobEnded', status: status('cancelled') });
    expect(cancelled).toMatchObject({ job: null, cancelling: false, validation });
    expect(cancelled.error).toEqual({ title: 'Import cancelled.', error: { code: 'cancelled', message: 'The import was cancelled; the project is unchanged.' } });
    expect(importReducer(running, { type: 'jobEnded', status: status('failed', { error: err }) }).error).toEqual({ title: 'The import failed; the project is unchanged.', error: err });
    expect(importReducer(running, { type: 'jobEnded', status: status('failed') }).error).toEqual({
      title: 'The import failed; the project is unchanged.',
      error: { code: 'failed', message: 'The import failed.' },
    });
    expect(importReducer(running, { type: 'importFailed', error: { title: 'Lost track of the import.', error: err } })).toMatchObject({ job: null, error: { title: 'Lost track of the import.' } });
  });

  it('a failed check keeps the mapping and says nothing was written', () => {
    const failed = run([{ type: 'checking' }, { type: 'checked', result: { ok: false, error: err } }], inspected);
    expect(failed).toMatchObject({ checking: false, validation: null, draft: inspected.draft, error: { title: 'The check failed; nothing was written.', error: err } });
  });

  it('uploading makes the page busy', () => {
    expect(isBusy(importReducer(chosen, { type: 'upload', fraction: 0.5 }))).toBe(true);
    expect(isBusy(importReducer(chosen, { type: 'upload', fraction: undefined }))).toBe(false);
  });
});
