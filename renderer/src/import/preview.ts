import Papa from 'papaparse';
import type { FileInspection } from '../../../shared/domain';

/** Rows the preview grid shows. */
export const PREVIEW_ROWS = 100;

export interface PreviewRows {
  /** Data rows under the header (extra header rows included), padded or cut to the header's width; null = empty cell. */
  rows: (string | null)[][];
  /** The 1-based file line each row starts on. */
  lines: number[];
}

const LINE_END = /\r\n|\r|\n/g;

function countLines(text: string, from: number, to: number): number {
  return text.slice(from, to).match(LINE_END)?.length ?? 0;
}

const cache = new WeakMap<FileInspection, PreviewRows>();

/**
 * The preview grid's rows: PapaParse over the text the engine decoded (so UTF-16 and
 * Windows-1252 files read right), with the engine's delimiter and escape and no typing.
 * Blank lines are skipped, as the engine's reader skips them in a file of several columns.
 */
export function previewRows(ins: FileInspection): PreviewRows {
  const hit = cache.get(ins);
  if (hit) return hit;
  const { text, delimiter, escape, firstLine } = ins.preview;
  const width = ins.columns.length;
  const rows: (string | null)[][] = [];
  const lines: number[] = [];
  let end = 0;
  let line = firstLine;
  let header = true;
  Papa.parse<string[]>(text, {
    delimiter,
    newline: '\n',
    quoteChar: '"',
    escapeChar: escape,
    dynamicTyping: false,
    skipEmptyLines: width > 1,
    // Step mode: without it PapaParse counts skipped blank lines towards `preview`.
    preview: PREVIEW_ROWS + 1,
    step: (res) => {
      let start = end;
      // A blank line is no row when there are several columns; in a one-column file it is a row with an empty cell.
      if (width > 1) while (text[start] === '\n') start++;
      else if (start >= text.length) return;
      line += countLines(text, end, start);
      if (header) header = false;
      else {
        rows.push(Array.from({ length: width }, (_, i) => (res.data[i] ?? '') || null));
        lines.push(line);
      }
      const next = res.meta.cursor;
      line += countLines(text, start, next);
      end = next;
    },
  });
  const out = { rows, lines };
  cache.set(ins, out);
  return out;
}
