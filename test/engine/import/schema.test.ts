import { DuckDBInstance } from '@duckdb/node-api';
import { describe, expect, it } from 'vitest';
import { queryRows } from '../../../electron/engine/db';
import { SCHEMA_SQL } from '../../../electron/engine/schema';

/** The tables as the first project files hold them (written out by hand before the kinds were declared). */
const FIRST_SCHEMA_SQL = `
CREATE TABLE IF NOT EXISTS roster (
  employee_id VARCHAR NOT NULL, role VARCHAR NOT NULL, cohort VARCHAR NOT NULL, start_date DATE NOT NULL,
  end_date DATE, mentor_id VARCHAR, status VARCHAR, import_id INTEGER, source_line INTEGER);
CREATE TABLE IF NOT EXISTS people (
  employee_id VARCHAR NOT NULL, hire_date DATE NOT NULL, termination_date DATE, termination_type VARCHAR,
  department VARCHAR, job_level VARCHAR, location VARCHAR, manager_id VARCHAR, import_id INTEGER, source_line INTEGER);
CREATE TABLE IF NOT EXISTS survey_responses (
  employee_id VARCHAR NOT NULL, response_date DATE NOT NULL, item VARCHAR NOT NULL, score DOUBLE NOT NULL,
  response_id VARCHAR, wave VARCHAR, import_id INTEGER, source_line INTEGER);
CREATE TABLE IF NOT EXISTS performance_reviews (
  employee_id VARCHAR NOT NULL, review_date DATE NOT NULL, rating DOUBLE NOT NULL,
  reviewer_id VARCHAR, period VARCHAR, import_id INTEGER, source_line INTEGER);
CREATE TABLE IF NOT EXISTS imports (
  import_id INTEGER PRIMARY KEY, kind VARCHAR NOT NULL, file_name VARCHAR NOT NULL, sha256 VARCHAR NOT NULL,
  rows_read BIGINT NOT NULL, rows_loaded BIGINT NOT NULL, rows_rejected BIGINT NOT NULL, mapping JSON,
  imported_at TIMESTAMP NOT NULL, as_of_date DATE);
CREATE TABLE IF NOT EXISTS project_settings (key VARCHAR PRIMARY KEY, value JSON NOT NULL);
CREATE TABLE IF NOT EXISTS import_rejects (
  import_id INTEGER NOT NULL, line BIGINT, "column" VARCHAR, value VARCHAR, reason VARCHAR NOT NULL);
`;

async function schemaOf(ddl: string) {
  const instance = await DuckDBInstance.create(':memory:');
  const conn = await instance.connect();
  try {
    await conn.run(ddl);
    return {
      tables: await queryRows(conn, 'SELECT table_name, sql FROM duckdb_tables() ORDER BY table_name'),
      columns: await queryRows(conn, 'SELECT table_name, column_index, column_name, data_type, is_nullable, column_default FROM duckdb_columns() ORDER BY table_name, column_index'),
      constraints: await queryRows(conn, 'SELECT table_name, constraint_type, constraint_text, constraint_column_names::VARCHAR AS cols FROM duckdb_constraints() ORDER BY ALL'),
    };
  } finally {
    conn.closeSync();
    instance.closeSync();
  }
}

describe('the generated schema', () => {
  it('creates the tables existing project files hold, column for column', async () => {
    const [generated, first] = [await schemaOf(SCHEMA_SQL), await schemaOf(FIRST_SCHEMA_SQL)];
    expect(generated.tables.map((t) => t.table_name)).toEqual(['import_rejects', 'imports', 'people', 'performance_reviews', 'project_settings', 'roster', 'survey_responses']);
    expect(generated).toEqual(first);
  });
});
