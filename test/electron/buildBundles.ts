import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync } from 'node:fs';
import { join, resolve } from 'node:path';

export const ROOT = resolve(import.meta.dirname, '..', '..');

/**
 * Runs scripts/build-electron.mjs into a fresh folder under test-output/ (inside the
 * checkout, so the bundles resolve @duckdb/* from its node_modules). Returns that folder;
 * the bundles are in its dist-electron/.
 */
export function buildBundles(): string {
  mkdirSync(join(ROOT, 'test-output'), { recursive: true });
  const root = mkdtempSync(join(ROOT, 'test-output', 'electron-'));
  const built = spawnSync(process.execPath, [join(ROOT, 'scripts', 'build-electron.mjs'), '--outdir', join(root, 'dist-electron')], {
    cwd: ROOT,
    encoding: 'utf8',
  });
  if (built.status !== 0) throw new Error(`build-electron failed (${built.status}):\n${built.stdout}\n${built.stderr}`);
  return root;
}
