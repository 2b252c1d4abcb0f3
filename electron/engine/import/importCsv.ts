/**
 * CSV import as a pipeline: stage the file → detect its header rows → match columns →
 * settle the survey layout → check pass → plan every field → write in one transaction.
 * Everything per row happens inside DuckDB; JavaScript only plans the SQL and streams the
 * bytes once (see readCsv.ts).
 */
import { basename } from 'node:path';
import type { DuckDBConnection } from '@duckdb/node-api';
import type { ImportKind, ImportMode } from '../../../shared/domain';
import { KINDS } from '../../../shared/kinds';
import { EngineError } from '../errors';
import { KIND_RULES } from '../kinds';
import { rowChecks, scanData } from './check';
import { detectHeaderRows, suggestKind } from './detect';
import { checkMappingNames, duplicatesHint } from './dialect';
import { longView, notScoreSql, settleItems, surveyLayout } from './layout';
import { matchColumns } from './matchColumns';
import { dateFormats, extraColumns, planFields } from './plan';
import { cancelled } from './readCsv';
import type { StagedCsv } from './readCsv';
import { DATA, runner, selectDataRows, withStagedFile } from './stage';
import type { Runner } from './stage';
import type { ImportMapping, ImportResult, ProgressCallback } from './types';
import { writeImport } from './write';

export type { DetectedFormat, ImportMapping, ImportPhase, ImportProgress, ImportResult, ProgressCallback } from './types';

export interface ImportOptions {
  path: string;
  /** Name shown to the user and logged; defaults to the file's base name. */
  fileName?: string;
  kind: ImportKind;
  mapping?: ImportMapping;
  /** People imports: the export date; people without a termination date are censored there. */
  asOf?: string;
  mode?: ImportMode;
  /** Aborting interrupts the import; it then throws EngineError('cancelled') and the project is unchanged. */
  signal?: AbortSignal;
  /** Folder for a temporary UTF-8 copy (UTF-16, Windows-1252 or mixed line endings); defaults to the OS temp folder. */
  tempDir?: string;
  /** Validate only: everything runs inside the transaction, which is then rolled back (the project is unchanged). */
  dryRun?: boolean;
}

function validateOptions(fileName: string, kind: ImportKind, mapping: ImportMapping, asOf: string | undefined): void {
  const bad = (msg: string) => new EngineError('bad_mapping', `${fileName}: ${msg}`, { file: fileName });
  const specs = KINDS[kind].fields;
  for (const [field, value] of Object.entries(mapping.constants ?? {})) {
    const spec = specs.find((s) => s.name === field);
    if (!spec) throw bad(`the mapping gives a constant for an unknown field "${field}" (known: ${specs.map((s) => s.name).join(', ')})`);
    if (spec.type === 'date' && !/^\d{4}-\d{2}-\d{2}$/.test(value)) throw bad(`the constant for ${field} must be a date written YYYY-MM-DD`);
    if (typeof value !== 'string' || !value.trim()) throw bad(`the constant for ${field} is empty`);
  }
  for (const [word, role] of Object.entries(mapping.roles ?? {})) {
    if (role !== 'mentee' && role !== 'mentor') throw bad(`the mapping's roles must map "${word}" to "mentee" or "mentor"`);
  }
  if (mapping.scale && !(Number.isFinite(mapping.scale.min) && Number.isFinite(mapping.scale.max) && mapping.scale.min < mapping.scale.max)) {
    throw bad('the mapping\'s scale needs numbers min < max');
  }
  if (mapping.headerRowsToSkip !== undefined && !(Number.isInteger(mapping.headerRowsToSkip) && mapping.headerRowsToSkip >= 0)) {
    throw bad('headerRowsToSkip must be a whole number ≥ 0');
  }
  if (asOf !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(asOf)) {
    throw new EngineError('bad_input', `${fileName}: the as-of date must be written YYYY-MM-DD (got "${asOf}")`, { file: fileName });
  }
}

