import { JobProgressView } from '../ImportOutcome';
import type { ImportJob } from '../importMachine';
import type { ImportWizard } from '../useImportWizard';

/** The running import's progress, cancellable once the engine has given it a job. */
export function ImportingStep({ w, job }: { w: ImportWizard; job: ImportJob }) {
  const { uploading, cancelling } = w.state;
  return <JobProgressView status={job.status} uploading={uploading} onCancel={job.jobId ? () => void w.cancel() : undefined} cancelling={cancelling} />;
}
