import type { DuckDBConnection } from '@duckdb/node-api';
import type { AnalysisConfig } from '../../../shared/analysis';
import { quoteLiteral } from '../db';
import { EPOCH, readResult } from './columns';
import { COMPARISON, GROUPS, PARTICIPANTS } from './population';
import type { PeopleModel } from './population';

export type MeasureKind = 'performance' | 'survey';

/** Reverse-coded survey score expression (s' = scaleMin + scaleMax - s for reversed items). */
export function recodedScoreSql(config: AnalysisConfig, score = 'score', item = 'item'): string {
  const { scaleMin, scaleMax, reverseItems } = config.survey;
  return reverseItems.length
    ? `CASE WHEN ${item} IN (${reverseItems.map(quoteLiteral).join(', ')}) THEN ${Number(scaleMin) + Number(scaleMax)} - ${score} ELSE ${score} END`
    : score;
}

/**
 * Before/after values of every unit (PeopleModel) for one measure (DESIGN §3): before =
 * the latest day in [index - preDays, index), after = the earliest day in [index +
 * postStartDays, index + postEndDays]; several measurements on the chosen day count as
 * their mean. Input: values[i] of person pid[i] on day[i] (a day number), in any order.
 *
 * Replaces a person × cohort × measurement join: the measurements are taken in person order
 * (the queries sort them by pid; otherwise a counting sort), then each of a person's units
 * scans that person's few measurements.
 */
export function windowValues(model: PeopleModel, config: AnalysisConfig, pid: Int32Array, day: Int32Array, values: Float64Array, rows = pid.length): UnitValues {
  const n = model.n;
  const pre = Number(config.preDays);
  const postStart = Number(config.postStartDays);
  const postEnd = Number(config.postEndDays);
  // measurements of person p: d/v[start[p] .. start[p + 1]) (a counting sort, skipped when already in person order)
  const start = new Int32Array(n + 1);
  let sorted = true;
  for (let i = 0; i < rows; i++) {
    start[pid[i]! + 1]!++;
    if (i > 0 && pid[i]! < pid[i - 1]!) sorted = false;
  }
  for (let p = 0; p < n; p++) start[p + 1]! += start[p]!;
  let d = day;
  let v = values;
  if (!sorted) {
    d = new Int32Array(rows);
    v = new Float64Array(rows);
    const fill = start.slice(0, n);
    for (let i = 0; i < rows; i++) {
      const j = fill[pid[i]!]!++;
      d[j] = day[i]!;
      v[j] = values[i]!;
    }
  }
  const size = model.unitGrp.length;
  const before = new Float64Array(size).fill(NaN);
  const after = new Float64Array(size).fill(NaN);
  const { index, unitStart, personUnits, unitIndex } = model;
  for (let p = 0; p < n; p++) {
    const from = start[p]!;
    const to = start[p + 1]!;
    if (from === to) continue;
    const first = unitStart[p]!;
    const last = unitStart[p + 1]!;
    // unit -1: the headline unit; then the person's cohort units
    for (let k = first - 1; k < last; k++) {
      const c = k < first ? -1 : personUnits[k]!;
      const u = c < 0 ? p : n + c;
      const idx = c < 0 ? index[p]! : unitIndex[c]!;
      let bDay = -2147483648;
      let bSum = 0;
      let bCount = 0;
      let aDay = 2147483647;
      let aSum = 0;
      let aCount = 0;
      const bLo = idx - pre;
      const aLo = idx + postStart;
      const aHi = idx + postEnd;
      for (let j = from; j < to; j++) {
        const x = d[j]!;
        if (x < idx && x >= bLo) {
          if (x > bDay) {
            bDay = x;
            bSum = v[j]!;
            bCount = 1;
          } else if (x === bDay) {
            bSum += v[j]!;
            bCount++;
          }
        }
        if (x >= aLo && x <= aHi) {
          if (x < aDay) {
            aDay = x;
            aSum = v[j]!;
            aCount = 1;
          } else if (x === aDay) {
            aSum += v[j]!;
            aCount++;
          }
        }
      }
      if (bCount > 0) before[u] = bSum / bCount;
      if (aCount > 0) after[u] = aSum / aCount;
    }
  }
  return { before, after };
}

/** Days a measurement must fall in to matter to any unit: [from, to]. */
export function windowRange(model: PeopleModel, config: AnalysisConfig): [number, number] {
  const pre = Number(config.preDays);
  const ps = Number(config.postStartDays);
  const pe = Number(config.postEndDays);
  return [model.minIndex + Math.min(-pre, ps), model.maxIndex + Math.max(pe, -1)];
}

export interface UnitValues {
  before: Float64Array;
  after: Float64Array;
}

/**
 * Performance ratings of the analysed people into their windows (one pass over the
 * reviews). Starts the query and returns what finishes the job once it is done, so other
 * work can run meanwhile.
 */
export function performanceValues(conn: DuckDBConnection, model: PeopleModel, config: AnalysisConfig): { running: Promise<unknown>; finish: () => Promise<UnitValues> } {
  const [from, to] = windowRange(model, config);
  if (model.n === 0) {
    const none = windowValues(model, config, new Int32Array(0), new Int32Array(0), new Float64Array(0));
    return { running: Promise.resolve(), finish: () => Promise.resolve(none) };
  }
  const pending = conn.run(
    `SELECT g.pid, (r.review_date - ${EPOCH})::INTEGER, r.rating
     FROM performance_reviews r JOIN ${GROUPS} g USING (employee_id)
     WHERE r.review_date BETWEEN ${EPOCH} + ${from} AND ${EPOCH} + ${to}
     ORDER BY g.pid`,
  );
  // no unhandled rejection while the caller is busy: the error comes out of finish()
  const running = pending.catch(() => undefined);
  const finish = async () => {
    const { rows, cols } = readResult(await pending, ['int', 'int', 'num']);
    const [pid, day, rating] = cols as [Int32Array, Int32Array, Float64Array];
    return windowValues(model, config, pid, day, rating, rows);
  };
  return { running, finish };
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
