/**
 * Seeded benchmark data, written by DuckDB itself (COPY … FROM range(…)), with the same
 * headers and value styles as sample-data/: a 200k-person HRIS export, a roster of eight
 * cohorts (~5k mentees), long-form survey exports and a review export with US dates.
 *
 * Every value comes from hash(row, salt, SEED), so a run writes the same bytes every time.
 * Row order is the order of range() (DuckDB keeps insertion order in COPY), so no sort.
 * Files are cached in os.tmpdir()/mentor-impact-bench/<hash of this file + DuckDB version>
 * and reused when present (written to *.tmp first, then renamed).
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, readdirSync, renameSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DuckDBInstance } from '@duckdb/node-api';
import type { DuckDBConnection } from '@duckdb/node-api';

const SEED = 20240415;
export const PEOPLE = 200_000;
const FIRST_HIRE = '2005-01-03';
const AS_OF = '2025-09-30';
const HIRE_SPAN_DAYS = 7_500; // 2005-01-03 … 2025-07
const MENTEES_PER_COHORT = 625;
const MENTORS_PER_COHORT = 250;
const COHORTS: [string, string][] = [
  ['2021 Spring', '2021-03-01'], ['2021 Fall', '2021-09-06'], ['2022 Spring', '2022-03-07'], ['2022 Fall', '2022-09-12'],
  ['2023 Spring', '2023-03-06'], ['2023 Fall', '2023-09-11'], ['2024 Spring', '2024-03-04'], ['2024 Fall', '2024-09-09'],
];
/** Quarterly pulse survey, 2019-01 … 2025-07 (27 waves). */
const WAVES = 27;

export interface BenchFiles {
  dir: string;
  hris: string;
  roster: string;
  reviews: string;
  /** rows → file */
  surveys: Map<number, string>;
}

/** Uniform in [0, 1) from the row number and a salt. */
const u = (row: string, salt: number) => `(hash(${row}, ${salt}, ${SEED}) % 1000000007)::DOUBLE / 1000000007`;
const pick = (row: string, salt: number, values: string[]) =>
  `([${values.map((v) => `'${v}'`).join(', ')}])[1 + (hash(${row}, ${salt}, ${SEED}) % ${values.length})::INTEGER]`;
const empId = (idx: string) => `lpad((${idx} + 1000)::VARCHAR, 6, '0')`;
/** Hire dates grow with the index (ids are handed out in hiring order, as in sample-data). */
const hireOf = (idx: string) => `(DATE '${FIRST_HIRE}' + (${idx} * ${HIRE_SPAN_DAYS} // ${PEOPLE})::INTEGER)`;
/** Hidden engagement / ability of a person, roughly −1 … 1. */
const trait = (idx: string, salt: number) => `(${u(idx, salt)} + ${u(idx, salt + 1)} - 1)`;

const PEOPLE_SQL = `
  SELECT i, ${empId('i')} AS id, ${hireOf('i')} AS hire,
    CASE WHEN i >= 40 AND ${u('i', 1)} < 0.45 THEN ${hireOf('i')} + (20 + ${u('i', 2)} * 4000)::INTEGER END AS term0,
    CASE WHEN term0 <= DATE '${AS_OF}' THEN term0 END AS term,
    CASE WHEN term IS NULL THEN NULL WHEN ${u('i', 3)} < 0.78 THEN 'Voluntary' ELSE 'Involuntary' END AS term_type,
    ${pick('i', 4, ['Engineering', 'Sales', 'Operations', 'Finance', 'Marketing', 'Customer Support', 'People'])} AS department,
    CASE WHEN i < 40 THEN 'M2' WHEN i % 9 = 0 THEN 'M1' ELSE ${pick('i', 5, ['IC1', 'IC1', 'IC2', 'IC2', 'IC2', 'IC3', 'IC3', 'IC4'])} END AS level,
    ${pick('i', 6, ['New York', 'Austin', 'London', 'Remote'])} AS location,
    CASE WHEN i > 0 THEN ${empId('i // 9')} END AS manager
  FROM range(${PEOPLE}) r(i)`;

