/**
 * Privacy actions on an open project: purge the raw values of rejected cells,
 * delete the project's personal data, and rewrite the project file so that what was
 * deleted is not left behind in the file's free blocks (DuckDB reuses freed blocks but
 * does not clear them: after DELETE + CHECKPOINT the old bytes are still in the file).
 */
import { open, rename, rm, stat } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { DuckDBConnection } from '@duckdb/node-api';
import { queryRows, queryValue, quoteIdent, quoteLiteral } from '../db';
import { EngineError } from '../errors';
import { ensureSchema } from '../schema';

/**
 * Tables kept by "delete personal data": the project's settings (analysis configuration).
 * Every other table of the project file holds imported data or describes imported files
 * (the imports log: file names, checksums), and is emptied.
 */
export const KEPT_TABLES: ReadonlySet<string> = new Set(['project_settings']);

/** project_settings key recording when personal data was deleted and how many rows went. */
export const DELETION_RECORD_SETTING = 'personal_data_deleted';

async function inTransaction<T>(conn: DuckDBConnection, work: () => Promise<T>): Promise<T> {
  await conn.run('BEGIN TRANSACTION');
  try {
    const out = await work();
    await conn.run('COMMIT');
    return out;
  } catch (err) {
    await conn.run('ROLLBACK');
    throw err;
  }
}

/** Sets every raw value in import_rejects to NULL (line, column and reason stay); returns how many. */
export async function purgeRejectValues(conn: DuckDBConnection): Promise<number> {
  return inTransaction(conn, async () => {
    const n = Number(await queryValue(conn, 'SELECT count(*) FROM import_rejects WHERE value IS NOT NULL'));
    if (n > 0) await conn.run('UPDATE import_rejects SET value = NULL WHERE value IS NOT NULL');
    return n;
  });
}

/** The project's own tables (not temporary ones), by name. */
async function projectTables(conn: DuckDBConnection): Promise<string[]> {
  const rows = await queryRows<{ name: string }>(
    conn,
    `SELECT table_name AS name FROM duckdb_tables()
     WHERE database_name = current_database() AND schema_name = 'main' AND NOT temporary ORDER BY table_name`,
  );
  return rows.map((r) => r.name);
}

/**
 * Drops every table but KEPT_TABLES and recreates the canonical ones empty (so attribute
 * columns added by imports go too), and records the deletion.
 * One transaction. Returns the rows removed per table.
 */
export async function deletePersonalRows(conn: DuckDBConnection): Promise<Record<string, number>> {
  return inTransaction(conn, async () => {
    const tables = (await projectTables(conn)).filter((t) => !KEPT_TABLES.has(t));
    const rowsDeleted: Record<string, number> = {};
    for (const t of tables) {
      rowsDeleted[t] = Number(await queryValue(conn, `SELECT count(*) FROM ${quoteIdent(t)}`));
      await conn.run(`DROP TABLE ${quoteIdent(t)}`);
    }
    await ensureSchema(conn);
    await conn.run('INSERT OR REPLACE INTO project_settings VALUES (?, ?::JSON)', [
      DELETION_RECORD_SETTING,
      JSON.stringify({ deletedAt: new Date().toISOString(), rowsDeleted }),
    ]);
    return rowsDeleted;
  });
}

/** Where the rewritten copy of a project file is built (same folder: the rename stays atomic). */
export const compactCopyPath = (projectPath: string): string => `${projectPath}.compact-tmp`;

const COPY_ALIAS = '__mi_compact';

/**
 * Copies the open database into a fresh file beside it (only live data: the free blocks
 * that still hold deleted values are not copied). Returns the copy's path.
 */
export async function writeCompactCopy(conn: DuckDBConnection, projectPath: string): Promise<string> {
  const tmp = compactCopyPath(projectPath);
  await rm(tmp, { force: true });
  await rm(`${tmp}.wal`, { force: true });
  const source = await queryValue<string>(conn, 'SELECT current_database()');
  await conn.run(`ATTACH ${quoteLiteral(tmp)} AS ${COPY_ALIAS}`);
  try {
    await conn.run(`COPY FROM DATABASE ${quoteIdent(source)} TO ${COPY_ALIAS}`);
  } catch (err) {
    await conn.run(`DETACH ${COPY_ALIAS}`).catch(() => undefined);
    await rm(tmp, { force: true });
    throw err;
  }
  await conn.run(`DETACH ${COPY_ALIAS}`); // checkpoints the copy
  return tmp;
}

async function fsyncPath(path: string): Promise<void> {
  const fh = await open(path, 'r');
  try {
    await fh.sync();
  } finally {
    await fh.close();
  }
}

const nonEmpty = async (path: string) => ((await stat(path).catch(() => null))?.size ?? 0) > 0;

/**
 * Puts the copy in place of the (closed) project file with one atomic rename. Refuses when
 * either file still has a write-ahead log with content (it would be replayed onto the wrong file).
 */
export async function replaceWithCompactCopy(projectPath: string, copyPath: string): Promise<void> {
  if ((await nonEmpty(`${projectPath}.wal`)) || (await nonEmpty(`${copyPath}.wal`))) {
    await rm(copyPath, { force: true });
    throw new EngineError('rewrite_failed', `${projectPath}: the project could not be rewritten (its write-ahead log is not empty); the deletion is saved, try again`);
  }
  await rm(`${projectPath}.wal`, { force: true });
  await rm(`${copyPath}.wal`, { force: true });
  await fsyncPath(copyPath);
  await rename(copyPath, projectPath);
  // Make the rename itself durable where the platform allows it (not on Windows).
  await fsyncPath(dirname(projectPath)).catch(() => undefined);
}
