import type { ColumnMapping, DetectedFormat, ImportSummary } from '../../../shared/domain';

export type { DetectedFormat };

export type ImportPhase = 'scan' | 'load' | 'check' | 'write' | 'done';

/**
 * Progress of one import. `scan`: a streaming pass over the file (bytes); `load`: DuckDB
 * reads the file (bytes, estimated from DuckDB's query progress); `check`: detection and
 * validation inside DuckDB; `write`: rows go into the project (rowsDone when known); `done`.
 */
export interface ImportProgress {
  phase: ImportPhase;
  rowsDone?: number;
  bytesDone?: number;
  totalBytes?: number;
}

export type ProgressCallback = (p: ImportProgress) => void;

/** The engine's mapping: the mapping file of `import --mapping` (docs/contract.md). */
export type ImportMapping = ColumnMapping;

/** ImportSummary with what the reader detected always filled in. */
export interface ImportResult extends ImportSummary {
  detected: DetectedFormat;
  /** Dry runs: rejected rows grouped by reason and column. */
  rejectReasons?: { reason: string; column: string; count: number }[];
}
