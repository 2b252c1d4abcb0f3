import { useEffect, useRef } from 'react';
import type { ComponentType } from 'react';
import { ErrorBanner } from './components/ErrorBanner';
import { BeforeAfterIcon, CohortsIcon, DashboardIcon, FolderIcon, LogoMark, MoonIcon, QualityIcon, RetentionIcon, SegmentsIcon, SettingsIcon, SunIcon, SurveyIcon, TableIcon, UploadIcon } from './components/Icons';
import { BeforeAfterPage } from './pages/BeforeAfterPage';
import { CohortsPage } from './pages/CohortsPage';
import { DashboardPage } from './pages/DashboardPage';
import { DataPage } from './pages/DataPage';
import { ImportPage } from './pages/ImportPage';
import { ProjectsPage } from './pages/ProjectsPage';
import { QualityPage } from './pages/QualityPage';
import { RetentionPage } from './pages/RetentionPage';
import { SegmentsPage } from './pages/SegmentsPage';
import { SettingsPage } from './pages/SettingsPage';
import { SurveyPage } from './pages/SurveyPage';
import { ReportPage } from './pages/ReportPage';
import { ReportIcon } from './report/ReportIcon';
import { host } from './api/client';
import { requestCsvPick } from './menuRequests';
import { useProjectActions } from './projectActions';
import { goTo, pageHref, usePage } from './router';
import type { Page } from './router';
import { useAppState } from './state';
import { useTheme } from './theme';

interface NavEntry {
  page: Page;
  label: string;
  Icon: ComponentType;
  Component: ComponentType;
  /** Sidebar group: the project and its data, or the results. */
  section: 'project' | 'results';
}

/** Every page, in sidebar order. Adding a page is one entry here. */
const NAV: NavEntry[] = [
  { page: 'projects', label: 'Projects', Icon: FolderIcon, Component: ProjectsPage, section: 'project' },
  { page: 'import', label: 'Import', Icon: UploadIcon, Component: ImportPage, section: 'project' },
  { page: 'data', label: 'Data', Icon: TableIcon, Component: DataPage, section: 'project' },
  { page: 'quality', label: 'Data quality', Icon: QualityIcon, Component: QualityPage, section: 'project' },
  { page: 'settings', label: 'Settings', Icon: SettingsIcon, Component: SettingsPage, section: 'project' },
  { page: 'dashboard', label: 'Dashboard', Icon: DashboardIcon, Component: DashboardPage, section: 'results' },
  { page: 'before-after', label: 'Before/after', Icon: BeforeAfterIcon, Component: BeforeAfterPage, section: 'results' },
  { page: 'cohorts', label: 'Cohorts', Icon: CohortsIcon, Component: CohortsPage, section: 'results' },
  { page: 'retention', label: 'Retention', Icon: RetentionIcon, Component: RetentionPage, section: 'results' },
  { page: 'survey', label: 'Survey items', Icon: SurveyIcon, Component: SurveyPage, section: 'results' },
  { page: 'segments', label: 'Segments', Icon: SegmentsIcon, Component: SegmentsPage, section: 'results' },
  { page: 'report', label: 'Report', Icon: ReportIcon, Component: ReportPage, section: 'results' },
];

const SECTIONS: { key: NavEntry['section']; label: string }[] = [
  { key: 'project', label: 'Project' },
  { key: 'results', label: 'Results' },
];

function ThemeToggle() {
  const { theme, toggle } = useTheme();
  const dark = theme === 'dark';
  return (
    <button type="button" className="theme-toggle" onClick={toggle} aria-pressed={dark} aria-label="Dark theme" title={dark ? 'Switch to the light theme' : 'Switch to the dark theme'}>
      {dark ? <MoonIcon /> : <SunIcon />}
      <span>{dark ? 'Dark' : 'Light'}</span>
    </button>
  );
}

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
        {SECTIONS.map((section) => (
          <div key={section.key} className="nav-section">
            <h2 className="nav-heading">{section.label}</h2>
            <ul className="nav-list">
              {NAV.filter((n) => n.section === section.key).map(({ page: p, label, Icon }) => (
                <li key={p}>
                  <a className="nav-link" href={pageHref(p)} aria-current={p === page ? 'page' : undefined}>
                    <Icon />
                    {label}
                  </a>
                </li>
              ))}
            </ul>
          </div>
        ))}
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
          <div className="topbar-right">
            <ProjectBadge />
            <ThemeToggle />
          </div>
        </header>
        <main className="content">
          {loadError && <ErrorBanner title="Cannot reach the engine." error={loadError} />}
          <current.Component key={current.page} />
        </main>
      </div>
    </div>
  );
}
