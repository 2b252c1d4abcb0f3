/**
 * CSV of a chart's data, safe to open in a spreadsheet (OWASP "CSV
 * injection"). A text cell — or any line inside a multi-line text cell — that
 * begins with = + - @ tab CR or LF (optionally after spaces; fullwidth ＝ ＋ － ＠
 * too) gets a leading apostrophe, so no spreadsheet evaluates it. Numbers are
 * written as numbers: a JavaScript number cannot carry a formula, and "-0.25"
 * must stay a number. Fields are quoted per RFC 4180; records end with CRLF.
 */
import type { TopLevelSpec } from 'vega-lite';
import { tableRows } from './table';
import type { ChartTable } from './types';

export type CsvCell = string | number | boolean | null | undefined;

const TRIGGER = '=+\\-@\\t\\r\\n\\uFF1D\\uFF0B\\uFF0D\\uFF20';
const STARTS_WITH_TRIGGER = new RegExp(`^ *[${TRIGGER}]`);
/** A line break followed by a line that starts with a trigger (CR/LF excluded: an empty line is harmless, the next one is checked itself). */
const LINE_WITH_TRIGGER = /(\r\n|\r|\n)(?= *[=+\-@\t\uFF1D\uFF0B\uFF0D\uFF20])/g;

/** Prefixes `'` to the cell and to every line of it that a spreadsheet could read as a formula. */
export function neutraliseFormula(text: string): string {
  const head = STARTS_WITH_TRIGGER.test(text) ? `'${text}` : text;
  return head.replace(LINE_WITH_TRIGGER, `$1'`);
}

function field(cell: CsvCell): string {
  let text: string;
  if (cell === null || cell === undefined) text = '';
  else if (typeof cell === 'number') text = Number.isFinite(cell) ? String(cell) : '';
  else if (typeof cell === 'boolean') text = cell ? 'true' : 'false';
  else text = neutraliseFormula(cell);
  return /[",\r\n\t]|^\s|\s$/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export interface CsvOptions {
  /** Start with a UTF-8 byte-order mark, so Excel reads non-ASCII names correctly. */
  bom?: boolean;
}

export function toCsv(rows: readonly (readonly CsvCell[])[], opts: CsvOptions = {}): string {
  const body = rows.map((row) => row.map(field).join(',')).join('\r\n');
  return `${opts.bom ? '\uFEFF' : ''}${body}${rows.length ? '\r\n' : ''}`;
}

/** The CSV of a chart built here (header + full-precision rows; suppressed cells read "fewer than N"). */
export function chartCsv(spec: TopLevelSpec | ChartTable, opts: CsvOptions = {}): string {
  return toCsv(tableRows(spec), opts);
}
