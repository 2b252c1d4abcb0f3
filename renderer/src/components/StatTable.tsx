import type { ReactNode } from 'react';

export interface StatColumn {
  title: ReactNode;
  numeric?: boolean;
}

/** A small table of statistics: a header row, a row header per line, numbers right-aligned. */
export function StatTable({ caption, columns, rows, testId, fit = false }: { caption: string; columns: StatColumn[]; rows: ReactNode[][]; testId?: string; fit?: boolean }) {
  return (
    <div className={`stat-table-wrap${fit ? ' stat-table-fit' : ''}`} role="region" aria-label={caption} tabIndex={0} data-testid={testId}>
      <table className="grid stat-table">
        <caption>{caption}</caption>
        <thead>
          <tr>
            {columns.map((c, i) => (
              <th key={i} scope="col" className={c.numeric ? 'num' : undefined}>
                {c.title}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row, r) => (
            <tr key={r}>
              {row.map((cell, i) =>
                i === 0 ? (
                  <th key={i} scope="row">
                    {cell}
                  </th>
                ) : (
                  <td key={i} className={columns[i]?.numeric ? 'num' : undefined}>
                    {cell}
                  </td>
                ),
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** A cell hidden to protect privacy. */
export const Few = ({ min = 5 }: { min?: number }) => <span className="few">fewer than {min}</span>;
