/**
 * Write: the valid rows into the kind's canonical table, the rejects into import_rejects and
 * the import into the log, in one transaction: it lands whole or not at all. A dry run reads
 * what it wrote and rolls it back.
 */
import type { ImportKind, ImportMode } from '../../../shared/domain';
import { KINDS, TRACE_COLUMNS } from '../../../shared/kinds';
import { queryRows, queryValue, quoteIdent } from '../db';
import { EngineError } from '../errors';
import { KIND_RULES } from '../kinds';
import { tableColumnsSql } from '../schema';
import type { RowChecks } from './check';
import type { Extra, FieldPlan } from './plan';
import { cancelled } from './readCsv';
import type { Runner } from './stage';
import type { ImportResult, ProgressCallback } from './types';

/** Rejects returned inline; all of them stay in import_rejects. */
const REJECTS_RETURNED = 10_000;
/** Replace imports adding or dropping more extra columns than this recreate the table instead of altering it. */
const REBUILD_AFTER = 100;

export interface WriteJob {
  kind: ImportKind;
  mode: ImportMode;
  dryRun: boolean;
  /** People imports: the as-of date given. */
  asOf?: string;
  sha256: string;
  plans: FieldPlan[];
  extras: Extra[];
  /** SQL of a source column's value (check.ts). */
  clean(header: string): string;
  /** The view the plans read: the data rows, or a wide file's answers. */
  source: string;
  checks: RowChecks;
  wide: boolean;
  rowsRead: number;
  /** What the log keeps as the import's mapping. */
  loggedMapping: object;
}

interface Counts {
  rowsLoaded: number;
  rowsRejected: number;
  duplicatesSkipped: number;
  itemScores?: { loaded: number; rejected: number };
}

export interface Written extends Counts, Pick<ImportResult, 'rejects' | 'rejectReasons'> {
  importId: number;
  /** The last import of the same file as the same kind. */
  previousImportId?: number;
  asOfDate?: string;
}

const step = async (run: Runner, sql: string, onPercent?: (pct: number) => void) => Number((await run.guard(() => run.conn.run(sql), onPercent)).rowsChanged);

/**
 * Schema changes come first: DuckDB 1.5 refuses to commit a transaction that deletes rows of
 * a table and then alters it ("another transaction has altered this table").
 */
async function prepareTable(run: Runner, job: WriteJob): Promise<void> {
  const { kind, mode, extras } = job;
  const table = quoteIdent(KINDS[kind].table);
  let rebuilt = false;
  if (mode === 'replace') {
    const existing = (await queryRows<{ column_name: string }>(run.conn, `SELECT column_name FROM (DESCRIBE ${table})`)).map((r) => r.column_name);
    const have = new Set(existing);
    const keep = new Set([...KINDS[kind].fields.map((s) => s.name), ...TRACE_COLUMNS, ...extras.map((e) => e.name)]);
    const dropped = existing.filter((col) => !keep.has(col));
    // Each ALTER copies the table's whole column list, so thousands of them are quadratic:
    // with many columns to add or drop the (emptied anyway) table is recreated instead.
    if (dropped.length + extras.filter((e) => !have.has(e.name)).length > REBUILD_AFTER) {
      await step(run, `DROP TABLE ${table}`);
      await step(run, `CREATE TABLE ${table} (${tableColumnsSql(kind)}${extras.map((e) => `, ${quoteIdent(e.name)} VARCHAR`).join('')})`);
      rebuilt = true;
    } else {
      for (const col of dropped) await step(run, `ALTER TABLE ${table} DROP COLUMN ${quoteIdent(col)}`);
    }
  }
  if (!rebuilt) for (const e of extras) await step(run, `ALTER TABLE ${table} ADD COLUMN IF NOT EXISTS ${quoteIdent(e.name)} VARCHAR`);
  if (mode === 'replace' && !rebuilt) await step(run, `DELETE FROM ${table}`);
}

function insertSql(job: WriteJob, importId: number): string {
  const { plans, extras, clean, source, checks } = job;
  const table = quoteIdent(KINDS[job.kind].table);
  const fieldNames = plans.map((p) => p.spec.name);
  const selectValid = `SELECT ${[...plans.map((p, i) => `${p.parsed} AS c${i}`), ...extras.map((e, i) => `${clean(e.source)} AS e${i}`)].join(', ')}, ${importId} AS __mi_id, __mi_line AS __mi_l
       FROM ${source} WHERE ${checks.valid}`;
  const insertInto = `INSERT INTO ${table} (${[...fieldNames, ...extras.map((e) => e.name), ...TRACE_COLUMNS].map(quoteIdent).join(', ')})`;
  return job.mode === 'append'
    ? `${insertInto} SELECT * FROM (${selectValid}) v
       WHERE NOT EXISTS (SELECT 1 FROM ${table} t WHERE ${fieldNames.map((c, i) => `t.${quoteIdent(c)} IS NOT DISTINCT FROM v.c${i}`).join(' AND ')})`
    : `${insertInto} ${selectValid}`;
}

async function insertRows(run: Runner, job: WriteJob, importId: number, onProgress?: ProgressCallback): Promise<number> {
  const expected = job.wide ? undefined : job.rowsRead;
  const onPercent = onProgress ? (pct: number) => onProgress({ phase: 'write', rowsDone: expected ? Math.round((pct / 100) * expected) : undefined }) : undefined;
  // Rows need no order in the table (each keeps its file line in source_line). Kept in
  // order, DuckDB's parallel insert writes batches that the next CHECKPOINT rewrites whole,
  // which costs as much again as the insert.
  // Reset after the insert, or after the ROLLBACK in writeImport when it failed: a statement
  // run on the aborted transaction would fail too ("Current transaction is aborted") and hide why.
  await run.conn.run('SET preserve_insertion_order = false');
  const loaded = await step(run, insertSql(job, importId), onPercent);
  await run.conn.run('RESET preserve_insertion_order');
  return loaded;
}

