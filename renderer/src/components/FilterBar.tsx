/**
 * The global filters every results page honours: cohorts, the values of people
 * attributes (department, job level, location, …) and a range of start dates. A change re-runs the analysis and
 * is saved in the project, so the project opens with the same filters next time.
 */
import { useEffect, useId, useRef, useState } from 'react';
import type { AnalysisResult, DateRange } from '../../../shared/analysis';
import { useAnalysis } from '../analysis/AnalysisProvider';
import { choiceGroups, cleanRange, describeSelection, isFiltered, orderedCohorts, rangeProblem, selectionKey, toggleChoice } from '../analysis/filterModel';
import type { ApiError } from '../../../shared/result';
import { headCount } from '../analysis/headlines';
import { ChevronIcon, FilterIcon } from './Icons';
import './filterBar.css';

/** What the date range keeps, in one line. */
const RANGE_HINT = 'Keeps the cohorts that started in the range, each with all its mentees.';

interface Choice {
  value: string;
  label: string;
  /** The values this choice stands for ("Other" stands for several). */
  values: string[];
  hint?: string;
}

const isChecked = (selected: readonly string[], c: Choice) => c.values.every((v) => selected.includes(v));

function summary(selected: readonly string[], all: readonly Choice[], noun: string, allLabel: string): string {
  const checked = all.filter((c) => isChecked(selected, c));
  if (!selected.length || checked.length === all.length) return allLabel;
  if (checked.length === 1) return checked[0]!.label;
  return `${checked.length} of ${all.length} ${noun}`;
}

/** A dropdown of checkboxes: nothing checked means "all". */
function MultiSelect({ label, noun, allLabel, choices, selected, onChange }: { label: string; noun: string; allLabel: string; choices: Choice[]; selected: string[]; onChange(values: string[]): void }) {
  const [open, setOpen] = useState(false);
  const root = useRef<HTMLDivElement>(null);
  const id = useId();
  const active = selected.length > 0 && !choices.every((c) => isChecked(selected, c));

  useEffect(() => {
    if (!open) return;
    const onDown = (e: MouseEvent) => {
      if (root.current && !root.current.contains(e.target as Node)) setOpen(false);
    };
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') setOpen(false);
    };
    document.addEventListener('mousedown', onDown);
    document.addEventListener('keydown', onKey);
    return () => {
      document.removeEventListener('mousedown', onDown);
      document.removeEventListener('keydown', onKey);
    };
  }, [open]);

  return (
    <div className="filter" ref={root}>
      <span className="filter-label" id={`${id}-label`}>
        {label}
      </span>
      <button
        type="button"
        className={`filter-button${active ? ' filter-button-active' : ''}`}
        aria-haspopup="true"
        aria-expanded={open}
        aria-controls={`${id}-panel`}
        aria-labelledby={`${id}-label ${id}-value`}
        onClick={() => setOpen((o) => !o)}
      >
        <span id={`${id}-value`}>{summary(selected, choices, noun, allLabel)}</span>
        <ChevronIcon />
      </button>
      {open && (
        <div className="filter-panel" id={`${id}-panel`} role="group" aria-label={label}>
          <ul>
            {choices.map((c) => (
              <li key={c.value}>
                <label className="check">
                  <input type="checkbox" checked={isChecked(selected, c)} onChange={() => onChange(toggleChoice(selected, c.values))} />
                  <span>{c.label}</span>
                  {c.hint && <span className="check-hint">{c.hint}</span>}
                </label>
              </li>
            ))}
          </ul>
          <div className="filter-panel-foot">
            <button type="button" className="btn btn-xs" onClick={() => onChange([])} disabled={!selected.length}>
              {allLabel}
            </button>
            <button type="button" className="btn btn-xs" onClick={() => setOpen(false)}>
              Done
            </button>
          </div>
        </div>
      )}
    </div>
  );
}

/** While a year is being typed (0002, 0020, 0202 …) the input already holds a valid date: wait for four digits. */
const typed = (d: string | undefined) => !d || /^[1-9]\d{3}-/.test(d);

