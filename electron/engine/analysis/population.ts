import type { DuckDBConnection } from '@duckdb/node-api';
import type { AnalysisConfig, CohortSummary, DateRange } from '../../../shared/analysis';
import { NOT_ATTRIBUTES as NOT_SEGMENTS } from '../../../shared/kinds';
import { queryRows, queryValue, quoteIdent, quoteLiteral } from '../db';
import { EngineError } from '../errors';
import { EPOCH, NULL_INT, dayNumber, readNumeric } from './columns';
import { filterColumns } from './filterColumns';
import type { NumericColumns } from './columns';

/**
 * Temp table the measurement queries join on: (employee_id, index_date, grp, pid), one row
 * per analysed person; pid = 0, 1, … (participants first, by employee_id) is the person's
 * index in the in-memory model (PeopleModel).
 */
export const GROUPS = '__mi_groups';
const COHORTS = '__mi_cohorts';
/** Values of the segment attributes: (j = attribute position, v, code). */
const DICT = '__mi_dict';
/**
 * Temp table of the participants' units, with their own index dates: (pid, ck, idx = index
 * day number), ck = -1 for the headline unit, else the cohort position. (Comparison units
 * are anchored on the cohort starts themselves.)
 */
export const OWN_UNITS = '__mi_own_units';
export const TEMP_TABLES = [GROUPS, COHORTS, DICT, OWN_UNITS];
export const PARTICIPANTS = 1;
export const COMPARISON = 2;

export interface Population {
  participants: number;
  comparison: number;
  /** By start date, then name; a cohort's position here is its `ck`. */
  cohorts: CohortSummary[];
  /** People export date: people without a termination date are censored here. */
  asOf: string | null;
}

const list = (values: string[]) => values.map(quoteLiteral).join(', ');

/** Builds the SQL condition restricting an employee ID to people matching the filters (config.filters). */
export async function peopleFilter(conn: DuckDBConnection, filters: AnalysisConfig['filters']): Promise<(idExpr: string) => string> {
  const entries = Object.entries(filters).filter(([, values]) => values.length > 0);
  if (entries.length === 0) return () => 'TRUE';
  const columns = new Set(await filterColumns(conn));
  const conds = entries.map(([col, values]) => {
    if (!columns.has(col)) {
      throw new EngineError('bad_filter', `Cannot filter on "${col}": it is not an attribute of the imported people (filters take the people's own attributes, such as department, never identifiers, dates or the import's own columns)`);
    }
    return `CAST(${quoteIdent(col)} AS VARCHAR) IN (${list(values)})`;
  });
  return (idExpr) => `${idExpr} IN (SELECT employee_id FROM people WHERE ${conds.join(' AND ')})`;
}

/** SQL condition: the date `expr` lies in the range (inclusive; an absent end is open). */
function inDateRange(expr: string, range: DateRange): string {
  const conds: string[] = [];
  if (range.from) conds.push(`${expr} >= DATE ${quoteLiteral(range.from)}`);
  if (range.to) conds.push(`${expr} <= DATE ${quoteLiteral(range.to)}`);
  return conds.length ? conds.join(' AND ') : 'TRUE';
}

/**
 * Participants: mentees of the selected cohorts, indexed at their earliest start.
 * Comparison: people never in the roster, indexed at the earliest selected cohort start
 * at which they were employed. Creates GROUPS.
 *
 * For one employment spell the earliest such start is the first cohort start on or after
 * the hire date, if the spell is still running then (it cannot be running at a later one
 * otherwise), so each people row needs one CASE over the (few) cohort starts instead of
 * a join against them.
 *
 * The date range (config.dateRange) selects the cohorts that started in it, each whole: every
 * mentee of such a cohort is a participant, late joiners included. (Bounding the participants'
 * own start dates too would let two ranges a day apart differ by the one mentee who joined
 * that day, and n × mean of one analysis minus the other would give that person's numbers.)
 * The comparison group is then built over those cohort starts only, so each comparison
 * person is indexed at the earliest in-range start at which they were employed. Taking their
 * index over all selected cohorts and dropping those outside the range instead would throw
 * out everyone already employed at an earlier cohort, the longer-tenured staff, and leave a
 * comparison group of recent hires that no longer resembles the participants; this way a
 * range gives exactly the groups of selecting the cohorts that started in it.
 */
