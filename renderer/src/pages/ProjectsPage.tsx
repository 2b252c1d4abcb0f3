import { useEffect, useState } from 'react';
import type { FormEvent } from 'react';
import { host, transport } from '../api/client';
import { ErrorBanner } from '../components/ErrorBanner';
import { DatabaseIcon, FolderIcon, SparkIcon } from '../components/Icons';
import { TABLE_LABELS, formatCount } from '../format';
import { useProjectActions } from '../projectActions';
import { pageHref } from '../router';
import { useAppState } from '../state';

function baseName(path: string): string {
  return path.split(/[\\/]/).pop() ?? path;
}

export function ProjectsPage() {
  const { info, project, busy, projectError: error, setProjectError: setError } = useAppState();
  const { openSample, openPath, pickAndOpen: pick } = useProjectActions();
  const [path, setPath] = useState('');
  // An old error should not greet the user on their next visit.
  useEffect(() => () => setError(null), [setError]);

  function submitPath(e: FormEvent) {
    e.preventDefault();
    const p = path.trim();
    if (!/\.duckdb$/i.test(p)) {
      setError({ code: 'bad_request', message: 'A project file name ends in .duckdb, e.g. /home/me/evaluations/mentoring-2025.duckdb' });
      return;
    }
    void openPath(p);
  }

  const recent = info?.recentProjects ?? [];
  const dataRows = project?.tables.filter((t) => t.name !== 'imports' && t.name !== 'import_rejects') ?? [];

  return (
    <div className="stack">
      {error && <ErrorBanner title="The project could not be opened." error={error} />}

      <section className="card hero" aria-labelledby="sample-heading">
        <div className="hero-text">
          <span className="eyebrow">
            <SparkIcon /> New here?
          </span>
          <h2 id="sample-heading">Explore the sample project</h2>
          <p>
            A fictional organisation with a mentoring program: its program roster, HRIS export, engagement surveys and
            performance reviews, already imported. Nothing leaves this computer.
          </p>
        </div>
        <button type="button" className="btn btn-primary btn-lg" onClick={() => void openSample()} disabled={busy !== null}>
          {busy === 'sample' ? (
            <>
              <span className="spinner" aria-hidden="true" /> Preparing sample…
            </>
          ) : (
            'Open sample project'
          )}
        </button>
      </section>

      <div className="columns">
        <section className="card" aria-labelledby="current-heading">
          <h2 id="current-heading">Current project</h2>
          {project ? (
            <>
              <p className="project-name">
                <DatabaseIcon /> {project.name}
              </p>
              <p className="path" title={project.path}>
                {project.path}
              </p>
              <dl className="mini-counts">
                {dataRows.map((t) => (
                  <div key={t.name}>
                    <dt>{TABLE_LABELS[t.name].label}</dt>
                    <dd>{formatCount(t.rows)}</dd>
                  </div>
                ))}
              </dl>
              <div className="row-actions">
                <a className="btn" href={pageHref('data')}>
                  View data
                </a>
                <a className="btn" href={pageHref('import')}>
                  Import files
                </a>
              </div>
            </>
          ) : (
            <p className="muted">No project is open. Open the sample project, or open or create a project file.</p>
          )}
        </section>

        <section className="card" aria-labelledby="open-heading">
          <h2 id="open-heading">Open or create a project</h2>
          <p className="muted">
            A project is one DuckDB file holding your imported data. You can also open it with the DuckDB command line.
          </p>
          {transport === 'electron' && host ? (
            <div className="row-actions">
              <button type="button" className="btn btn-primary" onClick={() => void pick('open')} disabled={busy !== null}>
                <FolderIcon /> Open project…
              </button>
              <button type="button" className="btn" onClick={() => void pick('save')} disabled={busy !== null}>
                New project…
              </button>
            </div>
          ) : (
            <form className="form" onSubmit={submitPath}>
              <label htmlFor="project-path">Project file path</label>
              <input
                id="project-path"
                type="text"
                placeholder="/home/me/evaluations/mentoring.duckdb"
                value={path}
                onChange={(e) => setPath(e.target.value)}
                spellCheck={false}
                autoComplete="off"
                aria-describedby="project-path-hint"
              />
              <p id="project-path-hint" className="hint">
                A path on the computer running Mentor Impact. The file is created if it does not exist yet.
              </p>
              <div>
                <button type="submit" className="btn btn-primary" disabled={busy !== null || !path.trim()}>
                  {busy !== null && busy === path.trim() ? 'Opening…' : 'Open or create'}
                </button>
              </div>
            </form>
          )}
        </section>
      </div>

      <section className="card" aria-labelledby="recent-heading">
        <h2 id="recent-heading">Recent projects</h2>
        {recent.length === 0 ? (
          <p className="muted">Projects you open appear here.</p>
        ) : (
          <ul className="recent-list">
            {recent.map((p) => {
              const isCurrent = p === project?.path;
              return (
                <li key={p}>
                  <button
                    type="button"
                    className="recent-item"
                    onClick={() => void openPath(p)}
                    disabled={busy !== null || isCurrent}
                    aria-label={`Open ${baseName(p)} (${p})`}
                  >
                    <DatabaseIcon />
                    <span className="recent-name">{baseName(p).replace(/\.duckdb$/i, '')}</span>
                    <span className="recent-path">{p}</span>
                    {isCurrent && <span className="tag">Open</span>}
                    {busy === p && <span className="spinner" aria-hidden="true" />}
                  </button>
                </li>
              );
            })}
          </ul>
        )}
      </section>
    </div>
  );
}
