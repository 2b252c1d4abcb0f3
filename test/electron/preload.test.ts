/**
 * Runs the built sandboxed preload (dist-electron/preload.cjs) against a fake 'electron':
 * it exposes exactly `window.mentorImpact` (one function per API method plus `host`) and
 * never hands the page `ipcRenderer` or an IPC event.
 */
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { API_METHODS, ipcChannel } from '../../shared/api';
import { HOST_CHANNELS, MENU_CHANNEL } from '../../shared/hostBridge';
import type { MentorImpactBridge } from '../../shared/hostBridge';
import { buildBundles } from './buildBundles';
import { fakeElectron, loadBundle } from './fakeElectron';
import type { FakeElectron } from './fakeElectron';

let root: string;
let electron: FakeElectron;
let required: string[];
let bridge: MentorImpactBridge;

beforeAll(() => {
  root = buildBundles();
  electron = fakeElectron({ dataDir: join(root, 'user'), appPath: root });
  required = loadBundle(join(root, 'dist-electron', 'preload.cjs'), electron);
  bridge = electron.exposed.get('mentorImpact') as MentorImpactBridge;
});

afterAll(() => {
  if (root) rmSync(root, { recursive: true, force: true });
});

/** Every value reachable from the exposed object. */
function reachable(value: unknown, seen = new Set<unknown>()): unknown[] {
  if ((typeof value !== 'object' && typeof value !== 'function') || value === null || seen.has(value)) return [];
  seen.add(value);
  return [value, ...Object.values(value).flatMap((v) => reachable(v, seen))];
}

describe('preload bundle', () => {
  it('requires nothing but electron (a sandboxed preload cannot)', () => {
    expect(new Set(required)).toEqual(new Set(['electron']));
  });

  it('exposes one object, with one function per API method and host', () => {
    expect([...electron.exposed.keys()]).toEqual(['mentorImpact']);
    expect(Object.keys(bridge).sort()).toEqual([...API_METHODS, 'host'].sort());
    for (const method of API_METHODS) expect(typeof bridge[method]).toBe('function');
    expect(Object.keys(bridge.host).sort()).toEqual(['onMenu', 'pathForFile', 'pickCsvFile', 'pickProjectFile']);
  });

  it('never exposes ipcRenderer or its methods', () => {
    const values = reachable(bridge);
    expect(values).not.toContain(electron.ipcRenderer);
    for (const fn of ['invoke', 'send', 'sendSync', 'on', 'once', 'emit', 'removeListener']) {
      expect(values, fn).not.toContain((electron.ipcRenderer as unknown as Record<string, unknown>)[fn]);
    }
  });

  it('sends each method on its own channel', async () => {
    await bridge.getAppInfo({});
    expect(electron.invokes.at(-1)).toEqual({ channel: ipcChannel('getAppInfo'), args: [{}] });
    await bridge.openProject({ path: '/p.duckdb' });
    expect(electron.invokes.at(-1)).toEqual({ channel: ipcChannel('openProject'), args: [{ path: '/p.duckdb' }] });
    await bridge.host.pickProjectFile('save');
    expect(electron.invokes.at(-1)).toEqual({ channel: HOST_CHANNELS.pickProjectFile, args: ['save'] });
    await bridge.host.pickCsvFile();
    expect(electron.invokes.at(-1)).toEqual({ channel: HOST_CHANNELS.pickCsvFile, args: [] });
    expect(bridge.host.pathForFile({ name: 'x.csv' } as File)).toBe('/picked/x.csv');
  });

  it('passes menu commands without the IPC event, drops malformed ones, and unsubscribes', () => {
    const listener = vi.fn();
    const off = bridge.host.onMenu(listener);
    const fakeEvent = { sender: electron.ipcRenderer };
    electron.ipcRenderer.emit(MENU_CHANNEL, fakeEvent, { command: 'importCsv' });
    electron.ipcRenderer.emit(MENU_CHANNEL, fakeEvent, { command: 'openRecent', path: '/p.duckdb' });
    electron.ipcRenderer.emit(MENU_CHANNEL, fakeEvent, { command: 'rm -rf' });
    electron.ipcRenderer.emit(MENU_CHANNEL, fakeEvent, { command: 'openRecent' });
    expect(listener.mock.calls).toEqual([[{ command: 'importCsv' }], [{ command: 'openRecent', path: '/p.duckdb' }]]);
    off();
    expect(electron.rendererListeners.get(MENU_CHANNEL)?.size ?? 0).toBe(0);
    electron.ipcRenderer.emit(MENU_CHANNEL, fakeEvent, { command: 'importCsv' });
    expect(listener).toHaveBeenCalledTimes(2);
  });
});
