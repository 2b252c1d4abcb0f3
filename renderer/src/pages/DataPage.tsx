import { useCallback, useEffect, useState } from 'react';
import type { CanonicalTable, ImportRecord, TablePreview, TableSummary } from '../../../shared/domain';
import type { ApiError } from '../../../shared/result';
import { api } from '../api/client';
import { DataGrid } from '../components/DataGrid';
import { EmptyState } from '../components/EmptyState';
import { ErrorBanner } from '../components/ErrorBanner';
import { NeedsProject } from '../components/NeedsProject';
import { TABLE_LABELS, formatCount, plural } from '../format';
import { KINDS, KIND_TABLES } from '../../../shared/kinds';
import { goTo } from '../router';
import { useAppState } from '../state';

const PAGE_SIZE = 100;
const DATA_TABLES: ReadonlySet<CanonicalTable> = new Set(KIND_TABLES);

export function DataPage() {
  return (
    <NeedsProject>
      <DataBrowser />
    </NeedsProject>
  );
}

function DataBrowser() {
  const { project } = useAppState();
  const [tables, setTables] = useState<TableSummary[] | null>(null);
  const [imports, setImports] = useState<ImportRecord[] | null>(null);
  const [selected, setSelected] = useState<CanonicalTable | null>(null);
  const [error, setError] = useState<ApiError | null>(null);

  useEffect(() => {
    let cancelled = false;
    void (async () => {
      const [t, i] = await Promise.all([api.listTables({}), api.listImports({})]);
      if (cancelled) return;
      if (t.ok) setTables(t.value);
      else setError(t.error);
      if (i.ok) setImports(i.value);
      else setError(i.error);
    })();
    return () => {
      cancelled = true;
    };
  }, [project?.path]);

  if (error) return <ErrorBanner title="The tables could not be read." error={error} />;
  if (!tables) return <p className="muted">Loading tables…</p>;

  const hasData = tables.some((t) => DATA_TABLES.has(t.name) && t.rows > 0);

  return (
    <div className="stack">
      {!hasData && (
        <EmptyState
          title="This project has no data yet"
          actions={
            <button type="button" className="btn btn-primary" onClick={() => goTo('import')}>
              Import a file
            </button>
          }
        >
          Import a program roster and an HRIS export to begin; surveys and performance reviews add more outcomes.
        </EmptyState>
      )}

      <section aria-labelledby="tables-heading">
        <h2 id="tables-heading" className="section-title">
          Tables
        </h2>
        <TableCards tables={tables.filter((t) => DATA_TABLES.has(t.name))} selected={selected} onSelect={setSelected} />
        <h3 className="subsection-title">Import records</h3>
        <TableCards tables={tables.filter((t) => !DATA_TABLES.has(t.name))} selected={selected} onSelect={setSelected} meta />
      </section>

      {selected && <TableViewer key={`${project?.path}:${selected}`} table={selected} />}

      <section className="card" aria-labelledby="imports-heading">
        <h2 id="imports-heading">Imports</h2>
        {imports && imports.length > 0 ? (
          <DataGrid
            caption="Imports log"
            columns={['#', 'Kind', 'File', 'Rows read', 'Loaded', 'Rejected', 'Imported at', 'As-of date']}
            numericColumns={new Set([0, 3, 4, 5])}
            rows={imports
              .slice()
              .reverse()
              .map((i) => [i.importId, KINDS[i.kind].label, i.fileName, formatCount(i.rowsRead), formatCount(i.rowsLoaded), formatCount(i.rowsRejected), i.importedAt, i.asOfDate])}
          />
        ) : (
          <p className="muted">No file has been imported into this project yet.</p>
        )}
      </section>
    </div>
  );
}

function TableCards({ tables, selected, onSelect, meta = false }: { tables: TableSummary[]; selected: CanonicalTable | null; onSelect(t: CanonicalTable): void; meta?: boolean }) {
  return (
    <ul className={`table-cards${meta ? ' table-cards-meta' : ''}`}>
      {tables.map((t) => (
        <li key={t.name}>
          <button
            type="button"
            className={`table-card${selected === t.name ? ' table-card-selected' : ''}${meta ? ' table-card-meta' : ''}`}
            onClick={() => onSelect(t.name)}
            aria-pressed={selected === t.name}
            data-table={t.name}
          >
            <span className="table-card-label">{TABLE_LABELS[t.name].label}</span>
            <span className="table-card-count" data-testid={`count-${t.name}`}>
              {formatCount(t.rows)}
            </span>
            <span className="table-card-unit">{t.rows === 1 ? 'row' : 'rows'}</span>
            <span className="table-card-desc">{TABLE_LABELS[t.name].description}</span>
            <code className="table-card-name">{t.name}</code>
          </button>
        </li>
      ))}
    </ul>
  );
}

function TableViewer({ table }: { table: CanonicalTable }) {
  const [offset, setOffset] = useState(0);
  const [preview, setPreview] = useState<TablePreview | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [loading, setLoading] = useState(false);

  const load = useCallback(
    async (at: number) => {
      setLoading(true);
      const res = await api.previewTable({ table, offset: at, limit: PAGE_SIZE });
      setLoading(false);
      if (res.ok) {
        setPreview(res.value);
        setError(null);
      } else {
        setError(res.error);
      }
    },
    [table],
  );

  useEffect(() => {
    void load(offset);
  }, [load, offset]);

  const total = preview?.total ?? 0;
  const first = total === 0 ? 0 : offset + 1;
  const last = Math.min(offset + PAGE_SIZE, total);

  return (
    <section className="card" aria-labelledby="viewer-heading" data-testid="table-viewer">
      <div className="viewer-head">
        <h2 id="viewer-heading">
          {TABLE_LABELS[table].label} <code className="muted-code">{table}</code>
        </h2>
        <div className="pager" role="group" aria-label="Pages">
          <span className="muted" aria-live="polite">
            {total === 0 ? 'No rows' : `Rows ${formatCount(first)}–${formatCount(last)} of ${formatCount(total)}`}
          </span>
          <button type="button" className="btn btn-sm" onClick={() => setOffset(Math.max(0, offset - PAGE_SIZE))} disabled={loading || offset === 0}>
            ← Previous
          </button>
          <button type="button" className="btn btn-sm" onClick={() => setOffset(offset + PAGE_SIZE)} disabled={loading || last >= total}>
            Next →
          </button>
        </div>
      </div>
      {error && <ErrorBanner error={error} />}
      {preview && preview.total > 0 && (
        <DataGrid caption={`${TABLE_LABELS[table].label}, ${plural(total, 'row')}`} columns={preview.columns} rows={preview.rows} rowNumbers={preview.rows.map((_, i) => offset + i + 1)} />
      )}
      {preview && preview.total === 0 && <p className="muted">This table is empty.</p>}
    </section>
  );
}
