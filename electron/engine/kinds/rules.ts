import type { DuckDBConnection } from '@duckdb/node-api';
import type { FieldDeclaration } from '../../../shared/kinds';

/** How the import reads one canonical field: its SQL before and after parsing, and its checks. */
export interface FieldPlan {
  spec: FieldDeclaration;
  /** Source header (for rejects), or '' for a constant. */
  source: string;
  raw: string;
  parsed: string;
  /** [condition, reason] checks in order; the first that holds rejects the row. */
  checks: [string, string][];
}

/** What a kind does on import beyond reading its declared fields. */
export interface KindRules {
  /** Checks across fields, and fields derived when the file has none (the plans are of the fields the file or mapping gives). */
  plan?(plans: FieldPlan[]): void;
  /** In the import's transaction, after its rows are written: the as-of date logged with it. */
  asOfDate?(conn: DuckDBConnection, importId: number, plans: FieldPlan[], given: string | undefined): Promise<string | undefined>;
  /** After the import committed (not after a dry run), once the staged file is gone. */
  afterCommit?(conn: DuckDBConnection): Promise<void>;
}
