/**
 * Runs the built main-process bundle (dist-electron/main.cjs) in Node against a fake
 * 'electron' module: the window's settings, navigation and permission rules, the app://
 * protocol, the IPC sender check and the quit path, without an Electron binary.
 */
import { EventEmitter } from 'node:events';
import { builtinModules } from 'node:module';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { SaveDialogOptions } from 'electron';
import { API_METHODS, ipcChannel } from '../../shared/api';
import { HOST_CHANNELS, MENU_CHANNEL } from '../../shared/hostBridge';
import { HARDENED_WEB_PREFERENCES } from '../../electron/desktop/webPreferences';
import { buildBundles } from './buildBundles';
import { FakeBrowserWindow, fakeElectron, loadBundle } from './fakeElectron';
import type { FakeElectron, FakeFrame } from './fakeElectron';

let root: string;
let electron: FakeElectron;
let required: string[];
let win: FakeBrowserWindow;

beforeAll(async () => {
  root = buildBundles();
  mkdirSync(join(root, 'dist', 'renderer', 'assets'), { recursive: true });
  writeFileSync(join(root, 'dist', 'renderer', 'index.html'), '<!doctype html><title>Mentor Impact</title>');
  writeFileSync(join(root, 'dist', 'renderer', 'assets', 'app.js'), 'console.log(1)');
  writeFileSync(join(root, 'dist', 'secret.txt'), 'outside the renderer folder');
  electron = fakeElectron({ dataDir: join(root, 'user'), appPath: join(import.meta.dirname, '..', '..') });
  required = loadBundle(join(root, 'dist-electron', 'main.cjs'), electron);
  electron.ready();
  await vi.waitFor(() => expect(FakeBrowserWindow.created).toHaveLength(1), { timeout: 20_000 });
  win = FakeBrowserWindow.created[0]!;
});

afterAll(() => {
  if (root) rmSync(root, { recursive: true, force: true });
});

const navEvent = () => ({ preventDefault: vi.fn() });

function ipcEvent(frame: Partial<FakeFrame> | null = {}, sender = win.webContents) {
  return { sender, senderFrame: frame === null ? null : { ...win.webContents.mainFrame, ...frame } };
}

async function invoke(channel: string, event: unknown, payload?: unknown): Promise<unknown> {
  const handler = electron.ipcHandlers.get(channel);
  if (!handler) throw new Error(`no handler for ${channel}`);
  return handler(event, payload);
}

