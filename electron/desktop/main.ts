/**
 * Electron main process: one hardened window on app://, the native menu, and IPC that
 * hands every API call to the engine (which validates it). Thin: the engine does the work.
 */
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { app, BrowserWindow, dialog, Menu, session } from 'electron';
import { Engine } from '../engine/service';
import { findSampleDataDir } from '../common/paths';
import type { MenuCommand } from '../../shared/hostBridge';
import { MENU_CHANNEL } from '../../shared/hostBridge';
import { registerApiHandlers, registerHostHandlers } from './ipc';
import { saveReportPdf } from './reportPdf';
import { buildAppMenu } from './menu';
import { registerAppScheme, serveAppProtocol } from './protocol';
import { createMainWindow, hardenSession, hardenWebContents } from './window';

// Both must happen before the app is ready.
registerAppScheme();
app.enableSandbox();

const isDev = !app.isPackaged;
const isMac = process.platform === 'darwin';

/** A `.duckdb` path given on the command line (or by the OS when a project file is opened). */
function projectPathFromArgs(argv: readonly string[], cwd = process.cwd()): string | null {
  const arg = argv.slice(1).find((a) => !a.startsWith('-') && a.toLowerCase().endsWith('.duckdb'));
  if (!arg) return null;
  const full = resolve(cwd, arg);
  return existsSync(full) ? full : null;
}

function start(): void {
  // dist-electron/main.cjs sits beside preload.cjs; the renderer is built to dist/renderer.
  const preload = join(__dirname, 'preload.cjs');
  const rendererDir = join(__dirname, '..', 'dist', 'renderer');
  const engine = new Engine({
    host: 'electron',
    dataDir: app.getPath('userData'),
    sampleDataDir: app.isPackaged ? join(process.resourcesPath, 'sample-data') : findSampleDataDir(app.getAppPath()),
    version: app.getVersion(),
  });

  let mainWindow: BrowserWindow | null = null;
  const getWindow = () => (mainWindow && !mainWindow.isDestroyed() ? mainWindow : null);
  let pendingProject = projectPathFromArgs(process.argv);

  const send = (command: MenuCommand) => {
    const win = getWindow();
    if (!win) return;
    if (win.isMinimized()) win.restore();
    win.focus();
    win.webContents.send(MENU_CHANNEL, command);
  };

  const showAbout = () => {
    const win = getWindow();
    const options = {
      type: 'info' as const,
      title: 'About Mentor Impact',
      message: `Mentor Impact ${app.getVersion()}`,
      detail: 'Tells an organisation whether its mentorship program works.\nLocal-first: your data never leaves this computer.',
    };
    void (win ? dialog.showMessageBox(win, options) : dialog.showMessageBox(options));
  };

  const refreshMenu = async () => {
    const info = await engine.call('getAppInfo', {});
    const recentProjects = info.ok ? info.value.recentProjects : [];
    Menu.setApplicationMenu(buildAppMenu({ isDev, isMac, recentProjects, send, showAbout }));
  };

  const onProjectOpened = (path: string) => {
    app.addRecentDocument(path);
    void refreshMenu();
  };

  /** Opens a project handed over by the OS: directly before the window exists, else via the renderer. */
  const openFromOs = (path: string) => {
    if (getWindow()) send({ command: 'openRecent', path });
    else pendingProject = path;
  };

  const openWindow = async () => {
    if (pendingProject) {
      const opened = await engine.call('openProject', { path: pendingProject });
      if (opened.ok) onProjectOpened(opened.value.path);
      else console.error(`mentor-impact: ${opened.error.message}`);
      pendingProject = null;
    }
    mainWindow = createMainWindow({ preload, isDev });
    mainWindow.on('closed', () => {
      mainWindow = null;
    });
  };

  app.on('web-contents-created', (_event, contents) => hardenWebContents(contents));

  app.on('second-instance', (_event, argv, workingDirectory) => {
    const path = projectPathFromArgs(argv, workingDirectory);
    if (path) return openFromOs(path);
    const win = getWindow();
    if (win) {
      if (win.isMinimized()) win.restore();
      win.focus();
    }
  });

  // macOS: a project opened from Finder, the Dock or the recent-documents list.
  app.on('open-file', (event, path) => {
    event.preventDefault();
    openFromOs(path);
  });

  app.on('window-all-closed', () => {
    if (!isMac) app.quit();
  });

  app.on('activate', () => {
    if (app.isReady() && !getWindow()) void openWindow();
  });

  // Close the project (checkpoint the DuckDB file) before quitting.
  let closed = false;
  app.on('before-quit', (event) => {
    if (closed) return;
    event.preventDefault();
    engine
      .closeProject()
      .catch((err: unknown) => console.error('mentor-impact: closing the project failed:', err))
      .finally(() => {
        closed = true;
        app.quit();
      });
  });

  void app
    .whenReady()
    .then(async () => {
      hardenSession(session.defaultSession, { isDev, downloadsDir: app.getPath('downloads') });
      serveAppProtocol(rendererDir);
      registerApiHandlers(engine, getWindow, {
        onProjectOpened,
        saveReportPdf: (payload, win) => saveReportPdf(engine, payload, win, app.getPath('documents')),
      });
      registerHostHandlers(getWindow, { defaultDir: app.getPath('documents') });
      await refreshMenu();
      await openWindow();
    })
    .catch((err: unknown) => {
      console.error('mentor-impact: failed to start:', err);
      app.exit(1);
    });
}

if (app.requestSingleInstanceLock()) start();
else app.quit();
