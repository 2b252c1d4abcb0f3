import { useEffect, useRef } from 'react';
import type { ComponentType } from 'react';
import { ErrorBanner } from './components/ErrorBanner';
import { FolderIcon, LogoMark, TableIcon, UploadIcon } from './components/Icons';
import { DataPage } from './pages/DataPage';
import { ImportPage } from './pages/ImportPage';
import { ProjectsPage } from './pages/ProjectsPage';
import { host } from './api/client';
import { requestCsvPick } from './menuRequests';
import { useProjectActions } from './projectActions';
import { goTo, pageHref, usePage } from './router';
import type { Page } from './router';
import { useAppState } from './state';

const NAV: { page: Page; label: string; Icon: ComponentType; Component: ComponentType }[] = [
  { page: 'projects', label: 'Projects', Icon: FolderIcon, Component: ProjectsPage },
  { page: 'import', label: 'Import', Icon: UploadIcon, Component: ImportPage },
  { page: 'data', label: 'Data', Icon: TableIcon, Component: DataPage },
];

function ProjectBadge() {
  const { project } = useAppState();
  if (!project) return <span className="project-badge project-badge-none">No project open</span>;
  return (
    <span className="project-badge" title={project.path}>
      <span className="project-dot" aria-hidden="true" />
      <span className="visually-hidden">Open project:</span>
      <span className="project-badge-name" data-testid="current-project">{project.name}</span>
      {/* rtl keeps the end of a long path visible; the LRM keeps its slashes in place */}
      <span className="project-badge-path">{'\u200E' + project.path + '\u200E'}</span>
    </span>
  );
}

/** Native menu commands (desktop app only) run the same actions as the pages. */
function useMenuCommands() {
  const { openSample, openPath, pickAndOpen } = useProjectActions();
  const actions = useRef({ openSample, openPath, pickAndOpen });
  useEffect(() => {
    actions.current = { openSample, openPath, pickAndOpen };
  });
  useEffect(() => {
    if (!host) return;
    return host.onMenu((cmd) => {
      const a = actions.current;
      switch (cmd.command) {
        case 'openSampleProject':
          void a.openSample();
          break;
        case 'newProject':
        case 'openProject':
          goTo('projects');
          void a.pickAndOpen(cmd.command === 'newProject' ? 'save' : 'open');
          break;
        case 'openRecent':
          goTo('projects');
          void a.openPath(cmd.path);
          break;
        case 'importCsv':
          goTo('import');
          requestCsvPick();
          break;
      }
    });
  }, []);
}

export function App() {
  const page = usePage();
  const { loadError, info } = useAppState();
  const current = NAV.find((n) => n.page === page) ?? NAV[0]!;
  useMenuCommands();

  useEffect(() => {
    document.title = `${current.label} · Mentor Impact`;
  }, [current.label]);

  return (
    <div className="shell">
      <nav className="sidebar" aria-label="Main">
        <div className="sidebar-inner">
        <div className="brand">
          <LogoMark />
          <span className="brand-name">Mentor Impact</span>
        </div>
        <ul className="nav-list">
          {NAV.map(({ page: p, label, Icon }) => (
            <li key={p}>
              <a className="nav-link" href={pageHref(p)} aria-current={p === page ? 'page' : undefined}>
                <Icon />
                {label}
              </a>
            </li>
          ))}
        </ul>
        <div className="sidebar-foot">
          {info && (
            <>
              <span>Version {info.version}</span>
              <span>{info.host === 'electron' ? 'Desktop app' : 'Browser mode · local only'}</span>
            </>
          )}
        </div>
        </div>
      </nav>
      <div className="main">
        <header className="topbar">
          <h1 className="page-title">{current.label}</h1>
          <ProjectBadge />
        </header>
        <main className="content">
          {loadError && <ErrorBanner title="Cannot reach the engine." error={loadError} />}
          <current.Component />
        </main>
      </div>
    </div>
  );
}
