import { existsSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import Papa from 'papaparse';
import { readFileSync } from 'node:fs';
import { queryRows } from '../../../electron/engine/db';
import { EngineError } from '../../../electron/engine/errors';
import type { Project } from '../../../electron/engine/project';
import { CANONICAL_TABLES } from '../../../shared/domain';

/** ../shared/public-data beside the checkout; absent in a user's fresh clone. */
export const PUBLIC_DATA = resolve(__dirname, '..', '..', '..', '..', 'shared', 'public-data');
export const HAVE_PUBLIC_DATA = existsSync(PUBLIC_DATA);
export const NO_PUBLIC_DATA_MESSAGE = `skipped: ${PUBLIC_DATA} is absent (it sits beside the checkout on the project's machines, not in a user's clone)`;

/** A suite title that says, when the public data is absent, why the suite was skipped. */
export const publicDataSuite = (name: string): string => (HAVE_PUBLIC_DATA ? name : `${name} (${NO_PUBLIC_DATA_MESSAGE})`);

export function fixture(dir: string, name: string, content: string | Buffer): string {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
}

export async function rows<T extends Record<string, unknown> = Record<string, unknown>>(project: Project, sql: string): Promise<T[]> {
  return queryRows<T>(project.conn, sql);
}

/** Every canonical table's full contents (sorted) and its columns: equal snapshots mean an unchanged project. */
export async function snapshot(project: Project): Promise<Record<string, { columns: string[]; rows: unknown[] }>> {
  const out: Record<string, { columns: string[]; rows: unknown[] }> = {};
  for (const table of CANONICAL_TABLES) {
    const columns = (await queryRows<{ column_name: string }>(project.conn, `SELECT column_name FROM (DESCRIBE "${table}")`)).map((r) => r.column_name);
    const data = await queryRows(project.conn, `SELECT * FROM "${table}" ORDER BY ALL`);
    out[table] = { columns, rows: data.map((r) => JSON.stringify(r, (_k, v: unknown) => (v instanceof Date ? v.toISOString() : v))) };
  }
  return out;
}

/** Resolves to the EngineError an import throws (fails the test if it does not throw one). */
export async function engineError(p: Promise<unknown>): Promise<EngineError> {
  try {
    await p;
  } catch (err) {
    if (err instanceof EngineError) return err;
    throw new Error(`expected an EngineError, got: ${err instanceof Error ? err.stack : String(err)}`, { cause: err });
  }
  throw new Error('expected the import to fail');
}

/** Records in a CSV counted independently of our reader (PapaParse, empty lines skipped), header excluded. */
export function papaRecords(path: string, delimiter?: string): string[][] {
  const text = readFileSync(path, 'utf8').replace(/^\uFEFF/, '');
  const parsed = Papa.parse<string[]>(text, { delimiter: delimiter ?? '', skipEmptyLines: true, dynamicTyping: false });
  return parsed.data.slice(1);
}