export async function buildPopulation(conn: DuckDBConnection, config: AnalysisConfig): Promise<Population> {
  const cohortCond = config.cohorts.length ? `cohort IN (${list(config.cohorts)})` : 'TRUE';
  const filter = await peopleFilter(conn, config.filters);
  const inRange = (expr: string) => inDateRange(expr, config.dateRange);
  await conn.run(`
    CREATE OR REPLACE TEMP TABLE ${COHORTS} AS
      SELECT cohort, min(start_date) AS start_date
      FROM roster WHERE role = 'mentee' AND ${cohortCond} GROUP BY cohort HAVING ${inRange('min(start_date)')}`);
  const cohorts = await queryRows<{ cohort: string; startDate: string; participants: number }>(
    conn,
    `SELECT c.cohort, strftime(c.start_date, '%Y-%m-%d') AS "startDate", count(DISTINCT r.employee_id)::INTEGER AS participants
     FROM ${COHORTS} c LEFT JOIN roster r ON r.cohort = c.cohort AND r.role = 'mentee' AND ${filter('r.employee_id')}
     GROUP BY ALL ORDER BY "startDate", c.cohort`,
  );
  const starts = [...new Set(cohorts.map((c) => c.startDate))].sort();
  const firstStart = starts.length
    ? `CASE ${starts.map((s) => `WHEN hire_date <= DATE ${quoteLiteral(s)} THEN DATE ${quoteLiteral(s)}`).join(' ')} END`
    : 'NULL::DATE';
  await conn.run(`
    CREATE OR REPLACE TEMP TABLE ${GROUPS} AS
      SELECT employee_id, index_date, grp, (row_number() OVER (ORDER BY grp, employee_id) - 1)::INTEGER AS pid FROM (
        SELECT employee_id, min(start_date) AS index_date, ${PARTICIPANTS} AS grp
        FROM roster WHERE role = 'mentee' AND cohort IN (SELECT cohort FROM ${COHORTS}) AND ${filter('employee_id')}
        GROUP BY employee_id
        UNION ALL
        SELECT employee_id, min(s) AS index_date, ${COMPARISON} AS grp FROM (
          SELECT employee_id, termination_date, ${firstStart} AS s FROM people
          WHERE employee_id NOT IN (SELECT employee_id FROM roster) AND ${filter('employee_id')})
        WHERE s IS NOT NULL AND (termination_date IS NULL OR termination_date > s)
        GROUP BY employee_id)`);
  const [counts] = await queryRows<{ p: number; c: number }>(
    conn,
    `SELECT count(*) FILTER (WHERE grp = ${PARTICIPANTS})::INTEGER AS p, count(*) FILTER (WHERE grp = ${COMPARISON})::INTEGER AS c FROM ${GROUPS}`,
  );
  const asOf = await queryValue<string | null>(
    conn,
    `SELECT coalesce(
       (SELECT strftime(as_of_date, '%Y-%m-%d') FROM imports WHERE kind = 'people' AND as_of_date IS NOT NULL ORDER BY import_id DESC LIMIT 1),
       (SELECT strftime(max(greatest(hire_date, coalesce(termination_date, hire_date))), '%Y-%m-%d') FROM people))`,
  );
  return { participants: counts?.p ?? 0, comparison: counts?.c ?? 0, cohorts, asOf: asOf ?? null };
}

/**
 * The attributes to segment by: config.segmentBy as given (each must be a people
 * column), or by default ['department'] when any imported person has one.
 */
export async function segmentAttributes(conn: DuckDBConnection, segmentBy: string[] | undefined): Promise<string[]> {
  const columns = new Set((await queryRows<{ column_name: string }>(conn, 'SELECT column_name FROM (DESCRIBE people)')).map((r) => r.column_name));
  if (segmentBy === undefined) {
    const has = columns.has('department') && (await queryValue<boolean>(conn, 'SELECT EXISTS (SELECT 1 FROM people WHERE department IS NOT NULL)'));
    return has ? ['department'] : [];
  }
  const out: string[] = [];
  for (const col of segmentBy) {
    if (!columns.has(col) || NOT_SEGMENTS.has(col)) {
      throw new EngineError('bad_segment', `Cannot break results down by "${col}": it is not an attribute of the imported people`);
    }
    if (!out.includes(col)) out.push(col);
  }
  return out;
}

/** Marks an open-ended employment spell (no termination date). */
export const NO_END = 2147483647;

