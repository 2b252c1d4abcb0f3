import { DuckDBConnection, DuckDBInstance } from '@duckdb/node-api';
import type { DuckDBValue } from '@duckdb/node-api';

/**
 * Personal data stays on this machine: DuckDB must never fetch an extension.
 * These are set at instance creation so no statement can run before them.
 */
const OFFLINE_OPTIONS: Record<string, string> = {
  autoinstall_known_extensions: 'false',
  autoload_known_extensions: 'false',
};

export async function openDatabase(path: string): Promise<{ instance: DuckDBInstance; conn: DuckDBConnection }> {
  // One instance per file per process: a second read-write instance would hit DuckDB's file lock.
  const instance = await DuckDBInstance.fromCache(path, OFFLINE_OPTIONS);
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
