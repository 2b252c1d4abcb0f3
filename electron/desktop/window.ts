/**
 * The one window and the rules every web contents and the session live by: isolated and
 * sandboxed, no new windows, no navigation away from app://, no permission but writing to
 * the clipboard, downloads only of what the app's pages made, and no request that leaves
 * the machine.
 */
import { basename, extname, join } from 'node:path';
import { BrowserWindow } from 'electron';
import type { SaveDialogOptions, Session, WebContents } from 'electron';
import { APP_ENTRY_URL, isAppDownload, isAppOrigin, isAppUrl } from './appUrl';

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
    // HARDENED_WEB_PREFERENCES (webPreferences.ts) written out, for Electronegativity; a test checks they are equal.
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

/**
 * The one permission the app's pages get, so that "Copy CSV" works with the same
 * `navigator.clipboard.writeText` as in browser mode. Chosen over a `copyText` function on
 * the preload bridge: it adds no IPC channel (no handler, sender check or payload limit to
 * get right), Chromium grants it only to a focused page and sanitizes what is written, and
 * reading the clipboard stays denied.
 */
const CLIPBOARD_WRITE = 'clipboard-sanitized-write';

/** Where a chart or CSV export is offered to be saved: Downloads, under the page's file name, never a hidden or relative one. */
export function downloadDialogOptions(fileName: string, downloadsDir: string): SaveDialogOptions {
  const name = basename(fileName.replace(/\\/g, '/')).replace(/^\.+/, '') || 'download';
  const ext = extname(name).slice(1).toLowerCase();
  return {
    title: 'Save',
    defaultPath: join(downloadsDir, name),
    filters: ext ? [{ name: `${ext.toUpperCase()} file`, extensions: [ext] }] : [],
    properties: ['createDirectory', 'showOverwriteConfirmation'],
  };
}

export interface SessionOptions {
  /** DevTools may load their own pages. */
  isDev: boolean;
  /** Where the save dialog for a download opens (the user's Downloads folder). */
  downloadsDir: string;
}

export function hardenSession(session: Session, { isDev, downloadsDir }: SessionOptions): void {
  session.setPermissionRequestHandler((_contents, permission, callback, details) =>
    callback(permission === CLIPBOARD_WRITE && details.isMainFrame && isAppUrl(details.requestingUrl)),
  );
  session.setPermissionCheckHandler((_contents, permission, requestingOrigin, details) => permission === CLIPBOARD_WRITE && details.isMainFrame && isAppOrigin(requestingOrigin));
  session.setDevicePermissionHandler(() => false);
  session.webRequest.onBeforeRequest((details, callback) => callback({ cancel: !isAllowedRequest(details.url, isDev) }));
  // Without this, any download (a link to the web included) would get Chromium's default save routine.
  session.on('will-download', (event, item, contents) => {
    if (!isAppDownload(item.getURL(), contents.getURL())) {
      event.preventDefault();
      return;
    }
    item.setSaveDialogOptions(downloadDialogOptions(item.getFilename(), downloadsDir));
  });
}
