import { isUtf8 } from 'node:buffer';
import { open, stat } from 'node:fs/promises';
import { EngineError } from '../errors';

/**
 * Encodings we read. DuckDB reads only UTF-8 here without a download (its 'latin-1' is
 * ISO-8859-1, which is not what Windows writes: 0x80–0x9F are € ‘ ’ “ ” … in Windows-1252),
 * so everything else is transcoded to a temporary UTF-8 file in a streaming pass.
 */
export type SourceEncoding = 'utf-8' | 'utf-8-bom' | 'utf-16le' | 'utf-16be' | 'windows-1252';

export const HEAD_BYTES = 256 * 1024;

export interface Probe {
  size: number;
  encoding: SourceEncoding;
  /** The first HEAD_BYTES bytes. */
  head: Buffer;
}

const MAGIC: [number[], string][] = [
  [[0x50, 0x4b, 0x03, 0x04], 'an Excel workbook or a zip archive'],
  [[0xd0, 0xcf, 0x11, 0xe0], 'a legacy Excel (.xls) workbook'],
  [[0x25, 0x50, 0x44, 0x46], 'a PDF document'],
  [[0x1f, 0x8b], 'a gzip archive'],
  [[0x53, 0x51, 0x4c, 0x69, 0x74, 0x65], 'a SQLite database'],
  [[0x44, 0x55, 0x43, 0x4b], 'a DuckDB database'],
];

/** Index past the last complete UTF-8 sequence, so a cut inside a character is not taken for bad encoding. */
export function completeUtf8Length(buf: Buffer): number {
  let i = buf.length;
  for (let back = 0; back < 4 && i > 0; back++) {
    const b = buf[i - 1]!;
    if ((b & 0xc0) === 0x80) {
      i--;
      continue;
    }
    if (b >= 0xc0) {
      const need = b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : 2;
      return buf.length - (i - 1) >= need ? buf.length : i - 1;
    }
    break;
  }
  return buf.length;
}

/** Offset of the first byte that is not valid UTF-8 (a sequence cut by the end counts), or -1. */
export function firstInvalidUtf8(buf: Buffer): number {
  const n = buf.length;
  let i = 0;
  while (i < n) {
    const b = buf[i]!;
    if (b < 0x80) {
      i++;
      continue;
    }
    const need = b >= 0xc2 && b <= 0xdf ? 1 : b >= 0xe0 && b <= 0xef ? 2 : b >= 0xf0 && b <= 0xf4 ? 3 : -1;
    if (need < 0 || i + need >= n || !isUtf8(buf.subarray(i, i + need + 1))) return i;
    i += need + 1;
  }
  return -1;
}

/**
 * Offset of the first valid UTF-8 multi-byte sequence at or after `from` (C3 A9 for é), or -1.
 * Windows-1252 text almost never holds one (an accented capital followed by a symbol from
 * 0x80–0xBF); a file that holds one and also bytes UTF-8 cannot explain mixes two encodings.
 */
export function firstUtf8Sequence(buf: Buffer, from = 0): number {
  const n = buf.length;
  for (let i = from; i < n; i++) {
    const b = buf[i]!;
    if (b < 0xc2 || b > 0xf4) continue;
    const need = b <= 0xdf ? 1 : b <= 0xef ? 2 : 3;
    if (i + need < n && isUtf8(buf.subarray(i, i + need + 1))) return i;
  }
  return -1;
}

/** 1-based line of a byte offset: LF ends a line, or CR in a file without LF. */
export function lineOfOffset(buf: Buffer, offset: number, lineBreak = buf.includes(0x0a) ? 0x0a : 0x0d): number {
  let line = 1;
  for (let i = buf.indexOf(lineBreak); i >= 0 && i < offset; i = buf.indexOf(lineBreak, i + 1)) line++;
  return line;
}

/** The refusal of a file that mixes UTF-8 and another encoding, naming a line of each. */
export function mixedEncodings(fileName: string, utf8Line: number, otherLine: number): EngineError {
  return new EngineError(
    'bad_encoding',
    `${fileName}, lines ${utf8Line} and ${otherLine}: the file mixes text encodings (line ${utf8Line} is UTF-8, line ${otherLine} is not: Windows-1252 or another code page), so its accented letters cannot all be read right; save it again as CSV UTF-8`,
    { file: fileName, line: otherLine },
  );
}

function utf16Guess(head: Buffer): 'utf-16le' | 'utf-16be' | null {
  const n = Math.min(head.length, 4096) & ~1;
  if (n < 4) return null;
  let evenZero = 0;
  let oddZero = 0;
  for (let i = 0; i < n; i += 2) {
    if (head[i] === 0) evenZero++;
    if (head[i + 1] === 0) oddZero++;
  }
  const pairs = n / 2;
  if (oddZero > pairs * 0.4 && evenZero < pairs * 0.05) return 'utf-16le';
  if (evenZero > pairs * 0.4 && oddZero < pairs * 0.05) return 'utf-16be';
  return null;
}

/** Bytes Windows-1252 leaves undefined: their presence means some other code page (Shift-JIS, GBK…). */
const UNDEFINED_1252 = new Set([0x81, 0x8d, 0x8f, 0x90, 0x9d]);

