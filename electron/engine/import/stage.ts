/**
 * Stage: the file read into DuckDB as text (readCsv.ts), and views of its data rows under
 * the extra header rows, which the later stages query. Everything staged is dropped
 * afterwards, whether the import landed or not.
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import { queryRows } from '../db';
import { EngineError } from '../errors';
import { runInterruptible, stageCsv } from './readCsv';
import type { StageOptions, StagedCsv } from './readCsv';
import { MI_CLEAN } from './sql';

/** The data rows, with __mi_line. */
export const DATA = '__mi_data';
/** DATA without __mi_line, for passes that do not need the line (no line-table join). */
export const PLAIN = '__mi_data_plain';
/** A wide file's rows, one per item answered (layout.ts). */
export const LONG = '__mi_long';

/** The import's connection; every statement run through it can be interrupted by the import's signal. */
export interface Runner {
  conn: DuckDBConnection;
  fileName: string;
  signal: AbortSignal | undefined;
  guard<T>(work: () => Promise<T>, onPercent?: (pct: number) => void): Promise<T>;
  query<T extends Record<string, unknown>>(sql: string): Promise<T[]>;
}

export function runner(conn: DuckDBConnection, fileName: string, signal: AbortSignal | undefined): Runner {
  const guard = <T>(work: () => Promise<T>, onPercent?: (pct: number) => void) => runInterruptible(conn, fileName, signal, work, onPercent);
  return { conn, fileName, signal, guard, query: (sql) => guard(() => queryRows(conn, sql)) };
}

/** Runs `work` on the staged file, then drops the staged tables and views. */
export async function withStagedFile<T>(conn: DuckDBConnection, opts: StageOptions & { fileName: string }, work: (staged: StagedCsv) => Promise<T>): Promise<T> {
  await conn.run(MI_CLEAN);
  // DuckDB reports query progress only with its progress bar enabled. When db.ts has locked the
  // configuration this SET is refused (db.ts must then SET it before locking): not an error, the
  // load and write phases are then reported without byte or row counts.
  const progressSet = opts.onProgress
    ? await conn.run('SET enable_progress_bar = true; SET enable_progress_bar_print = false').then(() => true, () => false)
    : false;
  let staged: StagedCsv | undefined;
  try {
    staged = await stageCsv(conn, { ...opts, missingAsNull: true });
    if (staged.rowCount === 0) throw new EngineError('empty_file', `${opts.fileName}: the file has a header but no data rows`, { file: opts.fileName, line: 2 });
    return await work(staged);
  } finally {
    await conn.run(`DROP VIEW IF EXISTS ${LONG}; DROP VIEW IF EXISTS ${DATA}; DROP VIEW IF EXISTS ${PLAIN}`).catch(() => undefined);
    await staged?.dispose().catch(() => undefined);
    if (progressSet) await conn.run('RESET enable_progress_bar; RESET enable_progress_bar_print').catch(() => undefined);
  }
}

/** DATA and PLAIN: the staged rows under the `skip` extra header rows. */
export async function selectDataRows(conn: DuckDBConnection, staged: StagedCsv, skip: number): Promise<void> {
  const { fileName } = staged;
  if (skip >= staged.rowCount) throw new EngineError('empty_file', `${fileName}: the file has no data rows under its ${skip + 1} header rows`, { file: fileName, line: skip + 2 });
  await conn.run(`CREATE OR REPLACE TEMP VIEW ${DATA} AS SELECT * FROM ${staged.view} WHERE __mi_r >= ${skip}`);
  await conn.run(`CREATE OR REPLACE TEMP VIEW ${PLAIN} AS SELECT * FROM ${staged.plainView} WHERE __mi_r >= ${skip}`);
}
