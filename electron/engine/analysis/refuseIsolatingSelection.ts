/**
 * Refuses filter selections that could single people out by differencing.
 *
 * Each analysis hides groups under minGroupSize, but two analyses whose selections differ
 * by a few people give those people's numbers away: n × mean of one minus n × mean of the
 * other is the sum of their ratings, and with one person it is that person's rating (the
 * same for survey scores and whether they stayed). So, before a filtered analysis runs:
 *
 * 1. Options too small to stand alone (cohorts, attribute values with fewer than
 *    minGroupSize own participants or comparison people, but more than none) count only
 *    together, as "Other" (mergedAsOther): a selection holds all of "Other" or none of it.
 * 2. For each filter dimension (cohorts, start dates, each attribute), the people that
 *    dimension removes, given the other dimensions, are none or at least minGroupSize in
 *    each group (participants, comparison): this analysis against the one without that
 *    filter differs by none or by enough people.
 * 3. Given the other dimensions, adding or leaving out any one option of a filtered
 *    dimension ("Other" being one option) changes each group by none or at least
 *    minGroupSize people: two selections that differ in one dimension differ by none or
 *    by enough people.
 *
 * An unfiltered analysis is never refused and costs nothing here.
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import type { AnalysisConfig } from '../../../shared/analysis';
import { plural } from '../../../shared/format';
import { KINDS } from '../../../shared/kinds';
import { queryRows, quoteIdent, quoteLiteral } from '../db';
import { EngineError } from '../errors';
import { isFew, mergedAsOther } from './mergedAsOther';
import { optionCounts } from './optionCounts';
import { COMPARISON, GROUPS, PARTICIPANTS, buildPopulation, peopleFilter } from './population';

interface Counts {
  participants: number;
  comparison: number;
}

/** Stands for the "Other" option among attribute values (in JavaScript only). */
const OTHER = '\u0000other';

const label = (column: string) => KINDS.people.fields.find((f) => f.name === column)?.label ?? column;
const quoted = (values: readonly string[]) => values.map((v) => `"${v}"`).join(', ');

/** "1 participant and 3 comparison people": the groups with more than none but fewer than min. */
function few(c: Counts, min: number): string | null {
  const parts: string[] = [];
  if (isFew(c.participants, min)) parts.push(plural(c.participants, 'participant'));
  if (isFew(c.comparison, min)) parts.push(plural(c.comparison, 'comparison person', 'comparison people'));
  return parts.length ? parts.join(' and ') : null;
}

function refuse(message: string): never {
  throw new EngineError('filter_isolates', message);
}

/** The selection's groups, kept to compare other selections with. */
const BASE = '__mi_selection_base';

/**
 * Builds the population of `config` (left in GROUPS) and counts, per group, the people whose
 * place differs from BASE: in one and not the other, or at another index date (their
 * measurements and survival then change too, so a subtraction mixes them in).
 */
async function changedFrom(conn: DuckDBConnection, config: AnalysisConfig): Promise<Counts> {
  await buildPopulation(conn, config);
  const cols = 'employee_id, grp, index_date';
  const [row] = await queryRows<{ participants: number; comparison: number }>(
    conn,
    `SELECT count(DISTINCT employee_id) FILTER (WHERE grp = ${PARTICIPANTS})::INTEGER AS participants,
            count(DISTINCT employee_id) FILTER (WHERE grp = ${COMPARISON})::INTEGER AS comparison
     FROM ((SELECT ${cols} FROM ${GROUPS} EXCEPT SELECT ${cols} FROM ${BASE}) UNION ALL (SELECT ${cols} FROM ${BASE} EXCEPT SELECT ${cols} FROM ${GROUPS}))`,
  );
  return row ?? { participants: 0, comparison: 0 };
}

function inRange(day: string, { from, to }: AnalysisConfig['dateRange']): boolean {
  return (!from || day >= from) && (!to || day <= to);
}

export async function refuseIsolatingSelection(conn: DuckDBConnection, config: AnalysisConfig): Promise<void> {
  const filtered = Object.entries(config.filters).filter(([, values]) => values.length > 0);
  const ranged = Boolean(config.dateRange.from || config.dateRange.to);
  if (!filtered.length && !config.cohorts.length && !ranged) return;
  await peopleFilter(conn, config.filters); // a column that is no attribute: refused as such first
  const min = config.minGroupSize;
  const own = await optionCounts(conn, filtered.map(([column]) => column));

  // 1. "Other" is selected whole or not at all.
  const otherCohorts = mergedAsOther(own.cohorts, min);
  const chosen = own.cohorts.filter((c) => (!config.cohorts.length || config.cohorts.includes(c.cohort)) && inRange(c.startDate, config.dateRange)).map((c) => c.cohort);
  const inOther = otherCohorts.filter((c) => chosen.includes(c));
  if (inOther.length && inOther.length < otherCohorts.length) {
    const small = own.cohorts.filter((c) => otherCohorts.includes(c.cohort) && few(c, min)).map((c) => `"${c.cohort}": ${few(c, min)}`);
    refuse(
      `Cohorts: the selection includes ${quoted(inOther)} but not ${quoted(otherCohorts.filter((c) => !inOther.includes(c)))}. ` +
        `A cohort with fewer than ${min} participants or comparison people (${small.join('; ')}) cannot be selected or left out on its own: ` +
        `such cohorts count only together, as "Other cohorts" (${otherCohorts.join(', ')}). Include all of them or none, by cohort or by start dates.`,
    );
  }
  const otherValues: Record<string, string[]> = {};
  for (const [column, values] of filtered) {
    const counts = own.values[column] ?? [];
    const other = mergedAsOther(counts, min);
    otherValues[column] = other;
    const picked = other.filter((v) => values.includes(v));
    if (picked.length && picked.length < other.length) {
      const small = counts.filter((c) => other.includes(c.value) && few(c, min)).map((c) => `"${c.value}": ${few(c, min)}`);
      refuse(
        `${label(column)}: the selection includes ${quoted(picked)} but not ${quoted(other.filter((v) => !picked.includes(v)))}. ` +
          `A value with fewer than ${min} participants or comparison people (${small.join('; ')}) cannot be selected or left out on its own: ` +
          `such values count only together, as "Other" (${other.join(', ')}). Select all of them or none.`,
      );
    }
  }

  // 2 and 3, per dimension, given the others.
  await buildPopulation(conn, config);
  await conn.run(`CREATE OR REPLACE TEMP TABLE ${BASE} AS SELECT employee_id, grp, index_date FROM ${GROUPS}`);
  try {
    await changesPerDimension(conn, config, { filtered, ranged, chosen, otherCohorts, otherValues, cohorts: own.cohorts.map((c) => c.cohort) });
  } finally {
    await conn.run(`DROP TABLE IF EXISTS ${BASE}`);
  }
}

