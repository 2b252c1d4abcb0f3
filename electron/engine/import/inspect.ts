/**
 * Inspection before an import (the app's mapping step): the reader's own
 * detection (encoding, dialect, header rows), the first rows, and guesses for the kind,
 * the column mapping, date formats, text values and the survey layout. Only the start of
 * the file is read (encoding.ts HEAD_BYTES), so a 5 GB export inspects as fast as a small one.
 */
import { basename } from 'node:path';
import type { DuckDBConnection } from '@duckdb/node-api';
import type { DateColumnInspection, FileInspection } from '../../../shared/domain';
import { KINDS, MISSING_TOKENS } from '../../../shared/kinds';
import type { ImportKind } from '../../../shared/kinds';
import { queryRows, quoteIdent } from '../db';
import { EngineError } from '../errors';
import { DATE_CANDIDATES, parseDateSql } from './dateFormats';
import { checkHeaderQuotes, detectDialect, headerProblem, headerWarnings, leadingBlankLines, parseRecords, previewText } from './dialect';
import { HEAD_BYTES, decodeHead, probeFile } from './encoding';
import { detectHeaderRows, guessKind, itemPool, readsWide } from './detect';
import { matchColumns } from './matchColumns';

/** Records under the header in the preview text. */
const INSPECT_PREVIEW_ROWS = 100;
/** Rows the guesses are made on. */
const ANALYSIS_ROWS = 2000;
const MAX_TEXT_VALUES = 50;
const TABLE = '__mi_inspect';
/** Answer labels of rating scales. */
const LIKERT = /^(strongly |somewhat |very |completely |mostly |extremely |not at all |not very |slightly )?(agree|disagree|neutral|neither agree nor disagree|satisfied|dissatisfied|unsatisfied|likely|unlikely|never|rarely|sometimes|often|always|poor|fair|good|very good|excellent|important|unimportant|yes|no)$/i;

export interface InspectOptions {
  path: string;
  fileName?: string;
  kind?: ImportKind;
}

const family = (fmt: string): 'us' | 'eu' | 'other' => (/^%m[/.-]%d/.test(fmt) ? 'us' : /^%d[/.-]%m/.test(fmt) ? 'eu' : 'other');

function lineEndingsOf(text: string): FileInspection['detected']['lineEndings'] {
  const crlf = (text.match(/\r\n/g) ?? []).length;
  const lf = (text.match(/\n/g) ?? []).length - crlf;
  const cr = (text.match(/\r/g) ?? []).length - crlf;
  const kinds = [lf > 0 && 'lf', crlf > 0 && 'crlf', cr > 0 && 'cr'].filter(Boolean) as ('lf' | 'crlf' | 'cr')[];
  return kinds.length > 1 ? 'mixed' : (kinds[0] ?? 'none');
}

