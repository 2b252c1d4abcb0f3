/**
 * Import jobs: an import running in the background with live progress and a
 * cancel. Status and cancel read and touch in-memory state only, so the Engine answers
 * them outside its request queue while the import holds the queue.
 */
import { randomBytes } from 'node:crypto';
import type { ImportJobStatus } from '../../shared/api';
import type { ImportSummary } from '../../shared/domain';
import { EngineError, toApiError } from './errors';
import type { ImportProgress } from './import/types';

interface Job {
  id: string;
  controller: AbortController;
  started: number;
  state: ImportJobStatus['state'];
  progress: ImportProgress;
  finished?: number;
  result?: ImportSummary;
  error?: ImportJobStatus['error'];
  done: Promise<void>;
}

/** Finished jobs kept for a late status call. */
const KEEP_FINISHED = 20;

export class ImportJobs {
  private readonly jobs = new Map<string, Job>();

  /** Starts `run` now; its promise settles into the job's state (never rejects). */
  start(run: (signal: AbortSignal, onProgress: (p: ImportProgress) => void) => Promise<ImportSummary>): Job {
    const id = randomBytes(16).toString('hex');
    const controller = new AbortController();
    const job: Job = { id, controller, started: Date.now(), state: 'running', progress: { phase: 'scan', bytesDone: 0 }, done: Promise.resolve() };
    const onProgress = (p: ImportProgress) => {
      if (job.state !== 'running') return;
      job.progress = p;
    };
    job.done = run(controller.signal, onProgress).then(
      (result) => {
        job.state = 'done';
        job.result = result;
        job.progress = { phase: 'done', rowsDone: result.rowsLoaded };
      },
      (err: unknown) => {
        const error = toApiError(err);
        job.state = controller.signal.aborted || (err instanceof EngineError && err.code === 'cancelled') ? 'cancelled' : 'failed';
        job.error = error;
      },
    ).finally(() => {
      job.finished = Date.now();
      this.prune();
    });
    this.jobs.set(id, job);
    return job;
  }

  status(jobId: string): ImportJobStatus {
    const job = this.get(jobId);
    const now = job.finished ?? Date.now();
    const elapsed = (now - job.started) / 1000;
    const p = job.progress;
    const rows = p.rowsDone ?? job.result?.rowsRead;
    const rowsPerSecond = rows !== undefined && elapsed > 0 ? Math.round(rows / elapsed) : undefined;
    const bytesPerSecond = p.bytesDone !== undefined && elapsed > 0 && p.phase !== 'done' ? Math.round(p.bytesDone / elapsed) : undefined;
    return {
      jobId: job.id,
      state: job.state,
      progress: { ...p },
      elapsedSeconds: Math.round(elapsed * 10) / 10,
      ...(rowsPerSecond ? { rowsPerSecond } : {}),
      ...(bytesPerSecond ? { bytesPerSecond } : {}),
      ...(job.result ? { result: job.result } : {}),
      ...(job.error ? { error: job.error } : {}),
    };
  }

  /** Asks the job to stop; it ends as 'cancelled' with the project unchanged. False when it had already finished. */
  cancel(jobId: string): boolean {
    const job = this.get(jobId);
    if (job.state !== 'running') return false;
    job.controller.abort();
    return true;
  }

  /** Settles when the job has finished (whatever its outcome). */
  finished(jobId: string): Promise<void> {
    return this.get(jobId).done;
  }

  private get(jobId: string): Job {
    const job = this.jobs.get(jobId);
    if (!job) throw new EngineError('not_found', `No import job ${jobId} (it finished long ago or never started)`);
    return job;
  }

  private prune(): void {
    const finished = [...this.jobs.values()].filter((j) => j.state !== 'running').sort((a, b) => (a.finished ?? 0) - (b.finished ?? 0));
    for (const j of finished.slice(0, Math.max(0, finished.length - KEEP_FINISHED))) this.jobs.delete(j.id);
  }
}
