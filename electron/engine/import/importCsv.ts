/**
 * CSV import: read → match columns → detect header rows, layout and date
 * formats → validate and load in one transaction. Everything per row happens inside
 * DuckDB; JavaScript only plans the SQL and streams the bytes once (see readCsv.ts).
 */
import { basename } from 'node:path';
import type { DuckDBConnection } from '@duckdb/node-api';
import type { ImportKind, ImportMode } from '../../../shared/domain';
import { KINDS, ROLE_WORDS, TRACE_COLUMNS, dateFormatPattern } from '../../../shared/kinds';
import type { FieldDeclaration } from '../../../shared/kinds';
import { queryRows, queryValue, quoteIdent, quoteLiteral } from '../db';
import { KIND_RULES } from '../kinds';
import type { FieldPlan } from '../kinds/rules';
import { EngineError } from '../errors';
import { tableColumnsSql } from '../schema';
import { checkDateFormat, detectDateFormats, parseDateSql } from './dateFormats';
import { checkMappingNames, duplicatesHint } from './dialect';
import { detectHeaderRows, itemPool, readsWide, suggestKind } from './detect';
import { matchColumns, requireColumns } from './matchColumns';
import { MAX_AGGREGATE_FLAGS, MI_CLEAN, flaggedListSql } from './sql';
import { cancelled, runInterruptible, stageCsv } from './readCsv';
import type { StagedCsv } from './readCsv';
import type { ImportMapping, ImportResult, ProgressCallback } from './types';

export type { DetectedFormat, ImportMapping, ImportPhase, ImportProgress, ImportResult, ProgressCallback } from './types';

export interface ImportOptions {
  path: string;
  /** Name shown to the user and logged; defaults to the file's base name. */
  fileName?: string;
  kind: ImportKind;
  mapping?: ImportMapping;
  /** People imports: the export date; people without a termination date are censored there. */
  asOf?: string;
  mode?: ImportMode;
  /** Aborting interrupts the import; it then throws EngineError('cancelled') and the project is unchanged. */
  signal?: AbortSignal;
  /** Folder for a temporary UTF-8 copy (UTF-16, Windows-1252 or mixed line endings); defaults to the OS temp folder. */
  tempDir?: string;
  /** Validate only: everything runs inside the transaction, which is then rolled back (the project is unchanged). */
  dryRun?: boolean;
}

/** Rejects returned inline; all of them stay in import_rejects. */
const REJECTS_RETURNED = 10_000;
const DATA = '__mi_data';
/** DATA without __mi_line, for passes that do not need the line (no line-table join). */
const PLAIN = '__mi_data_plain';
const LONG = '__mi_long';
const SAMPLE_ROWS = 100_000;
/** Replace imports adding or dropping more extra columns than this recreate the table instead of altering it. */
const REBUILD_AFTER = 100;
/** Without a mapping scale, scores and ratings outside this range are taken for data errors. */
const DEFAULT_SCALE = { min: 0, max: 100 };

function toAttributeName(header: string, taken: Set<string>): string | null {
  const base = header.replace(/^\uFEFF/, '').toLowerCase().replace(/[^a-z0-9]+/g, '_').replace(/^_+|_+$/g, '');
  if (!base) return null;
  let name = /^[a-z_]/.test(base) ? base : `x_${base}`;
  if (name.startsWith('__mi')) name = name.replace(/^_+/, '');
  for (let k = 2; taken.has(name); k++) name = `${/^[a-z_]/.test(base) ? base : `x_${base}`}_${k}`;
  taken.add(name);
  return name;
}

interface PlanContext {
  dateFormat?: string;
  labels?: Record<string, number>;
  decimalComma: boolean;
  scale?: { min: number; max: number };
  /** Extra role words (mapping.roles), lower-cased. */
  roles?: Record<string, 'mentee' | 'mentor'>;
}

