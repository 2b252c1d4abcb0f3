/**
 * Global filters: which cohorts, which values of people attributes and which
 * range of index dates the analysis covers. Pure functions: what can be filtered, the saved selection, and the
 * analysis configuration a selection asks for.
 */
import type { CohortSummary, DateRange } from '../../../shared/analysis';
import type { AnalysisConfigInput, FilterOptionsList } from '../../../shared/api';

export interface FilterAttribute {
  /** people column */
  column: string;
  label: string;
  /** Recorded values, sorted. */
  values: string[];
  /** Values too small to select or leave out on their own: one choice, "Other". */
  other: string[];
}

export interface FilterOptions {
  /** Every cohort of the roster (by start date), with its number of mentees. */
  cohorts: CohortSummary[];
  /** Cohorts too small to select or leave out on their own: one choice, "Other cohorts". */
  otherCohorts: string[];
  attributes: FilterAttribute[];
}

export interface Selection {
  /** Selected cohorts; empty = all. */
  cohorts: string[];
  /** people column → selected values; a column absent or empty = all. */
  filters: Record<string, string[]>;
  /** Index dates to keep (YYYY-MM-DD, inclusive); an absent end is open, absent or {} = all. */
  dateRange?: DateRange;
}

export const EMPTY_SELECTION: Selection = { cohorts: [], filters: {}, dateRange: {} };

/** The range with empty ends dropped. */
export function cleanRange(range: DateRange | undefined): DateRange {
  return { ...(range?.from ? { from: range.from } : {}), ...(range?.to ? { to: range.to } : {}) };
}

/** Why a range cannot be applied as typed, or null when it can. */
export function rangeProblem(range: DateRange): string | null {
  return range.from && range.to && range.from > range.to ? '“From” is after “to”.' : null;
}

/** people columns that are not attributes of a person's group (the engine refuses them as segments). */
const NOT_ATTRIBUTES = new Set(['employee_id', 'hire_date', 'termination_date', 'termination_type', 'import_id', 'source_line']);
/** Identifiers, names, contact details and dates: one value per person, never a group. */
const PER_PERSON = /(^|_)(id|email|mail|name|phone|address)$|(^|_)(date|at)$/i;
/** More values than this make a list nobody scans; such a column is not offered as a filter. */
export const MAX_FILTER_VALUES = 40;

/** The people columns worth offering as filters and segments, in table order. */
export function candidateAttributes(columns: readonly string[]): string[] {
  return columns.filter((c) => !NOT_ATTRIBUTES.has(c) && !PER_PERSON.test(c));
}

/** "job_level" → "Job level". */
export function attributeLabel(column: string): string {
  const words = column.replace(/[_\s]+/g, ' ').trim();
  return words ? `${words[0]!.toUpperCase()}${words.slice(1).toLowerCase()}` : column;
}

/**
 * Filter choices from the engine's listFilterOptions: every cohort, and each candidate
 * attribute with its recorded values (one value or too many is no filter).
 */
export function filterOptionsFromList(list: FilterOptionsList): FilterOptions {
  const candidates = new Set(candidateAttributes(list.attributes.map((a) => a.column)));
  const attributes: FilterAttribute[] = list.attributes
    .filter((a) => candidates.has(a.column) && a.distinct >= 2 && a.distinct <= MAX_FILTER_VALUES)
    .map((a) => ({ column: a.column, label: attributeLabel(a.column), values: [...a.values].sort((x, y) => x.localeCompare(y)), other: a.other }));
  return { cohorts: list.cohorts, otherCohorts: list.otherCohorts, attributes };
}

/** The selection the project remembers. */
export function selectionFrom(settings: AnalysisConfigInput): Selection {
  const filters: Record<string, string[]> = {};
  for (const [column, values] of Object.entries(settings.filters ?? {})) if (values.length) filters[column] = [...values];
  return { cohorts: [...(settings.cohorts ?? [])], filters, dateRange: cleanRange(settings.dateRange) };
}

export function isFiltered(sel: Selection): boolean {
  const range = cleanRange(sel.dateRange);
  return sel.cohorts.length > 0 || Object.values(sel.filters).some((v) => v.length > 0) || Boolean(range.from || range.to);
}

