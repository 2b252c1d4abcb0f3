import type { Cell } from '../../../shared/domain';

interface Props {
  columns: string[];
  rows: Cell[][];
  caption: string;
  /** Number shown in the first column for each row (e.g. the row's position); omitted when absent. */
  rowNumbers?: number[];
  /** Right-aligned columns; by default those whose values are all numbers. */
  numericColumns?: ReadonlySet<number>;
}

function renderCell(v: Cell) {
  if (v === null || v === '') return <span className="null-cell" aria-label="empty">—</span>;
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  return String(v);
}

/** Columns whose non-empty values are all numbers: right-aligned, header included. */
function detectNumeric(columns: string[], rows: Cell[][]): Set<number> {
  const numeric = new Set<number>();
  columns.forEach((_, i) => {
    let seen = false;
    for (const row of rows) {
      const v = row[i];
      if (v === null || v === undefined || v === '') continue;
      if (typeof v !== 'number') return;
      seen = true;
    }
    if (seen) numeric.add(i);
  });
  return numeric;
}

/** A scrollable table with a sticky header; cells are text (React escapes them). */
export function DataGrid({ columns, rows, caption, rowNumbers, numericColumns }: Props) {
  const numeric = numericColumns ?? detectNumeric(columns, rows);
  return (
    <div className="grid-scroll" tabIndex={0} role="region" aria-label={caption}>
      <table className="grid">
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            {rowNumbers && <th scope="col" className="rownum">#</th>}
            {columns.map((c, i) => (
              <th scope="col" key={`${i}:${c}`} className={numeric.has(i) ? 'num' : undefined}>
                {c}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row, r) => (
            <tr key={r}>
              {rowNumbers && <td className="rownum">{rowNumbers[r]}</td>}
              {columns.map((_, i) => (
                <td key={i} className={numeric.has(i) ? 'num' : undefined}>
                  {renderCell(row[i] ?? null)}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