/**
 * The analysed people in memory, pid = index (GROUPS). Dates are day numbers.
 *
 * Units: the things a measurement window is anchored on. Unit p < n is person p at their
 * headline index. Unit n + u is cohort unit u: a person in one cohort's groups,
 * participants at their own (earliest) start in the cohort, comparison people at the
 * cohort's start when they were employed then.
 */
export interface PeopleModel {
  n: number;
  grp: Uint8Array;
  index: Int32Array;
  /** Distinct employment spells of person p: [spellStart[p], spellStart[p + 1]) in hire/term. */
  spellStart: Int32Array;
  hire: Int32Array;
  /** NO_END when still employed. */
  term: Int32Array;
  /** attrs[j][p]: segment attribute j of person p (their last people row holding one); null = not recorded. */
  attrs: (string | null)[][];
  /** Cohort start days, by ck. */
  cohortStarts: Int32Array;
  /**
   * Cohort units, cohort by cohort (then by person): those of cohort ck are the units
   * n + c for c in [cohortUnitStart[ck], cohortUnitStart[ck + 1]); unitCk, unitIndex and
   * unitPid are indexed by c. (Each cohort's units side by side: splitting by cohort reads
   * memory in order.)
   */
  cohortUnitStart: Int32Array;
  unitCk: Int32Array;
  unitIndex: Int32Array;
  unitPid: Int32Array;
  /** unitOf[ck * n + p]: the unit of person p in cohort ck, or -1. */
  unitOf: Int32Array;
  /** Participants: pid < participants; comparison people after them. */
  participants: number;
  /** Group of every unit (headline and cohort units, n + U entries). */
  unitGrp: Uint8Array;
  /** Earliest and latest index day over all units (NULL_INT without people). */
  minIndex: number;
  maxIndex: number;
}

/** What the measurement queries need to know of the units before the model is built. */
export type UnitLayout = Pick<PeopleModel, 'n' | 'participants' | 'cohortStarts' | 'minIndex' | 'maxIndex'>;

/**
 * Reads the analysed people (GROUPS) with their employment spells and segment attributes,
 * and the participants' starts in each cohort, into a PeopleModel. A person with several
 * people rows takes each attribute from their last row holding one (latest import, then
 * latest line); identical spells count once.
 *
 * Every query runs first; `afterQueries` is then told the unit layout, so it can start the
 * next query (the reviews' windows) while the model is built here.
 */
