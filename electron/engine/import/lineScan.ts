/**
 * A byte-level pass over a UTF-8 CSV that finds where each record starts, without
 * parsing fields: DuckDB does the parsing; this pass only tells which file line each
 * DuckDB row came from (a quoted value can span lines, blank lines are skipped).
 *
 * It follows DuckDB's reader (strict mode): a quote opens a quoted value only at the start
 * of a field (one space may precede it); inside quotes a doubled quote (or the escape
 * character) is literal; LF, CRLF and lone CR all end a line; outside quotes a blank line
 * is skipped when the file has several columns and is a NULL row when it has one.
 *
 * Memory is bounded by the number of places where the record→line offset changes
 * (one entry per multi-line record or blank line), never by the file size.
 */

const LF = 0x0a;
const CR = 0x0d;
const SPACE = 0x20;

/** Growable (index, delta) pairs: from record `index` on, line = index + delta. */
export class Breaks {
  index = new Float64Array(16);
  delta = new Float64Array(16);
  length = 0;
  private last = Number.NaN;

  note(i: number, line: number): void {
    const d = line - i;
    if (d === this.last) return;
    this.last = d;
    if (this.length === this.index.length) {
      const grow = (a: Float64Array) => {
        const b = new Float64Array(a.length * 2);
        b.set(a);
        return b;
      };
      this.index = grow(this.index);
      this.delta = grow(this.delta);
    }
    this.index[this.length] = i;
    this.delta[this.length] = d;
    this.length++;
  }

  /** Line of entry i (binary search over the change points). */
  lineOf(i: number): number | undefined {
    let lo = 0;
    let hi = this.length - 1;
    if (hi < 0 || i < this.index[0]!) return undefined;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.index[mid]! <= i) lo = mid;
      else hi = mid - 1;
    }
    return i + this.delta[lo]!;
  }
}

export interface ScanDialect {
  delimiter: number;
  quote: number;
  /** Same as quote for RFC 4180 doubling, or a backslash. */
  escape: number;
  /** Lines before the header (blank ones) that the reader is told to skip. */
  skipLines: number;
  /** One column: a blank line is a row (NULL), as DuckDB reads it. */
  singleColumn: boolean;
}

export class RecordScanner {
  /** Line (1-based) of the next byte. */
  line = 1;
  /** Records seen so far; record 0 is the header. */
  records = 0;
  /** DuckDB's error messages count records plus skipped lines ("CSV Error on Line: n"). */
  units = 0;
  readonly recordLines = new Breaks();
  readonly unitLines = new Breaks();
  /** Line endings outside quotes. */
  lf = 0;
  crlf = 0;
  cr = 0;
  /** Set while a quoted value is open: the line it opened on. */
  quoteOpenLine = 0;
  /** First line where text follows a closing quote (`"ab"c`), or 0. */
  strayQuoteLine = 0;

  private inQuotes = false;
  private recordOpen = false;
  /** 0 inside an unquoted value, 1 at a field start, 2 after one space at a field start, 3 after a closing quote. */
  private field = 1;
  private pendingQuote = false;
  private pendingEscape = false;
  private lastCR = false;
  private skipRemaining: number;
  private atStart = true;
  /** Rewrite mode: output with every line ending outside quotes turned into LF. */
  private out: Buffer[] | null = null;

  constructor(private readonly d: ScanDialect) {
    this.skipRemaining = d.skipLines;
  }

  /** Feeds a chunk; with `rewrite`, returns it with line endings outside quotes normalised to LF (and no BOM). */
  push(buf: Buffer, rewrite = false): Buffer | null {
    let i = 0;
    if (this.atStart) {
      this.atStart = false;
      if (buf.length >= 3 && buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf) i = 3;
    }
    this.out = rewrite ? [] : null;
    let copyFrom = i;
    const n = buf.length;
    const { quote } = this.d;
    while (i < n) {
      // Fast path: at a line start outside quotes, whole lines up to the next quote character
      // only need their line endings counted (memchr-speed indexOf).
      if (!this.inQuotes && !this.recordOpen && !this.lastCR && !this.pendingQuote && this.skipRemaining === 0) {
        const q = buf.indexOf(quote, i);
        const limit = q === -1 ? n : q;
        const lastLf = limit > i ? buf.lastIndexOf(LF, limit - 1) : -1;
        if (lastLf >= i) {
          const end = lastLf + 1;
          if (this.fastLines(buf, i, end, rewrite)) {
            i = end;
            continue;
          }
        }
      }
      // Slow path: one line (or the rest of the chunk) byte by byte.
      const stop = this.slowLine(buf, i, rewrite, copyFrom);
      if (rewrite) copyFrom = this.copyFrom;
      i = stop;
    }
    if (!rewrite) return null;
    if (copyFrom < n) this.out!.push(buf.subarray(copyFrom, n));
    const parts = this.out!;
    this.out = null;
    return parts.length === 1 ? parts[0]! : Buffer.concat(parts);
  }