/** Two date inputs and a clear button; a complete range in order applies at once. */
function DateRangeFilter({ range, onChange }: { range: DateRange; onChange(range: DateRange): void }) {
  const id = useId();
  const [draft, setDraft] = useState<DateRange>(range);
  // Follow the applied range when it changes elsewhere (Reset filters, another project).
  const [applied, setApplied] = useState<DateRange>(range);
  if (applied.from !== range.from || applied.to !== range.to) {
    setApplied(range);
    setDraft(range);
  }
  const problem = typed(draft.from) && typed(draft.to) ? rangeProblem(draft) : null;
  const set = (end: keyof DateRange, input: HTMLInputElement) => {
    // A half-typed date reads as '' with badInput: not a cleared end.
    if (input.validity.badInput) return;
    const next = cleanRange({ ...draft, [end]: input.value });
    setDraft(next);
    if (typed(next.from) && typed(next.to) && !rangeProblem(next) && (next.from !== range.from || next.to !== range.to)) onChange(next);
  };
  const active = Boolean(range.from || range.to);
  return (
    <div className={`filter filter-dates${active ? ' filter-dates-active' : ''}`} role="group" aria-labelledby={`${id}-label`} aria-describedby={`${id}-hint`}>
      <span className="filter-label" id={`${id}-label`}>
        Start dates
      </span>
      <input type="date" aria-label="Start dates from" aria-invalid={problem ? true : undefined} value={draft.from ?? ''} max={draft.to} onChange={(e) => set('from', e.target)} />
      <span className="filter-dates-sep" aria-hidden="true">
        to
      </span>
      <input type="date" aria-label="Start dates to" aria-invalid={problem ? true : undefined} value={draft.to ?? ''} min={draft.from} onChange={(e) => set('to', e.target)} />
      <button
        type="button"
        className="filter-dates-clear"
        aria-label="Clear start dates"
        title="Clear start dates"
        disabled={!draft.from && !draft.to}
        onClick={() => {
          setDraft({});
          if (active) onChange({});
        }}
      >
        ×
      </button>
      {problem ? (
        <span className="filter-dates-problem" id={`${id}-hint`} role="alert">
          {problem}
        </span>
      ) : (
        <span className="filter-dates-hint" id={`${id}-hint`}>
          {RANGE_HINT}
        </span>
      )}
    </div>
  );
}

function Elapsed({ since }: { since: number | null }) {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const t = setInterval(() => setNow(Date.now()), 500);
    return () => clearInterval(t);
  }, []);
  if (!since) return null;
  const s = Math.floor((now - since) / 1000);
  return s >= 2 ? <> {s} s</> : null;
}

/** The filters' own refusal (a selection that would single people out): shown here, where it can be changed. */
export const isFilterRefusal = (error: ApiError | null | undefined): error is ApiError => error?.code === 'filter_isolates';

export function FilterBar({ result, refusal }: { result: AnalysisResult | null; refusal?: ApiError | null }) {
  const { options, selection, setCohorts, setFilter, setDateRange, resetFilters, status, slow, startedAt, saveError, resultKey } = useAnalysis();
  if (!options) return null;
  const filtered = isFiltered(selection);
  const minGroupSize = result?.config.minGroupSize ?? 5;
  const byName = new Map(options.cohorts.map((c) => [c.cohort, c]));
  const cohortChoices: Choice[] = choiceGroups(
    options.cohorts.map((c) => c.cohort),
    options.otherCohorts,
    'Other cohorts',
  ).map((g) => {
    const cohort = g.values.length === 1 ? byName.get(g.values[0]!) : undefined;
    return { ...g, hint: cohort ? `${cohort.startDate} · ${headCount(cohort.participants, minGroupSize)}` : 'only together' };
  });

  return (
    <section className="filter-bar" aria-label="Filters">
      <div className="filter-row">
        <span className="filter-title">
          <FilterIcon /> Filters
        </span>
        {cohortChoices.length > 0 && (
          <MultiSelect label="Cohorts" noun="cohorts" allLabel="All cohorts" choices={cohortChoices} selected={orderedCohorts(selection.cohorts, options)} onChange={setCohorts} />
        )}
        {options.attributes.map((a) => (
          <MultiSelect
            key={a.column}
            label={a.label}
            noun="values"
            allLabel="All"
            choices={choiceGroups(a.values, a.other, 'Other')}
            selected={selection.filters[a.column] ?? []}
            onChange={(values) => setFilter(a.column, values)}
          />
        ))}
        <button type="button" className="btn btn-xs filter-reset" onClick={resetFilters} disabled={!filtered}>
          Reset filters
        </button>
        <span className="filter-progress" role="status" aria-live="polite">
          {status === 'loading' && slow && (
            <>
              <span className="spinner" aria-hidden="true" /> Analysing…
              <Elapsed since={startedAt} />
            </>
          )}
        </span>
      </div>
      <div className="filter-row">
        <DateRangeFilter range={cleanRange(selection.dateRange)} onChange={setDateRange} />
      </div>
      <p className="filter-summary" data-testid="filter-summary">
        <span>{describeSelection(selection, options)}</span>
        {result && !refusal && resultKey !== selectionKey(selection) && <span className="muted"> — computing the numbers for this selection…</span>}
        {result && resultKey === selectionKey(selection) && (
          <span className="muted">
            {' '}
            — {headCount(result.population.participants, minGroupSize)} participants, {headCount(result.population.comparison, minGroupSize)} in the comparison group
          </span>
        )}
      </p>
      {refusal && (
        <p className="alert alert-error filter-refusal" role="alert" data-testid="filter-refusal">
          <strong>These filters cannot be applied: </strong>
          {refusal.message}
        </p>
      )}
      {saveError && <p className="warn-text">The filters apply now but could not be saved in the project: {saveError.message}</p>}
      {status === 'loading' && slow && <div className="progress-line" aria-hidden="true" />}
    </section>
  );
}
