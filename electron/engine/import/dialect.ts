/**
 * Delimiter, escape and header detection from the start of a file. DuckDB's own sniffer
 * is not used: on HR exports it silently skips data rows it takes for a preamble, picks
 * `'` as the quote, and fails on mixed line endings (see test/engine/import/csvEdgeCases.test.ts).
 */
import type { ColumnMapping } from '../../../shared/domain';
import { EngineError } from '../errors';

export const DELIMITERS = [',', ';', '\t', '|'] as const;
export type Delimiter = (typeof DELIMITERS)[number];

export interface Dialect {
  delimiter: Delimiter;
  quote: '"';
  escape: '"' | '\\';
  /** Blank (or whitespace-only) lines before the header. */
  skipLines: number;
  /** Column names: the header as written (trimmed), but see headerNames for empty and repeated names. */
  header: string[];
  /** Header names written more than once, and empty header cells. */
  duplicates: HeaderNameIssue[];
}

export interface HeaderNameIssue {
  /** The name as written (trimmed); '' for empty header cells. */
  written: string;
  /** 1-based column numbers. */
  columns: number[];
  /** The names those columns are read as. */
  names: string[];
}

/** Splits records the way the DuckDB reader does (see lineScan.ts); stops at the end of the sample. */
export function parseRecords(text: string, delimiter: string, escape: string, maxRecords: number, complete: boolean): string[][] {
  return parseSample(text, delimiter, escape, maxRecords, complete).records;
}

/** parseRecords plus the number of places DuckDB's strict reader would refuse (text after a closing quote, an open quote at the end). */
export function parseSample(text: string, delimiter: string, escape: string, maxRecords: number, complete: boolean): { records: string[][]; anomalies: number } {
  let anomalies = 0;
  const records: string[][] = [];
  let fields: string[] = [];
  let value = '';
  let inQuotes = false;
  let state: 0 | 1 | 2 | 3 = 1; // 0 in value, 1 field start, 2 one space at field start, 3 after closing quote
  let recordOpen = false;
  const n = text.length;
  for (let i = 0; i < n && records.length < maxRecords; i++) {
    const ch = text[i]!;
    if (inQuotes) {
      if (ch === '"') {
        if (escape === '"' && text[i + 1] === '"') {
          value += '"';
          i++;
        } else {
          inQuotes = false;
          state = 3;
        }
      } else if (escape !== '"' && ch === escape && i + 1 < n) {
        value += text[++i];
      } else value += ch;
      continue;
    }
    if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      if (recordOpen) {
        fields.push(value);
        records.push(fields);
      }
      fields = [];
      value = '';
      recordOpen = false;
      state = 1;
      continue;
    }
    recordOpen = true;
    if (ch === delimiter) {
      fields.push(value);
      value = '';
      state = 1;
    } else if (state === 3) {
      if (ch !== ' ') {
        anomalies++;
        value += ch;
      }
    } else if (ch === '"' && (state === 1 || state === 2)) {
      inQuotes = true;
      value = '';
    } else if (ch === ' ' && state === 1) {
      state = 2;
      value += ch;
    } else {
      state = 0;
      value += ch;
    }
  }
  if (recordOpen && complete && !inQuotes && records.length < maxRecords) {
    fields.push(value);
    records.push(fields);
  }
  if (inQuotes && complete) anomalies++;
  return { records, anomalies };
}

/** Counts leading lines that are empty or hold only spaces and tabs. */
export function leadingBlankLines(text: string): { lines: number; offset: number } {
  let lines = 0;
  let offset = 0;
  const re = /[ \t]*(\r\n|\n|\r)/y;
  for (;;) {
    re.lastIndex = offset;
    const m = re.exec(text);
    if (!m) return { lines, offset };
    lines++;
    offset = re.lastIndex;
  }
}

/**
 * Column names from header cells. A name written once is kept (trimmed). A name written more
 * than once (ignoring case) is ambiguous, so every one of those columns gets a suffix: the
 * later ones DuckDB's read_csv suffix (Score_1, Score_2) and the first _0 (Score_0), so that
 * each can be named in a mapping. An empty cell is named by its 0-based position (column3),
 * as read_csv names it. A generated name never takes a name the header itself writes.
 */
