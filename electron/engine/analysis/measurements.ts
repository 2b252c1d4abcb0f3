import type { DuckDBConnection } from '@duckdb/node-api';
import type { AnalysisConfig } from '../../../shared/analysis';
import { quoteIdent, quoteLiteral } from '../db';
import { EPOCH, readResult } from './columns';
import { COMPARISON, GROUPS, OWN_UNITS, PARTICIPANTS } from './population';
import type { PeopleModel, UnitLayout } from './population';

/** Reverse-coded survey score expression (s' = scaleMin + scaleMax - s for reversed items). */
export function recodedScoreSql(config: AnalysisConfig, score = 'score', item = 'item'): string {
  const { scaleMin, scaleMax, reverseItems } = config.survey;
  return reverseItems.length
    ? `CASE WHEN list_contains([${reverseItems.map(quoteLiteral).join(', ')}], ${item}) THEN ${Number(scaleMin) + Number(scaleMax)} - ${score} ELSE ${score} END`
    : score;
}

export interface UnitValues {
  before: Float64Array;
  after: Float64Array;
}

/** A query started on the connection, and what finishes the job with the model once it is done (other work can run meanwhile). */
export interface Pending<T> {
  running: Promise<unknown>;
  finish: (model: PeopleModel) => Promise<T>;
}

/**
 * Before/after values of every unit (PeopleModel) for one measure, chosen in
 * the database: before = the latest day in [index - preDays, index), after = the earliest
 * day in [index + postStartDays, index + postEndDays]. `days` is a query of (pid, day, v):
 * one row per person and day (a day number), v = the mean of that day's measurements;
 * `first`, statements that run before it. Only one before/after pair per unit comes back (NaN = none).
 *
 * Participants' units (OWN_UNITS) have their own index dates: a join on the person with
 * the window range. Every comparison unit is anchored on a cohort start, so for each
 * distinct start one pass over the days near it, grouped by person, gives the values at
 * that anchor for all comparison people at once (cheaper than joining ~k × n units); they
 * go to the person's units at that start, and to their headline unit when it is indexed
 * there.
 */
export function unitValues(conn: DuckDBConnection, layout: UnitLayout, config: AnalysisConfig, days: string, first?: string): Pending<UnitValues> {
  const pre = Number(config.preDays);
  const ps = Number(config.postStartDays);
  const pe = Number(config.postEndDays);
  const lo = Math.min(-pre, ps);
  const hi = Math.max(-1, pe);
  const { n, participants, cohortStarts } = layout;
  // NaN rather than NULL for "none": a column without nulls is read as one typed array
  const windows = (at: string) =>
    `coalesce(arg_max(d.v, d.day) FILTER (WHERE d.day < ${at} AND d.day >= ${at} - ${pre}), 'NaN'::DOUBLE),
     coalesce(arg_min(d.v, d.day) FILTER (WHERE d.day >= ${at} + ${ps} AND d.day <= ${at} + ${pe}), 'NaN'::DOUBLE)`;
  /** sameStart[ck]: the cohorts starting on the same day as ck (ck included); anchors: the first of each. */
  const sameStart = Array.from(cohortStarts, (s) => cohortStarts.reduce<number[]>((out, t, ck) => (t === s ? [...out, ck] : out), []));
  const anchored = participants < n ? sameStart.filter((same, ck) => same[0] === ck) : [];
  const sql = [
    `WITH d AS MATERIALIZED (${days})`,
    `SELECT o.pid, o.ck, ${windows('o.idx')}
     FROM ${OWN_UNITS} o JOIN d ON d.pid = o.pid AND d.pid < ${participants} AND d.day >= o.idx + ${lo} AND d.day <= o.idx + ${hi}
     GROUP BY o.pid, o.ck`,
    ...anchored.map(
      ([ck]) => `UNION ALL
     SELECT d.pid, ${ck}, ${windows(String(cohortStarts[ck!]))}
     FROM d WHERE d.pid >= ${participants} AND (d.day BETWEEN ${cohortStarts[ck!]! - pre} AND ${cohortStarts[ck!]! - 1} OR d.day BETWEEN ${cohortStarts[ck!]! + ps} AND ${cohortStarts[ck!]! + pe})
     GROUP BY d.pid`,
    ),
  ].join('\n');
  // `first`: statements to run before, in the same run (the query starts now, with no round trip between)
  const pending = conn.run(first ? `${first};\n${sql}` : sql);
  // no unhandled rejection while the caller is busy: the error comes out of finish()
  const running = pending.catch(() => undefined);
  const finish = async (model: PeopleModel) => {
    const { unitOf, index } = model;
    const { rows, cols } = readResult(await pending, ['int', 'int', 'num', 'num']);
    const [pid, ck] = cols as Int32Array[];
    const [, , b, a] = cols as Float64Array[];
    const size = model.unitGrp.length;
    const before = new Float64Array(size).fill(NaN);
    const after = new Float64Array(size).fill(NaN);
    const set = (u: number, i: number) => {
      before[u] = b![i]!;
      after[u] = a![i]!;
    };
    for (let i = 0; i < rows; i++) {
      const p = pid![i]!;
      const c = ck![i]!;
      if (c < 0) set(p, i);
      else if (p < participants) set(unitOf[c * n + p]!, i);
      else {
        const same = sameStart[c]!;
        for (let j = 0; j < same.length; j++) {
          const u = unitOf[same[j]! * n + p]!;
          if (u >= 0) set(u, i);
        }
        if (index[p] === cohortStarts[c]) set(p, i);
      }
    }
    return { before, after };
  };
  return { running, finish };
}