function planField(spec: FieldDeclaration, source: string, raw: string, ctx: PlanContext): FieldPlan {
  let parsed = raw;
  const checks: [string, string][] = [];
  if (spec.required) checks.push([`${raw} IS NULL`, `missing ${spec.name}`]);
  switch (spec.type) {
    case 'date':
      parsed = parseDateSql(raw, ctx.dateFormat ?? 'iso');
      checks.push([`${raw} IS NOT NULL AND ${parsed} IS NULL`, `unparseable date (expected ${dateFormatPattern(ctx.dateFormat ?? 'iso')})`]);
      break;
    case 'number': {
      const numeric = ctx.decimalComma ? `TRY_CAST(replace(${raw}, ',', '.') AS DOUBLE)` : `TRY_CAST(${raw} AS DOUBLE)`;
      const labels = Object.entries(ctx.labels ?? {});
      parsed = labels.length
        ? `CASE lower(${raw}) ${labels.map(([k, v]) => `WHEN ${quoteLiteral(k.trim().toLowerCase())} THEN ${Number(v)}`).join(' ')} ELSE ${numeric} END`
        : numeric;
      checks.push([
        `${raw} IS NOT NULL AND (${parsed} IS NULL OR NOT isfinite(${parsed}))`,
        labels.length ? `unknown label (not in the mapping's values for ${spec.name}) and not a number` : 'not a number',
      ]);
      // Underflow: 1e-400 reads as 0 (and 1e-310 as an imprecise subnormal); a value too small
      // to store is refused, not turned into another number. A label is not a written number.
      const isLabel = labels.length ? `lower(${raw}) IN (${labels.map(([k]) => quoteLiteral(k.trim().toLowerCase())).join(', ')})` : 'false';
      checks.push([
        `${raw} IS NOT NULL AND NOT ${isLabel} AND coalesce((${numeric} = 0 AND regexp_matches(${raw}, '^[^eE]*[1-9]')) OR (${numeric} <> 0 AND abs(${numeric}) < 2.2250738585072014e-308), false)`,
        'number too small to store (it would read as 0)',
      ]);
      if (spec.scaled) {
        const scale = ctx.scale ?? DEFAULT_SCALE;
        checks.push([
          `coalesce(${parsed} < ${scale.min} OR ${parsed} > ${scale.max}, false)`,
          ctx.scale ? `${spec.name} outside the scale ${scale.min}–${scale.max}` : `${spec.name} outside ${scale.min}–${scale.max} (set the mapping's scale if that is right)`,
        ]);
      }
      break;
    }
    case 'role':
      parsed = `CASE lower(${raw}) ${Object.entries({ ...ROLE_WORDS, ...ctx.roles }).map(([k, v]) => `WHEN ${quoteLiteral(k)} THEN ${quoteLiteral(v)}`).join(' ')} END`;
      checks.push([`${raw} IS NOT NULL AND ${parsed} IS NULL`, 'unknown role (expected mentee or mentor)']);
      break;
    default:
      break;
  }
  return { spec, source, raw, parsed, checks };
}

/**
 * An error while writing the project, said plainly: a full disk names the file being imported
 * and says that nothing of it was kept (the transaction was rolled back).
 */
function writeError(err: unknown, fileName: string): unknown {
  if (err instanceof EngineError) return err;
  const message = err instanceof Error ? err.message : String(err);
  if (/No space left on device|ENOSPC|disk is full/i.test(message)) {
    const detail = message.split('\n')[0]!.replace(/^[A-Za-z ]*Error: /, '');
    return new EngineError('disk_full', `${fileName}: the disk is full, so the project could not be written (${detail}); the import was rolled back: free some space and import again`, { file: fileName });
  }
  return err;
}

function validateOptions(fileName: string, kind: ImportKind, mapping: ImportMapping, asOf: string | undefined): void {
  const bad = (msg: string) => new EngineError('bad_mapping', `${fileName}: ${msg}`, { file: fileName });
  const specs = KINDS[kind].fields;
  for (const [field, value] of Object.entries(mapping.constants ?? {})) {
    const spec = specs.find((s) => s.name === field);
    if (!spec) throw bad(`the mapping gives a constant for an unknown field "${field}" (known: ${specs.map((s) => s.name).join(', ')})`);
    if (spec.type === 'date' && !/^\d{4}-\d{2}-\d{2}$/.test(value)) throw bad(`the constant for ${field} must be a date written YYYY-MM-DD`);
    if (typeof value !== 'string' || !value.trim()) throw bad(`the constant for ${field} is empty`);
  }
  for (const [word, role] of Object.entries(mapping.roles ?? {})) {
    if (role !== 'mentee' && role !== 'mentor') throw bad(`the mapping's roles must map "${word}" to "mentee" or "mentor"`);
  }
  if (mapping.scale && !(Number.isFinite(mapping.scale.min) && Number.isFinite(mapping.scale.max) && mapping.scale.min < mapping.scale.max)) {
    throw bad('the mapping\'s scale needs numbers min < max');
  }
  if (mapping.headerRowsToSkip !== undefined && !(Number.isInteger(mapping.headerRowsToSkip) && mapping.headerRowsToSkip >= 0)) {
    throw bad('headerRowsToSkip must be a whole number ≥ 0');
  }
  if (asOf !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(asOf)) {
    throw new EngineError('bad_input', `${fileName}: the as-of date must be written YYYY-MM-DD (got "${asOf}")`, { file: fileName });
  }
}

