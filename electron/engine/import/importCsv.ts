import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { open, stat } from 'node:fs/promises';
import { basename } from 'node:path';
import type { DuckDBConnection } from '@duckdb/node-api';
import type { ColumnMapping, ImportKind, ImportMode, ImportSummary } from '../../../shared/domain';
import { KIND_TABLE } from '../../../shared/domain';
import { queryRows, queryValue, quoteIdent, quoteLiteral } from '../db';
import { EngineError } from '../errors';
import { detectDateFormats, parseDateSql } from './dateFormats';
import { FIELD_SPECS } from './fieldSpecs';
import type { FieldSpec } from './fieldSpecs';
import { matchColumns, requireColumns } from './matchColumns';

export interface ImportOptions {
  path: string;
  /** Name shown to the user and logged; defaults to the file's base name. */
  fileName?: string;
  kind: ImportKind;
  mapping?: ColumnMapping;
  /** People imports: the export date; people without a termination date are censored there. */
  asOf?: string;
  mode?: ImportMode;
}

/** Rejects returned inline; all of them stay in import_rejects. */
const REJECTS_RETURNED = 10_000;
const STAGE = '__mi_stage';
const ROWS = '__mi_rows';
const PARSED = '__mi_parsed';
const TRACE_COLUMNS = ['import_id', 'source_line'];

const ROLE_WORDS: Record<string, 'mentee' | 'mentor'> = {
  mentee: 'mentee', protege: 'mentee', 'protégé': 'mentee', learner: 'mentee', participant: 'mentee',
  mentor: 'mentor', coach: 'mentor', advisor: 'mentor',
};

async function sha256File(path: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

/** Encoding DuckDB should read the file with; refuses empty and binary files up front. */
async function sniffEncoding(path: string, fileName: string): Promise<'utf-8' | 'utf-16' | 'latin-1'> {
  let size: number;
  try {
    size = (await stat(path)).size;
  } catch {
    throw new EngineError('not_found', `${fileName}: file not found`, { file: fileName });
  }
  if (size === 0) throw new EngineError('empty_file', `${fileName}: the file is empty`, { file: fileName, line: 1 });
  const fh = await open(path, 'r');
  const head = Buffer.alloc(Math.min(size, 65536));
  try {
    await fh.read(head, 0, head.length, 0);
  } finally {
    await fh.close();
  }
  if ((head[0] === 0xff && head[1] === 0xfe) || (head[0] === 0xfe && head[1] === 0xff)) return 'utf-16';
  if (head.includes(0)) throw new EngineError('binary_file', `${fileName}: this is not a text CSV file (it contains binary data)`, { file: fileName });
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(head.subarray(0, lastCompleteUtf8(head)));
    return 'utf-8';
  } catch {
    return 'latin-1';
  }
}

/** Index past the last complete UTF-8 sequence, so a cut at 64 KiB is not taken for bad encoding. */
function lastCompleteUtf8(buf: Buffer): number {
  let i = buf.length;
  for (let back = 0; back < 4 && i > 0; back++) {
    const b = buf[i - 1]!;
    if ((b & 0xc0) === 0x80) { i--; continue; }
    if (b >= 0xc0) i--;
    break;
  }
  return i;
}

const clean = (col: string) => `mi_clean(${quoteIdent(col)})`;

function toAttributeName(header: string, taken: Set<string>): string | null {
  const name = header.replace(/^\uFEFF/, '').toLowerCase().replace(/[^a-z0-9]+/g, '_').replace(/^_+|_+$/g, '');
  if (!name || taken.has(name) || name.startsWith('__mi')) return null;
  taken.add(name);
  return /^[a-z_]/.test(name) ? name : `x_${name}`;
}

interface FieldPlan {
  spec: FieldSpec;
  source: string;
  raw: string;
  parsed: string;
  /** [condition, reason] checks in order; the first that holds rejects the row. */
  checks: [string, string][];
}