export async function importCsv(conn: DuckDBConnection, opts: ImportOptions, onProgress?: ProgressCallback): Promise<ImportResult> {
  const fileName = opts.fileName ?? basename(opts.path);
  const { kind, signal } = opts;
  validateOptions(fileName, kind, opts.mapping ?? {}, opts.asOf);
  if (signal?.aborted) throw cancelled(fileName);
  const stageOpts = { path: opts.path, fileName, signal, onProgress, tempDir: opts.tempDir };
  const result = await withStagedFile(conn, stageOpts, (staged) => load(runner(conn, fileName, signal), staged, opts, onProgress));
  // After the commit, once the staged file is gone (its memory with it); progress stays at 'write' meanwhile.
  if (!opts.dryRun) await KIND_RULES[kind].afterCommit?.(conn);
  onProgress?.({ phase: 'done', rowsDone: result.rowsLoaded });
  return result;
}

async function load(run: Runner, staged: StagedCsv, opts: ImportOptions, onProgress?: ProgressCallback): Promise<ImportResult> {
  const { conn, fileName } = run;
  const { kind } = opts;
  const mapping: ImportMapping = opts.mapping ?? {};
  const { headers } = staged;
  checkMappingNames(fileName, staged.headerLine, mapping, staged.duplicates);
  const colOf = new Map(headers.map((h, i) => [h, staged.columns[i]!]));
  const col = (header: string) => colOf.get(header)!;

  // Explicit mapping, then names and synonyms; constants stand in for absent columns.
  const matched = matchColumns(fileName, KINDS[kind].fields, headers, mapping.columns);
  const constants = new Map(Object.entries(mapping.constants ?? {}));
  for (const field of constants.keys()) matched.delete(field);
  const hint = () => duplicatesHint(staged.duplicates) || suggestKind(headers, kind);

  const skip = mapping.headerRowsToSkip ?? (await run.guard(() => detectHeaderRows(conn, staged, matched.get('employee_id'))));
  await selectDataRows(conn, staged, skip);

  const decimalComma = staged.delimiter !== ',';
  const notScore = notScoreSql(mapping, decimalComma);
  const layout = await surveyLayout(run, kind, headers, col, matched, mapping, notScore);
  onProgress?.({ phase: 'check', rowsDone: 0 });
  const scan = await scanData(run, staged, col, layout.candidates, notScore);
  const items = settleItems(run, kind, layout, scan.notScores, matched, [...constants.keys()], hint);

  const sources = { matched, constants, clean: scan.clean };
  const formats = await dateFormats(run, KINDS[kind].fields, mapping, sources);
  const plans = planFields(kind, mapping, sources, formats, decimalComma);
  const extras = extraColumns(kind, headers, new Set([...matched.values(), ...items]));
  const source = layout.wide ? await longView(run, headers, col, items) : DATA;

  const detected = {
    encoding: staged.encoding,
    delimiter: staged.delimiter,
    lineEndings: staged.lineEndings,
    headerRowsSkipped: skip,
    dateFormats: Object.fromEntries(formats),
    ...(KINDS[kind].wide ? { surveyLayout: layout.wide ? ('wide' as const) : ('long' as const) } : {}),
    ...(layout.wide ? { items } : {}),
  };
  const loggedMapping = { ...mapping, columns: Object.fromEntries([...matched].filter(([, v]) => !v.startsWith('__mi'))), headerRowsToSkip: skip, dateFormats: Object.fromEntries(formats), detected };
  const w = await writeImport(
    run,
    {
      kind,
      mode: opts.mode ?? 'replace',
      dryRun: opts.dryRun ?? false,
      asOf: opts.asOf,
      sha256: staged.sha256,
      plans,
      extras,
      clean: scan.clean,
      source,
      checks: rowChecks(plans, layout.wide, source, scan),
      wide: layout.wide,
      rowsRead: scan.rowsRead,
      loggedMapping,
    },
    onProgress,
  );
  return {
    importId: w.importId,
    kind,
    fileName,
    rowsRead: scan.rowsRead,
    rowsLoaded: w.rowsLoaded,
    rowsRejected: w.rowsRejected,
    rejects: w.rejects,
    ...(w.previousImportId ? { previousImportId: w.previousImportId } : {}),
    ...(w.duplicatesSkipped ? { duplicatesSkipped: w.duplicatesSkipped } : {}),
    ...(w.itemScores ? { itemScores: w.itemScores } : {}),
    ...(w.asOfDate ? { asOfDate: w.asOfDate } : {}),
    ...(scan.emptyRows ? { emptyRowsSkipped: scan.emptyRows } : {}),
    ...(staged.warnings.length ? { warnings: staged.warnings } : {}),
    detected,
    ...(w.rejectReasons ? { rejectReasons: w.rejectReasons } : {}),
  };
}