export async function loadPeople(conn: DuckDBConnection, population: Population, attributes: string[], afterQueries?: (layout: UnitLayout) => void): Promise<PeopleModel> {
  const n = population.participants + population.comparison;
  // Segment attributes travel as codes into a dictionary per attribute (no JS string per row).
  const dict = (j: number) => `${DICT} d${j} ON d${j}.j = ${j} AND d${j}.v = CAST(p.${quoteIdent(attributes[j]!)} AS VARCHAR)`;
  if (attributes.length) {
    await conn.run(`CREATE OR REPLACE TEMP TABLE ${DICT} AS
      SELECT j, v, (row_number() OVER (PARTITION BY j ORDER BY v) - 1)::INTEGER AS code FROM (
        ${attributes.map((a, j) => `SELECT DISTINCT ${j} AS j, CAST(${quoteIdent(a)} AS VARCHAR) AS v FROM people WHERE ${quoteIdent(a)} IS NOT NULL`).join(' UNION ALL ')})`);
  }
  const { rows, cols } = await readNumeric(
    conn,
    // NULL_INT rather than NULL: a column without nulls is read as one typed array
    `SELECT g.pid, g.grp, (g.index_date - ${EPOCH})::INTEGER, coalesce((p.hire_date - ${EPOCH})::INTEGER, ${NULL_INT}), coalesce((p.termination_date - ${EPOCH})::INTEGER, ${NULL_INT}),
            coalesce(p.import_id, 0)::DOUBLE * 4294967296 + coalesce(p.source_line, 0)${attributes.map((_, j) => `, coalesce(d${j}.code, ${NULL_INT})`).join('')}
     FROM ${GROUPS} g LEFT JOIN people p USING (employee_id)${attributes.map((_, j) => ` LEFT JOIN ${dict(j)}`).join('')}`,
    ['int', 'int', 'int', 'int', 'int', 'num', ...attributes.map(() => 'int' as const)],
  );
  const dictionary = attributes.length ? await readDictionary(conn, attributes.length) : [];
  const cohortStarts = Int32Array.from(population.cohorts.map((c) => dayNumber(c.startDate)));
  const unitRows = await queryCohortUnits(conn, population);

  const [rPid, rGrp, rIndex, rHire, rTerm] = cols as Int32Array[];
  const units = cohortUnits(unitRows, n, cohortStarts);
  let minIndex = NULL_INT;
  let maxIndex = NULL_INT;
  const see = (d: number) => {
    if (minIndex === NULL_INT || d < minIndex) minIndex = d;
    if (maxIndex === NULL_INT || d > maxIndex) maxIndex = d;
  };
  for (let i = 0; i < rows; i++) see(rIndex![i]!);
  for (let u = 0; u < units.unitIndex.length; u++) see(units.unitIndex[u]!);
  afterQueries?.({ n, participants: population.participants, cohortStarts, minIndex, maxIndex });

  const grp = new Uint8Array(n);
  const index = new Int32Array(n);
  // spells: count per person, then fill, dropping repeats
  const spellCount = new Int32Array(n + 1);
  for (let i = 0; i < rows; i++) {
    const p = rPid![i]!;
    grp[p] = rGrp![i]!;
    index[p] = rIndex![i]!;
    if (rHire![i] !== NULL_INT) spellCount[p + 1]!++;
  }
  const spellStart = new Int32Array(n + 1);
  for (let p = 0; p < n; p++) spellStart[p + 1] = spellStart[p]! + spellCount[p + 1]!;
  const hire = new Int32Array(spellStart[n]!);
  const term = new Int32Array(spellStart[n]!);
  const fill = spellStart.slice(0, n);
  for (let i = 0; i < rows; i++) {
    if (rHire![i] === NULL_INT) continue;
    const p = rPid![i]!;
    const h = rHire![i]!;
    const t = rTerm![i] === NULL_INT ? NO_END : rTerm![i]!;
    let dup = false;
    for (let s = spellStart[p]!; s < fill[p]!; s++) if (hire[s] === h && term[s] === t) dup = true;
    if (dup) continue;
    hire[fill[p]!] = h;
    term[fill[p]!] = t;
    fill[p]!++;
  }
  // compact away the repeats
  let w = 0;
  for (let p = 0; p < n; p++) {
    const from = spellStart[p]!;
    const to = fill[p]!;
    spellStart[p] = w;
    for (let s = from; s < to; s++, w++) {
      hire[w] = hire[s]!;
      term[w] = term[s]!;
    }
  }
  spellStart[n] = w;

  const attrs = attributeValues(dictionary, n, rows, rPid!, cols[5] as Float64Array, cols.slice(6) as Int32Array[]);
  const unitGrp = new Uint8Array(n + units.unitPid.length);
  unitGrp.set(grp);
  for (let u = 0; u < units.unitPid.length; u++) unitGrp[n + u] = grp[units.unitPid[u]!]!;
  return { n, grp, index, spellStart: spellStart.subarray(0, n + 1), hire: hire.subarray(0, w), term: term.subarray(0, w), attrs, cohortStarts, ...units, participants: population.participants, unitGrp, minIndex, maxIndex };
}

/** dictionary[j][code]: the values of segment attribute j (DICT). */
async function readDictionary(conn: DuckDBConnection, attributes: number): Promise<string[][]> {
  const cols = (await conn.runAndReadAll(`SELECT j, code, v FROM ${DICT}`)).getColumnsJS();
  const dictionary = Array.from({ length: attributes }, () => [] as string[]);
  (cols[0] ?? []).forEach((j, i) => (dictionary[Number(j)]![Number(cols[1]![i])] = String(cols[2]![i])));
  return dictionary;
}

/** attrs[j][pid]: the value of the person's row with the largest ord among those holding one. */
function attributeValues(dictionary: string[][], n: number, rows: number, pid: Int32Array, ord: Float64Array, codes: Int32Array[]): (string | null)[][] {
  return dictionary.map((values, j) => {
    const code = codes[j]!;
    const out = new Array<string | null>(n).fill(null);
    const best = new Float64Array(n).fill(-1);
    for (let i = 0; i < rows; i++) {
      const c = code[i]!;
      if (c === NULL_INT) continue;
      const p = pid[i]!;
      if (ord[i]! > best[p]!) {
        best[p] = ord[i]!;
        out[p] = values[c]!;
      }
    }
    return out;
  });
}

