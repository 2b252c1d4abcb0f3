import type { DuckDBConnection } from '@duckdb/node-api';
import type { AnalysisConfig } from '../../../shared/analysis';
import { quoteLiteral } from '../db';
import { COMPARISON, GROUPS, PARTICIPANTS } from './population';

export type MeasureKind = 'performance' | 'survey';

/** One value per person per day: several measurements on a day count as their mean. */
function dailyValuesSql(kind: MeasureKind, config: AnalysisConfig): string {
  if (kind === 'performance') {
    return `SELECT employee_id, review_date AS d, avg(rating) AS v FROM performance_reviews GROUP BY ALL`;
  }
  const { scaleMin, scaleMax, reverseItems } = config.survey;
  const reversed = reverseItems.length
    ? `CASE WHEN item IN (${reverseItems.map(quoteLiteral).join(', ')}) THEN ${Number(scaleMin) + Number(scaleMax)} - score ELSE score END`
    : 'score';
  // A response's score is the mean of its items, reverse-coded ones flipped.
  return `SELECT employee_id, response_date AS d, avg(s) AS v FROM (
            SELECT response_id, employee_id, response_date, avg(${reversed}) AS s
            FROM survey_responses GROUP BY ALL) GROUP BY ALL`;
}

export interface GroupMeasures {
  /** Participants with both measurements, paired by position. */
  pairedBefore: number[];
  pairedAfter: number[];
  /** Everyone in the group with an after measurement. */
  after: number[];
  /** after - before for everyone with both. */
  change: number[];
}

export interface Measures {
  participants: GroupMeasures;
  comparison: GroupMeasures;
}

/** Before = latest in [index - preDays, index); after = earliest in [index + postStart, index + postEnd]. */
export async function measure(conn: DuckDBConnection, kind: MeasureKind, config: AnalysisConfig): Promise<Measures> {
  const reader = await conn.runAndReadAll(`
    WITH m AS (${dailyValuesSql(kind, config)})
    SELECT g.grp,
      arg_max(m.v, m.d) FILTER (WHERE m.d >= g.index_date - ${Number(config.preDays)} AND m.d < g.index_date) AS before,
      arg_min(m.v, m.d) FILTER (WHERE m.d >= g.index_date + ${Number(config.postStartDays)} AND m.d <= g.index_date + ${Number(config.postEndDays)}) AS after
    FROM ${GROUPS} g JOIN m USING (employee_id)
    GROUP BY g.grp, g.employee_id
    HAVING after IS NOT NULL
    ORDER BY g.grp, g.employee_id`);
  const empty = (): GroupMeasures => ({ pairedBefore: [], pairedAfter: [], after: [], change: [] });
  const out: Measures = { participants: empty(), comparison: empty() };
  const cols = reader.getColumnsJS();
  const [grp, before, after] = cols as [unknown[], (number | null)[], (number | null)[]];
  for (let i = 0; i < grp.length; i++) {
    const target = Number(grp[i]) === PARTICIPANTS ? out.participants : Number(grp[i]) === COMPARISON ? out.comparison : null;
    const a = after[i];
    if (!target || a === null || a === undefined) continue;
    target.after.push(a);
    const b = before[i];
    if (b !== null && b !== undefined) {
      target.pairedBefore.push(b);
      target.pairedAfter.push(a);
      target.change.push(a - b);
    }
  }
  return out;
}

export async function hasRows(conn: DuckDBConnection, table: string): Promise<boolean> {
  const reader = await conn.runAndReadAll(`SELECT EXISTS (SELECT 1 FROM ${table}) AS x`);
  return Boolean(reader.getRowsJS()[0]?.[0]);
}
