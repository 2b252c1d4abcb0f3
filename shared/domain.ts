/** Domain types shared by engine, transports and renderer (DESIGN §2). */

export const IMPORT_KINDS = ['roster', 'people', 'survey', 'performance'] as const;
export type ImportKind = (typeof IMPORT_KINDS)[number];

/** Canonical table each import kind lands in. */
export const KIND_TABLE: Record<ImportKind, string> = {
  roster: 'roster',
  people: 'people',
  survey: 'survey_responses',
  performance: 'performance_reviews',
};

export const CANONICAL_TABLES = ['roster', 'people', 'survey_responses', 'performance_reviews', 'imports', 'import_rejects'] as const;
export type CanonicalTable = (typeof CANONICAL_TABLES)[number];

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

/** `import --json` (DESIGN §4). */
export interface ImportSummary {
  importId: number;
  kind: ImportKind;
  fileName: string;
  rowsRead: number;
  rowsLoaded: number;
  rowsRejected: number;
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
  /** per canonical field, text value → number (e.g. rating labels) */
  values?: Record<string, Record<string, number>>;
  survey?: { layout: 'wide'; items?: string[] } | { layout: 'long'; item?: string; score?: string };
  headerRowsToSkip?: number;
  /** Allowed range for survey scores and performance ratings; outside it a row is rejected. */
  scale?: { min: number; max: number };
  /** A fixed value for a canonical field the file has no column for (e.g. the survey date). */
  constants?: Record<string, string>;
}

export type ImportMode = 'replace' | 'append';