/**
 * Windows-1252 text has its accented letters among ASCII ones (Müller, Café); Shift-JIS, GBK,
 * Big5 and EUC write two high bytes per character, so most high bytes sit next to another.
 */
function looksDoubleByte(head: Buffer): boolean {
  let high = 0;
  let paired = 0;
  for (let i = 0; i < head.length; i++) {
    if (head[i]! < 0x80) continue;
    high++;
    if ((i > 0 && head[i - 1]! >= 0x80) || (i + 1 < head.length && head[i + 1]! >= 0x80)) paired++;
  }
  return high >= 4 && paired > high * 0.5;
}

/**
 * A UTF-16 byte-order mark followed by 8-bit text (a tool that wrote the mark and then
 * UTF-8): read as UTF-16 it would be one line of nonsense. UTF-16 text always has zero
 * bytes, in its delimiters and line ends if nowhere else.
 */
function notUtf16AfterBom(fileName: string, head: Buffer): void {
  const rest = head.subarray(2, 4096);
  if (rest.length < 4 || rest.includes(0)) return;
  const what = isUtf8(rest.subarray(0, completeUtf8Length(rest))) ? 'UTF-8' : '8-bit';
  throw new EngineError(
    'bad_encoding',
    `${fileName}, line 1: the file starts with a UTF-16 byte-order mark, but the text after it is ${what}, not UTF-16; save the file again as CSV UTF-8 (or remove the first two bytes)`,
    { file: fileName, line: 1 },
  );
}

export async function probeFile(path: string, fileName: string): Promise<Probe> {
  let size: number;
  try {
    const s = await stat(path);
    if (!s.isFile()) throw new Error('not a file');
    size = s.size;
  } catch {
    throw new EngineError('not_found', `${fileName}: file not found`, { file: fileName });
  }
  if (size === 0) throw new EngineError('empty_file', `${fileName}: the file is empty`, { file: fileName, line: 1 });
  const fh = await open(path, 'r');
  const head = Buffer.alloc(Math.min(size, HEAD_BYTES));
  try {
    await fh.read(head, 0, head.length, 0);
  } finally {
    await fh.close();
  }
  const notCsv = (what: string) =>
    new EngineError('binary_file', `${fileName}: this is not a text CSV file (it looks like ${what}); save it as CSV (UTF-8) and import that`, { file: fileName });
  for (const [magic, what] of MAGIC) if (magic.every((b, i) => head[i] === b)) throw notCsv(what);

  if (head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) return { size, head, encoding: 'utf-8-bom' };
  if (head[0] === 0xff && head[1] === 0xfe) {
    if (head[2] === 0 && head[3] === 0 && size >= 4) throw new EngineError('unsupported_encoding', `${fileName}: UTF-32 text is not supported; save the file as UTF-8 CSV`, { file: fileName });
    notUtf16AfterBom(fileName, head);
    return { size, head, encoding: 'utf-16le' };
  }
  if (head[0] === 0xfe && head[1] === 0xff) {
    notUtf16AfterBom(fileName, head);
    return { size, head, encoding: 'utf-16be' };
  }
  const guessed = utf16Guess(head);
  if (guessed) return { size, head, encoding: guessed };
  if (head.includes(0)) throw notCsv('binary data');
  let control = 0;
  for (const b of head.subarray(0, 4096)) if (b < 0x09 || (b > 0x0d && b < 0x20 && b !== 0x1b)) control++;
  if (control > Math.min(head.length, 4096) * 0.05) throw notCsv('binary data');

  const utf8 = isUtf8(head.subarray(0, completeUtf8Length(head)));
  if (utf8) return { size, head, encoding: 'utf-8' };
  if (looksDoubleByte(head)) {
    throw new EngineError(
      'unsupported_encoding',
      `${fileName}: the text encoding is not UTF-8, UTF-16 or Windows-1252 (perhaps Shift-JIS or another code page); save the file as CSV UTF-8 and import that`,
      { file: fileName },
    );
  }
  for (const b of head) {
    if (UNDEFINED_1252.has(b)) {
      throw new EngineError(
        'unsupported_encoding',
        `${fileName}: the text encoding is not UTF-8, UTF-16 or Windows-1252 (perhaps Shift-JIS or another code page); save the file as CSV UTF-8 and import that`,
        { file: fileName },
      );
    }
  }
  const utf8At = firstUtf8Sequence(head);
  if (utf8At >= 0) {
    const whole = head.subarray(0, completeUtf8Length(head));
    throw mixedEncodings(fileName, lineOfOffset(head, utf8At), lineOfOffset(head, firstInvalidUtf8(whole)));
  }
  return { size, head, encoding: 'windows-1252' };
}

/** A streaming decoder to text for a non-UTF-8 source (BOMs are dropped). */
export function decoderFor(encoding: SourceEncoding): TextDecoder | null {
  switch (encoding) {
    case 'utf-16le':
      return new TextDecoder('utf-16le');
    case 'utf-16be':
      return new TextDecoder('utf-16be');
    case 'windows-1252':
      return new TextDecoder('windows-1252');
    default:
      return null;
  }
}

/** The head decoded to text, cut to whole characters. */
export function decodeHead(probe: Probe): string {
  const dec = decoderFor(probe.encoding);
  if (dec) return dec.decode(probe.head, { stream: true });
  return probe.head.subarray(0, completeUtf8Length(probe.head)).toString('utf8');
}
