import type { DuckDBConnection } from '@duckdb/node-api';
import { IMPORT_KINDS, KINDS, TRACE_COLUMNS } from '../../shared/kinds';
import type { FieldType, ImportKind } from '../../shared/kinds';

const SQL_TYPE: Record<FieldType, string> = { id: 'VARCHAR', text: 'VARCHAR', role: 'VARCHAR', date: 'DATE', number: 'DOUBLE' };

/**
 * The column list of a kind's table: its fields in declaration order (required ones NOT
 * NULL), then import_id and source_line, which trace every row to its file line. Project
 * files made by earlier versions hold these tables: a field's type or order changed here
 * must come with a migration (test/engine/import/schema.test.ts keeps the first version's DDL).
 */
export function tableColumnsSql(kind: ImportKind): string {
  return [
    ...KINDS[kind].fields.map((f) => `${f.name} ${SQL_TYPE[f.type]}${f.required ? ' NOT NULL' : ''}`),
    ...TRACE_COLUMNS.map((c) => `${c} INTEGER`),
  ].join(', ');
}

/** The canonical tables: one per kind, and the import log. */
export const SCHEMA_SQL = `
${IMPORT_KINDS.map((k) => `CREATE TABLE IF NOT EXISTS ${KINDS[k].table} (${tableColumnsSql(k)});`).join('\n')}
CREATE TABLE IF NOT EXISTS imports (
  import_id INTEGER PRIMARY KEY, kind VARCHAR NOT NULL, file_name VARCHAR NOT NULL, sha256 VARCHAR NOT NULL,
  rows_read BIGINT NOT NULL, rows_loaded BIGINT NOT NULL, rows_rejected BIGINT NOT NULL, mapping JSON,
  imported_at TIMESTAMP NOT NULL, as_of_date DATE);
CREATE TABLE IF NOT EXISTS project_settings (key VARCHAR PRIMARY KEY, value JSON NOT NULL);
CREATE TABLE IF NOT EXISTS import_rejects (
  import_id INTEGER NOT NULL, line BIGINT, "column" VARCHAR, value VARCHAR, reason VARCHAR NOT NULL);
`;

export async function ensureSchema(conn: DuckDBConnection): Promise<void> {
  await conn.run(SCHEMA_SQL);
}
