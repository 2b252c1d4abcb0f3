import type { DuckDBConnection } from '@duckdb/node-api';
import { queryRows, queryValue, quoteIdent, quoteLiteral } from './db';

/**
 * A derived table of the survey, one row per response: (employee_id, response_date, n =
 * answers, i0, i1, … = the score of the k-th item, natural order, NULL when unanswered).
 *
 * Every analysis needs the answers grouped by response (a response's score is the mean of
 * its answers, some reverse-coded by the analysis settings). Grouping millions of answers
 * is most of an analysis's work, and it gives the same rows every time until the survey
 * changes, so each survey import groups them once and analyses read these rows instead
 * (analysis/surveyData.ts). Reverse coding stays an analysis setting: an item's column
 * holds its raw score.
 *
 * Kept only when it says everything: at most MAX_ITEMS items and no response answering an
 * item twice. Analyses use it only when project_settings' SETTING still describes the
 * survey table (its items, and a fingerprint of its rows), so rows changed any other way
 * (the DuckDB command line, personal-data deletion) make them group the answers
 * themselves again.
 */
export const RESPONSE_TABLE = 'survey_by_response';
const SETTING = 'survey_by_response';
/** Items beyond this: no table (one column per item). */
const MAX_ITEMS = 128;

/** Natural order for item names (ENG2 before ENG10). */
const natural = (a: string, b: string) => a.localeCompare(b, 'en', { numeric: true }) || (a < b ? -1 : a > b ? 1 : 0);

/** The survey's items, in natural name order (reading one dictionary-encoded column is cheap). */
export async function surveyItems(conn: DuckDBConnection): Promise<string[]> {
  const cols = (await conn.runAndReadAll('SELECT DISTINCT item FROM survey_responses')).getColumnsJS();
  return ((cols[0] ?? []) as string[]).map(String).sort(natural);
}

interface Stamp {
  items: string[];
  fingerprint: string;
  scores: ScoreRange;
}

/** The survey's scores: lowest, highest, and whether all are whole numbers. */
export interface ScoreRange {
  min: number;
  max: number;
  whole: boolean;
}

/**
 * Row count and sums that change when survey rows are added or removed, or their scores or
 * dates edited (numbers only: summing text would cost an analysis more than it saves).
 * The sum must come out the same every time: a sum of whole numbers does in any order, but
 * a parallel sum of other doubles can differ in its last bits from run to run, so those
 * scores are summed as (integer) hashes, which costs a few times more.
 */
async function fingerprint(conn: DuckDBConnection, wholeScores: boolean): Promise<string> {
  const scores = wholeScores ? 'sum(score)' : 'sum(hash(score))';
  const [row] = await queryRows(conn, `SELECT count(*) AS n, ${scores} AS s, sum(response_date - DATE '2000-01-01') AS d, sum(source_line) AS l, sum(import_id) AS i FROM survey_responses`);
  return JSON.stringify(row);
}

/** SQL: an item's column in RESPONSE_TABLE. */
export const itemColumn = (k: number) => quoteIdent(`i${k}`);

/**
 * Rebuilds RESPONSE_TABLE and its stamp from survey_responses, in one transaction. A
 * failure leaves the old table and stamp, which no longer match the survey: analyses then
 * group the answers themselves, so the import that called this still stands.
 */
export async function rebuildResponseTable(conn: DuckDBConnection): Promise<void> {
  await conn.run('BEGIN TRANSACTION; SET preserve_insertion_order = false'); // the rows need no order
  try {
    await rebuild(conn);
    await conn.run('COMMIT');
  } catch {
    await conn.run('ROLLBACK').catch(() => undefined);
  } finally {
    await conn.run('RESET preserve_insertion_order');
  }
}

async function rebuild(conn: DuckDBConnection): Promise<void> {
  const items = await surveyItems(conn);
  await conn.run(`DROP TABLE IF EXISTS ${RESPONSE_TABLE}; DELETE FROM project_settings WHERE key = ${quoteLiteral(SETTING)}`);
  if (items.length === 0 || items.length > MAX_ITEMS) return;
  const list = `[${items.map(quoteLiteral).join(', ')}]`;
  await conn.run(`
    CREATE TABLE ${RESPONSE_TABLE} AS
      SELECT employee_id, response_date, count(*)::INTEGER AS n${items.map((_, k) => `, sum(score) FILTER (WHERE k = ${k + 1}) AS ${itemColumn(k)}`).join('')}
      FROM (SELECT response_id, employee_id, response_date, score, list_position(${list}, item) AS k FROM survey_responses)
      GROUP BY response_id, employee_id, response_date`);
  // an item answered twice in one response would hide in its column's sum
  const repeated = await queryValue<boolean>(
    conn,
    `SELECT EXISTS (SELECT 1 FROM ${RESPONSE_TABLE} WHERE n <> ${items.map((_, k) => `(${itemColumn(k)} IS NOT NULL)::INTEGER`).join(' + ')})`,
  );
  if (repeated) {
    await conn.run(`DROP TABLE ${RESPONSE_TABLE}`);
    return;
  }
  const [scores] = await queryRows<{ min: number; max: number; whole: boolean }>(conn, 'SELECT min(score) AS min, max(score) AS max, bool_and(score = floor(score)) AS whole FROM survey_responses');
  const whole = scores!.whole === true;
  const stamp: Stamp = { items, fingerprint: await fingerprint(conn, whole), scores: { min: Number(scores!.min), max: Number(scores!.max), whole } };
  await conn.run('INSERT OR REPLACE INTO project_settings VALUES (?, ?::JSON)', [SETTING, JSON.stringify(stamp)]);
}

/**
 * When RESPONSE_TABLE holds the survey table's responses for these items (in this order):
 * the range of the survey's scores; else null.
 */
export async function responseTableCurrent(conn: DuckDBConnection, items: string[]): Promise<ScoreRange | null> {
  const value = await queryValue<string | null>(
    conn,
    `SELECT (SELECT value::VARCHAR FROM project_settings WHERE key = ${quoteLiteral(SETTING)}) WHERE EXISTS (SELECT 1 FROM duckdb_tables() WHERE database_name = current_database() AND schema_name = 'main' AND table_name = ${quoteLiteral(RESPONSE_TABLE)})`,
  );
  if (!value) return null;
  const stamp = JSON.parse(value) as Partial<Stamp>;
  const current = stamp.scores && JSON.stringify(stamp.items) === JSON.stringify(items) && stamp.fingerprint === (await fingerprint(conn, stamp.scores.whole));
  return current ? stamp.scores! : null;
}
