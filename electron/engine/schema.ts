import type { DuckDBConnection } from '@duckdb/node-api';

/** Canonical tables of DESIGN §2. import_id and source_line trace every row to its file line. */
export const SCHEMA_SQL = `
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

export async function ensureSchema(conn: DuckDBConnection): Promise<void> {
  await conn.run(SCHEMA_SQL);
}
