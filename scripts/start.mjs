#!/usr/bin/env node
/**
 * npm start [-- --browser] [-- --no-build] [-- <args for the app or the server>]
 *
 * Builds the renderer (vite) and, for the desktop app, the Electron bundles, then runs
 * Mentor Impact in Electron. When Electron cannot run here (its binary was never
 * downloaded, no display, or MENTOR_IMPACT_BROWSER=1 / --browser) it says so in one line
 * and runs the browser-mode server instead (scripts/serve.mjs), which prints the URL.
 *
 * The Electron binary is looked up the way node_modules/electron/index.js does, but without
 * `require('electron')`: that would try to download a missing binary and wait on the network.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { homedir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import process from 'node:process';
import { fileURLToPath } from 'node:url';
import { buildElectron } from './build-electron.mjs';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const say = (line) => process.stdout.write(`${line}\n`);
const warn = (line) => process.stderr.write(`${line}\n`);

/** The Electron executable if it is on disk, else null (never downloads). */
export function findElectronBinary(root = ROOT, env = process.env) {
  const dir = join(root, 'node_modules', 'electron');
  let relative;
  try {
    relative = readFileSync(join(dir, 'path.txt'), 'utf8').trim() || null;
  } catch {
    relative = null;
  }
  const candidate = env.ELECTRON_OVERRIDE_DIST_PATH
    ? join(env.ELECTRON_OVERRIDE_DIST_PATH, relative ?? 'electron')
    : relative && join(dir, 'dist', relative);
  return candidate && existsSync(candidate) ? candidate : null;
}

/** Why Electron will not be used, as the one line to print, or null to use it. */
export function browserModeReason({ argv = process.argv.slice(2), env = process.env, platform = process.platform, root = ROOT } = {}) {
  if (env.MENTOR_IMPACT_BROWSER === '1' || argv.includes('--browser')) return 'Serving Mentor Impact in browser mode (as requested).';
  if (!findElectronBinary(root, env)) return 'Electron is not available on this machine; serving Mentor Impact in browser mode instead.';
  if (platform === 'linux' && !env.DISPLAY && !env.WAYLAND_DISPLAY) return 'No display is available for Electron; serving Mentor Impact in browser mode instead.';
  return null;
}

/** The project the browser-mode server reopens: the most recent one that still exists. */
function lastProject(env = process.env) {
  const dataDir = env.MENTOR_IMPACT_HOME ? resolve(env.MENTOR_IMPACT_HOME) : join(homedir(), '.mentor-impact');
  try {
    const list = JSON.parse(readFileSync(join(dataDir, 'recent.json'), 'utf8'));
    return Array.isArray(list) ? (list.find((p) => typeof p === 'string' && existsSync(p)) ?? null) : null;
  } catch {
    return null;
  }
}

function buildRenderer() {
  const viteBin = join(dirname(createRequire(import.meta.url).resolve('vite/package.json')), 'bin', 'vite.js');
  // Build logs go to stderr: stdout carries the mode line and the server's URL.
  const built = spawnSync(process.execPath, [viteBin, 'build'], { cwd: ROOT, stdio: ['ignore', process.stderr, 'inherit'] });
  if (built.status !== 0) {
    warn('mentor-impact start: the renderer build (vite build) failed');
    process.exit(built.status ?? 1);
  }
}

/** Runs a child to completion with stdio shared, relaying Ctrl-C / SIGTERM as one SIGTERM. */
function run(command, args, { onSpawnError } = {}) {
  const env = { ...process.env };
  delete env.ELECTRON_RUN_AS_NODE; // would make Electron a plain Node
  const child = spawn(command, args, { cwd: ROOT, stdio: 'inherit', env });
  const relay = () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
  };
  process.on('SIGINT', relay);
  process.on('SIGTERM', relay);
  child.on('error', (err) => {
    process.off('SIGINT', relay);
    process.off('SIGTERM', relay);
    if (onSpawnError) onSpawnError(err);
    else {
      warn(`mentor-impact start: cannot run ${command}: ${err.message}`);
      process.exit(1);
    }
  });
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
}

function serveInBrowser(forwarded) {
  const args = [join(ROOT, 'scripts', 'serve.mjs'), ...forwarded];
  const project = forwarded.some((a) => a === '--project' || a.startsWith('--project=') || a === '--sample') ? null : lastProject();
  if (project) args.push('--project', project);
  run(process.execPath, args);
}

async function main() {
  const argv = process.argv.slice(2);
  const skipBuild = argv.includes('--no-build');
  const forwarded = argv.filter((a) => a !== '--no-build' && a !== '--browser');
  const reason = browserModeReason({ argv });

  if (!skipBuild) buildRenderer();
  if (reason) {
    say(reason);
    return serveInBrowser(forwarded);
  }
  if (!skipBuild) await buildElectron();
  const electron = findElectronBinary();
  run(electron, [ROOT, ...forwarded], {
    onSpawnError: (err) => {
      say(`Electron could not be started (${err.message}); serving Mentor Impact in browser mode instead.`);
      serveInBrowser(forwarded);
    },
  });
}

const invokedDirectly = process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url);
if (invokedDirectly) {
  main().catch((err) => {
    warn(`mentor-impact start: ${err instanceof Error ? err.message : String(err)}`);
    process.exit(1);
  });
}
