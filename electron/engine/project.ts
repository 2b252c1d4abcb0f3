import { rm } from 'node:fs/promises';
import { basename } from 'node:path';
import type { DuckDBConnection, DuckDBInstance } from '@duckdb/node-api';
import { CANONICAL_TABLES } from '../../shared/domain';
import { IMPORT_KINDS, KINDS } from '../../shared/kinds';
import type { CanonicalTable, Cell, ImportRecord, ProjectInfo, TablePreview, TableSummary } from '../../shared/domain';
import { openDatabase, queryRows, queryValue, quoteIdent } from './db';
import { compactCopyPath } from './privacy/personalData';
import { checkProjectPath } from './projectFile';
import type { ProjectPathRules } from './projectFile';
import { ensureSchema } from './schema';

/** An open project file: one DuckDB database with the canonical tables. */
export class Project {
  private constructor(
    readonly path: string,
    private readonly instance: DuckDBInstance,
    readonly conn: DuckDBConnection,
    /** Opened only to read (analyze, report): nothing is created, cleaned or checkpointed. */
    readonly readOnly = false,
  ) {}

  /** Refuses a path that is not a DuckDB project file before DuckDB sees it (projectFile.ts). */
  static async open(path: string, rules: ProjectPathRules & { readOnly?: boolean } = {}): Promise<Project> {
    await checkProjectPath(path, rules);
    if (rules.readOnly) {
      const { instance, conn } = await openDatabase(path, true);
      return new Project(path, instance, conn, true);
    }
    const { instance, conn } = await openDatabase(path);
    await ensureSchema(conn);
    // A copy left by a privacy rewrite that was interrupted (we hold the file's lock now, so
    // no other process is writing it); the project file itself is whole either way.
    await rm(compactCopyPath(path), { force: true });
    await rm(`${compactCopyPath(path)}.wal`, { force: true });
    return new Project(path, instance, conn);
  }

  async info(): Promise<ProjectInfo> {
    return { path: this.path, name: basename(this.path).replace(/\.duckdb$/i, ''), tables: await this.tables() };
  }

  async tables(): Promise<TableSummary[]> {
    const counts = await queryRows<Record<string, number>>(
      this.conn,
      `SELECT ${CANONICAL_TABLES.map((t, i) => `(SELECT count(*) FROM ${quoteIdent(t)}) AS c${i}`).join(', ')}`,
    );
    return CANONICAL_TABLES.map((name, i) => ({ name, rows: Number(counts[0]?.[`c${i}`] ?? 0) }));
  }

  async preview(table: CanonicalTable, offset: number, limit: number): Promise<TablePreview> {
    const reader = await this.conn.runAndReadAll(`SELECT * FROM ${quoteIdent(table)} ORDER BY ${PREVIEW_ORDER[table]} LIMIT ${limit} OFFSET ${offset}`);
    const columns = reader.columnNames();
    const rows: Cell[][] = reader.getRowsJS().map((r) => r.map(toCell));
    const total = Number(await queryValue(this.conn, `SELECT count(*) FROM ${quoteIdent(table)}`));
    return { table, columns, rows, total, offset };
  }

  async imports(): Promise<ImportRecord[]> {
    const rows = await queryRows<Record<string, unknown>>(
      this.conn,
      `SELECT import_id, kind, file_name, sha256, rows_read, rows_loaded, rows_rejected,
              strftime(imported_at, '%Y-%m-%d %H:%M:%S') AS imported_at, strftime(as_of_date, '%Y-%m-%d') AS as_of_date
       FROM imports ORDER BY import_id`,
    );
    return rows.map((r) => ({
      importId: Number(r.import_id),
      kind: r.kind as ImportRecord['kind'],
      fileName: String(r.file_name),
      sha256: String(r.sha256),
      rowsRead: Number(r.rows_read),
      rowsLoaded: Number(r.rows_loaded),
      rowsRejected: Number(r.rows_rejected),
      importedAt: String(r.imported_at),
      asOfDate: (r.as_of_date as string | null) ?? null,
    }));
  }

  async getSetting<T>(key: string): Promise<T | null> {
    const v = await queryValue<string | null>(this.conn, 'SELECT value::VARCHAR FROM project_settings WHERE key = ?', [key]);
    return v ? (JSON.parse(v) as T) : null;
  }

  async setSetting(key: string, value: unknown): Promise<void> {
    await this.conn.run('INSERT OR REPLACE INTO project_settings VALUES (?, ?::JSON)', [key, JSON.stringify(value)]);
  }

  /** Checkpoint so the .duckdb file alone holds everything (no data left in the .wal). */
  async close(): Promise<void> {
    try {
      if (!this.readOnly) await this.conn.run('CHECKPOINT');
    } finally {
      this.conn.closeSync();
      this.instance.closeSync();
    }
  }
}

function toCell(v: unknown): Cell {
  if (v === null || v === undefined) return null;
  if (typeof v === 'bigint') return Number(v);
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') return v;
  return JSON.stringify(v);
}

/**
 * Rows in file order: bulk inserts run without insertion order (a checkpoint would otherwise
 * rewrite the table), so a table's physical order is not its files' order.
 */
const PREVIEW_ORDER = {
  ...Object.fromEntries(IMPORT_KINDS.map((k) => [KINDS[k].table, KINDS[k].previewOrder])),
  imports: 'import_id',
  import_rejects: 'import_id, line, "column"',
} as Record<CanonicalTable, string>;
