import { join } from 'node:path';
import type { DuckDBConnection } from '@duckdb/node-api';
import { IMPORT_KINDS, KINDS } from '../../shared/kinds';
import type { ImportKind } from '../../shared/kinds';
import { importCsv } from './import/importCsv';

/**
 * The committed demo exports (sample-data/README.md describes them), in import order: the
 * kinds with an as-of date (the HRIS export) first, then the others as declared.
 */
export const SAMPLE_FILES = Object.fromEntries(
  [...IMPORT_KINDS.filter((k) => KINDS[k].asOfDate), ...IMPORT_KINDS.filter((k) => !KINDS[k].asOfDate)].map((k) => [k, KINDS[k].sampleFile]),
) as Record<ImportKind, string>;

/** The sample HRIS export's date (sample-data/planted-effects.json). */
export const SAMPLE_AS_OF = '2025-09-30';

/** Imports the sample exports found in `dir`, skipping the kinds in `skip`. */
export async function importSampleData(
  conn: DuckDBConnection,
  dir: string,
  { skip = [], asOf = SAMPLE_AS_OF }: { skip?: ImportKind[]; asOf?: string } = {},
): Promise<void> {
  for (const [kind, file] of Object.entries(SAMPLE_FILES) as [ImportKind, string][]) {
    if (skip.includes(kind)) continue;
    await importCsv(conn, { path: join(dir, file), kind, ...(KINDS[kind].asOfDate ? { asOf } : {}) });
  }
}
