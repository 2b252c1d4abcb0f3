/**
 * What every results page shows before its numbers: no project, no roster, no data for
 * this page, "Analysing…" (only after a moment), an error with what to do next — and
 * then the filter bar and the page, dimmed while newer numbers are on their way.
 */
import { useEffect, useState } from 'react';
import type { ReactNode } from 'react';
import type { AnalysisResult } from '../../../shared/analysis';
import type { CanonicalTable } from '../../../shared/domain';
import { MEASURED, OUTCOMES } from '../../../shared/outcomes';
import type { ApiError } from '../../../shared/result';
import { api } from '../api/client';
import { SLOW_AFTER_MS, useAnalysis } from '../analysis/AnalysisProvider';
import { isFiltered } from '../analysis/filterModel';
import { goTo } from '../router';
import { useAppState } from '../state';
import { EmptyState } from './EmptyState';
import { FilterBar, isFilterRefusal } from './FilterBar';

/** Data a page cannot do without, and what to tell the user when it is missing. */
export type Need = 'people' | 'survey' | 'measures';

const NEED_TEXT: Record<Need, { tables: CanonicalTable[]; title: string; body: string; action: string }> = {
  people: {
    tables: OUTCOMES.retention.tables,
    title: 'Import the HRIS export to see retention',
    body: 'Retention and the comparison group come from the HRIS export: everyone with hire and termination dates, participants or not.',
    action: OUTCOMES.retention.missing.action,
  },
  survey: {
    tables: OUTCOMES.survey.tables,
    title: 'Import survey responses to see the survey items',
    body: 'Engagement survey answers (one row per answer, or one column per question) give the item-level results.',
    action: OUTCOMES.survey.missing.action,
  },
  measures: {
    tables: MEASURED.flatMap((m) => m.tables),
    title: 'Import performance reviews or survey responses',
    body: 'Before/after results compare a measurement before each participant started with one after: import review ratings or engagement survey answers.',
    action: 'Import a file',
  },
};

function whatToDo(error: ApiError): string {
  switch (error.code) {
    case 'bad_filter':
    case 'bad_segment':
      return 'The saved filters name a column the imported people no longer have: reset the filters, or import an HRIS export with that column.';
    case 'offline':
    case 'transport':
      return 'Check that Mentor Impact (or `npm run serve`) is still running, then try again.';
    case 'no_project':
      return 'Open a project on the Projects page.';
    default:
      return 'Try again. If it keeps failing, check the imported files on the Data quality page and re-import the one named above.';
  }
}

/** "Analysing…" appears only when the wait is noticeable. */
export function Analysing({ label = 'Analysing…' }: { label?: string }) {
  const [visible, setVisible] = useState(false);
  useEffect(() => {
    const t = setTimeout(() => setVisible(true), SLOW_AFTER_MS);
    return () => clearTimeout(t);
  }, []);
  if (!visible) return <div className="analysing-placeholder" aria-busy="true" />;
  return (
    <div className="analysing" role="status" aria-live="polite" aria-busy="true">
      <p>
        <span className="spinner" aria-hidden="true" /> {label}
      </p>
      <div className="skeleton-grid" aria-hidden="true">
        <div className="skeleton" />
        <div className="skeleton" />
        <div className="skeleton" />
        <div className="skeleton" />
      </div>
    </div>
  );
}

export function AnalysisError({ error, onRetry, onReset }: { error: ApiError; onRetry(): void; onReset?: () => void }) {
  return (
    <div className="alert alert-error alert-block" role="alert">
      <strong className="alert-title">The analysis could not be run.</strong>
      <span>{error.message}</span>
      <span className="alert-next">{whatToDo(error)}</span>
      <span className="row-actions">
        <button type="button" className="btn btn-sm" onClick={onRetry}>
          Try again
        </button>
        {onReset && (
          <button type="button" className="btn btn-sm" onClick={onReset}>
            Reset filters
          </button>
        )}
      </span>
    </div>
  );
}

function NoProject() {
  const { runProjectAction, busy, projectError } = useAppState();
  return (
    <EmptyState
      title="Open the sample project or create one"
      actions={
        <>
          <button type="button" className="btn btn-primary" disabled={busy !== null} onClick={() => void runProjectAction('sample', () => api.openSampleProject({}))}>
            {busy === 'sample' ? (
              <>
                <span className="spinner" aria-hidden="true" /> Preparing sample…
              </>
            ) : (
              'Open sample project'
            )}
          </button>{' '}
          <button type="button" className="btn" onClick={() => goTo('projects')}>
            Open or create a project
          </button>
        </>
      }
    >
      No project is open. The sample project has a mentoring program with three cohorts, ready to explore; or open your own project file and import your exports.
      {projectError && <span className="warn-text"> {projectError.message}</span>}
    </EmptyState>
  );
}

function ImportPrompt({ title, body, action }: { title: string; body: string; action: string }) {
  return (
    <EmptyState
      title={title}
      actions={
        <button type="button" className="btn btn-primary" onClick={() => goTo('import')}>
          {action}
        </button>
      }
    >
      {body}
    </EmptyState>
  );
}

interface GateProps {
  /** Data this page needs beyond the roster. */
  needs?: Need[];
  children(result: AnalysisResult): ReactNode;
}

export function AnalysisGate({ needs = [], children }: GateProps) {
  const { info, project } = useAppState();
  const analysis = useAnalysis();
  const { status, result, error, retry, resetFilters, selection } = analysis;

  if (!info) return <Analysing label="Loading…" />;
  if (!project) return <NoProject />;
  const rows = (t: CanonicalTable) => project.tables.find((x) => x.name === t)?.rows ?? 0;
  if (rows('roster') === 0) {
    return (
      <ImportPrompt
        title="Import a roster to define who took part"
        body="The program roster lists each mentee and mentor, their cohort and start date. Every result compares these participants with colleagues who did not take part."
        action="Import a roster"
      />
    );
  }
  for (const need of needs) {
    const n = NEED_TEXT[need];
    if (n.tables.every((t) => rows(t) === 0)) return <ImportPrompt title={n.title} body={n.body} action={n.action} />;
  }

  const filtered = isFiltered(selection);
  const refusal = status === 'error' && isFilterRefusal(error) ? error : null;
  if (!result) {
    if (refusal) return <FilterBar result={null} refusal={refusal} />;
    if (status === 'error' && error) return <AnalysisError error={error} onRetry={retry} onReset={filtered ? resetFilters : undefined} />;
    return <Analysing />;
  }

  const stale = status === 'loading';
  return (
    <div className="stack">
      <FilterBar result={result} refusal={refusal} />
      {status === 'error' && error && !refusal && <AnalysisError error={error} onRetry={retry} onReset={filtered ? resetFilters : undefined} />}
      <div className={`analysis-body${stale ? ' is-stale' : ''}`} aria-busy={stale}>
        {result.population.participants === 0 ? (
          filtered ? (
            <EmptyState
              title="No participants match these filters"
              actions={
                <button type="button" className="btn btn-primary" onClick={resetFilters}>
                  Reset filters
                </button>
              }
            >
              Choose more cohorts or values, widen the start dates, or reset the filters to see everyone.
            </EmptyState>
          ) : (
            <EmptyState title="The roster has no mentees" actions={<button type="button" className="btn btn-primary" onClick={() => goTo('import')}>Import the roster again</button>}>
              Participants are the roster rows whose role is &ldquo;mentee&rdquo;. Check the role column of the roster export, then import it again.
            </EmptyState>
          )
        ) : (
          children(result)
        )}
      </div>
    </div>
  );
}
