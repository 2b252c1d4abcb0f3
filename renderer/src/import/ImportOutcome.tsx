import { useEffect, useRef } from 'react';
import type { ImportJobStatus } from '../../../shared/api';
import { toCsv } from '../../../shared/charts/csv';
import type { ImportReject, ImportSummary, ImportValidation } from '../../../shared/domain';
import { fileStem, saveBlob } from '../charts/download';
import { DataGrid } from '../components/DataGrid';
import { formatBytes, formatCount, plural } from '../format';
import { pageHref } from '../router';

const REJECTS_SHOWN = 500;

const PHASES: Record<ImportJobStatus['progress']['phase'], string> = {
  scan: 'Reading the file',
  load: 'Loading it into the project database',
  check: 'Checking every row',
  write: 'Writing the rows',
  done: 'Done',
};

/** Rejects as CSV (formula-injection safe: shared/charts/csv.ts). */
export function exportRejects(fileName: string, rejects: ImportReject[]): void {
  const csv = toCsv([['line', 'column', 'value', 'reason'], ...rejects.map((r) => [r.line, r.column, r.value, r.reason])], { bom: true });
  saveBlob(new Blob([csv], { type: 'text/csv;charset=utf-8' }), `${fileStem(fileName.replace(/\.[a-z]+$/i, ''))}-rejects.csv`);
}

/** Things the user should know about the file that did not stop it (header names written twice, empty header cells). */
export function HeaderWarnings({ warnings }: { warnings: string[] | undefined }) {
  if (!warnings?.length) return null;
  return (
    <ul className="header-warnings" data-testid="header-warnings" aria-label="Warnings about the header">
      {warnings.map((w) => (
        <li key={w}>{w}</li>
      ))}
    </ul>
  );
}

function Counts({ summary, dry }: { summary: ImportSummary; dry: boolean }) {
  return (
    <div className="stats">
      <div className="stat">
        <span className="stat-label">Rows read</span>
        <span className="stat-value" data-testid="rows-read">{formatCount(summary.rowsRead)}</span>
      </div>
      <div className="stat stat-good">
        <span className="stat-label">{dry ? 'Would load' : 'Loaded'}</span>
        <span className="stat-value" data-testid="rows-loaded">{formatCount(summary.rowsLoaded)}</span>
      </div>
      <div className={`stat${summary.rowsRejected ? ' stat-bad' : ''}`}>
        <span className="stat-label">{summary.itemScores ? (dry ? 'With values to reject' : 'With rejected values') : dry ? 'Would reject' : 'Rejected'}</span>
        <span className="stat-value" data-testid="rows-rejected">{formatCount(summary.rowsRejected)}</span>
      </div>
      {summary.itemScores && (
        <div className="stat">
          <span className="stat-label">Item scores {dry ? 'to load' : 'loaded'}</span>
          <span className="stat-value" data-testid="item-scores-loaded">{formatCount(summary.itemScores.loaded)}</span>
        </div>
      )}
    </div>
  );
}

/** Entries in import_rejects: one per rejected row, or in a wide survey one per rejected value. */
const rejectEntries = (s: ImportSummary) => s.itemScores?.rejected ?? s.rowsRejected;

function RejectsTable({ summary, caption }: { summary: ImportSummary; caption: string }) {
  const rejects = summary.rejects.slice(0, REJECTS_SHOWN);
  if (!rejects.length) return null;
  return (
    <>
      {rejectEntries(summary) > rejects.length && (
        <p className="muted">
          Showing {formatCount(rejects.length)} of {formatCount(rejectEntries(summary))}
          {summary.rejects.length > rejects.length ? `; the CSV export has ${formatCount(summary.rejects.length)}` : ''}.
        </p>
      )}
      <DataGrid caption={caption} columns={['Line', 'Column', 'Value', 'Reason']} numericColumns={new Set([0])} rows={rejects.map((r) => [r.line, r.column, r.value, r.reason])} />
      <div className="row-actions">
        <button type="button" className="btn" onClick={() => exportRejects(summary.fileName, summary.rejects)}>
          Export rejects as CSV
        </button>
      </div>
    </>
  );
}

