import { ErrorBanner } from '../../components/ErrorBanner';
import { ImportResultView } from '../ImportOutcome';
import type { ImportWizard } from '../useImportWizard';

/** What the last step ended with: an error, or the import's counts and rejects. */
export function OutcomeStep({ w }: { w: ImportWizard }) {
  const { error, result } = w.state;
  return (
    <>
      {error && <ErrorBanner title={error.title} error={error.error} />}
      {result && <ImportResultView summary={result} onAnother={w.reset} />}
    </>
  );
}