export function headerNames(raw: string[]): { names: string[]; duplicates: HeaderNameIssue[] } {
  const written = raw.map((h) => h.replace(/^\uFEFF/, '').trim());
  const key = (s: string) => s.toLowerCase();
  const count = new Map<string, number>();
  for (const w of written) if (w) count.set(key(w), (count.get(key(w)) ?? 0) + 1);
  const taken = new Set(written.filter((w) => w && count.get(key(w)) === 1).map(key));
  const groups = new Map<string, HeaderNameIssue>();
  const next = new Map<string, number>();
  const names = written.map((w, i) => {
    if (w && count.get(key(w)) === 1) return w;
    const base = w || `column${i}`;
    let k = w ? (next.get(key(w)) ?? 0) : 0;
    let name = w ? `${base}_${k++}` : base;
    while (taken.has(key(name))) name = `${base}_${k++}`;
    if (w) next.set(key(w), k);
    taken.add(key(name));
    const group = groups.get(key(w)) ?? { written: w, columns: [], names: [] };
    group.columns.push(i + 1);
    group.names.push(name);
    groups.set(key(w), group);
    return name;
  });
  return { names, duplicates: [...groups.values()] };
}

const quoted = (names: string[]) => names.map((n) => `"${n}"`);

function andList(items: string[]): string {
  return items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`;
}

/** One line per repeated or empty header name, naming the file, line and columns. */
export function headerWarnings(fileName: string, headerLine: number, duplicates: HeaderNameIssue[]): string[] {
  return duplicates.map((d) =>
    d.written
      ? `${fileName}, line ${headerLine}: the header names ${d.columns.length} columns "${d.written}" (columns ${andList(d.columns.map(String))}); they are read as ${andList(quoted(d.names))}, and a mapping must name one of those`
      : d.columns.length === 1
        ? `${fileName}, line ${headerLine}: header cell ${d.columns[0]} is empty; that column is read as "${d.names[0]}"`
        : `${fileName}, line ${headerLine}: header cells ${andList(d.columns.map(String))} are empty; those columns are read as ${andList(quoted(d.names))}`,
  );
}

/** The column names a mapping refers to, with what for (for messages). */
function mappingColumnRefs(m: ColumnMapping): [string, string][] {
  const survey = m.survey;
  return [
    ...Object.entries(m.columns ?? {}).map(([field, col]): [string, string] => [col, `for ${field}`]),
    ...Object.keys(m.dateFormats ?? {}).map((col): [string, string] => [col, 'in dateFormats']),
    ...(survey?.layout === 'wide' ? (survey.items ?? []).map((col): [string, string] => [col, 'among the survey items']) : []),
    ...(survey?.layout === 'long' ? [survey.item, survey.score].filter((c): c is string => !!c).map((col): [string, string] => [col, 'in the survey section']) : []),
  ];
}

/** For a "required column is missing" message: the repeated header names, which are never guessed. */
export function duplicatesHint(duplicates: HeaderNameIssue[]): string {
  return duplicates
    .filter((d) => d.written)
    .map((d) => `; the header names ${d.columns.length} columns "${d.written}" (columns ${andList(d.columns.map(String))}), read as ${andList(quoted(d.names))}: map one of those`)
    .join('');
}

/** Refuses a mapping that names a header written more than once: which column it means is not known. */
export function checkMappingNames(fileName: string, headerLine: number, mapping: ColumnMapping, duplicates: HeaderNameIssue[]): void {
  for (const [col, what] of mappingColumnRefs(mapping)) {
    const d = duplicates.find((x) => x.written && x.written.toLowerCase() === col.trim().toLowerCase());
    if (!d) continue;
    throw new EngineError(
      'bad_mapping',
      `${fileName}, line ${headerLine}: the mapping's column "${col}" ${what} is ambiguous: the header names ${d.columns.length} columns "${d.written}" (columns ${andList(d.columns.map(String))}), read as ${andList(quoted(d.names))}; name one of those`,
      { file: fileName, line: headerLine, column: col },
    );
  }
}

interface HeaderWalk {
  /** 1-based column where the walk ended (the open quote's, or the last name's). */
  column: number;
  /** Where that column's name starts in the text. */
  nameStart: number;
  /** The walk ended inside a quoted name, opened on quoteLine. */
  inQuotes: boolean;
  quoteLine: number;
  /** First column where text follows a closing quote (`"Hire" Date`), or 0, and where its name starts. */
  strayColumn: number;
  strayStart: number;
}

