/**
 * `npm start` picks Electron when its binary is on disk (and a display is there), else
 * browser mode, at once and without trying to download Electron. The binary is faked with
 * ELECTRON_OVERRIDE_DIST_PATH (honoured like node_modules/electron/index.js does);
 * `--help` is forwarded to the server so browser mode exits right away.
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT } from './buildBundles';

const BROWSER_LINE = 'Electron is not available on this machine; serving Mentor Impact in browser mode instead.';

let dir: string;
let withElectron: string;
let withoutElectron: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'mi-start-'));
  withElectron = join(dir, 'electron-dist');
  withoutElectron = join(dir, 'empty');
  for (const d of [withElectron, withoutElectron]) mkdirSync(d, { recursive: true });
  const fake = join(withElectron, 'electron');
  writeFileSync(fake, '#!/bin/sh\necho "fake electron: $1 run-as-node=${ELECTRON_RUN_AS_NODE-unset}"\nexit 7\n');
  chmodSync(fake, 0o755);
});

afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

function start(env: Record<string, string | undefined>, args: string[] = []) {
  const began = Date.now();
  const run = spawnSync(process.execPath, [join(ROOT, 'scripts', 'start.mjs'), '--no-build', ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    timeout: 60_000,
    env: { ...process.env, MENTOR_IMPACT_HOME: join(dir, 'home'), MENTOR_IMPACT_BROWSER: undefined, ...env },
  });
  return { ...run, seconds: (Date.now() - began) / 1000 };
}

describe.skipIf(process.platform === 'win32')('scripts/start.mjs', () => {
  it('launches the Electron binary on the checkout when it is present', () => {
    const run = start({ ELECTRON_OVERRIDE_DIST_PATH: withElectron, DISPLAY: ':99', ELECTRON_RUN_AS_NODE: '1' });
    expect(run.stdout.trim()).toBe(`fake electron: ${ROOT} run-as-node=unset`);
    expect(run.status).toBe(7);
  });

  it('falls back to browser mode at once when the binary is missing', () => {
    const run = start({ ELECTRON_OVERRIDE_DIST_PATH: withoutElectron, DISPLAY: ':99' }, ['--help']);
    expect(run.stdout.split('\n')[0]).toBe(BROWSER_LINE);
    expect(run.stderr).toMatch(/usage: npm run serve/);
    expect(run.status).toBe(0);
    expect(run.seconds).toBeLessThan(30);
  });

  it('uses browser mode when asked to, or when there is no display', () => {
    expect(start({ ELECTRON_OVERRIDE_DIST_PATH: withElectron, DISPLAY: ':99', MENTOR_IMPACT_BROWSER: '1' }, ['--help']).stdout).toMatch(/^Serving Mentor Impact in browser mode/);
    expect(start({ ELECTRON_OVERRIDE_DIST_PATH: withElectron, DISPLAY: ':99' }, ['--browser', '--help']).stdout).toMatch(/^Serving Mentor Impact in browser mode/);
    if (process.platform === 'linux') {
      expect(start({ ELECTRON_OVERRIDE_DIST_PATH: withElectron, DISPLAY: '', WAYLAND_DISPLAY: '' }, ['--help']).stdout).toMatch(/^No display is available/);
    }
  });
});
