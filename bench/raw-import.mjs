// The baseline: DuckDB's own CSV import of the same file into a fresh database file, in a
// fresh Node process (plain .mjs so no TypeScript loader adds to its start-up time).
//   node bench/raw-import.mjs <new.duckdb> <file.csv>
import process from 'node:process';
import { DuckDBInstance } from '@duckdb/node-api';

const [db, file] = process.argv.slice(2);
if (!db || !file) throw new Error('usage: raw-import.mjs <new.duckdb> <file.csv>');
const instance = await DuckDBInstance.create(db);
const conn = await instance.connect();
await conn.run(`CREATE TABLE t AS SELECT * FROM read_csv('${file.replaceAll("'", "''")}')`);
conn.closeSync();
instance.closeSync();