/** Days a measurement must fall in to matter to any unit: [from, to]. */
export function windowRange(layout: UnitLayout, config: AnalysisConfig): [number, number] {
  const pre = Number(config.preDays);
  const ps = Number(config.postStartDays);
  const pe = Number(config.postEndDays);
  return [layout.minIndex + Math.min(-pre, ps), layout.maxIndex + Math.max(pe, -1)];
}

/** A table's measurements of the analysed people (e.g. performance ratings), per person and day, into the units' windows. */
export function tableValues(conn: DuckDBConnection, layout: UnitLayout, config: AnalysisConfig, source: { table: string; date: string; value: string }): Pending<UnitValues> {
  const [from, to] = layout.n === 0 ? [0, -1] : windowRange(layout, config);
  const date = `r.${quoteIdent(source.date)}`;
  return unitValues(
    conn,
    layout,
    config,
    `SELECT g.pid, (${date} - ${EPOCH})::INTEGER AS day, avg(r.${quoteIdent(source.value)}) AS v
     FROM ${quoteIdent(source.table)} r JOIN ${GROUPS} g USING (employee_id)
     WHERE ${date} BETWEEN ${EPOCH} + ${from} AND ${EPOCH} + ${to}
     GROUP BY g.pid, ${date}`,
  );
}

export interface GroupMeasures {
  /** Participants with both measurements, paired by position. */
  pairedBefore: Float64Array;
  pairedAfter: Float64Array;
  /** Everyone in the group with an after measurement. */
  after: Float64Array;
  /** after - before for everyone with both (same order as pairedBefore/pairedAfter). */
  change: Float64Array;
}

export interface Measures {
  participants: GroupMeasures;
  comparison: GroupMeasures;
}

/** Units to split out: the given unit ids, or the range [from, to) of unit ids. */
export type Units = Int32Array | { from: number; to: number };

/** The test inputs of the given units (all headline units when `units` is omitted). */
export function collectMeasures(values: UnitValues, model: PeopleModel, units?: Units): Measures {
  const ids = units instanceof Int32Array ? units : null;
  const from = ids ? 0 : units ? (units as { from: number }).from : 0;
  const to = ids ? ids.length : units ? (units as { to: number }).to : model.n;
  const grp = model.unitGrp;
  const { before, after } = values;
  let a0 = 0;
  let a1 = 0;
  let b0 = 0;
  let b1 = 0;
  for (let x = from; x < to; x++) {
    const u = ids ? ids[x]! : x;
    const a = after[u]!;
    if (a !== a) continue; // NaN: no after value
    const both = before[u] === before[u];
    const g = grp[u];
    if (g === PARTICIPANTS) {
      a0++;
      if (both) b0++;
    } else if (g === COMPARISON) {
      a1++;
      if (both) b1++;
    }
  }
  const make = (nAfter: number, nBoth: number): GroupMeasures => ({
    pairedBefore: new Float64Array(nBoth),
    pairedAfter: new Float64Array(nBoth),
    after: new Float64Array(nAfter),
    change: new Float64Array(nBoth),
  });
  const out: Measures = { participants: make(a0, b0), comparison: make(a1, b1) };
  const fill = [0, 0, 0, 0];
  for (let x = from; x < to; x++) {
    const u = ids ? ids[x]! : x;
    const a = after[u]!;
    if (a !== a) continue;
    const g = grp[u] === PARTICIPANTS ? 0 : grp[u] === COMPARISON ? 1 : -1;
    if (g < 0) continue;
    const target = g === 0 ? out.participants : out.comparison;
    target.after[fill[g]!++] = a;
    const b = before[u]!;
    if (b === b) {
      const i = fill[2 + g]!++;
      target.pairedBefore[i] = b;
      target.pairedAfter[i] = a;
      target.change[i] = a - b;
    }
  }
  return out;
}

export async function hasRows(conn: DuckDBConnection, table: string): Promise<boolean> {
  const reader = await conn.runAndReadAll(`SELECT EXISTS (SELECT 1 FROM ${table}) AS x`);
  return Boolean(reader.getRowsJS()[0]?.[0]);
}