export function ValidationView({ v }: { v: ImportValidation }) {
  return (
    <div className="validation" data-testid="validation-summary">
      <h3>
        {v.rowsRejected === 0
          ? 'Every row can be imported'
          : v.itemScores
            ? `${plural(v.rowsRejected, 'row')} with values that would be rejected (${plural(v.itemScores.rejected, 'value')})`
            : `${plural(v.rowsRejected, 'row')} would be rejected`}
      </h3>
      <Counts summary={v} dry />
      <HeaderWarnings warnings={v.warnings} />
      {v.emptyRowsSkipped ? <p className="muted">{plural(v.emptyRowsSkipped, 'empty row')} will be skipped.</p> : null}
      {v.asOfDate && (
        <p>
          As-of date: <strong>{v.asOfDate}</strong> (people without a termination date count as employed until then).
        </p>
      )}
      {v.previousImportId !== undefined && <p className="warn-text">This same file was imported before (import {v.previousImportId}).</p>}
      {v.detected?.surveyLayout === 'wide' && v.detected.items && <p className="muted">Survey items: {v.detected.items.join(', ')}</p>}
      {v.rejectReasons.length > 0 && (
        <table className="reasons-table" aria-label="Rejects by reason">
          <thead>
            <tr>
              <th scope="col">Reason</th>
              <th scope="col">Column</th>
              <th scope="col" className="num">{v.itemScores ? 'Values' : 'Rows'}</th>
              <th scope="col">First examples</th>
            </tr>
          </thead>
          <tbody>
            {v.rejectReasons.map((r) => (
              <tr key={`${r.reason}|${r.column}`}>
                <td>{r.reason}</td>
                <td>{r.column}</td>
                <td className="num">{formatCount(r.count)}</td>
                <td className="muted">
                  {v.rejects
                    .filter((x) => x.reason === r.reason && x.column === r.column)
                    .slice(0, 3)
                    .map((x) => `line ${x.line}: “${x.value}”`)
                    .join('; ')}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <RejectsTable summary={v} caption="Rows that would be rejected" />
    </div>
  );
}

export function JobProgressView({ status, uploading, onCancel, cancelling }: { status: ImportJobStatus | null; uploading?: number; onCancel?: () => void; cancelling: boolean }) {
  if (uploading !== undefined) {
    const pct = Math.round(uploading * 100);
    return (
      <div className="progress-wrap" data-testid="import-progress">
        <progress max={100} value={pct} aria-label="Upload progress" />
        <span className="muted">Sending the file… {pct}%</span>
      </div>
    );
  }
  if (!status) {
    return (
      <div className="progress-wrap" data-testid="import-progress">
        <progress aria-label="Import progress" />
        <span className="muted">Starting…</span>
      </div>
    );
  }
  const p = status.progress;
  const pct = p.totalBytes && p.bytesDone !== undefined && (p.phase === 'scan' || p.phase === 'load') ? Math.round((p.bytesDone / p.totalBytes) * 100) : undefined;
  return (
    <div className="job-progress" data-testid="import-progress">
      <div className="progress-wrap">
        {pct !== undefined ? <progress max={100} value={pct} aria-label="Import progress" /> : <progress aria-label="Import progress" />}
        <span>
          <strong>{PHASES[p.phase]}</strong>
          {pct !== undefined && ` · ${pct}%`}
          {p.bytesDone !== undefined && p.totalBytes ? ` · ${formatBytes(p.bytesDone)} of ${formatBytes(p.totalBytes)}` : ''}
          {p.rowsDone ? ` · ${formatCount(p.rowsDone)} rows` : ''}
          {status.rowsPerSecond ? ` · ${formatCount(status.rowsPerSecond)} rows/s` : status.bytesPerSecond ? ` · ${formatBytes(status.bytesPerSecond)}/s` : ''}
          {` · ${status.elapsedSeconds.toFixed(0)} s`}
        </span>
      </div>
      {onCancel && (
        <button type="button" className="btn" onClick={onCancel} disabled={cancelling}>
          {cancelling ? 'Cancelling…' : 'Cancel import'}
        </button>
      )}
    </div>
  );
}

export function ImportResultView({ summary, onAnother }: { summary: ImportSummary; onAnother: () => void }) {
  const ref = useRef<HTMLElement>(null);
  useEffect(() => {
    ref.current?.scrollIntoView({ behavior: 'smooth', block: 'start' });
  }, [summary]);
  return (
    <section ref={ref} className="card result" aria-labelledby="import-result-heading" data-testid="import-result">
      <h2 id="import-result-heading">
        {summary.rowsRejected === 0 ? 'Imported' : 'Imported, with rejected rows'}: {summary.fileName}
      </h2>
      <Counts summary={summary} dry={false} />
      <HeaderWarnings warnings={summary.warnings} />
      {summary.asOfDate && (
        <p>
          As-of date: <strong>{summary.asOfDate}</strong>. People without a termination date are counted as employed until then.
        </p>
      )}
      {summary.previousImportId !== undefined && <p className="warn-text">This same file was imported before (import {summary.previousImportId}).</p>}
      {summary.duplicatesSkipped ? <p>{plural(summary.duplicatesSkipped, 'row')} already in the project were skipped.</p> : null}
      {summary.emptyRowsSkipped ? <p className="muted">{plural(summary.emptyRowsSkipped, 'empty row')} skipped.</p> : null}
      {summary.rejects.length > 0 && (
        <>
          <h3>Rejected rows</h3>
          <p className="muted">These rows were not loaded. Fix them in the source file and import it again; all of them are also in the Rejected rows table.</p>
          <RejectsTable summary={summary} caption="Rejected rows" />
        </>
      )}
      <div className="row-actions">
        <a className="btn" href={pageHref('data')}>
          View the data
        </a>
        <button type="button" className="btn" onClick={onAnother}>
          Import another file
        </button>
      </div>
    </section>
  );
}
