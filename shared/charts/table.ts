/**
 * A chart's data as a table: the text alternative of the chart (table view) and
 * the rows of its CSV. Every builder stores its table in `spec.usermeta.table`,
 * so the table always matches what is drawn, suppressed cells included.
 */
import type { TopLevelSpec } from 'vega-lite';
import { fixed, integer, isNum, pText, percent, signed } from '../format';
import type { ChartTable, TableCell, TableColumn } from './types';

function isTable(x: unknown): x is ChartTable {
  if (!x || typeof x !== 'object') return false;
  const t = x as Partial<ChartTable>;
  return typeof t.caption === 'string' && Array.isArray(t.columns) && Array.isArray(t.rows);
}

/** The chart's data table; an empty table for a spec no builder here made. */
export function chartData(spec: TopLevelSpec): ChartTable {
  const table = spec.usermeta?.['table'];
  return isTable(table) ? table : { caption: '', columns: [], rows: [] };
}

export function formatCell(value: TableCell | undefined, format: TableColumn['format']): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (!isNum(value)) return '';
  switch (format) {
    case 'integer':
      return integer(value);
    case 'signed':
      return signed(value, 3);
    case 'percent':
      return percent(value, 1);
    case 'p':
      return pText(value).replace(/^p = /, '').replace(/^p </, '<');
    case 'number':
      return fixed(value, 3);
    default:
      return String(value);
  }
}

/**
 * Header row then one row per data row. `formatted: true` gives display text
 * for the table view; the default keeps full-precision numbers for CSV.
 */
export function tableRows(specOrTable: TopLevelSpec | ChartTable, opts: { formatted?: boolean } = {}): TableCell[][] {
  const table = isTable(specOrTable) ? specOrTable : chartData(specOrTable);
  if (!table.columns.length) return [];
  const header = table.columns.map((c) => c.title);
  const body = table.rows.map((row) =>
    table.columns.map((c) => {
      const v = row[c.key] ?? null;
      return opts.formatted ? formatCell(v, c.format) : v;
    }),
  );
  return [header, ...body];
}
