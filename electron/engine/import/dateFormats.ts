import type { DuckDBConnection } from '@duckdb/node-api';
import { EngineError } from '../errors';
import { queryRows, quoteIdent, quoteLiteral } from '../db';

/**
 * Date formats we recognise. 'iso' is DuckDB's own cast (dates and timestamps, with or
 * without offsets); 'excel' is an Excel serial day number (1900 system).
 */
export const DATE_CANDIDATES = [
  'iso',
  '%m/%d/%Y', '%m/%d/%Y %H:%M', '%m/%d/%Y %H:%M:%S', '%m/%d/%Y %I:%M %p', '%m/%d/%Y %I:%M:%S %p', '%m/%d/%y',
  '%d/%m/%Y', '%d/%m/%Y %H:%M', '%d/%m/%Y %H:%M:%S', '%d.%m.%Y', '%d.%m.%Y %H:%M', '%d-%m-%Y', '%d/%m/%y',
  '%Y/%m/%d',
  'excel',
] as const;

const family = (fmt: string): 'us' | 'eu' | 'other' =>
  fmt.startsWith('%m/') ? 'us' : fmt.startsWith('%d') ? 'eu' : 'other';

/** SQL turning the cleaned text expression `v` into a DATE (NULL when it does not parse). */
export function parseDateSql(v: string, fmt: string): string {
  if (fmt === 'iso') return `TRY_CAST(TRY_CAST(${v} AS TIMESTAMP) AS DATE)`;
  if (fmt === 'excel') {
    // Serial 60 is Excel's phantom 1900-02-29; real exports are far past it.
    return `CASE WHEN regexp_full_match(${v}, '\\d{4,5}(\\.\\d+)?') AND TRY_CAST(${v} AS DOUBLE) BETWEEN 61 AND 2958465 THEN DATE '1899-12-30' + CAST(floor(TRY_CAST(${v} AS DOUBLE)) AS INTEGER) END`;
  }
  return `TRY_CAST(try_strptime(${v}, ${quoteLiteral(fmt)}) AS DATE)`;
}

/**
 * Picks one format per date column: the one that parses every value. Month/day against
 * day/month is decided by values that only one reading accepts (13/04/2024); when every
 * value fits both, another column of the file decides, and failing that the user must.
 */
export async function detectDateFormats(
  conn: DuckDBConnection,
  stage: string,
  fileName: string,
  columns: string[],
  clean: (col: string) => string,
): Promise<Map<string, string>> {
  const result = new Map<string, string>();
  if (columns.length === 0) return result;
  const selects: string[] = [];
  columns.forEach((col, ci) => {
    const v = clean(col);
    selects.push(`count(${v}) AS n${ci}`);
    DATE_CANDIDATES.forEach((fmt, fi) => selects.push(`count(${v}) FILTER (WHERE ${parseDateSql(v, fmt)} IS NULL) AS f${ci}_${fi}`));
  });
  const [row] = await queryRows<Record<string, number>>(conn, `SELECT ${selects.join(', ')} FROM ${quoteIdent(stage)}`);
  const ambiguous: string[] = [];
  const decidedFamilies = new Set<'us' | 'eu'>();
  const perColumn = new Map<string, { fmt: string; failures: number }[]>();
  columns.forEach((col, ci) => {
    const n = row?.[`n${ci}`] ?? 0;
    const ranked = DATE_CANDIDATES.map((fmt, fi) => ({ fmt, failures: row?.[`f${ci}_${fi}`] ?? n })).sort((a, b) => a.failures - b.failures);
    perColumn.set(col, ranked);
    if (n === 0) {
      result.set(col, 'iso');
      return;
    }
    const best = ranked[0]!.failures;
    const winners = ranked.filter((r) => r.failures === best);
    const fams = new Set(winners.map((w) => family(w.fmt)));
    if (fams.has('us') && fams.has('eu')) ambiguous.push(col);
    else {
      result.set(col, winners[0]!.fmt);
      const fam = family(winners[0]!.fmt);
      if (fam !== 'other') decidedFamilies.add(fam);
    }
  });
  for (const col of ambiguous) {
    if (decidedFamilies.size === 1) {
      const fam = [...decidedFamilies][0];
      const ranked = perColumn.get(col)!;
      result.set(col, ranked.find((r) => family(r.fmt) === fam && r.failures === ranked[0]!.failures)!.fmt);
      continue;
    }
    const [sample] = await queryRows<{ v: string }>(conn, `SELECT ${clean(col)} AS v FROM ${quoteIdent(stage)} WHERE ${clean(col)} IS NOT NULL LIMIT 1`);
    throw new EngineError(
      'ambiguous_date',
      `${fileName}, column "${col}": dates like "${sample?.v ?? ''}" read as month/day and as day/month; choose the date format (mapping "dateFormat": "%m/%d/%Y" or "%d/%m/%Y")`,
      { file: fileName, column: col },
    );
  }
  return result;
}