/** Walks the header record from `offset` (line `line`) as the reader does. */
function walkHeader(text: string, offset: number, line: number, delimiter: string, escape: string): HeaderWalk {
  const w: HeaderWalk = { column: 1, nameStart: offset, inQuotes: false, quoteLine: line, strayColumn: 0, strayStart: 0 };
  let state: 0 | 1 | 2 | 3 = 1; // 0 in a name, 1 at a name start, 2 one space there, 3 after a closing quote
  let lineNo = line;
  for (let i = offset; i < text.length; i++) {
    const ch = text[i]!;
    if (w.inQuotes) {
      if (ch === '"') {
        if (escape === '"' && text[i + 1] === '"') i++;
        else {
          w.inQuotes = false;
          state = 3;
        }
      } else if (escape !== '"' && ch === escape) i++;
      else if (ch === '\n' || (ch === '\r' && text[i + 1] !== '\n')) lineNo++;
      continue;
    }
    if (ch === '\n' || ch === '\r') break;
    if (ch === delimiter) {
      w.column++;
      w.nameStart = i + 1;
      state = 1;
    } else if (state === 3) {
      if (ch !== ' ' && !w.strayColumn) {
        w.strayColumn = w.column;
        w.strayStart = w.nameStart;
      }
    } else if (ch === '"' && state !== 0) {
      w.inQuotes = true;
      w.quoteLine = lineNo;
    } else state = ch === ' ' && state === 1 ? 2 : 0;
  }
  return w;
}

const kb = (n: number) => `${Math.round(n / 1024).toLocaleString('en-US')} KB`;

/**
 * Why detectDialect found no header line in `sample` (the decoded start of the file, of
 * `sampleBytes` bytes unless `complete`): only blank lines, a quoted header name that is never
 * closed, or a header line longer than the sample (one huge name, or very many columns).
 */
export function headerProblem(fileName: string, sample: string, complete: boolean, sampleBytes: number): EngineError {
  const text = sample.replace(/^\uFEFF/, '');
  const { lines: skipLines, offset } = leadingBlankLines(text);
  if (!text.slice(offset).trim()) return new EngineError('empty_file', `${fileName}: the file holds only blank lines, no header`, { file: fileName });
  const line = skipLines + 1;
  // The delimiter: the likeliest one outside quotes on the header line.
  const counts = new Map<string, number>(DELIMITERS.map((d) => [d, 0]));
  let inQuotes = false;
  for (let i = offset; i < text.length && !(!inQuotes && (text[i] === '\n' || text[i] === '\r')); i++) {
    if (text[i] === '"') inQuotes = !inQuotes;
    else if (!inQuotes && counts.has(text[i]!)) counts.set(text[i]!, counts.get(text[i]!)! + 1);
  }
  const delimiter = [...counts].reduce((a, b) => (b[1] > a[1] ? b : a))[0];
  const w = walkHeader(text, offset, line, delimiter, '"');
  if (w.inQuotes) {
    return new EngineError(
      'unreadable_csv',
      `${fileName}, line ${w.quoteLine}, column ${w.column}: the header name here starts with a quote that is never closed${complete ? '' : ` in the first ${kb(sampleBytes)}`}, so the rest of the file would be read as that one name (a quote inside a quoted name must be doubled: "")`,
      // The column is in the message by number: its name is the broken part.
      { file: fileName, line: w.quoteLine },
    );
  }
  const nameLength = text.length - w.nameStart;
  if (nameLength > (text.length - offset) / 2) {
    return new EngineError(
      'unreadable_csv',
      `${fileName}, line ${line}, column ${w.column}: the header name here is longer than ${kb(nameLength)} (the first ${kb(sampleBytes)} of the file hold no end of it); a header holds column names, so this does not look like a CSV export`,
      { file: fileName, line },
    );
  }
  return new EngineError(
    'unreadable_csv',
    `${fileName}, line ${line}: the header line is longer than ${kb(sampleBytes)} (${w.column.toLocaleString('en-US')} columns and more); the app reads header lines of up to ${kb(sampleBytes)}`,
    { file: fileName, line },
  );
}

/** Refuses a header name with text after its closing quote (`"Hire" Date`), which the reader refuses too, with its column. */
export function checkHeaderQuotes(fileName: string, sample: string, d: Dialect): void {
  const text = sample.replace(/^\uFEFF/, '');
  const line = d.skipLines + 1;
  const w = walkHeader(text, leadingBlankLines(text).offset, line, d.delimiter, d.escape);
  if (!w.strayColumn) return;
  const written = text.slice(w.strayStart).split(/\r\n|\n|\r/)[0]!.split(d.delimiter)[0]!.trim().slice(0, 80);
  throw new EngineError(
    'unreadable_csv',
    `${fileName}, line ${line}, column ${w.strayColumn}: text follows the closing quote of the header name ${written} (a quote inside a quoted name must be doubled: "")`,
    { file: fileName, line },
  );
}

