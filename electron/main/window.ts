/**
 * The one window and the rules every web contents and the session live by: isolated and
 * sandboxed, no new windows, no navigation away from app://, no permissions, and no
 * request that leaves the machine.
 */
import { BrowserWindow } from 'electron';
import type { Session, WebContents } from 'electron';
import { APP_ENTRY_URL, isAppUrl } from './appUrl';

export interface MainWindowOptions {
  preload: string;
  /** Dev builds get DevTools; packaged builds do not. */
  isDev: boolean;
}

export function createMainWindow({ preload, isDev }: MainWindowOptions): BrowserWindow {
  const win = new BrowserWindow({
    width: 1280,
    height: 860,
    minWidth: 900,
    minHeight: 600,
    show: false,
    title: 'Mentor Impact',
    backgroundColor: '#ffffff',
    webPreferences: {
      preload,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      safeDialogs: true,
      spellcheck: false,
      // A middle click would open a new window (denied anyway); Electronegativity AUXCLICK_JS_CHECK.
      disableBlinkFeatures: 'Auxclick',
      devTools: isDev,
    },
  });
  win.once('ready-to-show', () => win.show());
  hardenWebContents(win.webContents);
  void win.loadURL(APP_ENTRY_URL);
  return win;
}

/** Applied to every web contents the app creates (see `web-contents-created` in main.ts). */
export function hardenWebContents(contents: WebContents): void {
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
  contents.on('will-navigate', (event, url) => {
    if (!isAppUrl(url)) event.preventDefault();
  });
  contents.on('will-redirect', (event, url) => {
    if (!isAppUrl(url)) event.preventDefault();
  });
  // Sub-frames too (will-navigate covers the main frame only); the CSP already limits frames to 'self'.
  contents.on('will-frame-navigate', (event) => {
    if (!isAppUrl(event.url)) event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
}

/** Only the app's own pages (and DevTools in dev) may load anything. */
function isAllowedRequest(url: string, isDev: boolean): boolean {
  if (isAppUrl(url) || url.startsWith('data:') || url.startsWith('blob:app://')) return true;
  return isDev && (url.startsWith('devtools://') || url.startsWith('chrome-extension://'));
}

export function hardenSession(session: Session, isDev: boolean): void {
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
  session.setDevicePermissionHandler(() => false);
  session.webRequest.onBeforeRequest((details, callback) => callback({ cancel: !isAllowedRequest(details.url, isDev) }));
}
