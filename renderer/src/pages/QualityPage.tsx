/**
 * Data quality: what was imported (the imports log, rejected rows per import with their
 * line and reason) and how much of the analysed population each result could use.
 */
import { useEffect, useState } from 'react';
import type { AnalysisResult } from '../../../shared/analysis';
import type { Cell, ImportRecord } from '../../../shared/domain';
import type { ApiError } from '../../../shared/result';
import { integer, percent } from '../../../shared/format';
import { api } from '../api/client';
import { coverageRows, coverageShare } from '../analysis/coverage';
import { scanImportRejects } from '../analysis/rejectsScan';
import type { CoverageCell } from '../analysis/coverage';
import { AnalysisGate } from '../components/AnalysisGate';
import { DataGrid } from '../components/DataGrid';
import { ErrorBanner } from '../components/ErrorBanner';
import { HowComputed } from '../components/HowComputed';
import { NeedsProject } from '../components/NeedsProject';
import { Few, StatTable } from '../components/StatTable';
import { KINDS } from '../../../shared/kinds';
import { TABLE_LABELS, formatCount } from '../format';
import { useAppState } from '../state';
import { MEASURED } from '../../../shared/outcomes';

export function QualityPage() {
  return (
    <NeedsProject>
      <div className="stack">
        <ImportsSection />
        <section aria-labelledby="coverage-heading" className="stack">
          <h2 id="coverage-heading" className="section-title">
            Coverage: who each result could use
          </h2>
          <AnalysisGate>{(result) => <Coverage result={result} />}</AnalysisGate>
        </section>
      </div>
    </NeedsProject>
  );
}

/** Rows of import_rejects scanned at most to find one import's rejects. */
const REJECT_SCAN_LIMIT = 20_000;
const PAGE = 1000;

function ImportsSection() {
  const { project } = useAppState();
  const [imports, setImports] = useState<ImportRecord[] | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [open, setOpen] = useState<number | null>(null);

  useEffect(() => {
    let cancelled = false;
    void api.listImports({}).then((res) => {
      if (cancelled) return;
      if (res.ok) setImports(res.value);
      else setError(res.error);
    });
    return () => {
      cancelled = true;
    };
  }, [project?.path, project?.tables]);

  const tables = project?.tables ?? [];
  const rejected = imports?.reduce((s, i) => s + i.rowsRejected, 0) ?? 0;

  return (
    <section className="card" aria-labelledby="imports-heading">
      <h2 id="imports-heading">Imported files</h2>
      <dl className="count-strip">
        {tables
          .filter((t) => t.name !== 'import_rejects' && t.name !== 'imports')
          .map((t) => (
            <div key={t.name}>
              <dt>{TABLE_LABELS[t.name].label}</dt>
              <dd>{formatCount(t.rows)}</dd>
            </div>
          ))}
        <div className={rejected > 0 ? 'count-warn' : undefined}>
          <dt>Rejected rows</dt>
          <dd data-testid="rejected-total">{formatCount(rejected)}</dd>
        </div>
      </dl>
      {error && <ErrorBanner title="The imports log could not be read." error={error} />}
      {imports && imports.length === 0 && <p className="muted">No file has been imported into this project yet.</p>}
      {imports && imports.length > 0 && (
        <StatTable
          caption="Imports log"
          testId="imports-log"
          columns={[
            { title: 'File' },
            { title: 'Kind' },
            { title: 'Rows read', numeric: true },
            { title: 'Loaded', numeric: true },
            { title: 'Rejected', numeric: true },
            { title: 'Imported at' },
            { title: 'As-of date' },
          ]}
          rows={imports
            .slice()
            .reverse()
            .map((i) => [
              <span key="f" title={`sha256 ${i.sha256}`}>
                {i.fileName} <span className="muted">#{i.importId}</span>
              </span>,
              KINDS[i.kind].label,
              formatCount(i.rowsRead),
              formatCount(i.rowsLoaded),
              i.rowsRejected > 0 ? (
                <button key="r" type="button" className="link-button" aria-expanded={open === i.importId} onClick={() => setOpen(open === i.importId ? null : i.importId)}>
                  {formatCount(i.rowsRejected)} — {open === i.importId ? 'hide' : 'show'}
                </button>
              ) : (
                '0'
              ),
              i.importedAt,
              i.asOfDate ?? '—',
            ])}
        />
      )}
      {open !== null && imports && <RejectsPreview key={open} record={imports.find((i) => i.importId === open)!} />}
    </section>
  );
}