/** Same selection, same key: cohorts and values sorted, empty filters dropped. */
export function selectionKey(sel: Selection): string {
  const filters = Object.entries(sel.filters)
    .filter(([, v]) => v.length)
    .map(([k, v]) => [k, [...v].sort()] as const)
    .sort(([a], [b]) => a.localeCompare(b));
  const range = cleanRange(sel.dateRange);
  return JSON.stringify([[...sel.cohorts].sort(), filters, [range.from ?? '', range.to ?? '']]);
}

function cleanFilters(filters: Record<string, string[]>): Record<string, string[]> {
  return Object.fromEntries(Object.entries(filters).filter(([, v]) => v.length > 0));
}

/**
 * The saved settings with this selection (every other setting kept as it was). No range
 * is sent as {}: the engine lays a request over the saved settings, so leaving the key
 * out would bring back a range that was just cleared.
 */
export function settingsWith(settings: AnalysisConfigInput, sel: Selection): AnalysisConfigInput {
  return { ...settings, cohorts: [...sel.cohorts], filters: cleanFilters(sel.filters), dateRange: cleanRange(sel.dateRange) };
}

/**
 * The full configuration of an analysis request. It is complete (not relying on what
 * the engine has saved), so a save and an analysis may travel in any order.
 */
export function analysisConfig(settings: AnalysisConfigInput, sel: Selection, segmentBy: readonly string[]): AnalysisConfigInput {
  const segments = [...new Set([...segmentBy, ...(settings.segmentBy ?? [])])];
  return { ...settingsWith(settings, sel), segmentBy: segments };
}

/** One checkbox of a filter: a value, or "Other" standing for several. */
export interface ChoiceGroup {
  value: string;
  label: string;
  values: string[];
}

/**
 * The checkboxes of a filter: each value on its own, then the values the engine merged as
 * too small to select or leave out alone as one "Other (…)" choice (its value: the first of them).
 */
export function choiceGroups(values: readonly string[], other: readonly string[], otherLabel: string): ChoiceGroup[] {
  const merged = values.filter((v) => other.includes(v));
  const single = values.filter((v) => !other.includes(v)).map((v) => ({ value: v, label: v, values: [v] }));
  return merged.length ? [...single, { value: merged[0]!, label: `${otherLabel} (${merged.join(', ')})`, values: merged }] : single;
}

/** Checks or unchecks a choice: all of its values together. */
export function toggleChoice(list: readonly string[], values: readonly string[]): string[] {
  return values.every((v) => list.includes(v)) ? list.filter((v) => !values.includes(v)) : [...list, ...values.filter((v) => !list.includes(v))];
}

/** Toggles one value in a list (used for cohorts and attribute values). */
export function toggleValue(list: readonly string[], value: string): string[] {
  return list.includes(value) ? list.filter((v) => v !== value) : [...list, value];
}

/** "Start dates: 2022-06-01 to 2023-12-31", "…: from 2022-06-01", "…: until 2023-12-31"; null without a range. */
export function describeRange(range: DateRange | undefined): string | null {
  const { from, to } = cleanRange(range);
  if (from && to) return `Start dates: ${from} to ${to}`;
  if (from) return `Start dates: from ${from}`;
  if (to) return `Start dates: until ${to}`;
  return null;
}

/** "Cohort: 2022 Fall · Department: Sales, Marketing · Start dates: …" — or "All cohorts, everyone" without filters. */
export function describeSelection(sel: Selection, options: FilterOptions | null): string {
  const parts: string[] = [];
  if (sel.cohorts.length) parts.push(`${sel.cohorts.length === 1 ? 'Cohort' : 'Cohorts'}: ${orderedCohorts(sel.cohorts, options).join(', ')}`);
  const range = describeRange(sel.dateRange);
  if (range) parts.push(range);
  for (const [column, values] of Object.entries(sel.filters)) {
    if (!values.length) continue;
    const label = options?.attributes.find((a) => a.column === column)?.label ?? attributeLabel(column);
    parts.push(`${label}: ${[...values].sort((a, b) => a.localeCompare(b)).join(', ')}`);
  }
  return parts.length ? parts.join(' · ') : 'All cohorts, everyone';
}

/** Cohorts in start-date order when known. */
export function orderedCohorts(cohorts: readonly string[], options: FilterOptions | null): string[] {
  const order = options?.cohorts.map((c) => c.cohort) ?? [];
  const rank = (c: string) => {
    const i = order.indexOf(c);
    return i < 0 ? order.length : i;
  };
  return [...cohorts].sort((a, b) => rank(a) - rank(b) || a.localeCompare(b));
}