function planField(spec: FieldSpec, source: string, dateFormat: string | undefined, values: Record<string, number> | undefined): FieldPlan {
  const raw = clean(source);
  let parsed = raw;
  const checks: [string, string][] = [];
  if (spec.required) checks.push([`${raw} IS NULL`, `missing ${spec.name}`]);
  switch (spec.type) {
    case 'date':
      parsed = parseDateSql(raw, dateFormat ?? 'iso');
      checks.push([`${raw} IS NOT NULL AND ${parsed} IS NULL`, `unparseable date (expected ${dateFormat === 'iso' || !dateFormat ? 'YYYY-MM-DD' : dateFormat})`]);
      break;
    case 'number': {
      const numeric = `TRY_CAST(replace(${raw}, ',', '.') AS DOUBLE)`;
      const labels = Object.entries(values ?? {});
      parsed = labels.length
        ? `CASE lower(${raw}) ${labels.map(([k, v]) => `WHEN ${quoteLiteral(k.trim().toLowerCase())} THEN ${Number(v)}`).join(' ')} ELSE ${numeric} END`
        : numeric;
      checks.push([`${raw} IS NOT NULL AND ${parsed} IS NULL`, labels.length ? 'unknown label (not in the mapping\'s values) and not a number' : 'not a number']);
      break;
    }
    case 'role':
      parsed = `CASE lower(${raw}) ${Object.entries(ROLE_WORDS).map(([k, v]) => `WHEN ${quoteLiteral(k)} THEN '${v}'`).join(' ')} END`;
      checks.push([`${raw} IS NOT NULL AND ${parsed} IS NULL`, 'unknown role (expected mentee or mentor)']);
      break;
    default:
      break;
  }
  return { spec, source, raw, parsed, checks };
}

