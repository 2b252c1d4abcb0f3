import type { DuckDBConnection, DuckDBMaterializedResult, DuckDBValue } from '@duckdb/node-api';

/** How a result column is read: int = INTEGER (null → NULL_INT), num = DOUBLE or UINTEGER (null → NaN). */
export type ColumnKind = 'int' | 'num';

/** Stands for a null INTEGER (no date, no value). */
export const NULL_INT = -2147483648;

/** The Unix epoch as a DuckDB date: `(d - EPOCH)::INTEGER` is a date as a day number. */
export const EPOCH = "DATE '1970-01-01'";

/** Day number (days since 1970-01-01) of a YYYY-MM-DD date. */
export function dayNumber(iso: string): number {
  return Math.round(Date.parse(`${iso}T00:00:00Z`) / 86_400_000);
}

export interface NumericColumns {
  rows: number;
  cols: (Int32Array | Float64Array)[];
}

/**
 * A vector's values as a typed array when it has no nulls: @duckdb/node-api keeps them in
 * `items` (not part of its typed API, so checked at run time; anything else takes getItem).
 */
function rawItems(vec: unknown, n: number): ArrayLike<number> | null {
  const v = vec as { items?: unknown; validity?: { data?: unknown } };
  if (!v.validity || v.validity.data !== null) return null;
  const items = v.items;
  if (!(items instanceof Int32Array || items instanceof Uint32Array || items instanceof Float64Array) || items.length < n) return null;
  return items.length === n ? items : items.subarray(0, n);
}

/**
 * Runs a query whose columns are all numeric (INTEGER, UINTEGER, DOUBLE) and reads them
 * into typed arrays, chunk by chunk (no JS value per cell: the large row sets of an
 * analysis go straight into the arrays the computations use).
 */
export async function readNumeric(conn: DuckDBConnection, sql: string, kinds: readonly ColumnKind[], params?: DuckDBValue[]): Promise<NumericColumns> {
  return readResult(await conn.run(sql, params), kinds);
}

/** readNumeric's reading part, for a query started earlier (conn.run) while other work went on. */
export function readResult(result: DuckDBMaterializedResult, kinds: readonly ColumnKind[]): NumericColumns {
  const rows = result.rowCount;
  const cols = kinds.map((k) => (k === 'int' ? new Int32Array(rows) : new Float64Array(rows)));
  let at = 0;
  for (let c = 0; c < result.chunkCount; c++) {
    const chunk = result.getChunk(c);
    const n = chunk.rowCount;
    kinds.forEach((kind, j) => {
      const vec = chunk.getColumnVector(j);
      const out = cols[j]!;
      const raw = rawItems(vec, n);
      if (raw && (kind === 'num' || raw instanceof Int32Array)) {
        out.set(raw as Int32Array, at);
        return;
      }
      const none = kind === 'int' ? NULL_INT : NaN;
      for (let i = 0; i < n; i++) {
        const v = vec.getItem(i);
        out[at + i] = v === null ? none : Number(v);
      }
    });
    at += n;
  }
  return { rows, cols };
}
