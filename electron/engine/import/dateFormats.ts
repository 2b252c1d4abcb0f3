import type { DuckDBConnection } from '@duckdb/node-api';
import { EngineError } from '../errors';
import { queryRows, quoteLiteral } from '../db';

/**
 * Date formats we recognise. 'iso' is DuckDB's own cast (dates and timestamps, with or
 * without offsets); 'excel' is an Excel serial day number (1900 system).
 */
export const DATE_CANDIDATES = [
  'iso',
  '%m/%d/%Y', '%m/%d/%Y %H:%M', '%m/%d/%Y %H:%M:%S', '%m/%d/%Y %I:%M %p', '%m/%d/%Y %I:%M:%S %p', '%m/%d/%y', '%m/%d/%y %H:%M',
  '%m-%d-%Y', '%m-%d-%y',
  '%d/%m/%Y', '%d/%m/%Y %H:%M', '%d/%m/%Y %H:%M:%S', '%d/%m/%y', '%d/%m/%y %H:%M',
  '%d.%m.%Y', '%d.%m.%Y %H:%M', '%d.%m.%Y %H:%M:%S', '%d.%m.%y',
  '%d-%m-%Y', '%d-%m-%Y %H:%M:%S', '%d-%m-%y', '%d-%m-%y %H:%M:%S',
  '%Y/%m/%d', '%Y/%m/%d %H:%M:%S', '%Y.%m.%d',
  '%d %b %Y', '%d-%b-%Y', '%d-%b-%y', '%b %d, %Y', '%B %d, %Y', '%d %B %Y',
  'excel',
] as const;

/** Month-first and day-first numeric formats are the ones a value like 03/04/2024 fits both of. */
const family = (fmt: string): 'us' | 'eu' | 'other' =>
  /^%m[/.-]%d/.test(fmt) ? 'us' : /^%d[/.-]%m/.test(fmt) ? 'eu' : 'other';

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
 * A date format from the mapping, tried once before any row is read: DuckDB refuses a bad
 * strftime pattern (`%`, `%Q`) for the whole statement, which inside the import's transaction
 * would abort it with no word of which column or format was wrong.
 */
export async function checkDateFormat(conn: DuckDBConnection, fileName: string, column: string, fmt: string): Promise<void> {
  if (fmt === 'iso' || fmt === 'excel') return;
  try {
    await conn.run(`SELECT try_strptime('2000-01-01', ${quoteLiteral(fmt)})`);
  } catch (err) {
    const why = (err instanceof Error ? err.message : String(err)).split('\n')[0]!.replace(/^[A-Za-z ]*Error: /, '');
    throw new EngineError(
      'bad_mapping',
      `${fileName}, column "${column}": the mapping's date format "${fmt}" is not a strftime format (${why}); write it with %Y, %m, %d, … or use "iso" or "excel"`,
      { file: fileName, column },
    );
  }
}

const SAMPLE_ROWS = 20_000;

/**
 * Picks one format per date column: the one that parses every value. Month/day against
 * day/month is decided by values that only one reading accepts (13/04/2024); when every
 * value fits both, another column of the file decides, and failing that the user must.
 *
 * `source` is a relation (a view name or a parenthesised subquery); `columns` are the
 * source column names (used in messages) with the SQL of their cleaned value. Every
 * candidate is tried on the first 20,000 rows; only the formats that did best there are
 * counted over the whole column, so a big file costs one or two parses per value.
 */
export async function detectDateFormats(
  conn: DuckDBConnection,
  source: string,
  fileName: string,
  columns: { name: string; expr: string }[],
): Promise<Map<string, string>> {
  const result = new Map<string, string>();
  if (columns.length === 0) return result;
  // Each candidate is tried once per distinct value of the sample (weighted by its count).
  const sample: Record<string, number> = {};
  for (const [ci, { expr }] of columns.entries()) {
    const selects = [`sum(k) AS n${ci}`, ...DATE_CANDIDATES.map((fmt, fi) => `coalesce(sum(k) FILTER (WHERE ${parseDateSql('v', fmt)} IS NULL), 0) AS f${ci}_${fi}`)];
    const [row] = await queryRows<Record<string, number>>(
      conn,
      `SELECT ${selects.join(', ')} FROM (SELECT v, count(*) AS k FROM (SELECT ${expr} AS v FROM ${source} LIMIT ${SAMPLE_ROWS}) WHERE v IS NOT NULL GROUP BY v)`,
    );
    for (const [k, v] of Object.entries(row ?? {})) sample[k] = Number(v ?? 0);
  }
  // Shortlist per column: the candidates with the fewest failures in the sample.
  const shortlist = columns.map((_, ci) => {
    const n = sample?.[`n${ci}`] ?? 0;
    const ranked = DATE_CANDIDATES.map((fmt, fi) => ({ fmt, fi, failures: sample?.[`f${ci}_${fi}`] ?? n }));
    const best = Math.min(...ranked.map((r) => r.failures));
    return { n, cands: ranked.filter((r) => r.failures === best) };
  });
  // Whole-column counts, only where the sample left a choice.
  const fullSelects: string[] = [];
  columns.forEach(({ expr: v }, ci) => {
    const s = shortlist[ci]!;
    if (s.cands.length < 2) return;
    fullSelects.push(`count(${v}) AS n${ci}`);
    for (const c of s.cands) fullSelects.push(`count(${v}) FILTER (WHERE ${parseDateSql(v, c.fmt)} IS NULL) AS f${ci}_${c.fi}`);
  });
  const [full] = fullSelects.length ? await queryRows<Record<string, number>>(conn, `SELECT ${fullSelects.join(', ')} FROM ${source}`) : [undefined];

  const ambiguous: { name: string; expr: string; ranked: { fmt: string; failures: number }[] }[] = [];
  const decidedFamilies = new Set<'us' | 'eu'>();
  columns.forEach(({ name, expr }, ci) => {
    const s = shortlist[ci]!;
    const n = s.cands.length >= 2 ? (full?.[`n${ci}`] ?? s.n) : s.n;
    if (n === 0 && s.n === 0) {
      result.set(name, 'iso');
      return;
    }
    const ranked = s.cands
      .map((c) => ({ fmt: c.fmt as string, failures: s.cands.length >= 2 ? (full?.[`f${ci}_${c.fi}`] ?? c.failures) : c.failures }))
      .sort((a, b) => a.failures - b.failures);
    const best = ranked[0]!.failures;
    const winners = ranked.filter((r) => r.failures === best);
    const fams = new Set(winners.map((w) => family(w.fmt)));
    if (fams.has('us') && fams.has('eu')) ambiguous.push({ name, expr, ranked });
    else {
      result.set(name, winners[0]!.fmt);
      const fam = family(winners[0]!.fmt);
      if (fam !== 'other') decidedFamilies.add(fam);
    }
  });
  for (const { name, expr, ranked } of ambiguous) {
    if (decidedFamilies.size === 1) {
      const fam = [...decidedFamilies][0];
      result.set(name, ranked.find((r) => family(r.fmt) === fam && r.failures === ranked[0]!.failures)!.fmt);
      continue;
    }
    const [first] = await queryRows<{ v: string }>(conn, `SELECT ${expr} AS v FROM ${source} WHERE ${expr} IS NOT NULL LIMIT 1`);
    throw new EngineError(
      'ambiguous_date',
      `${fileName}, column "${name}": dates like "${first?.v ?? ''}" read as month/day and as day/month; choose the date format (mapping "dateFormat": "%m/%d/%Y" or "%d/%m/%Y")`,
      { file: fileName, column: name },
    );
  }
  return result;
}