export async function importCsv(conn: DuckDBConnection, opts: ImportOptions): Promise<ImportSummary> {
  const fileName = opts.fileName ?? basename(opts.path);
  const { kind } = opts;
  const mapping = opts.mapping ?? {};
  const mode = opts.mode ?? 'replace';
  const table = KIND_TABLE[kind];
  const encoding = await sniffEncoding(opts.path, fileName);
  const sha256 = await sha256File(opts.path);

  await conn.run(`CREATE OR REPLACE TEMP MACRO mi_clean(v) AS CASE WHEN trim(v) IN ('', 'NA', 'N/A', 'null', 'NULL', '-') THEN NULL ELSE trim(v) END`);
  try {
    await conn.run(
      `CREATE OR REPLACE TEMP TABLE ${STAGE} AS SELECT * FROM read_csv(${quoteLiteral(opts.path)}, all_varchar = true, header = true, encoding = ${quoteLiteral(encoding)})`,
    );
  } catch (err) {
    const msg = (err instanceof Error ? err.message : String(err)).split('\n').find((l) => l.trim()) ?? '';
    const line = /line (\d+)/i.exec(msg)?.[1];
    throw new EngineError('unreadable_csv', `${fileName}${line ? `, line ${line}` : ''}: could not read the CSV (${msg.replace(/^[A-Za-z ]+Error: /, '')})`, {
      file: fileName,
      line: line ? Number(line) : undefined,
    });
  }
  try {
    const skip = mapping.headerRowsToSkip ?? 0;
    // rowid is the position in the file: the header is line 1, so data row r sits on line r + 2.
    await conn.run(`CREATE OR REPLACE TEMP VIEW ${ROWS} AS SELECT rowid + 2 AS __mi_line, * FROM ${STAGE} WHERE rowid >= ${skip}`);
    const sourceColumns = (await queryRows<{ column_name: string }>(conn, `SELECT column_name FROM (DESCRIBE ${STAGE})`)).map((r) => r.column_name);
    const rowsRead = Number(await queryValue(conn, `SELECT count(*) FROM ${ROWS}`));
    if (rowsRead === 0) throw new EngineError('empty_file', `${fileName}: the file has a header but no data rows`, { file: fileName, line: 2 });

    const specs = FIELD_SPECS[kind];
    const matched = matchColumns(fileName, specs, sourceColumns, mapping.columns);
    let source = ROWS;
    let itemColumns: string[] = [];
    if (kind === 'survey') {
      const wide = mapping.survey?.layout === 'wide' || (mapping.survey?.layout !== 'long' && !(matched.has('item') && matched.has('score')));
      if (mapping.survey?.layout === 'long') {
        if (mapping.survey.item) matched.set('item', mapping.survey.item);
        if (mapping.survey.score) matched.set('score', mapping.survey.score);
      }
      if (wide) {
        matched.delete('item');
        matched.delete('score');
        const claimed = new Set(matched.values());
        itemColumns = mapping.survey?.layout === 'wide' && mapping.survey.items?.length
          ? mapping.survey.items
          : await numericColumns(conn, sourceColumns.filter((c) => !claimed.has(c)));
        for (const c of itemColumns) {
          if (!sourceColumns.includes(c)) throw new EngineError('missing_column', `${fileName}, line 1: survey item column "${c}" is not in the header`, { file: fileName, line: 1, column: c });
        }
        if (itemColumns.length === 0) {
          requireColumns(fileName, specs, matched);
        }
        await conn.run(
          `CREATE OR REPLACE TEMP VIEW __mi_long AS UNPIVOT ${ROWS} ON ${itemColumns.map(quoteIdent).join(', ')} INTO NAME __mi_item VALUE __mi_score`,
        );
        source = '__mi_long';
        matched.set('item', '__mi_item');
        matched.set('score', '__mi_score');
      }
    }
    requireColumns(fileName, specs, matched);

    const dateFields = specs.filter((s) => s.type === 'date' && matched.has(s.name));
    const formats = mapping.dateFormat
      ? new Map(dateFields.map((s) => [matched.get(s.name)!, mapping.dateFormat!]))
      : await detectDateFormats(conn, ROWS, fileName, dateFields.map((s) => matched.get(s.name)!), clean);

    const plans = specs
      .filter((s) => matched.has(s.name))
      .map((s) => planField(s, matched.get(s.name)!, formats.get(matched.get(s.name)!), mapping.values?.[s.name]));
    if (kind === 'people' && matched.has('termination_date')) {
      const hire = plans.find((p) => p.spec.name === 'hire_date')!;
      const term = plans.find((p) => p.spec.name === 'termination_date')!;
      term.checks.push([`${term.parsed} < ${hire.parsed}`, 'termination date before hire date']);
    }
    if (kind === 'survey' && !matched.has('response_id')) {
      plans.push({ spec: { name: 'response_id', type: 'text', required: false, synonyms: [] }, source: '', raw: 'NULL', parsed: `'line-' || __mi_line`, checks: [] });
    }

    const used = new Set([...matched.values(), ...itemColumns]);
    const taken = new Set([...specs.map((s) => s.name), ...TRACE_COLUMNS]);
    const extras = sourceColumns
      .filter((c) => !used.has(c))
      .map((c) => ({ source: c, name: toAttributeName(c, taken) }))
      .filter((e): e is { source: string; name: string } => e.name !== null);

    const checks = plans.flatMap((p) => p.checks.map(([cond, reason]) => ({ cond, reason, column: p.source === '__mi_item' ? 'item' : p.source === '__mi_score' ? '__item__' : p.source, raw: p.raw })));
    const caseOf = (pick: (c: (typeof checks)[number]) => string) =>
      checks.length ? `CASE ${checks.map((c) => `WHEN ${c.cond} THEN ${pick(c)}`).join(' ')} END` : 'NULL';
    // In a wide survey the rejected column is the item's own column.
    const columnSql = (c: (typeof checks)[number]) => (c.column === '__item__' ? '__mi_item' : quoteLiteral(c.column));

    await conn.run(
      `CREATE OR REPLACE TEMP TABLE ${PARSED} AS SELECT __mi_line,
        ${plans.map((p) => `${p.parsed} AS ${quoteIdent(p.spec.name)}`).join(', ')}
        ${extras.map((e) => `, ${clean(e.source)} AS ${quoteIdent(e.name)}`).join('')},
        ${caseOf((c) => quoteLiteral(c.reason))} AS __mi_reason,
        ${caseOf(columnSql)} AS __mi_column,
        ${caseOf((c) => c.raw)} AS __mi_value
      FROM ${source}`,
    );

    const importId = Number(await queryValue(conn, 'SELECT coalesce(max(import_id), 0) + 1 FROM imports'));
    const previous = await queryValue<number | undefined>(conn, 'SELECT max(import_id) FROM imports WHERE sha256 = ? AND kind = ?', [sha256, kind]);
    const fieldNames = plans.map((p) => p.spec.name);
    const targetCols = [...fieldNames, ...extras.map((e) => e.name)];
    let asOfDate: string | undefined;
    let rowsLoaded = 0;
    let duplicatesSkipped = 0;

    await conn.run('BEGIN TRANSACTION');
    try {
      if (mode === 'replace') {
        await conn.run(`DELETE FROM ${quoteIdent(table)}`);
        const existing = (await queryRows<{ column_name: string }>(conn, `SELECT column_name FROM (DESCRIBE ${quoteIdent(table)})`)).map((r) => r.column_name);
        const canonical = new Set([...specs.map((s) => s.name), ...TRACE_COLUMNS]);
        for (const col of existing) if (!canonical.has(col)) await conn.run(`ALTER TABLE ${quoteIdent(table)} DROP COLUMN ${quoteIdent(col)}`);
      }
      for (const e of extras) await conn.run(`ALTER TABLE ${quoteIdent(table)} ADD COLUMN IF NOT EXISTS ${quoteIdent(e.name)} VARCHAR`);
      const valid = `SELECT ${targetCols.map(quoteIdent).join(', ')}, ${importId} AS import_id, __mi_line AS source_line FROM ${PARSED} p WHERE __mi_reason IS NULL`;
      const dedupe =
        mode === 'append'
          ? ` AND NOT EXISTS (SELECT 1 FROM ${quoteIdent(table)} t WHERE ${fieldNames.map((c) => `t.${quoteIdent(c)} IS NOT DISTINCT FROM p.${quoteIdent(c)}`).join(' AND ')})`
          : '';
      const before = Number(await queryValue(conn, `SELECT count(*) FROM ${quoteIdent(table)}`));
      await conn.run(`INSERT INTO ${quoteIdent(table)} (${[...targetCols, ...TRACE_COLUMNS].map(quoteIdent).join(', ')}) ${valid}${dedupe}`);
      rowsLoaded = Number(await queryValue(conn, `SELECT count(*) FROM ${quoteIdent(table)}`)) - before;
      const validCount = Number(await queryValue(conn, `SELECT count(*) FROM ${PARSED} WHERE __mi_reason IS NULL`));
      duplicatesSkipped = validCount - rowsLoaded;
      await conn.run(
        `INSERT INTO import_rejects SELECT ${importId}, __mi_line, __mi_column, __mi_value, __mi_reason FROM ${PARSED} WHERE __mi_reason IS NOT NULL ORDER BY __mi_line`,
      );
      if (kind === 'people') {
        const latest = matched.has('termination_date') ? 'greatest(hire_date, coalesce(termination_date, hire_date))' : 'hire_date';
        asOfDate = opts.asOf ?? (await queryValue<string | null>(conn, `SELECT strftime(max(${latest}), '%Y-%m-%d') FROM ${PARSED} WHERE __mi_reason IS NULL`)) ?? undefined;
      }
      const rowsRejected = Number(await queryValue(conn, `SELECT count(*) FROM import_rejects WHERE import_id = ?`, [importId]));
      await conn.run(
        `INSERT INTO imports VALUES (?, ?, ?, ?, ?, ?, ?, ?, now()::TIMESTAMP, ${asOfDate ? 'CAST(? AS DATE)' : 'NULL'})`,
        [importId, kind, fileName, sha256, rowsRead, rowsLoaded, rowsRejected, JSON.stringify({ ...mapping, columns: Object.fromEntries(matched), dateFormats: Object.fromEntries(formats) }), ...(asOfDate ? [asOfDate] : [])],
      );
      await conn.run('COMMIT');
    } catch (err) {
      await conn.run('ROLLBACK');
      throw err;
    }

    const rejects = await queryRows<{ line: number; column: string; value: string; reason: string }>(
      conn,
      `SELECT line, "column", coalesce(value, '') AS value, reason FROM import_rejects WHERE import_id = ? ORDER BY line LIMIT ${REJECTS_RETURNED}`,
      [importId],
    );
    const rowsRejected = Number(await queryValue(conn, `SELECT rows_rejected FROM imports WHERE import_id = ?`, [importId]));
    return {
      importId,
      kind,
      fileName,
      rowsRead,
      rowsLoaded,
      rowsRejected,
      rejects,
      ...(previous ? { previousImportId: Number(previous) } : {}),
      ...(duplicatesSkipped ? { duplicatesSkipped } : {}),
      ...(asOfDate ? { asOfDate } : {}),
    };
  } finally {
    await conn.run(`DROP VIEW IF EXISTS __mi_long; DROP VIEW IF EXISTS ${ROWS}; DROP TABLE IF EXISTS ${PARSED}; DROP TABLE IF EXISTS ${STAGE}`);
  }

  async function numericColumns(c: DuckDBConnection, candidates: string[]): Promise<string[]> {
    if (candidates.length === 0) return [];
    const [row] = await queryRows<Record<string, number>>(
      c,
      `SELECT ${candidates.map((col, i) => `count(${clean(col)}) AS n${i}, count(${clean(col)}) FILTER (WHERE TRY_CAST(replace(${clean(col)}, ',', '.') AS DOUBLE) IS NULL) AS bad${i}`).join(', ')} FROM ${ROWS}`,
    );
    return candidates.filter((_, i) => (row?.[`n${i}`] ?? 0) > 0 && row?.[`bad${i}`] === 0);
  }
}
