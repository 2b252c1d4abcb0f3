/** Domain types shared by engine, transports and renderer. */
import { KIND_TABLES, LOG_TABLES } from './kinds';
import type { ImportKind, KindTable } from './kinds';

export { IMPORT_KINDS, KIND_TABLE } from './kinds';
export type { ImportKind } from './kinds';

export type CanonicalTable = KindTable | (typeof LOG_TABLES)[number];
export const CANONICAL_TABLES: readonly CanonicalTable[] = [...KIND_TABLES, ...LOG_TABLES];

export interface TableSummary {
  name: CanonicalTable;
  rows: number;
}

export interface ProjectInfo {
  path: string;
  name: string;
  tables: TableSummary[];
}

export type Cell = string | number | boolean | null;

export interface TablePreview {
  table: CanonicalTable;
  columns: string[];
  rows: Cell[][];
  total: number;
  offset: number;
}

export interface ImportReject {
  /** 1-based line of the source file. */
  line: number;
  column: string;
  value: string;
  reason: string;
}

/** `import --json`. rowsRead, rowsLoaded and rowsRejected count rows of the file. */
export interface ImportSummary {
  importId: number;
  kind: ImportKind;
  fileName: string;
  /** Data rows of the file (extra header rows and fully empty rows not counted). */
  rowsRead: number;
  /** Rows with something loaded (a wide survey row: at least one item score). */
  rowsLoaded: number;
  /** Rows with a rejected value. A wide survey row can be loaded and rejected: some of its answers were rejected, not all. */
  rowsRejected: number;
  /** Wide surveys, where a row holds one answer per item: item scores loaded, and values rejected (one per entry of rejects). */
  itemScores?: { loaded: number; rejected: number };
  rejects: ImportReject[];
  /** Set when the same file (same sha256) was imported before into this project. */
  previousImportId?: number;
  /** Append mode: rows already in the table, skipped. */
  duplicatesSkipped?: number;
  /** Rows whose every cell was empty (e.g. trailing `,,,` rows Excel writes); not counted in rowsRead. */
  emptyRowsSkipped?: number;
  /** What the reader found out about the file; shown to the user for confirmation. */
  detected?: DetectedFormat;
  asOfDate?: string;
  /** What the user should know but did not stop the import, e.g. header names written twice (each names the file and line). */
  warnings?: string[];
}

export interface DetectedFormat {
  encoding: 'utf-8' | 'utf-8-bom' | 'utf-16le' | 'utf-16be' | 'windows-1252';
  delimiter: string;
  lineEndings: 'lf' | 'crlf' | 'cr' | 'mixed' | 'none';
  /** Rows under the header that were skipped as extra header rows (Qualtrics). */
  headerRowsSkipped: number;
  /** Source column → strftime format ('iso' = ISO 8601, 'excel' = Excel serial day numbers). */
  dateFormats: Record<string, string>;
  /** Surveys: the layout used and, for wide files, the item columns. */
  surveyLayout?: 'wide' | 'long';
  items?: string[];
}

export interface ImportRecord {
  importId: number;
  kind: ImportKind;
  fileName: string;
  sha256: string;
  rowsRead: number;
  rowsLoaded: number;
  rowsRejected: number;
  importedAt: string;
  asOfDate: string | null;
}

export interface ColumnMapping {
  /** canonical field → source column header */
  columns?: Record<string, string>;
  /** strftime format for every date column, e.g. '%m/%d/%Y' */
  dateFormat?: string;
  /** Per source column: a date format that overrides dateFormat and detection ('iso', 'excel' or strftime). */
  dateFormats?: Record<string, string>;
  /** per canonical field, text value → number (e.g. rating labels) */
  values?: Record<string, Record<string, number>>;
  /** Roster: role words of the file → mentee or mentor (on top of mentee, mentor, protégé, coach…). */
  roles?: Record<string, 'mentee' | 'mentor'>;
  survey?: { layout: 'wide'; items?: string[] } | { layout: 'long'; item?: string; score?: string };
  headerRowsToSkip?: number;
  /** Allowed range for survey scores and performance ratings; outside it a row is rejected. */
  scale?: { min: number; max: number };
  /** A fixed value for a canonical field the file has no column for (e.g. the survey date). */
  constants?: Record<string, string>;
}

export type ImportMode = 'replace' | 'append';

/** `inspectFile`: what the engine finds in a file before anything is imported (the mapping step). */
export interface DateColumnInspection {
  /** Source column. */
  column: string;
  /** Canonical field it is guessed for, if any. */
  field?: string;
  /** Best format ('iso', 'excel' or strftime); null when no candidate parses the values. */
  format: string | null;
  /** Month/day and day/month both parse every sampled value (03/04/2024): the user must choose. */
  ambiguous: boolean;
  /** Formats that parse the most sampled values, best first. */
  candidates: string[];
  /** A few sampled values. */
  examples: string[];
}

export interface FileInspection {
  fileName: string;
  size: number;
  detected: {
    encoding: DetectedFormat['encoding'];
    delimiter: string;
    lineEndings: DetectedFormat['lineEndings'];
    headerRowsToSkip: number;
  };
  /** Source columns: the header names as written, except that repeated and empty ones get a suffix (see warnings). */
  columns: string[];
  /** Header names written more than once and empty header cells, one message each naming the file, line and columns. */
  warnings: string[];
  /**
   * The start of the file decoded to UTF-8, from its header line: the header and at most 100
   * records under it (extra header rows included), cut after a whole record, line endings
   * outside quotes written LF. The app parses it with PapaParse for the preview grid; the
   * engine's reader finds the same rows in it (test/engine/import/preview.test.ts).
   */
  preview: { text: string; delimiter: string; escape: string; firstLine: number };
  /** True when the preview is only the start of the file. */
  sampled: boolean;
  /** The kind whose required fields the header matches best. */
  guessedKind: ImportKind | null;
  /** The kind the fields below are for (the given or the guessed one). */
  kind: ImportKind;
  /** Every canonical field of `kind`, with the source column guessed for it (null: not found). */
  fields: { name: string; type: string; required: boolean; guess: string | null }[];
  dates: DateColumnInspection[];
  /** Distinct non-numeric texts (at most 50) of rating, score and role columns, for value maps. */
  textValues: { field: string; column: string; values: string[] }[];
  survey?: { layout: 'wide' | 'long'; itemCandidates: string[]; otherColumns: string[] };
}

/** `validateImport`: an import run and rolled back. */
export interface ImportValidation extends ImportSummary {
  /** Rejected rows grouped by reason and column. */
  rejectReasons: { reason: string; column: string; count: number }[];
}

export interface MappingTemplate {
  name: string;
  kind: ImportKind;
  /** The CLI's --mapping JSON. */
  mapping: ColumnMapping;
  savedAt: string;
}
