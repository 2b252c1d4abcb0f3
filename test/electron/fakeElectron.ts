/**
 * A stand-in for the 'electron' module, so the built main and preload bundles can run in
 * plain Node (no Electron binary here). It records what the bundles ask of
 * Electron and lets tests play the renderer's and the OS's part.
 */
import { EventEmitter } from 'node:events';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

type Handler = (...args: unknown[]) => unknown;

export interface FakeFrame {
  processId: number;
  routingId: number;
  parent: FakeFrame | null;
  url: string;
}

export class FakeWebContents extends EventEmitter {
  readonly id: number;
  readonly mainFrame: FakeFrame;
  readonly sent: { channel: string; args: unknown[] }[] = [];
  openHandler: Handler | null = null;

  constructor(id: number) {
    super();
    this.id = id;
    this.mainFrame = { processId: 7, routingId: id, parent: null, url: 'app://mentor-impact/index.html' };
  }
  getURL(): string {
    return this.mainFrame.url;
  }
  setWindowOpenHandler(handler: Handler): void {
    this.openHandler = handler;
  }
  send(channel: string, ...args: unknown[]): void {
    this.sent.push({ channel, args });
  }
}

export class FakeBrowserWindow extends EventEmitter {
  static created: FakeBrowserWindow[] = [];
  readonly webContents: FakeWebContents;
  loadedUrl: string | null = null;

  constructor(readonly options: { webPreferences?: Record<string, unknown> } & Record<string, unknown>) {
    super();
    this.webContents = new FakeWebContents(FakeBrowserWindow.created.length + 1);
    FakeBrowserWindow.created.push(this);
  }
  loadURL(url: string): Promise<void> {
    this.loadedUrl = url;
    return Promise.resolve();
  }
  isDestroyed(): boolean {
    return false;
  }
  isMinimized(): boolean {
    return false;
  }
  restore(): void {}
  focus(): void {}
  show(): void {}
}

export interface FakeElectron {
  module: Record<string, unknown>;
  app: EventEmitter & { quitCalls: number; exitCalls: number[]; recentDocuments: string[] };
  ready(): void;
  privilegedSchemes: unknown[];
  sandboxEnabled: () => boolean;
  ipcHandlers: Map<string, Handler>;
  protocolHandlers: Map<string, (request: Request) => Promise<Response>>;
  session: {
    permissionRequest: Handler | null;
    permissionCheck: Handler | null;
    devicePermission: Handler | null;
    beforeRequest: Handler | null;
    /** The default session's own events ('will-download'). */
    events: EventEmitter;
  };
  menus: unknown[];
  dialogs: { open: string[] | null; save: string | null };
  // preload side
  exposed: Map<string, unknown>;
  invokes: { channel: string; args: unknown[] }[];
  rendererListeners: Map<string, Set<Handler>>;
  ipcRenderer: EventEmitter;
}