/**
 * Picks the delimiter whose rows agree best with the header's field count (ties: more
 * fields, then `,` `;` tab `|`). `complete` says the sample is the whole file.
 * Returns null when the sample holds no header line at all.
 */
export function detectDialect(sample: string, complete: boolean): Dialect | null {
  const text = sample.replace(/^\uFEFF/, '');
  const { lines: skipLines, offset } = leadingBlankLines(text);
  const body = text.slice(offset);
  if (!body.trim()) return null;
  const escapes: ('"' | '\\')[] = body.includes('\\"') ? ['"', '\\'] : ['"'];
  let best: { d: Delimiter; e: '"' | '\\'; header: string[]; score: number; anomalies: number; width: number } | null = null;
  for (const e of escapes) {
    for (const d of DELIMITERS) {
      const { records, anomalies } = parseSample(body, d, e, 200, complete);
      const header = records[0];
      if (!header) continue;
      const rows = records.slice(1);
      const score = rows.length ? rows.filter((r) => r.length === header.length).length / rows.length : 1;
      const width = header.length;
      if (width < 2) continue;
      const better =
        !best ||
        score > best.score + 1e-9 ||
        (Math.abs(score - best.score) <= 1e-9 && (anomalies < best.anomalies || (anomalies === best.anomalies && width > best.width)));
      if (better) best = { d, e, header, score, anomalies, width };
    }
  }
  if (!best) {
    // A quoted header name that never closes leaves one column under any delimiter: no header (see headerProblem).
    if (DELIMITERS.some((d) => walkHeader(body, 0, 1, d, '"').inQuotes)) return null;
    const records = parseRecords(body, ',', '"', 1, complete);
    if (!records[0]) return null;
    const { names, duplicates } = headerNames(records[0]);
    return { delimiter: ',', quote: '"', escape: '"', skipLines, header: names, duplicates };
  }
  const { names, duplicates } = headerNames(best.header);
  return { delimiter: best.d, quote: '"', escape: best.e, skipLines, header: names, duplicates };
}

/**
 * The header and the first `maxRecords` data records of `text` (the decoded start of a file,
 * from its header line), cut after the last whole record, with line endings outside quotes
 * turned into LF: the text the app's preview parses with PapaParse, which reads what the
 * engine reads only when it is given one line ending. Quoted values keep theirs.
 */
export function previewText(text: string, d: Pick<Dialect, 'delimiter' | 'escape'>, maxRecords: number, complete: boolean): { text: string; records: number; whole: boolean } {
  let out = '';
  let from = 0;
  let cutLen = 0;
  let records = 0;
  let inQuotes = false;
  let fieldStart: 0 | 1 | 2 = 1; // 1 at a field start, 2 after one space there
  let recordOpen = false;
  const n = text.length;
  let i = 0;
  for (; i < n; i++) {
    const ch = text[i]!;
    if (inQuotes) {
      if (ch === '"') {
        if (d.escape === '"' && text[i + 1] === '"') i++;
        else {
          inQuotes = false;
          // The reader ignores spaces after a closing quote; PapaParse would keep them (and the quotes).
          let j = i + 1;
          while (text[j] === ' ') j++;
          if (j > i + 1) {
            out += text.slice(from, i + 1);
            from = j;
            i = j - 1;
          }
        }
      } else if (d.escape !== '"' && ch === d.escape) i++;
      continue;
    }
    if (ch === '\n' || ch === '\r') {
      out += text.slice(from, i) + '\n';
      if (ch === '\r' && text[i + 1] === '\n') i++;
      from = i + 1;
      if (recordOpen) records++;
      recordOpen = false;
      fieldStart = 1;
      cutLen = out.length;
      if (records > maxRecords) return { text: out, records: maxRecords + 1, whole: false };
      continue;
    }
    recordOpen = true;
    if (ch === d.delimiter) fieldStart = 1;
    else if (ch === '"' && fieldStart) {
      inQuotes = true;
      // The reader lets one space precede an opening quote; PapaParse would read the quotes as text.
      if (fieldStart === 2) {
        out += text.slice(from, i - 1);
        from = i;
      }
    }
    else fieldStart = ch === ' ' && fieldStart === 1 ? 2 : 0;
  }
  if (complete && !inQuotes) {
    if (recordOpen) records++;
    return { text: out + text.slice(from), records, whole: true };
  }
  return { text: out.slice(0, cutLen), records, whole: false };
}
