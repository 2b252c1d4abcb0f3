#!/usr/bin/env node
/**
 * npm run serve -- [--project <file.duckdb>] [--sample] [--port N]
 * Runs Mentor Impact in a browser: builds the renderer if dist/renderer is missing,
 * then starts the browser-mode server (TypeScript through tsx) in this process.
 * stdout gets exactly one line: the URL with the access token.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { register } from 'tsx/esm/api';

const root = fileURLToPath(new URL('..', import.meta.url));
const hasStatic = process.argv.includes('--static');

if (!hasStatic && !existsSync(new URL('../dist/renderer/index.html', import.meta.url))) {
  console.error('dist/renderer is missing: building the renderer (vite build)…');
  const vitePkg = createRequire(import.meta.url).resolve('vite/package.json');
  const viteBin = join(dirname(vitePkg), 'bin', 'vite.js');
  // Build output goes to stderr: stdout is reserved for the URL line.
  const built = spawnSync(process.execPath, [viteBin, 'build'], { cwd: root, stdio: ['ignore', process.stderr, 'inherit'] });
  if (built.status !== 0) {
    console.error('mentor-impact serve: the renderer build failed');
    process.exit(1);
  }
}

register();
const { main } = await import('../electron/server/main.ts');
process.exit(await main(process.argv.slice(2)));
