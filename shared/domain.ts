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
  asOfDate?: string;
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
}

export type ImportMode = 'replace' | 'append';