export async function importCsv(conn: DuckDBConnection, opts: ImportOptions, onProgress?: ProgressCallback): Promise<ImportResult> {
  const fileName = opts.fileName ?? basename(opts.path);
  const { kind, signal } = opts;
  const mapping: ImportMapping = opts.mapping ?? {};
  const mode = opts.mode ?? 'replace';
  const { table, fields: specs } = KINDS[kind];
  validateOptions(fileName, kind, mapping, opts.asOf);
  if (signal?.aborted) throw cancelled(fileName);

  await conn.run(MI_CLEAN);
  // DuckDB reports query progress only with its progress bar enabled. When db.ts has locked the
  // configuration this SET is refused (db.ts must then SET it before locking): not an error, the
  // load and write phases are then reported without byte or row counts.
  const progressSet = onProgress
    ? await conn.run('SET enable_progress_bar = true; SET enable_progress_bar_print = false').then(() => true, () => false)
    : false;
  let staged: StagedCsv | undefined;
  let result: ImportResult;
  try {
    staged = await stageCsv(conn, { path: opts.path, fileName, missingAsNull: true, signal, onProgress, tempDir: opts.tempDir });
    result = await load(staged);
  } finally {
    await conn.run(`DROP VIEW IF EXISTS ${LONG}; DROP VIEW IF EXISTS ${DATA}; DROP VIEW IF EXISTS ${PLAIN}`).catch(() => undefined);
    await staged?.dispose().catch(() => undefined);
    if (progressSet) await conn.run('RESET enable_progress_bar; RESET enable_progress_bar_print').catch(() => undefined);
  }
  // After the commit, once the staged file is gone (its memory with it); progress stays at 'write' meanwhile.
  if (!opts.dryRun) await KIND_RULES[kind].afterCommit?.(conn);
  onProgress?.({ phase: 'done', rowsDone: result.rowsLoaded });
  return result;

  async function load(staged: StagedCsv): Promise<ImportResult> {
    const guard = <T>(work: () => Promise<T>, onPercent?: (pct: number) => void) => runInterruptible(conn, fileName, signal, work, onPercent);
    const query = <T extends Record<string, unknown>>(sql: string) => guard(() => queryRows<T>(conn, sql));
    if (staged.rowCount === 0) throw new EngineError('empty_file', `${fileName}: the file has a header but no data rows`, { file: fileName, line: 2 });
    const { headers } = staged;
    checkMappingNames(fileName, staged.headerLine, mapping, staged.duplicates);
    const colOf = new Map(headers.map((h, i) => [h, staged.columns[i]!]));
    const q = (header: string) => quoteIdent(colOf.get(header)!);

    // 1. Columns: explicit mapping, then names and synonyms; constants stand in for absent ones.
    const matched = matchColumns(fileName, specs, headers, mapping.columns);
    const constants = new Map(Object.entries(mapping.constants ?? {}));
    for (const field of constants.keys()) matched.delete(field);
    const hint = () => duplicatesHint(staged.duplicates) || suggestKind(headers, kind);

    // 2. Extra header rows (Qualtrics) under the header.
    const skip = mapping.headerRowsToSkip ?? (await guard(() => detectHeaderRows(conn, staged, matched.get('employee_id'))));
    if (skip >= staged.rowCount) throw new EngineError('empty_file', `${fileName}: the file has no data rows under its ${skip + 1} header rows`, { file: fileName, line: skip + 2 });
    await conn.run(`CREATE OR REPLACE TEMP VIEW ${DATA} AS SELECT * FROM ${staged.view} WHERE __mi_r >= ${skip}`);
    await conn.run(`CREATE OR REPLACE TEMP VIEW ${PLAIN} AS SELECT * FROM ${staged.plainView} WHERE __mi_r >= ${skip}`);

    // 3. Survey layout: long (item + score columns) or wide (one column per item).
    let itemColumns: string[] = [];
    let wide = false;
    const labels = (field: string) => mapping.values?.[field];
    const decimalComma = staged.delimiter !== ',';
    const numericSql = (v: string, field: string) => {
      const num = decimalComma ? `TRY_CAST(replace(${v}, ',', '.') AS DOUBLE)` : `TRY_CAST(${v} AS DOUBLE)`;
      const l = Object.keys(labels(field) ?? {}).map((k) => quoteLiteral(k.trim().toLowerCase()));
      return l.length ? `CASE WHEN lower(${v}) IN (${l.join(', ')}) THEN 0 ELSE ${num} END` : num;
    };
    let wideCandidates: string[] = [];
    if (KINDS[kind].wide) {
      if (mapping.survey?.layout === 'long') {
        if (mapping.survey.item) matched.set('item', mapping.survey.item);
        if (mapping.survey.score) matched.set('score', mapping.survey.score);
        for (const c of [mapping.survey.item, mapping.survey.score]) {
          if (c && !colOf.has(c)) throw new EngineError('missing_column', `${fileName}, line 1: survey column "${c}" is not in the header`, { file: fileName, line: 1, column: c });
        }
      }
      wide = readsWide(kind, matched, mapping.survey?.layout);
      if (wide) {
        matched.delete('item');
        matched.delete('score');
        if (mapping.survey?.layout === 'wide' && mapping.survey.items?.length) {
          itemColumns = mapping.survey.items;
          for (const c of itemColumns) {
            if (!colOf.has(c)) throw new EngineError('missing_column', `${fileName}, line 1: survey item column "${c}" is not in the header`, { file: fileName, line: 1, column: c });
          }
        } else {
          // Items are the unclaimed columns whose values are all numbers (or mapped labels):
          // shortlisted on the first rows, confirmed over the whole file below.
          const cands = itemPool(kind, headers, matched);
          if (cands.length) {
            // Flags i: column i has a value; cands.length + i: it has a value that is not a number.
            const sampleFlags = `list_concat(${flaggedListSql(cands.map(q), (x) => `mi_clean(${x}) IS NOT NULL`, 0)}, ${flaggedListSql(cands.map(q), (x) => `mi_clean(${x}) IS NOT NULL AND ${numericSql(`mi_clean(${x})`, 'score')} IS NULL`, cands.length)})`;
            const [row] = await query<{ flagged: number[] | null }>(
              `SELECT list(DISTINCT __mi_i) AS flagged FROM (SELECT unnest(${sampleFlags}) AS __mi_i FROM (SELECT * FROM ${PLAIN} LIMIT ${SAMPLE_ROWS}))`,
            );
            const set = new Set((row?.flagged ?? []).map(Number));
            wideCandidates = cands.filter((_, i) => set.has(i) && !set.has(cands.length + i));
          }
        }
      }
    }

    // 4. One pass over the data: row count, fully empty rows, which columns have padded
    // values (only those need trimming), and the wide items confirmed on every row.
    onProgress?.({ phase: 'check', rowsDone: 0 });
    // Flags i: column i has a padded value; columns.length + i: wide candidate i has a value
    // that is not a number.
    const padded = (x: string) => `prefix(${x}, ' ') OR suffix(${x}, ' ')`;
    const notNumber = (x: string) => `mi_clean(${x}) IS NOT NULL AND ${numericSql(`mi_clean(${x})`, 'score')} IS NULL`;
    const allNull = staged.columns.map((c) => `${quoteIdent(c)} IS NULL`).join(' AND ');
    const conds = [...staged.columns.map((c) => padded(quoteIdent(c))), ...wideCandidates.map((c) => notNumber(q(c)))];
    let agg: { total: number; nulls: number; flagged: number[] | null } | undefined;
    if (conds.length <= MAX_AGGREGATE_FLAGS) {
      // A narrow file: one aggregate per flag, several times cheaper than building and
      // unnesting a list per row.
      const [row] = await query<Record<string, unknown>>(
        `SELECT count(*) AS total, count(*) FILTER (WHERE ${allNull}) AS nulls${conds.map((c, i) => `, bool_or(${c}) AS f${i}`).join('')} FROM ${PLAIN}`,
      );
      agg = row && { total: Number(row.total), nulls: Number(row.nulls), flagged: conds.flatMap((_, i) => (row[`f${i}`] === true ? [i] : [])) };
    } else {
      // Each row contributes -1 (so rows are counted once) and its flags.
      const flags = `list_concat(${flaggedListSql(staged.columns.map(quoteIdent), padded, 0)}, ${flaggedListSql(wideCandidates.map(q), notNumber, staged.columns.length)})`;
      [agg] = await query<{ total: number; nulls: number; flagged: number[] | null }>(
        `SELECT count(*) FILTER (WHERE __mi_i = -1) AS total, count(*) FILTER (WHERE __mi_i = -1 AND __mi_e) AS nulls, list(DISTINCT __mi_i) FILTER (WHERE __mi_i >= 0) AS flagged
         FROM (SELECT __mi_e, unnest(list_prepend(-1, ${flags})) AS __mi_i
               FROM (SELECT ${allNull} AS __mi_e, * FROM ${PLAIN}))`,
      );
    }
    const flagged = new Set((agg?.flagged ?? []).map(Number));
    const needsTrim = new Set(staged.columns.filter((_, i) => flagged.has(i)));
    // DuckDB already read the exact missing-value spellings as NULL; only padded cells need mi_clean.
    const cleanCol = (c: string) => (needsTrim.has(c) ? `mi_clean(${quoteIdent(c)})` : quoteIdent(c));
    const clean = (header: string) => cleanCol(colOf.get(header)!);
    const emptyRowSql = staged.columns.map((c) => `${cleanCol(c)} IS NULL`).join(' AND ');
    const emptyRows = needsTrim.size
      ? Number((await query<{ n: number }>(`SELECT count(*) AS n FROM ${PLAIN} WHERE ${emptyRowSql}`))[0]?.n ?? 0)
      : Number(agg?.nulls ?? 0);
    const rowsRead = Number(agg?.total ?? 0) - emptyRows;
    if (rowsRead === 0) throw new EngineError('empty_file', `${fileName}: the file has a header but no data rows (only empty ones)`, { file: fileName, line: 2 });
    if (wide && !itemColumns.length) {
      itemColumns = wideCandidates.filter((_, i) => !flagged.has(staged.columns.length + i));
      if (itemColumns.length === 0) {
        requireColumns(fileName, specs, matched, [...constants.keys()], hint());
        throw new EngineError(
          'missing_column',
          `${fileName}, line 1: no survey item columns found (a wide survey needs columns of numeric answers, or a long one item and score columns); name them in the mapping's survey section`,
          { file: fileName, line: 1 },
        );
      }
    }
    if (wide) {
      matched.set('item', '__mi_item');
      matched.set('score', '__mi_score');
    }
    requireColumns(fileName, specs, matched, [...constants.keys()], hint());

    // 5. Date formats, per column, over the whole file.
    const rawOf = (field: string): string => {
      if (constants.has(field)) return quoteLiteral(constants.get(field)!.trim());
      const source = matched.get(field)!;
      if (source === '__mi_item' || source === '__mi_score') return source;
      return clean(source);
    };
    const dateFields = specs.filter((s) => s.type === 'date' && matched.has(s.name));
    // A per-column choice (mapping.dateFormats) wins over mapping.dateFormat; the rest are detected.
    const fixedFormats = new Map<string, string>();
    for (const s of dateFields) {
      const col = matched.get(s.name)!;
      const fmt = mapping.dateFormats?.[col] ?? mapping.dateFormat;
      if (fmt) {
        await checkDateFormat(conn, fileName, col, fmt);
        fixedFormats.set(col, fmt);
      }
    }
    const toDetect = dateFields.filter((s) => !fixedFormats.has(matched.get(s.name)!));
    const detectedFormats = toDetect.length
      ? await guard(() => detectDateFormats(conn, PLAIN, fileName, toDetect.map((s) => ({ name: matched.get(s.name)!, expr: rawOf(s.name) }))))
      : new Map<string, string>();
    const formats = new Map(dateFields.map((s) => matched.get(s.name)!).map((col) => [col, fixedFormats.get(col) ?? detectedFormats.get(col)!]));

    // 6. Plans: parse and check every canonical field in SQL.
    const plans = specs
      .filter((s) => matched.has(s.name) || constants.has(s.name))
      .map((s) =>
        planField(s, constants.has(s.name) ? '' : matched.get(s.name)!, rawOf(s.name), {
          dateFormat: constants.has(s.name) ? 'iso' : formats.get(matched.get(s.name)!),
          labels: labels(s.name),
          roles: mapping.roles ? Object.fromEntries(Object.entries(mapping.roles).map(([k, v]) => [k.trim().toLowerCase(), v])) : undefined,
          decimalComma,
          scale: s.scaled ? mapping.scale : undefined,
        }),
      );
    KIND_RULES[kind].plan?.(plans);

    const used = new Set([...matched.values(), ...itemColumns]);
    const taken = new Set([...specs.map((s) => s.name), ...TRACE_COLUMNS]);
    const extras = headers
      .filter((h) => !used.has(h))
      .map((h) => ({ source: h, name: toAttributeName(h, taken) }))
      .filter((e): e is { source: string; name: string } => e.name !== null);

    let source = DATA;
    if (wide) {
      const keep = ['__mi_r', '__mi_line', ...headers.filter((h) => !itemColumns.includes(h)).map((h) => colOf.get(h)!)].map(quoteIdent);
      await conn.run(
        `CREATE OR REPLACE TEMP VIEW ${LONG} AS SELECT * FROM (
           SELECT ${keep.join(', ')}, unnest([${itemColumns.map(quoteLiteral).join(', ')}]) AS __mi_item, unnest([${itemColumns.map((h) => `mi_clean(${q(h)})`).join(', ')}]) AS __mi_score
           FROM ${DATA}) WHERE __mi_score IS NOT NULL`,
      );
      source = LONG;
    }

    type Check = { cond: string; reason: string; column: string | null; raw: string };
    const itemLevel = (p: FieldPlan) => p.source === '__mi_item' || p.source === '__mi_score';
    const checksOf = (ps: FieldPlan[]): Check[] =>
      ps.flatMap((p) => p.checks.map(([cond, reason]) => ({ cond, reason, column: p.source === '__mi_score' ? null : p.source === '__mi_item' ? 'item' : p.source, raw: p.raw })));
    // In a wide survey a row's own fields (ID, date…) are checked once per row, the answers once per item.
    const rowChecks = checksOf(plans.filter((p) => !itemLevel(p)));
    const itemChecks = checksOf(plans.filter(itemLevel));
    const checks = [...rowChecks, ...itemChecks];
    const caseOf = (list: Check[], pick: (c: Check) => string) => (list.length ? `CASE ${list.map((c) => `WHEN ${c.cond} THEN ${pick(c)}`).join(' ')} END` : 'NULL');
    // In a wide survey the rejected column is the item's own column.
    const columnSql = (c: Check) => (c.column === null ? '__mi_item' : quoteLiteral(c.column || '(constant)'));
    const anyOf = (list: Check[]) => (list.length ? list.map((c) => `(${c.cond})`).join(' OR ') : 'false');
    const anyCheck = anyOf(checks);
    const notEmpty = emptyRows > 0 ? ` AND NOT (${emptyRowSql})` : '';
    const rejectSelect = (importId: number, list: Check[], from: string, where: string) =>
      `SELECT ${importId}, __mi_line, ${caseOf(list, columnSql)}, ${caseOf(list, (c) => c.raw)}, ${caseOf(list, (c) => quoteLiteral(c.reason))} FROM ${from} WHERE ${where}`;
    const rejectsSql = (importId: number) =>
      wide
        ? `INSERT INTO import_rejects SELECT * FROM (
             ${rejectSelect(importId, rowChecks, DATA, `(${anyOf(rowChecks)})${notEmpty}`)}
             UNION ALL ${rejectSelect(importId, itemChecks, LONG, `NOT (${anyOf(rowChecks)}) AND (${anyOf(itemChecks)})`)}) ORDER BY 2`
        : `INSERT INTO import_rejects ${rejectSelect(importId, checks, source, `(${anyCheck})${notEmpty}`)} ORDER BY __mi_line`;

    const fieldNames = plans.map((p) => p.spec.name);
    const targetCols = [...fieldNames, ...extras.map((e) => e.name)];
    const selectValid = (importId: number) =>
      `SELECT ${[...plans.map((p, i) => `${p.parsed} AS c${i}`), ...extras.map((e, i) => `${clean(e.source)} AS e${i}`)].join(', ')}, ${importId} AS __mi_id, __mi_line AS __mi_l
       FROM ${source} WHERE NOT (${anyCheck})`;

    const importId = Number(await queryValue(conn, 'SELECT coalesce(max(import_id), 0) + 1 FROM imports'));
    const previous = await queryValue<number | undefined>(conn, 'SELECT max(import_id) FROM imports WHERE sha256 = ? AND kind = ?', [staged.sha256, kind]);
    let asOfDate: string | undefined;
    let rowsLoaded: number;
    let rowsRejected: number;
    let duplicatesSkipped = 0;
    let itemScores: { loaded: number; rejected: number } | undefined;
    let dryRejects: { line: number; column: string; value: string; reason: string }[] | undefined;
    let rejectReasons: { reason: string; column: string; count: number }[] | undefined;
    const detected = {
      encoding: staged.encoding,
      delimiter: staged.delimiter,
      lineEndings: staged.lineEndings,
      headerRowsSkipped: skip,
      dateFormats: Object.fromEntries(formats),
      ...(KINDS[kind].wide ? { surveyLayout: wide ? ('wide' as const) : ('long' as const) } : {}),
      ...(wide ? { items: itemColumns } : {}),
    };

    // 7. One transaction: it lands whole or not at all.
    if (signal?.aborted) throw cancelled(fileName);
    onProgress?.({ phase: 'write', rowsDone: 0 });
    await conn.run('BEGIN TRANSACTION');
    try {
      const step = async (sql: string, onPercent?: (pct: number) => void) => {
        const res = await guard(() => conn.run(sql), onPercent);
        return Number(res.rowsChanged);
      };
      // Schema changes first: DuckDB 1.5 refuses to commit a transaction that deletes rows of a
      // table and then alters it ("another transaction has altered this table").
      const extraNames = new Set(extras.map((e) => e.name));
      let rebuilt = false;
      if (mode === 'replace') {
        const existing = (await queryRows<{ column_name: string }>(conn, `SELECT column_name FROM (DESCRIBE ${quoteIdent(table)})`)).map((r) => r.column_name);
        const have = new Set(existing);
        const canonical = new Set([...specs.map((s) => s.name), ...TRACE_COLUMNS]);
        const dropped = existing.filter((col) => !canonical.has(col) && !extraNames.has(col));
        // Each ALTER copies the table's whole column list, so thousands of them are quadratic:
        // with many columns to add or drop the (emptied anyway) table is recreated instead.
        if (dropped.length + extras.filter((e) => !have.has(e.name)).length > REBUILD_AFTER) {
          await step(`DROP TABLE ${quoteIdent(table)}`);
          await step(`CREATE TABLE ${quoteIdent(table)} (${tableColumnsSql(kind)}${extras.map((e) => `, ${quoteIdent(e.name)} VARCHAR`).join('')})`);
          rebuilt = true;
        } else {
          for (const col of dropped) await step(`ALTER TABLE ${quoteIdent(table)} DROP COLUMN ${quoteIdent(col)}`);
        }
      }
      if (!rebuilt) for (const e of extras) await step(`ALTER TABLE ${quoteIdent(table)} ADD COLUMN IF NOT EXISTS ${quoteIdent(e.name)} VARCHAR`);
      if (mode === 'replace' && !rebuilt) await step(`DELETE FROM ${quoteIdent(table)}`);
      // Reported after the replace-mode DELETE (tests inject a failure here to prove atomicity).
      onProgress?.({ phase: 'write', rowsDone: 0 });
      const insertInto = `INSERT INTO ${quoteIdent(table)} (${[...targetCols, ...TRACE_COLUMNS].map(quoteIdent).join(', ')})`;
      const insertSql =
        mode === 'append'
          ? `${insertInto} SELECT * FROM (${selectValid(importId)}) v
             WHERE NOT EXISTS (SELECT 1 FROM ${quoteIdent(table)} t WHERE ${fieldNames.map((c, i) => `t.${quoteIdent(c)} IS NOT DISTINCT FROM v.c${i}`).join(' AND ')})`
          : `${insertInto} ${selectValid(importId)}`;
      const expected = wide ? undefined : rowsRead;
      // Rows need no order in the table (each keeps its file line in source_line). Kept in
      // order, DuckDB's parallel insert writes batches that the next CHECKPOINT rewrites whole,
      // which costs as much again as the insert.
      // Reset after the insert, or after the ROLLBACK below when it failed: a statement run on
      // the aborted transaction would fail too ("Current transaction is aborted") and hide why.
      await conn.run('SET preserve_insertion_order = false');
      rowsLoaded = await step(insertSql, onProgress ? (pct) => onProgress({ phase: 'write', rowsDone: expected ? Math.round((pct / 100) * expected) : undefined }) : undefined);
      await conn.run('RESET preserve_insertion_order');
      let valid = rowsLoaded;
      if (mode === 'append') {
        valid = Number((await query<{ n: number }>(`SELECT count(*) AS n FROM ${source} WHERE NOT (${anyCheck})`))[0]?.n ?? 0);
        duplicatesSkipped = valid - rowsLoaded;
      }
      // One row per record (not wide): when every record was valid there is nothing to reject,
      // and the pass that looks for rejects can be skipped.
      rowsRejected = !wide && valid === rowsRead ? 0 : await step(rejectsSql(importId));
      if (wide) {
        // The summary's counts are of file rows; a wide row holds many item scores, counted apart.
        itemScores = { loaded: rowsLoaded, rejected: rowsRejected };
        const [c] = await query<{ loaded: number; rejected: number }>(
          `SELECT (SELECT count(DISTINCT source_line) FROM ${quoteIdent(table)} WHERE import_id = ${importId}) AS loaded, (SELECT count(DISTINCT line) FROM import_rejects WHERE import_id = ${importId}) AS rejected`,
        );
        rowsLoaded = Number(c?.loaded ?? 0);
        rowsRejected = Number(c?.rejected ?? 0);
      }
      asOfDate = await KIND_RULES[kind].asOfDate?.(conn, importId, plans, opts.asOf);
      if (signal?.aborted) throw cancelled(fileName);
      const loggedMapping = { ...mapping, columns: Object.fromEntries([...matched].filter(([, v]) => !v.startsWith('__mi'))), headerRowsToSkip: skip, dateFormats: Object.fromEntries(formats), detected };
      await conn.run(
        `INSERT INTO imports VALUES (?, ?, ?, ?, ?, ?, ?, ?, now()::TIMESTAMP, ${asOfDate ? 'CAST(? AS DATE)' : 'NULL'})`,
        [importId, kind, fileName, staged.sha256, rowsRead, rowsLoaded, rowsRejected, JSON.stringify(loggedMapping), ...(asOfDate ? [asOfDate] : [])],
      );
      onProgress?.({ phase: 'write', rowsDone: rowsLoaded });
      if (opts.dryRun) {
        dryRejects = await queryRows<{ line: number; column: string; value: string; reason: string }>(
          conn,
          `SELECT line, "column", coalesce(value, '') AS value, reason FROM import_rejects WHERE import_id = ? ORDER BY line, rowid LIMIT ${REJECTS_RETURNED}`,
          [importId],
        );
        rejectReasons = (
          await queryRows<{ reason: string; column: string; n: number }>(
            conn,
            `SELECT reason, coalesce("column", '') AS "column", count(*) AS n FROM import_rejects WHERE import_id = ? GROUP BY ALL ORDER BY n DESC, reason`,
            [importId],
          )
        ).map((r) => ({ reason: r.reason, column: r.column, count: Number(r.n) }));
        await conn.run('ROLLBACK');
      } else await conn.run('COMMIT');
    } catch (err) {
      await conn.run('ROLLBACK').catch(() => undefined);
      await conn.run('RESET preserve_insertion_order').catch(() => undefined);
      throw writeError(err, fileName);
    }

    const rejects = dryRejects ?? await queryRows<{ line: number; column: string; value: string; reason: string }>(
      conn,
      `SELECT line, "column", coalesce(value, '') AS value, reason FROM import_rejects WHERE import_id = ? ORDER BY line, rowid LIMIT ${REJECTS_RETURNED}`,
      [importId],
    );
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
      ...(itemScores ? { itemScores } : {}),
      ...(asOfDate ? { asOfDate } : {}),
      ...(emptyRows ? { emptyRowsSkipped: emptyRows } : {}),
      ...(staged.warnings.length ? { warnings: staged.warnings } : {}),
      detected,
      ...(rejectReasons ? { rejectReasons } : {}),
    };
  }
}
