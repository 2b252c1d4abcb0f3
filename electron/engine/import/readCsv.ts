/**
 * The CSV reading layer: turns any supported file into a DuckDB temp table of text
 * columns plus the exact 1-based file line of every row. The bulk read is DuckDB's; Node
 * only streams the bytes once (hash, encoding check, record-start lines) and, for
 * UTF-16, Windows-1252 or mixed line endings, writes a UTF-8 copy that DuckDB reads.
 */
import { isAscii, isUtf8 } from 'node:buffer';
import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import type { WriteStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { copyPrefix } from './tempCopies';
import { join } from 'node:path';
import type { DuckDBConnection } from '@duckdb/node-api';
import { queryRows, queryValue, quoteIdent, quoteLiteral } from '../db';
import { EngineError } from '../errors';
import { checkHeaderQuotes, detectDialect, headerProblem, headerWarnings } from './dialect';
import type { Dialect, HeaderNameIssue } from './dialect';
import { writeWithBackpressure } from '../streams';
import { HEAD_BYTES, completeUtf8Length, decodeHead, decoderFor, firstInvalidUtf8, firstUtf8Sequence, lineOfOffset, mixedEncodings, probeFile } from './encoding';
import type { SourceEncoding } from './encoding';
import { RecordScanner } from './lineScan';
import type { DetectedFormat, ProgressCallback } from './types';
import { MISSING_TOKENS } from '../../../shared/kinds';


export const STAGE_TABLE = '__mi_stage';
export const ROWS_VIEW = '__mi_rows';
export const PLAIN_VIEW = '__mi_rows_plain';
const LINES_TABLE = '__mi_lines';
const PER_ROW_TABLE = '__mi_line_per_row';
const CHUNK = 1 << 20;
const SEGMENT = 1 << 20;

export interface StageOptions {
  path: string;
  /** Name used in messages; defaults to the path. */
  fileName?: string;
  /** Read the missing-value spellings (MISSING_TOKENS in shared/kinds.ts) as NULL (the importer); off: only empty cells are NULL. */
  missingAsNull?: boolean;
  signal?: AbortSignal;
  onProgress?: ProgressCallback;
  /** Where a transcoded copy goes (deleted by dispose); defaults to the OS temp folder. */
  tempDir?: string;
}

export interface StagedCsv {
  fileName: string;
  /** Column names (dialect.ts headerNames); column i of the stage is named columns[i]. */
  headers: string[];
  /** The file line of the header. */
  headerLine: number;
  /** Header names written more than once, and empty header cells. */
  duplicates: HeaderNameIssue[];
  /** One message per entry of duplicates, for the summary. */
  warnings: string[];
  /** Internal column names in the stage and the view: c0, c1, … */
  columns: string[];
  /**
   * Temp view: __mi_r (0-based data row), __mi_line (1-based file line where the row starts),
   * then the text columns. Rows are data rows only (the header is not one).
   */
  view: string;
  /** The same rows without __mi_line: cheaper to scan when the line is not needed (no join). */
  plainView: string;
  rowCount: number;
  sha256: string;
  size: number;
  encoding: SourceEncoding;
  delimiter: string;
  lineEndings: DetectedFormat['lineEndings'];
  /** Drops the temp table and view and deletes any temporary copy. */
  dispose(): Promise<void>;
}

export function cancelled(fileName: string): EngineError {
  return new EngineError('cancelled', `${fileName}: import cancelled; the project is unchanged`, { file: fileName });
}

export function isInterrupt(err: unknown): boolean {
  return err instanceof Error && /INTERRUPT|Interrupted/i.test(err.message);
}

/** Runs a DuckDB statement that `signal` can interrupt, reporting DuckDB's progress meanwhile. */
export async function runInterruptible<T>(
  conn: DuckDBConnection,
  fileName: string,
  signal: AbortSignal | undefined,
  work: () => Promise<T>,
  onPercent?: (pct: number) => void,
): Promise<T> {
  if (signal?.aborted) throw cancelled(fileName);
  const abort = () => conn.interrupt();
  signal?.addEventListener('abort', abort);
  // A progress callback that throws fails the import (after interrupting the query), never the process.
  let callbackError: unknown;
  const timer = onPercent
    ? setInterval(() => {
        const pct = conn.progress.percentage;
        if (pct < 0 || callbackError !== undefined) return;
        try {
          onPercent(pct);
        } catch (err) {
          callbackError = err;
          conn.interrupt();
        }
      }, 250)
    : undefined;
  try {
    const result = await work();
    if (callbackError !== undefined) throw callbackError;
    return result;
  } catch (err) {
    if (callbackError !== undefined) throw callbackError;
    if (signal?.aborted || isInterrupt(err)) throw cancelled(fileName);
    throw err;
  } finally {
    if (timer) clearInterval(timer);
    signal?.removeEventListener('abort', abort);
  }
}

interface ScanOutcome {
  scanner: RecordScanner;
  sha256: string;
  /** Set when a UTF-8 file turned out not to be UTF-8 further on; `utf8Line`: the first line with a UTF-8 multi-byte character before it. */
  invalidUtf8?: { line: number; mixed: boolean; utf8Line?: number };
}

function firstNonAscii(buf: Buffer): number {
  for (let i = 0; i < buf.length; i++) if (buf[i]! >= 0x80) return i;
  return -1;
}

function countLf(buf: Buffer): number {
  let n = 0;
  for (let i = buf.indexOf(0x0a); i >= 0; i = buf.indexOf(0x0a, i + 1)) n++;
  return n;
}

function writeChunk(out: WriteStream, buf: Buffer): Promise<void> {
  return writeWithBackpressure(out, buf);
}

/**
 * One streaming pass: hashes the source bytes, checks UTF-8 (pass 1 of a UTF-8 file) and
 * feeds the record scanner; with `outPath`, writes the decoded, LF-normalised UTF-8 copy.
 */
async function scanPass(
  path: string,
  fileName: string,
  encoding: SourceEncoding,
  dialect: Dialect,
  opts: {
    outPath?: string;
    checkUtf8: boolean;
    /** Windows-1252 transcoding: the first line that is not UTF-8; a UTF-8 multi-byte character anywhere is then refused (mixed encodings). */
    notUtf8Line?: number;
    signal?: AbortSignal;
    onProgress?: ProgressCallback;
    progressBase: number;
    progressTotal: number;
  },
): Promise<ScanOutcome> {
  const scanner = new RecordScanner({
    delimiter: dialect.delimiter.charCodeAt(0),
    quote: 0x22,
    escape: dialect.escape.charCodeAt(0),
    skipLines: dialect.skipLines,
    singleColumn: dialect.header.length === 1,
  });
  const hash = createHash('sha256');
  const decoder = opts.outPath ? decoderFor(encoding) : null;
  const out = opts.outPath ? createWriteStream(opts.outPath, { mode: 0o600 }) : null;
  const outDone = out
    ? new Promise<void>((resolve, reject) => {
        out.on('error', reject);
        out.on('close', resolve);
      })
    : null;
  let carry: Buffer = Buffer.alloc(0);
  let sawNonAscii = false;
  let utf8Line: number | undefined;
  /** Line breaks (LF) before the current chunk, and the last bytes of the previous chunk (a UTF-8 sequence may straddle chunks). */
  let linesBefore = 0;
  let tail: Buffer = Buffer.alloc(0);
  const lineAt = (buf: Buffer, offset: number) => linesBefore + lineOfOffset(buf, offset, 0x0a);
  let bytes = 0;
  let lastReport = 0;
  const stream = createReadStream(path, { highWaterMark: CHUNK });
  try {
    for await (const raw of stream) {
      const chunk = raw as Buffer;
      if (opts.signal?.aborted) throw cancelled(fileName);
      hash.update(chunk);
      bytes += chunk.length;
      if (opts.checkUtf8) {
        const joined = carry.length ? Buffer.concat([carry, chunk]) : chunk;
        const cut = completeUtf8Length(joined);
        const whole = joined.subarray(0, cut);
        if (!isUtf8(whole)) {
          const bad = firstInvalidUtf8(whole);
          const at = Math.max(0, bad - carry.length);
          scanner.push(chunk.subarray(0, at));
          const before = whole.subarray(0, bad);
          if (utf8Line === undefined && !isAscii(before)) utf8Line = lineAt(joined, firstNonAscii(before));
          const mixed = sawNonAscii || !isAscii(before);
          return { scanner, sha256: '', invalidUtf8: { line: scanner.line, mixed, ...(utf8Line !== undefined ? { utf8Line } : {}) } };
        }
        if (!sawNonAscii && !isAscii(whole)) {
          sawNonAscii = true;
          utf8Line = lineAt(joined, firstNonAscii(whole));
        }
        carry = Buffer.from(joined.subarray(cut));
      }
      if (opts.notUtf8Line !== undefined) {
        const joined = tail.length ? Buffer.concat([tail, chunk]) : chunk;
        const at = firstUtf8Sequence(joined);
        if (at >= 0) throw mixedEncodings(fileName, lineAt(joined, at), opts.notUtf8Line);
        tail = Buffer.from(joined.subarray(Math.max(0, joined.length - 3)));
        // Lines are counted on `joined` from linesBefore: leave the tail's line breaks for the next chunk.
        linesBefore += countLf(joined.subarray(0, joined.length - tail.length));
      } else if (opts.checkUtf8) linesBefore += countLf(chunk);
      if (out) {
        const utf8 = decoder ? Buffer.from(decoder.decode(chunk, { stream: true }), 'utf8') : chunk;
        const normalised = scanner.push(utf8, true);
        if (normalised?.length) await writeChunk(out, normalised);
      } else scanner.push(chunk);
      if (opts.onProgress && bytes - lastReport >= 8 * CHUNK) {
        lastReport = bytes;
        opts.onProgress({ phase: 'scan', bytesDone: opts.progressBase + bytes, totalBytes: opts.progressTotal });
      }
    }
    if (opts.checkUtf8 && carry.length) {
      scanner.push(Buffer.alloc(0));
      return { scanner, sha256: '', invalidUtf8: { line: scanner.line, mixed: sawNonAscii } };
    }
    if (out && decoder) {
      const tail = decoder.decode();
      if (tail) {
        const normalised = scanner.push(Buffer.from(tail, 'utf8'), true);
        if (normalised?.length) await writeChunk(out, normalised);
      }
    }
    scanner.finish();
    if (out) {
      // A failed write (a full disk) must fail here, not show up later as a short copy.
      out.end();
      await outDone;
    }
  } finally {
    stream.destroy();
    if (out && !out.writableFinished) {
      out.destroy();
      await outDone!.catch(() => undefined);
    }
  }
  return { scanner, sha256: hash.digest('hex') };
}

/** DuckDB's reader message → a one-line reason a user can act on. */
function csvErrorReason(msg: string): string {
  const cols = /Expected Number of Columns:\s*(\d+)\s*Found:\s*(\d+)/i.exec(msg);
  if (cols) {
    const [, expected, found] = cols;
    // DuckDB stops counting at the first extra field, so "more than" is all it knows.
    return Number(found) > Number(expected)
      ? `the row has more fields than the header's ${expected} (a delimiter in a value that is not quoted?)`
      : `the row has ${found} field${found === '1' ? '' : 's'} but the header has ${expected}`;
  }
  if (/unterminated quote/i.test(msg)) return 'a quoted value is not closed properly (a quote inside a quoted value must be doubled: "")';
  if (/Invalid unicode|not utf-8/i.test(msg)) return 'the text is not valid UTF-8';
  if (/Maximum line size/i.test(msg)) return 'a row is longer than 2 MB';
  if (/invalid state/i.test(msg)) return 'the file is not valid CSV here';
  const first = msg.split('\n').find((l) => l.trim()) ?? msg;
  return first.replace(/^[A-Za-z ]*Error:\s*/, '');
}

/**
 * Reads a CSV file into DuckDB temp objects (see StagedCsv). Refuses with an EngineError
 * naming the file (and line, where there is one) anything it cannot read exactly.
 */
export async function stageCsv(conn: DuckDBConnection, opts: StageOptions): Promise<StagedCsv> {
  const fileName = opts.fileName ?? opts.path;
  const { signal, onProgress } = opts;
  if (signal?.aborted) throw cancelled(fileName);
  const probe = await probeFile(opts.path, fileName);
  let encoding = probe.encoding;
  const headText = decodeHead(probe);
  let dialect = detectDialect(headText, probe.size <= HEAD_BYTES);
  if (!dialect) throw headerProblem(fileName, headText, probe.size <= HEAD_BYTES, probe.head.length);
  checkHeaderQuotes(fileName, headText, dialect);

  let tempDir: string | undefined;
  const cleanupTemp = async () => {
    if (tempDir) await rm(tempDir, { recursive: true, force: true });
    tempDir = undefined;
  };
  const makeTemp = async () => {
    tempDir = await mkdtemp(join(opts.tempDir ?? tmpdir(), copyPrefix()));
    return join(tempDir, 'source-utf8.csv');
  };

  const readOptions = (d: Dialect) => [
    'auto_detect = false',
    'header = true',
    `skip = ${d.skipLines}`,
    `delim = ${quoteLiteral(d.delimiter)}`,
    `quote = '"'`,
    `escape = ${quoteLiteral(d.escape)}`,
    `columns = {${d.header.map((_, i) => `${quoteLiteral(`c${i}`)}: 'VARCHAR'`).join(', ')}}`,
    `encoding = 'utf-8'`,
    'strict_mode = true',
    'null_padding = false',
    ...(opts.missingAsNull ? [`nullstr = [${MISSING_TOKENS.map(quoteLiteral).join(', ')}]`] : []),
  ];
  const stageSql = (path: string, d: Dialect) => `CREATE OR REPLACE TEMP TABLE ${STAGE_TABLE} AS SELECT * FROM read_csv(${quoteLiteral(path)}, ${readOptions(d).join(', ')})`;

  // A UTF-8 file (the usual, and the big, case) is loaded by DuckDB while Node scans it; if the
  // scan then finds a reason to read a converted copy instead, that load is interrupted.
  let early: Promise<unknown> | undefined;
  let scanDone = false;
  const abandonEarly = async () => {
    if (!early) return;
    const pending = early;
    early = undefined;
    conn.interrupt();
    await pending.catch(() => undefined);
  };

  try {
    const size = probe.size;
    const onLoadPercent = onProgress ? (pct: number) => scanDone && onProgress({ phase: 'load', bytesDone: Math.round((pct / 100) * size), totalBytes: size }) : undefined;
    onProgress?.({ phase: 'scan', bytesDone: 0, totalBytes: size });
    let readPath = opts.path;
    let outcome: ScanOutcome;
    const needsCopy = encoding !== 'utf-8' && encoding !== 'utf-8-bom';
    if (needsCopy) {
      readPath = await makeTemp();
      // Windows-1252 (the head is not UTF-8): a UTF-8 character further on means two encodings.
      const notUtf8Line = encoding === 'windows-1252' ? lineOfOffset(probe.head, firstInvalidUtf8(probe.head.subarray(0, completeUtf8Length(probe.head)))) : undefined;
      outcome = await scanPass(opts.path, fileName, encoding, dialect, { outPath: readPath, checkUtf8: false, notUtf8Line, signal, onProgress, progressBase: 0, progressTotal: size });
    } else {
      const firstDialect = dialect;
      early = runInterruptible(conn, fileName, signal, () => conn.run(stageSql(opts.path, firstDialect)), onLoadPercent);
      early.catch(() => undefined);
      outcome = await scanPass(opts.path, fileName, encoding, dialect, { checkUtf8: true, signal, onProgress, progressBase: 0, progressTotal: size });
      if (outcome.invalidUtf8) {
        await abandonEarly();
        const { line, mixed, utf8Line } = outcome.invalidUtf8;
        // A byte-order mark says UTF-8 on line 1.
        if (mixed || encoding === 'utf-8-bom') throw mixedEncodings(fileName, utf8Line ?? 1, line);
        // Plain ASCII at first, then bytes only Windows-1252 explains: read it as Windows-1252.
        encoding = 'windows-1252';
        const head = new TextDecoder('windows-1252').decode(probe.head);
        dialect = detectDialect(head, probe.size <= HEAD_BYTES) ?? dialect;
        readPath = await makeTemp();
        outcome = await scanPass(opts.path, fileName, encoding, dialect, { outPath: readPath, checkUtf8: false, notUtf8Line: line, signal, onProgress, progressBase: 0, progressTotal: size });
      } else if (outcome.scanner.mixedLineEndings) {
        // DuckDB's strict reader refuses mixed line endings: it reads an LF-normalised copy.
        await abandonEarly();
        readPath = await makeTemp();
        outcome = await scanPass(opts.path, fileName, encoding, dialect, { outPath: readPath, checkUtf8: false, signal, onProgress, progressBase: 0, progressTotal: size });
      }
    }
    const { scanner } = outcome;
    if (scanner.unterminatedQuote) {
      const line = scanner.quoteOpenLine;
      throw new EngineError('unreadable_csv', `${fileName}, line ${line}: a quoted value starts here and is never closed`, { file: fileName, line });
    }
    if (scanner.strayQuoteLine) {
      const line = scanner.strayQuoteLine;
      throw new EngineError('unreadable_csv', `${fileName}, line ${line}: text follows the closing quote of a quoted value (a quote inside a quoted value must be doubled: "")`, { file: fileName, line });
    }
    onProgress?.({ phase: 'scan', bytesDone: size, totalBytes: size });
    scanDone = true;

    const columns = dialect.header.map((_, i) => `c${i}`);
    onProgress?.({ phase: 'load', bytesDone: 0, totalBytes: size });
    try {
      if (early) await early;
      else await runInterruptible(conn, fileName, signal, () => conn.run(stageSql(readPath, dialect!)), onLoadPercent);
    } catch (err) {
      if (err instanceof EngineError) throw err;
      const msg = err instanceof Error ? err.message : String(err);
      const unit = /CSV Error on Line:\s*(\d+)/i.exec(msg)?.[1];
      const line = unit ? scanner.unitLines.lineOf(Number(unit) - 1) : undefined;
      const hint = columns.length === 1 && /Found:\s*\d+/i.test(msg) ? '; if lines above the header hold notes or a title, delete them' : '';
      throw new EngineError('unreadable_csv', `${fileName}${line ? `, line ${line}` : ''}: ${csvErrorReason(msg)}${hint}`, { file: fileName, ...(line ? { line } : {}) });
    } finally {
      early = undefined;
    }

    const rowCount = Number(await queryValue(conn, `SELECT count(*) FROM ${STAGE_TABLE}`));
    if (rowCount !== scanner.records - 1) {
      throw new EngineError(
        'unreadable_csv',
        `${fileName}: the rows could not be told apart reliably (the CSV reader found ${rowCount} rows, the line scan ${Math.max(0, scanner.records - 1)}); check the quoting`,
        { file: fileName },
      );
    }

    // Data row r is record r + 1 (record 0 is the header): line = r + 1 + delta.
    const breaks: [number, number][] = [];
    const { recordLines } = scanner;
    const first = recordLines.lineOf(1);
    if (first !== undefined) breaks.push([0, first]);
    for (let k = 0; k < recordLines.length; k++) {
      const idx = recordLines.index[k]!;
      if (idx >= 2) breaks.push([idx - 1, idx + recordLines.delta[k]!]);
    }
    const cols = columns.map(quoteIdent).join(', ');
    await conn.run(`CREATE OR REPLACE TEMP VIEW ${PLAIN_VIEW} AS SELECT rowid AS __mi_r, ${cols} FROM ${STAGE_TABLE}`);
    if (breaks.length <= 1) {
      const base = breaks[0]?.[1] ?? 2;
      await conn.run(`CREATE OR REPLACE TEMP VIEW ${ROWS_VIEW} AS SELECT rowid AS __mi_r, rowid + ${base} AS __mi_line, ${cols} FROM ${STAGE_TABLE}`);
    } else {
      await conn.run(`CREATE OR REPLACE TEMP TABLE ${LINES_TABLE} (r BIGINT, first_line BIGINT)`);
      const appender = await conn.createAppender(LINES_TABLE, 'main', 'temp');
      const append = (r: number, line: number) => {
        appender.appendBigInt(BigInt(r));
        appender.appendBigInt(BigInt(line));
        appender.endRow();
      };
      breaks.forEach(([r, line], k) => {
        append(r, line);
        // Long runs are cut so that no list below holds more than SEGMENT entries.
        const end = breaks[k + 1]?.[0] ?? rowCount;
        for (let m = r + SEGMENT; m < end; m += SEGMENT) append(m, line + (m - r));
      });
      appender.closeSync();
      // One line per row, in row order, then joined by position (a sequential scan of both;
      // an ASOF join would sort all rows in every pass that needs the line).
      await conn.run(
        `CREATE OR REPLACE TEMP TABLE ${PER_ROW_TABLE} AS SELECT unnest(range(r, coalesce(next_r, ${rowCount}))) - r + first_line AS line
         FROM (SELECT r, first_line, lead(r) OVER (ORDER BY r) AS next_r FROM ${LINES_TABLE}) ORDER BY line`,
      );
      await conn.run(
        `CREATE OR REPLACE TEMP VIEW ${ROWS_VIEW} AS SELECT s.rowid AS __mi_r, p.line AS __mi_line, ${columns.map((c) => `s.${quoteIdent(c)}`).join(', ')}
         FROM ${STAGE_TABLE} s POSITIONAL JOIN ${PER_ROW_TABLE} p`,
      );
    }

    const kinds = [scanner.lf && 'lf', scanner.crlf && 'crlf', scanner.cr && 'cr'].filter(Boolean) as ('lf' | 'crlf' | 'cr')[];
    const lineEndings: DetectedFormat['lineEndings'] = kinds.length > 1 ? 'mixed' : kinds[0] ?? 'none';
    return {
      fileName,
      headers: dialect.header,
      headerLine: dialect.skipLines + 1,
      duplicates: dialect.duplicates,
      warnings: headerWarnings(fileName, dialect.skipLines + 1, dialect.duplicates),
      columns,
      view: ROWS_VIEW,
      plainView: PLAIN_VIEW,
      rowCount,
      sha256: outcome.sha256,
      size,
      encoding,
      delimiter: dialect.delimiter,
      lineEndings,
      dispose: async () => {
        await conn.run(`DROP VIEW IF EXISTS ${ROWS_VIEW}; DROP VIEW IF EXISTS ${PLAIN_VIEW}; DROP TABLE IF EXISTS ${LINES_TABLE}; DROP TABLE IF EXISTS ${PER_ROW_TABLE}; DROP TABLE IF EXISTS ${STAGE_TABLE}`);
        await cleanupTemp();
      },
    };
  } catch (err) {
    await abandonEarly();
    await conn.run(`DROP VIEW IF EXISTS ${ROWS_VIEW}; DROP VIEW IF EXISTS ${PLAIN_VIEW}; DROP TABLE IF EXISTS ${LINES_TABLE}; DROP TABLE IF EXISTS ${PER_ROW_TABLE}; DROP TABLE IF EXISTS ${STAGE_TABLE}`).catch(() => undefined);
    await cleanupTemp();
    throw err;
  }
}

export interface CsvRows {
  headers: string[];
  /** Each row: its 1-based file line and its values (null for an empty cell). */
  rows: { line: number; values: (string | null)[] }[];
  encoding: SourceEncoding;
  delimiter: string;
  lineEndings: DetectedFormat['lineEndings'];
}

/** Reads a whole (small) CSV through the reading layer; for previews and tests. */
export async function readCsvRows(conn: DuckDBConnection, path: string, opts: Omit<StageOptions, 'path'> = {}): Promise<CsvRows> {
  const staged = await stageCsv(conn, { ...opts, path });
  try {
    const rows = await queryRows<Record<string, string | number | null>>(conn, `SELECT * FROM ${staged.view} ORDER BY __mi_r`);
    return {
      headers: staged.headers,
      rows: rows.map((r) => ({ line: Number(r.__mi_line), values: staged.columns.map((c) => (r[c] ?? null) as string | null) })),
      encoding: staged.encoding,
      delimiter: staged.delimiter,
      lineEndings: staged.lineEndings,
    };
  } finally {
    await staged.dispose();
  }
}