interface CohortUnits {
  cohortUnitStart: Int32Array;
  unitCk: Int32Array;
  unitIndex: Int32Array;
  unitPid: Int32Array;
  unitOf: Int32Array;
}

/** The database's answers for cohortUnits: participants' own starts, and comparison people's employment at each start. */
interface CohortUnitRows {
  own: NumericColumns;
  active: NumericColumns;
}

/**
 * Cohort units, from the database: participants at their own (earliest) start in each of
 * their cohorts (from the roster; OWN_UNITS, with their headline units); comparison people
 * at each cohort start at which one of their employment spells was running (hire_date <=
 * start and no termination by then).
 */
async function queryCohortUnits(conn: DuckDBConnection, { cohorts }: Population): Promise<CohortUnitRows | null> {
  const k = cohorts.length;
  await conn.run(`
    CREATE OR REPLACE TEMP TABLE ${OWN_UNITS} AS
      SELECT pid, -1 AS ck, (index_date - ${EPOCH})::INTEGER AS idx FROM ${GROUPS} WHERE grp = ${PARTICIPANTS}
      ${
        k === 0
          ? ''
          : `UNION ALL
      SELECT g.pid, l.ck, (min(r.start_date) - ${EPOCH})::INTEGER
      FROM roster r
      JOIN (VALUES ${cohorts.map((c, i) => `(${i}, ${quoteLiteral(c.cohort)})`).join(', ')}) l(ck, cohort) USING (cohort)
      JOIN ${GROUPS} g ON g.employee_id = r.employee_id AND g.grp = ${PARTICIPANTS}
      WHERE r.role = 'mentee'
      GROUP BY g.pid, l.ck`
      }`);
  if (k === 0) return null;
  const own = await readNumeric(conn, `SELECT pid, ck, idx FROM ${OWN_UNITS} WHERE ck >= 0`, ['int', 'int', 'int']);
  const start = (ck: number) => `DATE ${quoteLiteral(cohorts[ck]!.startDate)}`;
  const active = await readNumeric(
    conn,
    `SELECT g.pid${cohorts.map((_, ck) => `, bool_or(p.hire_date <= ${start(ck)} AND (p.termination_date IS NULL OR p.termination_date > ${start(ck)}))::INTEGER`).join('')}
     FROM ${GROUPS} g JOIN people p USING (employee_id) WHERE g.grp = ${COMPARISON} GROUP BY g.pid`,
    ['int', ...cohorts.map(() => 'int' as const)],
  );
  return { own, active };
}

/** Lays the cohort units out cohort by cohort, each in person order. */
function cohortUnits(rows: CohortUnitRows | null, n: number, starts: Int32Array): CohortUnits {
  const k = starts.length;
  if (!rows) return { cohortUnitStart: new Int32Array(1), unitCk: new Int32Array(0), unitIndex: new Int32Array(0), unitPid: new Int32Array(0), unitOf: new Int32Array(0) };
  /** idx[ck * n + p]: index of person p's unit in cohort ck; NULL_INT = none. */
  const idx = new Int32Array(k * n).fill(NULL_INT);
  const [oPid, oCk, oIdx] = rows.own.cols as Int32Array[];
  for (let i = 0; i < rows.own.rows; i++) idx[oCk![i]! * n + oPid![i]!] = oIdx![i]!;
  const [aPid, ...aCk] = rows.active.cols as Int32Array[];
  for (let ck = 0; ck < k; ck++) {
    const on = aCk[ck]!;
    for (let i = 0; i < rows.active.rows; i++) if (on[i] === 1) idx[ck * n + aPid![i]!] = starts[ck]!;
  }
  let total = 0;
  for (let j = 0; j < k * n; j++) if (idx[j] !== NULL_INT) total++;
  const cohortUnitStart = new Int32Array(k + 1);
  const unitCk = new Int32Array(total);
  const unitIndex = new Int32Array(total);
  const unitPid = new Int32Array(total);
  const unitOf = new Int32Array(k * n).fill(-1);
  let c = 0;
  for (let ck = 0; ck < k; ck++) {
    for (let p = 0; p < n; p++) {
      const d = idx[ck * n + p]!;
      if (d === NULL_INT) continue;
      unitCk[c] = ck;
      unitIndex[c] = d;
      unitPid[c] = p;
      unitOf[ck * n + p] = n + c;
      c++;
    }
    cohortUnitStart[ck + 1] = c;
  }
  return { cohortUnitStart, unitCk, unitIndex, unitPid, unitOf };
}