function hrisSql(): string {
  return `SELECT id AS "Employee ID", strftime(hire, '%Y-%m-%d') AS "Hire Date", strftime(term, '%Y-%m-%d') AS "Termination Date",
      term_type AS "Termination Type", department AS "Department", level AS "Job Level", location AS "Location", manager AS "Manager ID"
    FROM bench_people`;
}

function rosterSql(): string {
  const cohorts = COHORTS.map(([name, start], k) => `('${name}', DATE '${start}', ${k})`).join(', ');
  const active = `p.hire <= c.start AND (p.term IS NULL OR p.term > c.start)`;
  return `WITH cohorts(cohort, start, k) AS (VALUES ${cohorts}),
    mentees AS (
      SELECT c.cohort, c.start, c.k, p.i, p.id, p.term,
        row_number() OVER (PARTITION BY c.k ORDER BY hash(p.i, c.k, ${SEED})) AS rn
      FROM cohorts c JOIN bench_people p ON ${active} AND p.level IN ('IC1', 'IC2', 'IC3')
      QUALIFY rn <= ${MENTEES_PER_COHORT}),
    mentors AS (
      SELECT c.cohort, c.start, c.k, p.id,
        row_number() OVER (PARTITION BY c.k ORDER BY hash(p.i, c.k, ${SEED} + 1)) AS rn
      FROM cohorts c JOIN bench_people p ON ${active} AND p.level IN ('IC4', 'M1', 'M2')
      QUALIFY rn <= ${MENTORS_PER_COHORT}),
    mentee_rows AS (
      SELECT m.*, m.start + CASE WHEN ${u('m.i', 10)} < 0.7 THEN 0 ELSE (1 + ${u('m.i', 11)} * 10)::INTEGER END AS s,
        ${u('m.i * 8 + m.k', 12)} < 0.08 OR (m.term IS NOT NULL AND m.term < m.start + 183) AS withdrawn,
        t.id AS mentor_id
      FROM mentees m JOIN mentors t ON t.k = m.k AND t.rn = 1 + (m.rn - 1) % ${MENTORS_PER_COHORT})
    SELECT "Employee ID", "Role", "Cohort", "Start Date", "End Date", "Mentor ID", "Status" FROM (
      SELECT k, 0 AS o, id AS "Employee ID", 'Mentee' AS "Role", cohort AS "Cohort", strftime(s, '%Y-%m-%d') AS "Start Date",
        strftime(CASE WHEN withdrawn THEN least(coalesce(term, s + 183), s + 30 + (${u('i', 13)} * 120)::INTEGER) ELSE s + 183 END, '%Y-%m-%d') AS "End Date",
        mentor_id AS "Mentor ID", CASE WHEN withdrawn THEN 'Withdrawn' ELSE 'Completed' END AS "Status"
      FROM mentee_rows
      UNION ALL
      SELECT k, 1, id, 'Mentor', cohort, strftime(start, '%Y-%m-%d'), strftime(start + 183, '%Y-%m-%d'), NULL, 'Completed' FROM mentors)
    ORDER BY k, o, "Employee ID"`;
}

/** Long form, 8 items per response, responses in wave order; respondents were hired by the wave. */
function surveySql(rows: number): string {
  const responses = Math.ceil(rows / 8);
  return `SELECT 'R_' || lpad((r + 1)::VARCHAR, 8, '0') AS "Response ID", ${empId('e')} AS "Employee ID",
      strftime(wave_day + (${u('r', 21)} * 14)::INTEGER + INTERVAL (25200 + (${u('r', 22)} * 36000)::INTEGER) SECOND, '%Y-%m-%d %H:%M:%S') AS "Submitted At",
      'ENG' || (item + 1) AS "Question",
      CASE WHEN item = 5 THEN 6 - score ELSE score END AS "Score"
    FROM (
      SELECT *, greatest(1, least(5, round(3.4 + 1.2 * ${trait('e', 30)} + (${u('i', 23)} - 0.5) * 2.6)))::INTEGER AS score
      FROM (
        SELECT *, least(${PEOPLE - 1}, floor(${u('r', 20)} * greatest(100, least(${PEOPLE}, (wave_day - DATE '${FIRST_HIRE}') * ${PEOPLE} // ${HIRE_SPAN_DAYS}))))::BIGINT AS e
        FROM (
          SELECT i, i // 8 AS r, i % 8 AS item, DATE '2019-01-07' + ((i // 8) * ${WAVES} // ${responses} * 91)::INTEGER AS wave_day
          FROM range(${rows}) t(i))))`;
}

