import type { Cell, TablePreview } from '../../../shared/domain';
import type { Result } from '../../../shared/result';

/** One import's rejected rows, without the import_id column. */
export interface ImportRejects {
  columns: string[];
  rows: Cell[][];
  /** True when the scan stopped at its limit before the end of this import's rows. */
  partial: boolean;
}

/**
 * Collects one import's rows from import_rejects, which the contract pages as a whole in
 * (import, line, column) order: reads pages until a later import's rows (or the end, or
 * `limit` rows) come. Not counted against the import's rowsRejected, which counts file rows:
 * one row of a wide survey can hold several rejected values.
 */
export async function scanImportRejects(
  importId: number,
  page: (offset: number, limit: number) => Promise<Result<TablePreview>>,
  { pageSize = 1000, limit = 20_000 } = {},
): Promise<Result<ImportRejects>> {
  const found: Cell[][] = [];
  let columns: string[] = [];
  let offset = 0;
  let total = Infinity;
  let past = false;
  while (offset < total && offset < limit && !past) {
    const res = await page(offset, pageSize);
    if (!res.ok) return res;
    columns = res.value.columns;
    total = res.value.total;
    const idx = columns.indexOf('import_id');
    for (const row of res.value.rows) {
      const id = Number(row[idx]);
      if (id === importId) found.push(row);
      else if (id > importId) past = true;
    }
    offset += pageSize;
  }
  const keep = columns.map((c, i) => (c === 'import_id' ? -1 : i)).filter((i) => i >= 0);
  return {
    ok: true,
    value: { columns: keep.map((i) => columns[i]!), rows: found.map((r) => keep.map((i) => r[i] ?? null)), partial: !past && offset < total },
  };
}