  private copyFrom = 0;

  /** Complete lines [from, end) without quote characters. Returns false to fall back to the slow path. */
  private fastLines(buf: Buffer, from: number, end: number, rewrite: boolean): boolean {
    let crs = 0;
    for (let c = buf.indexOf(CR, from); c !== -1 && c < end; c = buf.indexOf(CR, c + 1)) {
      if (rewrite || buf[c + 1] !== LF) return false;
      crs++;
    }
    const single = this.d.singleColumn;
    let start = from;
    let line = this.line;
    for (let p = buf.indexOf(LF, from); p !== -1 && p < end; p = buf.indexOf(LF, p + 1)) {
      const contentEnd = p > start && buf[p - 1] === CR ? p - 1 : p;
      if (contentEnd > start || (single && this.records > 0)) {
        this.recordLines.note(this.records++, line);
        this.unitLines.note(this.units++, line);
      } else {
        this.unitLines.note(this.units++, line);
      }
      line++;
      start = p + 1;
    }
    const lines = line - this.line;
    this.crlf += crs;
    this.lf += lines - crs;
    this.line = line;
    this.field = 1;
    return true;
  }

  /** Processes bytes from i through the next line end outside quotes (or the chunk end); returns where it stopped. */
  private slowLine(buf: Buffer, i: number, rewrite: boolean, copyFrom: number): number {
    const n = buf.length;
    const { delimiter, quote, escape, singleColumn } = this.d;
    const escapeIsQuote = escape === quote;
    this.copyFrom = copyFrom;
    for (; i < n; i++) {
      const b = buf[i]!;
      if (this.lastCR) {
        this.lastCR = false;
        if (b === LF) {
          if (!this.inQuotes) {
            this.cr--;
            this.crlf++;
            if (rewrite) this.copyFrom = i + 1;
            return i + 1;
          }
          continue;
        }
      }
      if (this.inQuotes) {
        if (this.pendingEscape) {
          this.pendingEscape = false;
          if (b === LF) this.line++;
          else if (b === CR) {
            this.line++;
            this.lastCR = true;
          }
          continue;
        }
        if (this.pendingQuote) {
          this.pendingQuote = false;
          if (b === quote) continue;
          this.inQuotes = false;
          this.quoteOpenLine = 0;
          this.field = 3;
          // falls through: b is outside quotes
        } else {
          if (b === quote) {
            if (escapeIsQuote) this.pendingQuote = true;
            else {
              this.inQuotes = false;
              this.quoteOpenLine = 0;
              this.field = 3;
            }
          } else if (!escapeIsQuote && b === escape) this.pendingEscape = true;
          else if (b === LF) this.line++;
          else if (b === CR) {
            this.line++;
            this.lastCR = true;
          }
          continue;
        }
      }
      if (b === LF || b === CR) {
        if (b === CR) {
          this.cr++;
          this.lastCR = true;
        } else this.lf++;
        if (this.skipRemaining > 0) {
          this.skipRemaining--;
          this.unitLines.note(this.units++, this.line);
        } else if (this.recordOpen) this.recordOpen = false;
        else if (singleColumn && this.records > 0) {
          this.recordLines.note(this.records++, this.line);
          this.unitLines.note(this.units++, this.line);
        } else this.unitLines.note(this.units++, this.line);
        this.line++;
        this.field = 1;
        if (rewrite && b === CR) {
          this.out!.push(buf.subarray(this.copyFrom, i), LF_BUF);
          this.copyFrom = i + 1;
        }
        if (b === LF) return i + 1;
        continue; // a CR: the next byte may be its LF
      }
      if (this.skipRemaining > 0) continue;
      if (!this.recordOpen) {
        this.recordOpen = true;
        this.recordLines.note(this.records++, this.line);
        this.unitLines.note(this.units++, this.line);
      }
      if (b === delimiter) this.field = 1;
      else if (this.field === 3) {
        // Only spaces may follow a closing quote; DuckDB's strict reader refuses anything else.
        if (b !== SPACE && this.strayQuoteLine === 0) this.strayQuoteLine = this.line;
      } else if (b === quote && (this.field === 1 || this.field === 2)) {
        this.inQuotes = true;
        this.quoteOpenLine = this.line;
      } else if (b === SPACE && this.field === 1) this.field = 2;
      else this.field = 0;
    }
    return n;
  }

  /** Call after the last chunk. */
  finish(): void {
    if (this.pendingQuote) {
      this.pendingQuote = false;
      this.inQuotes = false;
      this.quoteOpenLine = 0;
    }
  }

  get unterminatedQuote(): boolean {
    return this.inQuotes;
  }

  get mixedLineEndings(): boolean {
    return [this.lf, this.crlf, this.cr].filter((c) => c > 0).length > 1;
  }
}

const LF_BUF = Buffer.from([LF]);