/** FY2020–FY2024, one review per person and year, dated 15 December, US style. */
function reviewsSql(rows: number): string {
  return `SELECT ${empId('p')} AS "Employee ID", 'FY' || y AS "Review Period", '12/15/' || y AS "Review Date",
      greatest(1, least(5, round(3 + 1.1 * ${trait('p', 40)} + (${u('i', 41)} - 0.5) * 2)))::INTEGER AS "Overall Rating",
      CASE WHEN p > 0 THEN ${empId('p // 9')} END AS "Reviewer ID"
    FROM (SELECT i, i % ${PEOPLE} AS p, 2020 + i // ${PEOPLE} AS y FROM range(${rows}) t(i))`;
}

export function cacheDir(duckdbVersion: string): string {
  const source = readFileSync(fileURLToPath(import.meta.url));
  const hash = createHash('sha256').update(source).update(duckdbVersion).digest('hex').slice(0, 12);
  return join(tmpdir(), 'mentor-impact-bench', hash);
}

async function copyTo(conn: DuckDBConnection, sql: string, path: string, log: (s: string) => void): Promise<void> {
  if (existsSync(path)) return;
  const started = performance.now();
  const tmp = `${path}.tmp`;
  rmSync(tmp, { force: true });
  await conn.run(`COPY (${sql}) TO '${tmp}' (FORMAT csv, HEADER true)`);
  renameSync(tmp, path);
  log(`  generated ${path} in ${((performance.now() - started) / 1000).toFixed(1)} s`);
}

/** Generates what is missing in the cache and returns the file paths. */
export async function generate(duckdbVersion: string, surveyRows: number[], log: (s: string) => void): Promise<BenchFiles> {
  const dir = cacheDir(duckdbVersion);
  mkdirSync(dir, { recursive: true });
  const files: BenchFiles = {
    dir,
    hris: join(dir, 'hris_export_200k.csv'),
    roster: join(dir, 'program_roster_5k.csv'),
    reviews: join(dir, 'performance_reviews_1m.csv'),
    surveys: new Map(surveyRows.map((n) => [n, join(dir, `engagement_survey_${n / 1e6}m.csv`)])),
  };
  const missing = [files.hris, files.roster, files.reviews, ...files.surveys.values()].filter((f) => !existsSync(f));
  if (missing.length === 0) return files;
  // Data of an older generator or DuckDB version is never read again.
  for (const old of readdirSync(join(dir, '..'))) if (/^[0-9a-f]{12}$/.test(old) && join(dir, '..', old) !== dir) rmSync(join(dir, '..', old), { recursive: true, force: true });
  const instance = await DuckDBInstance.create(':memory:', { autoinstall_known_extensions: 'false', autoload_known_extensions: 'false' });
  const conn = await instance.connect();
  try {
    await conn.run(`CREATE TEMP TABLE bench_people AS SELECT * EXCLUDE (term0) FROM (${PEOPLE_SQL})`);
    await copyTo(conn, hrisSql(), files.hris, log);
    await copyTo(conn, rosterSql(), files.roster, log);
    await copyTo(conn, reviewsSql(5 * PEOPLE), files.reviews, log);
    for (const [rows, path] of files.surveys) await copyTo(conn, surveySql(rows), path, log);
  } finally {
    conn.closeSync();
    instance.closeSync();
  }
  return files;
}
