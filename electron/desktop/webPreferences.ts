/**
 * The web preferences every window of the desktop app shares (the main window and the
 * report's print window): isolated and sandboxed, no Node anywhere, web security on, no
 * insecure content, no <webview>, no navigation by dropping a file, no middle-click windows.
 *
 * Each `new BrowserWindow` still writes them out as a literal: Electronegativity reads
 * the literal options of each call and does not follow a spread or a constant, so with
 * `...HARDENED_WEB_PREFERENCES` it would report the window as unisolated and unsandboxed.
 * test/electron/static.test.ts proves that both literals hold exactly these values.
 */
export const HARDENED_WEB_PREFERENCES = {
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
} as const;