function RejectsPreview({ record }: { record: ImportRecord }) {
  const [rows, setRows] = useState<Cell[][] | null>(null);
  const [columns, setColumns] = useState<string[]>([]);
  const [partial, setPartial] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);

  useEffect(() => {
    let cancelled = false;
    void (async () => {
      const res = await scanImportRejects(record.importId, (offset, limit) => api.previewTable({ table: 'import_rejects', offset, limit }), { pageSize: PAGE, limit: REJECT_SCAN_LIMIT });
      if (cancelled) return;
      if (!res.ok) {
        setError(res.error);
        return;
      }
      setColumns(res.value.columns);
      setRows(res.value.rows);
      setPartial(res.value.partial);
    })();
    return () => {
      cancelled = true;
    };
  }, [record]);

  return (
    <div className="rejects" data-testid="rejects-preview">
      <h3>
        Rejected rows of {record.fileName} <span className="muted">({formatCount(record.rowsRejected)})</span>
      </h3>
      {error && <ErrorBanner error={error} />}
      {!rows && !error && <p className="muted">Reading the rejected rows…</p>}
      {rows && (
        <>
          <DataGrid caption={`Rejected rows of ${record.fileName}`} columns={columns.map(rejectColumnTitle)} rows={rows} numericColumns={new Set([0])} />
          {partial && <p className="muted">Showing the first {formatCount(rows.length)}; the Data page lists them all (table import_rejects).</p>}
          <p className="hint">Line numbers are lines of the original file. Fix those lines in the export and import the file again (replace mode).</p>
        </>
      )}
    </div>
  );
}

function rejectColumnTitle(c: string): string {
  return c === 'line' ? 'Line' : c === 'column' ? 'Column' : c === 'value' ? 'Value' : c === 'reason' ? 'Reason' : c;
}

function CoverageBar({ cell, min, group }: { cell: CoverageCell | null; min: number; group: 'participants' | 'comparison' }) {
  if (!cell) return <span className="null-cell">not imported</span>;
  if (cell.suppressed) return <Few min={min} />;
  const share = coverageShare(cell);
  return (
    <span className="coverage">
      <span className="coverage-text">
        {integer(cell.n)} of {integer(cell.of)} <span className="muted">({share === null ? '–' : percent(share, 0)})</span>
      </span>
      <span className="meter" aria-hidden="true">
        <span className={`meter-fill meter-${group}`} style={{ width: `${Math.round((share ?? 0) * 100)}%` }} />
      </span>
    </span>
  );
}

function Coverage({ result }: { result: AnalysisResult }) {
  const rows = coverageRows(result);
  const min = result.config.minGroupSize;
  // The windows' words are the same in every measured outcome's result: take the first there is.
  const ba = MEASURED.map((m) => result.outcomes[m.key]?.beforeAfter).find((b) => b);
  return (
    <div className="stack">
      <section className="card" aria-label="Coverage">
        <p className="muted">
          Of the {integer(result.population.participants)} participants and {integer(result.population.comparison)} people in the comparison group, how many have what each
          result needs. Low coverage makes a result less certain and, if those missing differ from the rest, less representative.
        </p>
        <StatTable
          caption="Coverage of each result"
          testId="coverage-table"
          columns={[{ title: 'Result' }, { title: 'People with' }, { title: 'Participants', numeric: true }, { title: 'Comparison group', numeric: true }]}
          rows={rows.map((r) => [r.outcome, r.what, <CoverageBar key="p" cell={r.participants} min={min} group="participants" />, <CoverageBar key="c" cell={r.comparison} min={min} group="comparison" />])}
        />
      </section>
      <HowComputed
        items={[{ title: 'Measurement windows', method: ba?.method }]}
        extra={[
          `A measurement counts as "before" when it is the latest in the ${result.config.preDays} days before the start, and as "after" when it is the earliest ${result.config.postStartDays}–${result.config.postEndDays} days after it.`,
          'The 12-month retention rate counts only people who started at least a year before the export date of the HRIS file.',
        ]}
      />
    </div>
  );
}