describe('Electron main bundle', () => {
  it('needs only electron, @duckdb/* and Node built-ins at run time', () => {
    const external = required.filter((id) => !builtinModules.includes(id.replace(/^node:/, '')));
    expect(new Set(external)).toEqual(new Set(['electron', '@duckdb/node-api']));
  });

  it('registers app:// as a standard, secure scheme and enables the sandbox before ready', () => {
    expect(electron.privilegedSchemes).toEqual([expect.objectContaining({ scheme: 'app', privileges: expect.objectContaining({ standard: true, secure: true }) })]);
    expect(electron.sandboxEnabled()).toBe(true);
  });

  it('opens one isolated, sandboxed window on app://', () => {
    expect(win.options.webPreferences).toMatchObject({ ...HARDENED_WEB_PREFERENCES, preload: join(root, 'dist-electron', 'preload.cjs') });
    expect(win.loadedUrl).toBe('app://mentor-impact/index.html');
  });

  it('denies new windows and navigation away from app://', () => {
    expect(win.webContents.openHandler?.({ url: 'https://example.com' })).toEqual({ action: 'deny' });
    for (const url of ['https://example.com/', 'file:///etc/passwd', 'app://other/index.html', 'http://127.0.0.1:5417/']) {
      const event = navEvent();
      win.webContents.emit('will-navigate', event, url);
      expect(event.preventDefault, url).toHaveBeenCalled();
    }
    const same = navEvent();
    win.webContents.emit('will-navigate', same, 'app://mentor-impact/index.html#/import');
    expect(same.preventDefault).not.toHaveBeenCalled();
    const webview = navEvent();
    win.webContents.emit('will-attach-webview', webview);
    expect(webview.preventDefault).toHaveBeenCalled();
  });

  it('grants the app\'s pages clipboard writes ("Copy CSV") and denies every other permission', () => {
    const appPage = { isMainFrame: true, requestingUrl: 'app://mentor-impact/index.html#/dashboard' };
    const request = (permission: string, details: { isMainFrame: boolean; requestingUrl: string }) => {
      const callback = vi.fn();
      electron.session.permissionRequest?.(win.webContents, permission, callback, details);
      expect(callback).toHaveBeenCalledTimes(1);
      return callback.mock.calls[0]?.[0] as boolean;
    };
    expect(request('clipboard-sanitized-write', appPage)).toBe(true);
    for (const permission of ['clipboard-read', 'media', 'notifications', 'geolocation', 'openExternal', 'fileSystem', 'unknown']) {
      expect(request(permission, appPage), permission).toBe(false);
    }
    expect(request('clipboard-sanitized-write', { ...appPage, isMainFrame: false })).toBe(false);
    for (const requestingUrl of ['https://example.com/', 'app://other/index.html', 'file:///tmp/evil.html', 'blob:app://mentor-impact/1', '']) {
      expect(request('clipboard-sanitized-write', { isMainFrame: true, requestingUrl }), requestingUrl).toBe(false);
    }

    const check = (permission: string, origin: string, isMainFrame = true) => electron.session.permissionCheck?.(win.webContents, permission, origin, { isMainFrame });
    expect(check('clipboard-sanitized-write', 'app://mentor-impact')).toBe(true);
    expect(check('clipboard-sanitized-write', 'app://mentor-impact/')).toBe(true);
    expect(check('clipboard-sanitized-write', 'app://mentor-impact', false)).toBe(false);
    for (const origin of ['https://example.com', 'app://mentor-impact.evil', 'app://mentor-impact-report', 'null', '']) {
      expect(check('clipboard-sanitized-write', origin), origin).toBe(false);
    }
    for (const permission of ['clipboard-read', 'media', 'notifications', 'hid', 'usb', 'serial']) {
      expect(check(permission, 'app://mentor-impact'), permission).toBe(false);
    }
    expect(electron.session.devicePermission?.({ deviceType: 'usb', origin: 'app://mentor-impact' })).toBe(false);
  });

  it('denies every request that would leave the app', () => {
    const decide = (url: string) => {
      const cb = vi.fn();
      electron.session.beforeRequest?.({ url }, cb);
      return cb.mock.calls[0]?.[0];
    };
    expect(decide('https://example.com/x.js')).toEqual({ cancel: true });
    expect(decide('file:///etc/passwd')).toEqual({ cancel: true });
    expect(decide('app://mentor-impact/assets/app.js')).toEqual({ cancel: false });
    expect(decide('data:image/png;base64,AAAA')).toEqual({ cancel: false });
  });

  describe('downloads', () => {
    const downloads = () => join(root, 'user', 'downloads');
    function download(url: string, fileName: string, page = win.webContents) {
      const event = navEvent();
      const item = { getURL: () => url, getFilename: () => fileName, setSaveDialogOptions: vi.fn(), setSavePath: vi.fn() };
      expect(electron.session.events.listenerCount('will-download')).toBe(1);
      electron.session.events.emit('will-download', event, item, page, null);
      return { cancelled: event.preventDefault.mock.calls.length > 0, dialog: item.setSaveDialogOptions.mock.calls[0]?.[0] as SaveDialogOptions | undefined, item };
    }

    it('offers a chart\'s PNG, SVG or CSV export in a save dialog opening in Downloads', () => {
      for (const [url, name, ext] of [
        ['blob:app://mentor-impact/4f1c2a7e-9d1b-4a8e-b3f0-0c6a1e2d3b4c', 'retention-kaplan-meier.png', 'png'],
        ['blob:app://mentor-impact/5a2d3b8f-0e2c-4b9f-a4e1-1d7b2f3e4c5d', 'survey-difference-in-differences.svg', 'svg'],
        ['data:text/csv;charset=utf-8,a%2Cb%0A1%2C2', 'participants-by-cohort.csv', 'csv'],
      ] as const) {
        const d = download(url, name);
        expect(d.cancelled, url).toBe(false);
        expect(d.dialog, url).toEqual({
          title: 'Save',
          defaultPath: join(downloads(), name),
          filters: [{ name: `${ext.toUpperCase()} file`, extensions: [ext] }],
          properties: ['createDirectory', 'showOverwriteConfirmation'],
        });
        // The user picks the path; the handler never writes one itself.
        expect(d.item.setSavePath).not.toHaveBeenCalled();
      }
    });

    it('keeps the suggested name inside Downloads and visible', () => {
      expect(download('blob:app://mentor-impact/1', '../../.bashrc').dialog?.defaultPath).toBe(join(downloads(), 'bashrc'));
      expect(download('blob:app://mentor-impact/2', '..\\..\\evil.csv').dialog?.defaultPath).toBe(join(downloads(), 'evil.csv'));
      expect(download('blob:app://mentor-impact/3', '').dialog).toMatchObject({ defaultPath: join(downloads(), 'download'), filters: [] });
    });

    it('cancels every other download: the web, files, other origins, or a page that is not the app', () => {
      for (const url of ['https://example.com/setup.exe', 'http://127.0.0.1:5417/api/export', 'file:///etc/passwd', 'blob:https://evil.example/4f1c', 'blob:app://other/4f1c', 'blob:null/4f1c', 'ftp://example.com/x.csv']) {
        const d = download(url, 'x.csv');
        expect(d.cancelled, url).toBe(true);
        expect(d.dialog, url).toBeUndefined();
      }
      const foreign = Object.assign(new EventEmitter(), { getURL: () => 'https://example.com/' });
      for (const url of ['data:text/csv,a', 'blob:app://mentor-impact/4f1c']) {
        const d = download(url, 'x.csv', foreign as unknown as typeof win.webContents);
        expect(d.cancelled, url).toBe(true);
        expect(d.dialog, url).toBeUndefined();
      }
    });
  });

  describe('app:// protocol', () => {
    const get = (url: string, method = 'GET') => electron.protocolHandlers.get('app')!(new Request(url, { method }));

    it('serves the renderer with a CSP that has no unsafe-eval', async () => {
      const res = await get('app://mentor-impact/');
      expect(res.status).toBe(200);
      expect(await res.text()).toContain('<title>Mentor Impact</title>');
      expect(res.headers.get('content-type')).toMatch(/^text\/html/);
      const csp = res.headers.get('content-security-policy') ?? '';
      expect(csp).toContain("default-src 'self'");
      expect(csp).toContain("script-src 'self'");
      expect(csp).toContain("object-src 'none'");
      expect(csp).not.toContain('unsafe-eval');
      const js = await get('app://mentor-impact/assets/app.js');
      expect(js.headers.get('content-type')).toMatch(/^text\/javascript/);
      expect(js.headers.get('content-security-policy')).toBe(csp);
    });

    it('never serves a file outside dist/renderer', async () => {
      for (const url of [
        'app://mentor-impact/..%2fsecret.txt',
        'app://mentor-impact/%2e%2e%2fsecret.txt',
        'app://mentor-impact/assets/..%2f..%2fsecret.txt',
        'app://mentor-impact/..%5csecret.txt',
        'app://mentor-impact/index.html%00.js',
        'app://other-host/index.html',
        'app://mentor-impact/assets',
        'app://mentor-impact/missing.js',
      ]) {
        const res = await get(url);
        expect(res.status, url).toBe(404);
        expect(await res.text(), url).not.toContain('outside');
        expect(res.headers.get('content-security-policy'), url).toBeTruthy();
      }
      expect((await get('app://mentor-impact/index.html', 'POST')).status).toBe(405);
    });
  });

  describe('IPC', () => {
    it('has exactly one handler per API method plus the two host dialogs', () => {
      expect(new Set(electron.ipcHandlers.keys())).toEqual(new Set([...API_METHODS.map(ipcChannel), ...Object.values(HOST_CHANNELS)]));
    });

    it('answers the main window and refuses any other sender', async () => {
      const res = (await invoke(ipcChannel('getAppInfo'), ipcEvent(), {})) as { ok: boolean; value?: { host: string } };
      expect(res).toMatchObject({ ok: true, value: { host: 'electron', version: '0.1.0-test' } });

      const strangers = [
        ipcEvent({ url: 'https://example.com/' }),
        ipcEvent({ url: 'file:///tmp/evil.html' }),
        ipcEvent({ routingId: 99 }),
        ipcEvent({ parent: win.webContents.mainFrame }),
        ipcEvent(null),
        { ...ipcEvent(), sender: { id: 42 } },
      ];
      for (const event of strangers) {
        expect(await invoke(ipcChannel('getAppInfo'), event, {})).toMatchObject({ ok: false, error: { code: 'forbidden' } });
        expect(await invoke(HOST_CHANNELS.pickCsvFile, event)).toBeNull();
      }
    });

    it('passes payloads to the engine, which validates them', async () => {
      const res = await invoke(ipcChannel('openProject'), ipcEvent(), { path: 42 });
      expect(res).toMatchObject({ ok: false, error: { code: 'bad_request' } });
    });

    it('opens the sample project, remembers it and lists it under Open Recent', async () => {
      const res = (await invoke(ipcChannel('openSampleProject'), ipcEvent(), {})) as { ok: boolean; value: { path: string } };
      expect(res.ok).toBe(true);
      expect(electron.app.recentDocuments).toContain(res.value.path);
      type Item = { label?: string; submenu?: Item[]; click?: () => void };
      await vi.waitFor(() => {
        const menu = electron.menus.at(-1) as { template: Item[] };
        const file = menu.template.find((m) => m.label === '&File');
        const recent = file?.submenu?.find((m) => m.label === 'Open Recent');
        const item = recent?.submenu?.find((m) => m.label?.includes(res.value.path));
        expect(item).toBeDefined();
        item?.click?.();
      });
      expect(win.webContents.sent.at(-1)).toEqual({ channel: MENU_CHANNEL, args: [{ command: 'openRecent', path: res.value.path }] });
    });

    it('shows native dialogs for project and CSV files', async () => {
      electron.dialogs.save = join(root, 'New team');
      expect(await invoke(HOST_CHANNELS.pickProjectFile, ipcEvent(), 'save')).toBe(join(root, 'New team.duckdb'));
      electron.dialogs.open = ['/data/hris export.csv'];
      expect(await invoke(HOST_CHANNELS.pickCsvFile, ipcEvent())).toEqual({ path: '/data/hris export.csv', name: 'hris export.csv' });
      expect(await invoke(HOST_CHANNELS.pickProjectFile, ipcEvent(), 'open')).toBe('/data/hris export.csv');
      expect(await invoke(HOST_CHANNELS.pickProjectFile, ipcEvent(), 'delete')).toBeNull();
      electron.dialogs.open = null;
      expect(await invoke(HOST_CHANNELS.pickCsvFile, ipcEvent())).toBeNull();
    });
  });

  it('closes the project before quitting', async () => {
    const event = navEvent();
    electron.app.emit('before-quit', event);
    expect(event.preventDefault).toHaveBeenCalled();
    await vi.waitFor(() => expect(electron.app.quitCalls).toBe(1));
    const again = navEvent();
    electron.app.emit('before-quit', again);
    expect(again.preventDefault).not.toHaveBeenCalled();
  });
});