export async function inspectFile(conn: DuckDBConnection, opts: InspectOptions): Promise<FileInspection> {
  const fileName = opts.fileName ?? basename(opts.path);
  const probe = await probeFile(opts.path, fileName);
  const complete = probe.size <= HEAD_BYTES;
  const head = decodeHead(probe).replace(/^\uFEFF/, '');
  const dialect = detectDialect(head, complete);
  if (!dialect) throw headerProblem(fileName, head, complete, probe.head.length);
  checkHeaderQuotes(fileName, head, dialect);
  const body = head.split(/\r\n|\n|\r/).slice(dialect.skipLines).join('\n');
  let records = parseRecords(body, dialect.delimiter, dialect.escape, ANALYSIS_ROWS + 2, complete);
  const preview = previewText(head.slice(leadingBlankLines(head).offset), dialect, INSPECT_PREVIEW_ROWS, complete);
  if (!complete && records.length > 2) records = records.slice(0, -1);
  records = records.slice(0, ANALYSIS_ROWS + 1).filter((r, i) => i === 0 || r.some((v) => v.trim() !== ''));
  const headers = dialect.header;
  const width = headers.length;
  const dataRows = records.slice(1).map((r) => Array.from({ length: width }, (_, i) => r[i] ?? ''));
  if (dataRows.length === 0) throw new EngineError('empty_file', `${fileName}: the file has a header but no data rows`, { file: fileName, line: 2 });
  const columns = headers.map((_, i) => `c${i}`);
  const colOf = new Map(headers.map((h, i) => [h, columns[i]!]));

  // The sample as a temp table of text (missing-value spellings as NULL, as the importer reads them).
  await conn.run(`CREATE OR REPLACE TEMP TABLE ${TABLE} (__mi_r BIGINT, ${columns.map((c) => `${quoteIdent(c)} VARCHAR`).join(', ')})`);
  try {
    const appender = await conn.createAppender(TABLE, 'main', 'temp');
    dataRows.forEach((row, r) => {
      appender.appendBigInt(BigInt(r));
      for (const v of row) {
        const t = v.trim();
        if (MISSING_TOKENS.includes(t)) appender.appendNull();
        else appender.appendVarchar(t);
      }
      appender.endRow();
    });
    appender.closeSync();

    // Kind: the one whose required fields the header names best.
    const numericCols = await numericColumns(conn, headers, colOf, 0);
    const guessedKind = guessKind(headers, numericCols);
    const kind = opts.kind ?? guessedKind ?? 'people';
    const specs = KINDS[kind].fields;
    const matched = matchColumns(fileName, specs, headers);

    const skip = await detectHeaderRows(conn, { columns, headers, plainView: TABLE }, matched.get('employee_id'));
    const from = `(SELECT * FROM ${TABLE} WHERE __mi_r >= ${skip})`;

    // Survey layout: long when item and score columns are named, else wide over the numeric columns.
    let survey: FileInspection['survey'];
    const wideFields = KINDS[kind].wide;
    if (wideFields) {
      const nums = await numericColumns(conn, headers, colOf, skip);
      const long = !readsWide(kind, matched);
      const open = itemPool(kind, headers, matched);
      survey = {
        layout: long ? 'long' : 'wide',
        itemCandidates: long ? [] : open.filter((h) => nums.includes(h)),
        otherColumns: long ? [] : open.filter((h) => !nums.includes(h)),
      };
      if (!long) {
        matched.delete(wideFields.item);
        matched.delete(wideFields.score);
      }
    }

    // Date formats of every column that is a date field's guess or reads as dates.
    const dateFieldOf = new Map(specs.filter((s) => s.type === 'date' && matched.has(s.name)).map((s) => [matched.get(s.name)!, s.name]));
    const dates = await inspectDates(conn, from, headers, colOf, dateFieldOf);
    // A date field no header names takes the first column that reads as dates and is not claimed.
    for (const spec of specs.filter((s) => s.type === 'date' && !matched.has(s.name))) {
      const claimed = new Set(matched.values());
      const free = dates.find((d) => !d.field && !claimed.has(d.column));
      if (!free) continue;
      matched.set(spec.name, free.column);
      free.field = spec.name;
    }

    // Text values of rating, score and role columns (and of wide survey items).
    const textValues: FileInspection['textValues'] = [];
    for (const spec of specs.filter((s) => s.type === 'number' || s.type === 'role')) {
      const cols = matched.has(spec.name) ? [matched.get(spec.name)!] : [];
      if (!cols.length) continue;
      const values = await distinctTexts(conn, from, cols.map((c) => colOf.get(c)!), spec.type === 'role');
      if (values.length) textValues.push({ field: spec.name, column: cols.length === 1 ? cols[0]! : '(survey items)', values });
    }
    if (survey?.layout === 'wide') {
      // Columns of Likert labels (Agree, Very satisfied…) are items too, once a value map covers them.
      for (const h of [...survey.otherColumns]) {
        const vals = await distinctTexts(conn, from, [colOf.get(h)!], false);
        if (vals.length > 0 && vals.length <= 12 && vals.every((v) => LIKERT.test(v)) && !dateFieldOf.has(h)) {
          survey.itemCandidates.push(h);
          survey.otherColumns = survey.otherColumns.filter((c) => c !== h);
        }
      }
      const ordered = headers.filter((h) => survey!.itemCandidates.includes(h));
      survey.itemCandidates = ordered;
      const values = await distinctTexts(conn, from, ordered.map((c) => colOf.get(c)!), false);
      if (values.length) textValues.push({ field: 'score', column: '(survey items)', values });
    }

    return {
      fileName,
      size: probe.size,
      detected: { encoding: probe.encoding, delimiter: dialect.delimiter, lineEndings: lineEndingsOf(head), headerRowsToSkip: skip },
      columns: headers,
      warnings: headerWarnings(fileName, dialect.skipLines + 1, dialect.duplicates),
      preview: { text: preview.text, delimiter: dialect.delimiter, escape: dialect.escape, firstLine: dialect.skipLines + 1 },
      sampled: !preview.whole,
      guessedKind,
      kind,
      fields: specs.map((s) => ({ name: s.name, type: s.type, required: s.required, guess: matched.get(s.name) ?? null })),
      dates,
      textValues,
      ...(survey ? { survey } : {}),
    };
  } finally {
    await conn.run(`DROP TABLE IF EXISTS ${TABLE}`).catch(() => undefined);
  }
}

