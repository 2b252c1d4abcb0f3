import { describe, expect, it } from 'vitest';
import type { Cell, TablePreview } from '../../shared/domain';
import type { Result } from '../../shared/result';
import { scanImportRejects } from '../../renderer/src/analysis/rejectsScan';

const COLUMNS = ['reject_id', 'import_id', 'line', 'column', 'value', 'reason'];

/** import_rejects as the engine pages it: (import, line, column) order. */
function table(rows: Cell[][]) {
  const reads: number[] = [];
  const page = async (offset: number, limit: number): Promise<Result<TablePreview>> => {
    reads.push(offset);
    return { ok: true, value: { table: 'import_rejects', columns: COLUMNS, rows: rows.slice(offset, offset + limit), total: rows.length, offset } };
  };
  return { page, reads };
}

describe('scanImportRejects', () => {
  it('keeps every rejected value of one import — several per line for a wide survey — and stops at the next import', async () => {
    const rows: Cell[][] = [
      [1, 1, 7, 'Hire Date', 'soon', 'unparseable date'],
      [2, 2, 3, 'Q2', '9', 'score outside the scale 1..5'],
      [3, 2, 3, 'Q5', 'x', 'not a number'],
      [4, 2, 8, 'Q1', '0', 'score outside the scale 1..5'],
      ...Array.from({ length: 10 }, (_, k): Cell[] => [5 + k, 3, 2 + k, 'Role', 'boss', 'unknown role']),
    ];
    const { page, reads } = table(rows);
    const got = await scanImportRejects(2, page, { pageSize: 3 });
    // rowsRejected of import 2 is 2 (file lines 3 and 8); all three values are listed.
    expect(got).toEqual({
      ok: true,
      value: {
        columns: ['reject_id', 'line', 'column', 'value', 'reason'],
        rows: [
          [2, 3, 'Q2', '9', 'score outside the scale 1..5'],
          [3, 3, 'Q5', 'x', 'not a number'],
          [4, 8, 'Q1', '0', 'score outside the scale 1..5'],
        ],
        partial: false,
      },
    });
    expect(reads).toEqual([0, 3]);
  });

  it('says partial when the scan limit comes before the end of the import, and passes errors on', async () => {
    const rows = Array.from({ length: 50 }, (_, k): Cell[] => [k, 1, k + 2, 'Score', 'x', 'not a number']);
    const got = await scanImportRejects(1, table(rows).page, { pageSize: 10, limit: 20 });
    expect(got.ok && got.value.rows.length).toBe(20);
    expect(got.ok && got.value.partial).toBe(true);
    const whole = await scanImportRejects(1, table(rows).page, { pageSize: 10 });
    expect(whole.ok && [whole.value.rows.length, whole.value.partial]).toEqual([50, false]);
    const error = { ok: false as const, error: { code: 'no_project', message: 'No project is open' } };
    expect(await scanImportRejects(1, async () => error)).toEqual(error);
  });
});
