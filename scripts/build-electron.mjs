#!/usr/bin/env node
/**
 * Bundles the Electron main process, the sandboxed preload and the command line with
 * esbuild into dist-electron/ (CommonJS: Electron's main and preload load .cjs).
 *
 *   node scripts/build-electron.mjs [--outdir DIR] [--minify]
 *
 * `@duckdb/*` stays external (its native binding cannot be bundled, PITFALLS); the
 * preload bundles everything but 'electron', the only module a sandboxed preload can require.
 */
import { build } from 'esbuild';
import { dirname, join, resolve } from 'node:path';
import process from 'node:process';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/** @param {{ outdir?: string; minify?: boolean }} [options] */
export async function buildElectron({ outdir = join(ROOT, 'dist-electron'), minify = false } = {}) {
  /** @type {import('esbuild').BuildOptions} */
  const common = {
    absWorkingDir: ROOT,
    bundle: true,
    format: 'cjs',
    sourcemap: 'linked',
    minify,
    logLevel: 'warning',
    legalComments: 'none',
    define: { 'process.env.NODE_ENV': '"production"' },
  };
  // vega-canvas's Node build awaits import('canvas') at top level, which CJS cannot bundle; the report
  // renders SVG without a canvas, so the browser build (no canvas outside a DOM) serves Node as well.
  const node = { ...common, platform: 'node', target: 'node20', external: ['electron', '@duckdb/*'], alias: { 'vega-canvas': './node_modules/vega-canvas/build/vega-canvas.browser.js' } };
  // Vega is half of main and cli: its own bundle (vega.cjs beside them), required on the first
  // report chart, so the CLI's import/analyze and the app's start do not parse it.
  const vegaApart = {
    ...node,
    supported: { 'dynamic-import': false }, // import('./vegaRuntime') becomes a lazy require('./vega.cjs')
    plugins: [{ name: 'vega-apart', setup: (b) => b.onResolve({ filter: /\/vegaRuntime$/ }, () => ({ path: './vega.cjs', external: true })) }],
  };
  await Promise.all([
    build({ ...vegaApart, entryPoints: ['electron/desktop/main.ts'], outfile: join(outdir, 'main.cjs') }),
    build({ ...vegaApart, entryPoints: ['electron/cli/main.ts'], outfile: join(outdir, 'cli.cjs') }),
    build({ ...node, entryPoints: ['electron/engine/report/vegaRuntime.ts'], outfile: join(outdir, 'vega.cjs') }),
    // Sandboxed preload: a browser-like context whose only requirable module is 'electron'.
    build({ ...common, platform: 'browser', target: 'chrome130', external: ['electron'], entryPoints: ['electron/desktop/preload.ts'], outfile: join(outdir, 'preload.cjs') }),
  ]);
  return outdir;
}

const invokedDirectly = process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href;
if (invokedDirectly) {
  const { values } = parseArgs({ options: { outdir: { type: 'string' }, minify: { type: 'boolean' } } });
  buildElectron({ outdir: values.outdir ? resolve(values.outdir) : undefined, minify: values.minify ?? false }).then(
    (outdir) => process.stdout.write(`Built main.cjs, preload.cjs, cli.cjs and vega.cjs in ${outdir}\n`),
    (err) => {
      process.stderr.write(`build-electron: ${err instanceof Error ? err.message : String(err)}\n`);
      process.exit(1);
    },
  );
}