/** Columns whose non-missing sample values are all numbers (decimal comma allowed). */
async function numericColumns(conn: DuckDBConnection, headers: string[], colOf: Map<string, string>, skip: number): Promise<string[]> {
  const sel = headers.map((h, i) => {
    const c = quoteIdent(colOf.get(h)!);
    return `count(${c}) AS n${i}, count(${c}) FILTER (WHERE TRY_CAST(replace(${c}, ',', '.') AS DOUBLE) IS NULL) AS b${i}`;
  });
  const [row] = await queryRows<Record<string, number>>(conn, `SELECT ${sel.join(', ')} FROM ${TABLE} WHERE __mi_r >= ${skip}`);
  return headers.filter((_, i) => Number(row?.[`n${i}`] ?? 0) > 0 && Number(row?.[`b${i}`] ?? 1) === 0);
}

async function distinctTexts(conn: DuckDBConnection, from: string, cols: string[], all: boolean): Promise<string[]> {
  if (!cols.length) return [];
  const union = cols.map((c) => `SELECT ${quoteIdent(c)} AS v FROM ${from}`).join(' UNION ALL ');
  const rows = await queryRows<{ v: string }>(
    conn,
    `SELECT v, count(*) AS n FROM (${union}) WHERE v IS NOT NULL ${all ? '' : `AND TRY_CAST(replace(v, ',', '.') AS DOUBLE) IS NULL`}
     GROUP BY v ORDER BY n DESC, v LIMIT ${MAX_TEXT_VALUES}`,
  );
  return rows.map((r) => r.v);
}

async function inspectDates(
  conn: DuckDBConnection,
  from: string,
  headers: string[],
  colOf: Map<string, string>,
  dateFieldOf: Map<string, string>,
): Promise<DateColumnInspection[]> {
  const out: DateColumnInspection[] = [];
  const decided = new Set<'us' | 'eu'>();
  for (const h of headers) {
    const c = quoteIdent(colOf.get(h)!);
    const sel = [`sum(k) AS n`, ...DATE_CANDIDATES.map((fmt, fi) => `coalesce(sum(k) FILTER (WHERE ${parseDateSql('v', fmt)} IS NULL), 0) AS f${fi}`)];
    const [row] = await queryRows<Record<string, number>>(conn, `SELECT ${sel.join(', ')} FROM (SELECT ${c} AS v, count(*) AS k FROM ${from} WHERE ${c} IS NOT NULL GROUP BY 1)`);
    const n = Number(row?.n ?? 0);
    const field = dateFieldOf.get(h);
    if (n === 0) {
      if (field) out.push({ column: h, field, format: null, ambiguous: false, candidates: [], examples: [] });
      continue;
    }
    const failures = DATE_CANDIDATES.map((fmt, fi) => ({ fmt: fmt as string, failures: Number(row?.[`f${fi}`] ?? n) }));
    const min = Math.min(...failures.map((f) => f.failures));
    const winners = failures.filter((f) => f.failures === min && f.failures < n).map((f) => f.fmt);
    // A column that is not a date field's guess counts when a non-serial format reads most of it.
    if (!field && (min > n * 0.2 || winners.every((w) => w === 'excel'))) continue;
    const fams = new Set(winners.map(family));
    const ambiguous = fams.has('us') && fams.has('eu');
    if (!ambiguous && winners[0] && family(winners[0]) !== 'other') decided.add(family(winners[0]) as 'us' | 'eu');
    const examples = (await queryRows<{ v: string }>(conn, `SELECT DISTINCT ${c} AS v FROM ${from} WHERE ${c} IS NOT NULL LIMIT 3`)).map((r) => r.v);
    out.push({ column: h, ...(field ? { field } : {}), format: ambiguous ? null : (winners[0] ?? null), ambiguous, candidates: winners, examples });
  }
  // As the importer: another column's unambiguous day/month order settles an ambiguous one.
  if (decided.size === 1) {
    const fam = [...decided][0]!;
    for (const d of out) {
      if (!d.ambiguous) continue;
      d.format = d.candidates.find((f) => family(f) === fam) ?? null;
      d.ambiguous = d.format === null;
    }
  }
  return out;
}
