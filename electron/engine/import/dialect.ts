/**
 * Delimiter, escape and header detection from the start of a file. DuckDB's own sniffer
 * is not used: on HR exports it silently skips data rows it takes for a preamble, picks
 * `'` as the quote, and fails on mixed line endings (see test/import/csvEdgeCases.test.ts).
 */

export const DELIMITERS = [',', ';', '\t', '|'] as const;
export type Delimiter = (typeof DELIMITERS)[number];

export interface Dialect {
  delimiter: Delimiter;
  quote: '"';
  escape: '"' | '\\';
  /** Blank (or whitespace-only) lines before the header. */
  skipLines: number;
  /** Header names as written (trimmed; empty ones named columnN; duplicates suffixed _1, _2). */
  header: string[];
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

export function headerNames(raw: string[]): string[] {
  const seen = new Set<string>();
  return raw.map((h, i) => {
    let name = h.replace(/^\uFEFF/, '').trim() || `column${i}`;
    if (seen.has(name.toLowerCase())) {
      let k = 1;
      while (seen.has(`${name}_${k}`.toLowerCase())) k++;
      name = `${name}_${k}`;
    }
    seen.add(name.toLowerCase());
    return name;
  });
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
    const records = parseRecords(body, ',', '"', 1, complete);
    if (!records[0]) return null;
    return { delimiter: ',', quote: '"', escape: '"', skipLines, header: headerNames(records[0]) };
  }
  return { delimiter: best.d, quote: '"', escape: best.e, skipLines, header: headerNames(best.header) };
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
