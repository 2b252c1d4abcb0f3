/**
 * Check: one pass over the data rows for the row count, the fully empty rows, which columns
 * have padded values (only those need trimming) and which wide-item candidates hold something
 * other than a score; then the plans' checks compiled into the SQL that splits valid rows
 * from rejects, which the write stage runs.
 */
import { quoteIdent, quoteLiteral } from '../db';
import { EngineError } from '../errors';
import type { FieldPlan } from './plan';
import type { StagedCsv } from './readCsv';
import { MAX_AGGREGATE_FLAGS, flaggedListSql } from './sql';
import type { Runner } from './stage';
import { DATA, LONG, PLAIN } from './stage';

export interface DataScan {
  /** Data rows, fully empty ones not counted. */
  rowsRead: number;
  emptyRows: number;
  /** SQL: the row is fully empty. */
  emptyRowSql: string;
  /** SQL of a source column's value, trimmed only when some value of it is padded. */
  clean(header: string): string;
  /** The candidates with a value that is not a score. */
  notScores: ReadonlySet<string>;
}

const padded = (x: string) => `prefix(${x}, ' ') OR suffix(${x}, ' ')`;

/** Flags i: column i has a padded value; columns.length + i: candidate i has a value that is not a score. */
async function scanFlags(run: Runner, columns: string[], candidates: string[], notScore: (x: string) => string) {
  const allNull = columns.map((c) => `${c} IS NULL`).join(' AND ');
  const conds = [...columns.map(padded), ...candidates.map(notScore)];
  if (conds.length <= MAX_AGGREGATE_FLAGS) {
    // A narrow file: one aggregate per flag, several times cheaper than building and
    // unnesting a list per row.
    const [row] = await run.query<Record<string, unknown>>(
      `SELECT count(*) AS total, count(*) FILTER (WHERE ${allNull}) AS nulls${conds.map((c, i) => `, bool_or(${c}) AS f${i}`).join('')} FROM ${PLAIN}`,
    );
    return row && { total: Number(row.total), nulls: Number(row.nulls), flagged: conds.flatMap((_, i) => (row[`f${i}`] === true ? [i] : [])) };
  }
  // Each row contributes -1 (so rows are counted once) and its flags.
  const flags = `list_concat(${flaggedListSql(columns, padded, 0)}, ${flaggedListSql(candidates, notScore, columns.length)})`;
  const [row] = await run.query<{ total: number; nulls: number; flagged: number[] | null }>(
    `SELECT count(*) FILTER (WHERE __mi_i = -1) AS total, count(*) FILTER (WHERE __mi_i = -1 AND __mi_e) AS nulls, list(DISTINCT __mi_i) FILTER (WHERE __mi_i >= 0) AS flagged
     FROM (SELECT __mi_e, unnest(list_prepend(-1, ${flags})) AS __mi_i
           FROM (SELECT ${allNull} AS __mi_e, * FROM ${PLAIN}))`,
  );
  return row;
}

export async function scanData(run: Runner, staged: StagedCsv, col: (header: string) => string, candidates: string[], notScore: (x: string) => string): Promise<DataScan> {
  const { columns } = staged;
  const agg = await scanFlags(run, columns.map(quoteIdent), candidates.map((h) => quoteIdent(col(h))), notScore);
  const flagged = new Set((agg?.flagged ?? []).map(Number));
  const needsTrim = new Set(columns.filter((_, i) => flagged.has(i)));
  // DuckDB already read the exact missing-value spellings as NULL; only padded cells need mi_clean.
  const cleanCol = (c: string) => (needsTrim.has(c) ? `mi_clean(${quoteIdent(c)})` : quoteIdent(c));
  const emptyRowSql = columns.map((c) => `${cleanCol(c)} IS NULL`).join(' AND ');
  const emptyRows = needsTrim.size
    ? Number((await run.query<{ n: number }>(`SELECT count(*) AS n FROM ${PLAIN} WHERE ${emptyRowSql}`))[0]?.n ?? 0)
    : Number(agg?.nulls ?? 0);
  const rowsRead = Number(agg?.total ?? 0) - emptyRows;
  const { fileName } = run;
  if (rowsRead === 0) throw new EngineError('empty_file', `${fileName}: the file has a header but no data rows (only empty ones)`, { file: fileName, line: 2 });
  return {
    rowsRead,
    emptyRows,
    emptyRowSql,
    clean: (header) => cleanCol(col(header)),
    notScores: new Set(candidates.filter((_, i) => flagged.has(columns.length + i))),
  };
}

/** The SQL that sorts the rows of `source` into valid ones and rejects. */
export interface RowChecks {
  /** SQL: the row fails none of the checks. */
  valid: string;
  /** INSERT of the rejected rows' first failed check into import_rejects. */
  rejectsSql(importId: number): string;
}

interface Check {
  cond: string;
  reason: string;
  /** The rejected column: a source header, '' for a constant, null for the item of a wide row. */
  column: string | null;
  raw: string;
}

const itemLevel = (p: FieldPlan) => p.source === '__mi_item' || p.source === '__mi_score';
const checksOf = (ps: FieldPlan[]): Check[] =>
  ps.flatMap((p) => p.checks.map(([cond, reason]) => ({ cond, reason, column: p.source === '__mi_score' ? null : p.source === '__mi_item' ? 'item' : p.source, raw: p.raw })));
const caseOf = (list: Check[], pick: (c: Check) => string) => (list.length ? `CASE ${list.map((c) => `WHEN ${c.cond} THEN ${pick(c)}`).join(' ')} END` : 'NULL');
// In a wide survey the rejected column is the item's own column.
const columnSql = (c: Check) => (c.column === null ? '__mi_item' : quoteLiteral(c.column || '(constant)'));
const anyOf = (list: Check[]) => (list.length ? list.map((c) => `(${c.cond})`).join(' OR ') : 'false');
const rejectSelect = (importId: number, list: Check[], from: string, where: string) =>
  `SELECT ${importId}, __mi_line, ${caseOf(list, columnSql)}, ${caseOf(list, (c) => c.raw)}, ${caseOf(list, (c) => quoteLiteral(c.reason))} FROM ${from} WHERE ${where}`;

/** Fully empty rows are skipped, not rejected. */
export function rowChecks(plans: FieldPlan[], wide: boolean, source: string, scan: DataScan): RowChecks {
  // In a wide survey a row's own fields (ID, date…) are checked once per row, the answers once per item.
  const rowLevel = checksOf(plans.filter((p) => !itemLevel(p)));
  const items = checksOf(plans.filter(itemLevel));
  const all = [...rowLevel, ...items];
  const notEmpty = scan.emptyRows > 0 ? ` AND NOT (${scan.emptyRowSql})` : '';
  const rejectsSql = (importId: number) =>
    wide
      ? `INSERT INTO import_rejects SELECT * FROM (
           ${rejectSelect(importId, rowLevel, DATA, `(${anyOf(rowLevel)})${notEmpty}`)}
           UNION ALL ${rejectSelect(importId, items, LONG, `NOT (${anyOf(rowLevel)}) AND (${anyOf(items)})`)}) ORDER BY 2`
      : `INSERT INTO import_rejects ${rejectSelect(importId, all, source, `(${anyOf(all)})${notEmpty}`)} ORDER BY __mi_line`;
  return { valid: `NOT (${anyOf(all)})`, rejectsSql };
}
