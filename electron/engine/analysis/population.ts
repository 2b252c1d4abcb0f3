import type { DuckDBConnection } from '@duckdb/node-api';
import type { AnalysisConfig, CohortSummary } from '../../../shared/analysis';
import { queryRows, queryValue, quoteIdent, quoteLiteral } from '../db';
import { EngineError } from '../errors';

/**
 * Temp tables the measurement and retention queries read: (employee_id, index_date, grp, pid).
 * pid is an integer standing for employee_id in this run (joins on it are much faster).
 */
export const GROUPS = '__mi_groups';
/** Employment spells of the people in GROUPS: (pid, hire_date, termination_date). */
export const PEOPLE = '__mi_people';
/** Per-cohort groups (issue #4): see buildCohortGroups. */
export const COHORT_LIST = '__mi_cohort_list';
export const COHORT_PARTICIPANTS = '__mi_cohort_participants';
export const COHORT_COMPARISON = '__mi_cohort_comparison';
export const COHORT_COMPARISON_ROWS = '__mi_cohort_comparison_rows';
/** One row per person of GROUPS (pid) with the segment attributes as a0, a1, … (text; null = not recorded). */
export const ATTRS = '__mi_attrs';
export const TEMP_TABLES = [GROUPS, PEOPLE, '__mi_cohorts', COHORT_LIST, COHORT_PARTICIPANTS, COHORT_COMPARISON, COHORT_COMPARISON_ROWS, ATTRS];
export const PARTICIPANTS = 1;
export const COMPARISON = 2;

export interface Population {
  participants: number;
  comparison: number;
  cohorts: CohortSummary[];
  /** People export date: people without a termination date are censored here. */
  asOf: string | null;
}

const list = (values: string[]) => values.map(quoteLiteral).join(', ');

/** Builds the SQL condition restricting an employee ID to people matching the filters (DESIGN §4 `filters`). */
export async function peopleFilter(conn: DuckDBConnection, filters: AnalysisConfig['filters']): Promise<(idExpr: string) => string> {
  const entries = Object.entries(filters).filter(([, values]) => values.length > 0);
  if (entries.length === 0) return () => 'TRUE';
  const columns = new Set((await queryRows<{ column_name: string }>(conn, 'SELECT column_name FROM (DESCRIBE people)')).map((r) => r.column_name));
  const conds = entries.map(([col, values]) => {
    if (!columns.has(col) || col === 'employee_id') {
      throw new EngineError('bad_filter', `Cannot filter on "${col}": it is not an attribute of the imported people`);
    }
    return `CAST(${quoteIdent(col)} AS VARCHAR) IN (${list(values)})`;
  });
  return (idExpr) => `${idExpr} IN (SELECT employee_id FROM people WHERE ${conds.join(' AND ')})`;
}

/**
 * Participants: mentees of the selected cohorts, indexed at their earliest start.
 * Comparison: people never in the roster, indexed at the earliest selected cohort start
 * at which they were employed (DESIGN §3).
 */
