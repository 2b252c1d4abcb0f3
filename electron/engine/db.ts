import { DuckDBConnection, DuckDBInstance } from '@duckdb/node-api';
import type { DuckDBValue } from '@duckdb/node-api';

/**
 * Personal data stays on this machine: DuckDB must never fetch anything. Set at instance
 * creation, so no statement runs before them, and locked, so no later statement can undo them.
 * - no automatic install or load of extensions (read_csv('https://…') fails at once);
 * - no community extensions;
 * - every HTTP request DuckDB itself would make (an explicit `INSTALL`, which ignores the
 *   settings above) goes to a proxy on a closed loopback port, so it is refused on this
 *   machine and nothing leaves it;
 * - lock_configuration: a later `SET` fails ("the configuration has been locked"), except
 *   for the harmless settings in allowed_configs (the import turns DuckDB's progress bar on,
 *   without printing, to read query progress, and lets its bulk INSERT write rows out of order).
 * test/security/network.test.ts proves each of these on an opened project.
 */
export const DUCKDB_OPTIONS: Readonly<Record<string, string>> = {
  // A 20M-row import stages ~2 GB of text: past this DuckDB spills to <project>.duckdb.tmp
  // instead, so the whole process stays under 1.5 GiB.
  memory_limit: '1GB',
  autoinstall_known_extensions: 'false',
  autoload_known_extensions: 'false',
  allow_community_extensions: 'false',
  http_proxy: '127.0.0.1:9',
  allowed_configs: '[enable_progress_bar, enable_progress_bar_print, preserve_insertion_order]',
  lock_configuration: 'true',
};

export async function openDatabase(path: string, readOnly = false): Promise<{ instance: DuckDBInstance; conn: DuckDBConnection }> {
  // One instance per file per process: a second read-write instance would hit DuckDB's file lock.
  // Read-only (analyze, report): a project on a read-only disk or without write permission opens.
  const instance = await DuckDBInstance.fromCache(path, { ...DUCKDB_OPTIONS, ...(readOnly ? { access_mode: 'READ_ONLY' } : {}) });
  const conn = await instance.connect();
  return { instance, conn };
}

export type Row = Record<string, unknown>;

/** JSON cannot carry bigint: convert at the boundary; dates become ISO strings. */
function plain(v: unknown): unknown {
  if (typeof v === 'bigint') return Number(v);
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  if (Array.isArray(v)) return v.map(plain);
  return v;
}

export async function queryRows<T extends Row = Row>(conn: DuckDBConnection, sql: string, params?: DuckDBValue[]): Promise<T[]> {
  const reader = await conn.runAndReadAll(sql, params);
  return reader.getRowObjectsJS().map((r) => {
    const out: Row = {};
    for (const [k, v] of Object.entries(r)) out[k] = plain(v);
    return out as T;
  });
}

export async function queryValue<T = unknown>(conn: DuckDBConnection, sql: string, params?: DuckDBValue[]): Promise<T> {
  const rows = await queryRows(conn, sql, params);
  const first = rows[0];
  return (first ? Object.values(first)[0] : undefined) as T;
}

export function quoteIdent(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

export function quoteLiteral(value: string): string {
  return `'${value.replaceAll("'", "''")}'`;
}