export function fakeElectron({ dataDir, appPath }: { dataDir: string; appPath: string }): FakeElectron {
  FakeBrowserWindow.created = [];
  let resolveReady: () => void = () => {};
  const whenReady = new Promise<void>((resolve) => {
    resolveReady = resolve;
  });
  let sandbox = false;
  const privilegedSchemes: unknown[] = [];
  const ipcHandlers = new Map<string, Handler>();
  const protocolHandlers = new Map<string, (request: Request) => Promise<Response>>();
  const session: FakeElectron['session'] = { permissionRequest: null, permissionCheck: null, devicePermission: null, beforeRequest: null, events: new EventEmitter() };
  const menus: unknown[] = [];
  const dialogs: FakeElectron['dialogs'] = { open: null, save: null };
  const exposed = new Map<string, unknown>();
  const invokes: FakeElectron['invokes'] = [];
  const rendererListeners = new Map<string, Set<Handler>>();

  const app = Object.assign(new EventEmitter(), {
    quitCalls: 0,
    exitCalls: [] as number[],
    recentDocuments: [] as string[],
    isPackaged: false,
    enableSandbox: () => {
      sandbox = true;
    },
    requestSingleInstanceLock: () => true,
    whenReady: () => whenReady,
    isReady: () => true,
    getPath: (name: string) => join(dataDir, name),
    getAppPath: () => appPath,
    getVersion: () => '0.1.0-test',
    addRecentDocument(path: string) {
      app.recentDocuments.push(path);
    },
    quit() {
      app.quitCalls++;
    },
    exit(code: number) {
      app.exitCalls.push(code);
    },
  });

  const ipcRenderer = Object.assign(new EventEmitter(), {
    invoke: (channel: string, ...args: unknown[]) => {
      invokes.push({ channel, args });
      return Promise.resolve({ ok: true, value: `reply:${channel}` });
    },
  });
  // Track listeners per channel so tests can check subscribe/unsubscribe.
  ipcRenderer.on('newListener', (channel: string, listener: Handler) => {
    if (!rendererListeners.has(channel)) rendererListeners.set(channel, new Set());
    rendererListeners.get(channel)?.add(listener);
  });
  ipcRenderer.on('removeListener', (channel: string, listener: Handler) => rendererListeners.get(channel)?.delete(listener));

  const module: Record<string, unknown> = {
    app,
    BrowserWindow: FakeBrowserWindow,
    Menu: {
      buildFromTemplate: (template: unknown) => ({ template }),
      setApplicationMenu: (menu: unknown) => menus.push(menu),
    },
    dialog: {
      showMessageBox: () => Promise.resolve({ response: 0 }),
      showOpenDialog: () => Promise.resolve(dialogs.open ? { canceled: false, filePaths: dialogs.open } : { canceled: true, filePaths: [] }),
      showSaveDialog: () => Promise.resolve(dialogs.save ? { canceled: false, filePath: dialogs.save } : { canceled: true, filePath: '' }),
    },
    ipcMain: {
      handle: (channel: string, handler: Handler) => {
        if (ipcHandlers.has(channel)) throw new Error(`second handler for ${channel}`);
        ipcHandlers.set(channel, handler);
      },
    },
    protocol: {
      registerSchemesAsPrivileged: (schemes: unknown[]) => privilegedSchemes.push(...schemes),
      handle: (scheme: string, handler: (request: Request) => Promise<Response>) => protocolHandlers.set(scheme, handler),
    },
    session: {
      defaultSession: Object.assign(session.events, {
        setPermissionRequestHandler: (h: Handler) => (session.permissionRequest = h),
        setPermissionCheckHandler: (h: Handler) => (session.permissionCheck = h),
        setDevicePermissionHandler: (h: Handler) => (session.devicePermission = h),
        webRequest: { onBeforeRequest: (h: Handler) => (session.beforeRequest = h) },
      }),
    },
    contextBridge: {
      exposeInMainWorld: (key: string, value: unknown) => exposed.set(key, value),
    },
    ipcRenderer,
    webUtils: { getPathForFile: (file: { name: string }) => `/picked/${file.name}` },
  };

  return {
    module,
    app,
    ready: resolveReady,
    privilegedSchemes,
    sandboxEnabled: () => sandbox,
    ipcHandlers,
    protocolHandlers,
    session,
    menus,
    dialogs,
    exposed,
    invokes,
    rendererListeners,
    ipcRenderer,
  };
}

/** Evaluates a CommonJS bundle with 'electron' replaced by the fake; returns the modules it required. */
export function loadBundle(file: string, electron: FakeElectron): string[] {
  const required: string[] = [];
  const realRequire = createRequire(file);
  const requireShim = (id: string): unknown => {
    required.push(id);
    return id === 'electron' ? electron.module : realRequire(id);
  };
  const module = { exports: {} };
  const run = new Function('require', 'module', 'exports', '__filename', '__dirname', readFileSync(file, 'utf8'));
  run(requireShim, module, module.exports, file, dirname(file));
  return required;
}
