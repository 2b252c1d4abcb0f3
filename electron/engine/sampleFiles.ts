import { join } from 'node:path';
import type { DuckDBConnection } from '@duckdb/node-api';
import type { ImportKind } from '../../shared/domain';
import { importCsv } from './import/importCsv';

/** The committed demo exports (sample-data/README.md describes them). */
export const SAMPLE_FILES: Record<ImportKind, string> = {
  people: 'hris_export.csv',
  roster: 'program_roster.csv',
  survey: 'engagement_survey.csv',
  performance: 'performance_reviews.csv',
};

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
    await importCsv(conn, { path: join(dir, file), kind, ...(kind === 'people' ? { asOf } : {}) });
  }
}