export async function buildPopulation(conn: DuckDBConnection, config: AnalysisConfig): Promise<Population> {
  const cohortCond = config.cohorts.length ? `cohort IN (${list(config.cohorts)})` : 'TRUE';
  const filter = await peopleFilter(conn, config.filters);
  await conn.run(`
    CREATE OR REPLACE TEMP TABLE __mi_cohorts AS
      SELECT cohort, min(start_date) AS start_date
      FROM roster WHERE role = 'mentee' AND ${cohortCond} GROUP BY cohort;
    CREATE OR REPLACE TEMP TABLE ${GROUPS} AS
      SELECT *, (row_number() OVER ())::INTEGER AS pid FROM (
        SELECT employee_id, min(start_date) AS index_date, ${PARTICIPANTS} AS grp
        FROM roster WHERE role = 'mentee' AND ${cohortCond} AND ${filter('employee_id')} GROUP BY employee_id
        UNION ALL
        SELECT p.employee_id, min(c.start_date) AS index_date, ${COMPARISON} AS grp
        FROM (SELECT DISTINCT employee_id, hire_date, termination_date FROM people) p
        JOIN __mi_cohorts c ON p.hire_date <= c.start_date AND (p.termination_date IS NULL OR p.termination_date > c.start_date)
        WHERE p.employee_id NOT IN (SELECT employee_id FROM roster) AND ${filter('p.employee_id')}
        GROUP BY p.employee_id);
    CREATE OR REPLACE TEMP TABLE ${PEOPLE} AS
      SELECT DISTINCT g.pid, p.hire_date, p.termination_date FROM people p JOIN ${GROUPS} g USING (employee_id);`);
  const cohorts = await queryRows<{ cohort: string; startDate: string; participants: number }>(
    conn,
    `SELECT c.cohort, strftime(c.start_date, '%Y-%m-%d') AS "startDate", count(DISTINCT r.employee_id)::INTEGER AS participants
     FROM __mi_cohorts c LEFT JOIN roster r ON r.cohort = c.cohort AND r.role = 'mentee' AND ${filter('r.employee_id')}
     GROUP BY ALL ORDER BY "startDate", c.cohort`,
  );
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

/** Columns of people that are not attributes to break results down by. */
const NOT_SEGMENTS = new Set(['employee_id', 'hire_date', 'termination_date', 'termination_type', 'import_id', 'source_line']);

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

/**
 * ATTRS for the people in GROUPS. A person with several people rows takes each
 * attribute from their last row holding one (latest import, then latest line).
 */
export async function buildAttributes(conn: DuckDBConnection, attributes: string[]): Promise<void> {
  const cols = attributes.map((a, j) => `, arg_max(CAST(${quoteIdent(a)} AS VARCHAR), ord) AS a${j}`).join('');
  await conn.run(`
    CREATE OR REPLACE TEMP TABLE ${ATTRS} AS
      SELECT g.pid${cols}
      FROM (SELECT *, coalesce(import_id, 0)::BIGINT * 4294967296 + coalesce(source_line, 0) AS ord FROM people) p
      JOIN ${GROUPS} g USING (employee_id)
      GROUP BY g.pid`);
}

/**
 * Per-cohort groups (issue #4), ck = the cohort's position in population.cohorts:
 * - COHORT_LIST (ck, start_date);
 * - COHORT_PARTICIPANTS (ck, pid, index_date): each cohort's mentees, indexed at their own
 *   (earliest) start date in it;
 * - COHORT_COMPARISON (pid, hire_date, termination_date, ck_lo, ck_hi): the comparison
 *   people's employment spells with the range of cohorts at whose start they were employed
 *   (cohorts sorted by start, so the range is contiguous). A comparison person belongs to
 *   cohort ck's comparison group, indexed at its start, when ck_lo <= ck <= ck_hi. Keeping
 *   ranges makes the spell logic cheap;
 * - COHORT_COMPARISON_ROWS (ck, pid, index_date): those ranges expanded, one row per
 *   cohort and comparison person, indexed at the cohort's start (hash joins on it are
 *   much faster than range joins against the cohort list).
 * Every never-rostered, filtered person employed on some selected cohort's start is in
 * GROUPS' comparison group, so both sides start from GROUPS. Needs buildPopulation first.
 */
export async function buildCohortGroups(conn: DuckDBConnection, cohorts: CohortSummary[]): Promise<void> {
  // Several overlapping employment spells of one person would repeat a row: only then pay for DISTINCT.
  const oneSpellEach = await queryValue<boolean>(conn, `SELECT count(*) = count(DISTINCT pid) FROM ${PEOPLE}`);
  const starts = cohorts.map((c) => `DATE ${quoteLiteral(c.startDate)}`);
  const k = cohorts.length;
  // first cohort starting on or after the hire date; last one starting before the termination
  const lo = `CASE ${starts.map((s, i) => `WHEN p.hire_date <= ${s} THEN ${i}`).join(' ')} ELSE ${k} END`;
  const hi = `CASE WHEN p.termination_date IS NULL THEN ${k - 1} ${starts.map((s, i) => `WHEN p.termination_date <= ${s} THEN ${i - 1}`).join(' ')} ELSE ${k - 1} END`;
  await conn.run(`
    CREATE OR REPLACE TEMP TABLE ${COHORT_LIST} AS
      SELECT * FROM (VALUES ${starts.map((s, i) => `(${i}, ${s})`).join(', ')}) t(ck, start_date);
    CREATE OR REPLACE TEMP TABLE ${COHORT_PARTICIPANTS} AS
      SELECT l.ck, g.pid, min(r.start_date) AS index_date
      FROM roster r
      JOIN (SELECT (row_number() OVER (ORDER BY start_date, cohort) - 1)::INTEGER AS ck, cohort FROM __mi_cohorts) l USING (cohort)
      JOIN ${GROUPS} g ON g.employee_id = r.employee_id AND g.grp = ${PARTICIPANTS}
      WHERE r.role = 'mentee'
      GROUP BY l.ck, g.pid;
    CREATE OR REPLACE TEMP TABLE ${COHORT_COMPARISON} AS
      SELECT * FROM (
        SELECT p.pid, p.hire_date, p.termination_date, (${lo})::INTEGER AS ck_lo, (${hi})::INTEGER AS ck_hi
        FROM ${PEOPLE} p JOIN ${GROUPS} g USING (pid) WHERE g.grp = ${COMPARISON})
      WHERE ck_lo <= ck_hi;
    CREATE OR REPLACE TEMP TABLE ${COHORT_COMPARISON_ROWS} AS
      SELECT ${oneSpellEach ? '' : 'DISTINCT'} l.ck, r.pid, l.start_date AS index_date
      FROM ${COHORT_COMPARISON} r JOIN ${COHORT_LIST} l ON l.ck BETWEEN r.ck_lo AND r.ck_hi`);
}

/** Comparison people per cohort. */
export async function cohortComparisonCounts(conn: DuckDBConnection): Promise<Map<number, number>> {
  const cols = (await conn.runAndReadAll(`SELECT ck, count(*)::INTEGER FROM ${COHORT_COMPARISON_ROWS} GROUP BY ck`)).getColumnsJS();
  return new Map((cols[0] ?? []).map((ck, i) => [Number(ck), Number(cols[1]![i])]));
}