interface Dimensions {
  filtered: [string, string[]][];
  ranged: boolean;
  /** The cohorts the selection covers (by cohort and start dates). */
  chosen: string[];
  otherCohorts: string[];
  otherValues: Record<string, string[]>;
  /** Every cohort, by start date. */
  cohorts: string[];
}

/** Rules 2 and 3 (see the top): what each dimension, and each of its options, changes given the others. */
async function changesPerDimension(conn: DuckDBConnection, config: AnalysisConfig, { filtered, ranged, chosen, otherCohorts, otherValues, cohorts }: Dimensions): Promise<void> {
  const min = config.minGroupSize;
  const removedBy = (what: string, changed: Counts) => {
    const removed = few(changed, min);
    if (removed) {
      refuse(
        `${what}: given the other filters, this filter leaves out only ${removed} (fewer than ${min} but more than none), so this analysis and the same one without it ` +
          `would differ by so few people that subtracting one from the other would reveal their ratings, survey scores and whether they stayed. Select more or fewer, or clear this filter.`,
      );
    }
  };
  const toggles = (what: string, option: string, counts: Counts) => {
    const changed = few(counts, min);
    if (changed) {
      refuse(
        `${what}: given the other filters, ${option} holds only ${changed} (fewer than ${min} but more than none), so this analysis and the same one with ${option} added or left out ` +
          `would differ by so few people that subtracting one from the other would reveal their ratings, survey scores and whether they stayed. Clear one of the other filters, or this one.`,
      );
    }
  };

  if (config.cohorts.length) removedBy('Cohorts', await changedFrom(conn, { ...config, cohorts: [] }));
  if (ranged) removedBy('Start dates', await changedFrom(conn, { ...config, dateRange: {} }));
  if (config.cohorts.length || ranged) {
    const options = [...cohorts.filter((c) => !otherCohorts.includes(c)).map((c) => [c]), ...(otherCohorts.length ? [otherCohorts] : [])];
    for (const option of options) {
      const selected = option.every((c) => chosen.includes(c));
      const toggled = selected ? chosen.filter((c) => !option.includes(c)) : [...chosen, ...option];
      if (!toggled.length || !chosen.length) continue;
      const name = option.length > 1 ? `"Other cohorts" (${option.join(', ')})` : `cohort "${option[0]}"`;
      toggles('Cohorts and start dates', name, await changedFrom(conn, { ...config, cohorts: toggled, dateRange: {} }));
    }
  }
  for (const [column, values] of filtered) {
    const { [column]: _dropped, ...others } = config.filters;
    removedBy(label(column), await changedFrom(conn, { ...config, filters: others }));
    // Within the others' selection (in GROUPS now), each option's people.
    const other = otherValues[column] ?? [];
    const v = `CAST(p.${quoteIdent(column)} AS VARCHAR)`;
    const inOther = other.length ? `${v} IN (${other.map(quoteLiteral).join(', ')})` : 'FALSE';
    const rows = await queryRows<{ other: boolean; b: string | null; participants: number; comparison: number }>(
      conn,
      `SELECT other, b, count(DISTINCT employee_id) FILTER (WHERE grp = ${PARTICIPANTS})::INTEGER AS participants,
              count(DISTINCT employee_id) FILTER (WHERE grp = ${COMPARISON})::INTEGER AS comparison
       FROM (SELECT g.employee_id, g.grp, ${inOther} AS other, CASE WHEN ${inOther} THEN NULL ELSE ${v} END AS b
             FROM ${GROUPS} g JOIN people p USING (employee_id) WHERE ${v} IS NOT NULL)
       GROUP BY ALL ORDER BY other, b`,
    );
    const key = (x: string) => (other.includes(x) ? OTHER : x);
    const only = new Set(values.map(key));
    for (const row of rows) {
      const b = row.other ? OTHER : row.b!;
      if (only.size === 1 && only.has(b)) continue; // leaving it out leaves no filter: the removal above
      toggles(label(column), row.other ? `"Other" (${other.join(', ')})` : `"${b}"`, row);
    }
  }
}