/**
 * An error while writing the project, said plainly: a full disk names the file being imported
 * and says that nothing of it was kept (the transaction was rolled back).
 */
function writeError(err: unknown, fileName: string): unknown {
  if (err instanceof EngineError) return err;
  const message = err instanceof Error ? err.message : String(err);
  if (/No space left on device|ENOSPC|disk is full/i.test(message)) {
    const detail = message.split('\n')[0]!.replace(/^[A-Za-z ]*Error: /, '');
    return new EngineError('disk_full', `${fileName}: the disk is full, so the project could not be written (${detail}); the import was rolled back: free some space and import again`, { file: fileName });
  }
  return err;
}

/** Rows loaded and rejected, counted as rows of the file. */
async function writeRows(run: Runner, job: WriteJob, importId: number, onProgress?: ProgressCallback): Promise<Counts> {
  const { wide, rowsRead, checks } = job;
  const loaded = await insertRows(run, job, importId, onProgress);
  const valid = job.mode === 'append' ? Number((await run.query<{ n: number }>(`SELECT count(*) AS n FROM ${job.source} WHERE ${checks.valid}`))[0]?.n ?? 0) : loaded;
  // One row per record (not wide): when every record was valid there is nothing to reject,
  // and the pass that looks for rejects can be skipped.
  const rejected = !wide && valid === rowsRead ? 0 : await step(run, checks.rejectsSql(importId));
  const counts = { rowsLoaded: loaded, rowsRejected: rejected, duplicatesSkipped: valid - loaded };
  if (!wide) return counts;
  // The summary's counts are of file rows; a wide row holds many item scores, counted apart.
  const [c] = await run.query<{ loaded: number; rejected: number }>(
    `SELECT (SELECT count(DISTINCT source_line) FROM ${quoteIdent(KINDS[job.kind].table)} WHERE import_id = ${importId}) AS loaded, (SELECT count(DISTINCT line) FROM import_rejects WHERE import_id = ${importId}) AS rejected`,
  );
  return { ...counts, rowsLoaded: Number(c?.loaded ?? 0), rowsRejected: Number(c?.rejected ?? 0), itemScores: { loaded, rejected } };
}

const readRejects = (run: Runner, importId: number) =>
  queryRows<{ line: number; column: string; value: string; reason: string }>(
    run.conn,
    `SELECT line, "column", coalesce(value, '') AS value, reason FROM import_rejects WHERE import_id = ? ORDER BY line, rowid LIMIT ${REJECTS_RETURNED}`,
    [importId],
  );

async function readRejectReasons(run: Runner, importId: number): Promise<{ reason: string; column: string; count: number }[]> {
  const rows = await queryRows<{ reason: string; column: string; n: number }>(
    run.conn,
    `SELECT reason, coalesce("column", '') AS "column", count(*) AS n FROM import_rejects WHERE import_id = ? GROUP BY ALL ORDER BY n DESC, reason`,
    [importId],
  );
  return rows.map((r) => ({ reason: r.reason, column: r.column, count: Number(r.n) }));
}

export async function writeImport(run: Runner, job: WriteJob, onProgress?: ProgressCallback): Promise<Written> {
  const { conn, fileName, signal } = run;
  const { kind } = job;
  const importId = Number(await queryValue(conn, 'SELECT coalesce(max(import_id), 0) + 1 FROM imports'));
  const previous = await queryValue<number | undefined>(conn, 'SELECT max(import_id) FROM imports WHERE sha256 = ? AND kind = ?', [job.sha256, kind]);
  if (signal?.aborted) throw cancelled(fileName);
  onProgress?.({ phase: 'write', rowsDone: 0 });
  await conn.run('BEGIN TRANSACTION');
  let counts: Counts;
  let asOfDate: string | undefined;
  let dryRun: Pick<Written, 'rejects' | 'rejectReasons'> | undefined;
  try {
    await prepareTable(run, job);
    // Reported after the replace-mode DELETE (tests inject a failure here to prove atomicity).
    onProgress?.({ phase: 'write', rowsDone: 0 });
    counts = await writeRows(run, job, importId, onProgress);
    asOfDate = await KIND_RULES[kind].asOfDate?.(conn, importId, job.plans, job.asOf);
    if (signal?.aborted) throw cancelled(fileName);
    await conn.run(
      `INSERT INTO imports VALUES (?, ?, ?, ?, ?, ?, ?, ?, now()::TIMESTAMP, ${asOfDate ? 'CAST(? AS DATE)' : 'NULL'})`,
      [importId, kind, fileName, job.sha256, job.rowsRead, counts.rowsLoaded, counts.rowsRejected, JSON.stringify(job.loggedMapping), ...(asOfDate ? [asOfDate] : [])],
    );
    onProgress?.({ phase: 'write', rowsDone: counts.rowsLoaded });
    if (job.dryRun) {
      dryRun = { rejects: await readRejects(run, importId), rejectReasons: await readRejectReasons(run, importId) };
      await conn.run('ROLLBACK');
    } else await conn.run('COMMIT');
  } catch (err) {
    await conn.run('ROLLBACK').catch(() => undefined);
    await conn.run('RESET preserve_insertion_order').catch(() => undefined);
    throw writeError(err, fileName);
  }
  const rejects = dryRun?.rejects ?? (await readRejects(run, importId));
  return { ...counts, importId, previousImportId: previous ? Number(previous) : undefined, asOfDate, rejects, rejectReasons: dryRun?.rejectReasons };
}
