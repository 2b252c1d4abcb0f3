/**
 * Source-level guarantees for the Electron side (no Electron binary needed): the security
 * settings are written down, the preload only exposes named functions, the engine never
 * imports electron, the bundles build, and the `mentor-impact` command runs from them.
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, realpathSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import ts from 'typescript';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONTENT_SECURITY_POLICY } from '../../electron/common/securityHeaders';
import { isAppUrl, resolveAppFile } from '../../electron/desktop/appUrl';
import { HARDENED_WEB_PREFERENCES } from '../../electron/desktop/webPreferences';
import { buildBundles, ROOT } from './buildBundles';

function filesUnder(dir: string, pattern: RegExp): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && pattern.test(e.name))
    .map((e) => join(e.parentPath, e.name));
}

const read = (path: string) => readFileSync(join(ROOT, path), 'utf8');
const mainSource = filesUnder(join(ROOT, 'electron', 'desktop'), /\.ts$/)
  .filter((f) => !f.endsWith('preload.ts'))
  .map((f) => readFileSync(f, 'utf8'))
  .join('\n');
const preloadSource = read('electron/desktop/preload.ts');

/** The constant options of each `webPreferences: { … }` literal in a file (what Electronegativity reads). */
function webPreferencesLiterals(path: string): Record<string, unknown>[] {
  const source = ts.createSourceFile(path, read(path), ts.ScriptTarget.Latest, true);
  const found: Record<string, unknown>[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isPropertyAssignment(node) && node.name.getText() === 'webPreferences' && ts.isObjectLiteralExpression(node.initializer)) {
      const options: Record<string, unknown> = {};
      for (const p of node.initializer.properties) {
        if (!ts.isPropertyAssignment(p)) continue;
        const v = p.initializer;
        if (v.kind === ts.SyntaxKind.TrueKeyword || v.kind === ts.SyntaxKind.FalseKeyword) options[p.name.getText()] = v.kind === ts.SyntaxKind.TrueKeyword;
        else if (ts.isStringLiteral(v)) options[p.name.getText()] = v.text;
      }
      found.push(options);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

describe('main process source', () => {
  it('hardens the window', () => {
    expect(mainSource).toMatch(/contextIsolation:\s*true/);
    expect(mainSource).toMatch(/sandbox:\s*true/);
    expect(mainSource).toMatch(/nodeIntegration:\s*false/);
    expect(mainSource).toMatch(/webSecurity:\s*true/);
    expect(mainSource).not.toMatch(/nodeIntegration:\s*true|contextIsolation:\s*false|sandbox:\s*false|webSecurity:\s*false/);
    expect(mainSource).not.toMatch(/@electron\/remote|enableRemoteModule/);
    expect(mainSource).toContain('app.enableSandbox()');
    expect(mainSource).toContain('requestSingleInstanceLock()');
  });

  it('creates every window with the one set of hardened web preferences', () => {
    // Options of one window only: DevTools in development, and the hidden print window's painting.
    const own = new Set(['devTools', 'backgroundThrottling']);
    for (const file of ['electron/desktop/window.ts', 'electron/desktop/reportPdf.ts']) {
      const literals = webPreferencesLiterals(file);
      expect(literals, file).toHaveLength(1);
      const shared = Object.fromEntries(Object.entries(literals[0]!).filter(([k]) => !own.has(k)));
      expect(shared, file).toEqual(HARDENED_WEB_PREFERENCES);
    }
  });

  it('denies new windows, foreign navigation, and every permission to the print window', () => {
    expect(mainSource).toMatch(/setWindowOpenHandler\(\(\) => \(\{ action: 'deny' \}\)\)/);
    expect(mainSource).toMatch(/'will-navigate',[^]*?preventDefault\(\)/);
    // The main window's session (clipboard writes only) is run in test/electron/main.test.ts; the print window needs Electron.
    const print = read('electron/desktop/reportPdf.ts');
    expect(print).toMatch(/setPermissionRequestHandler\(\(_contents, _permission, callback\) => callback\(false\)\)/);
    expect(print).toMatch(/setPermissionCheckHandler\(\(\) => false\)/);
  });

  it('checks the sender frame of every IPC call', () => {
    expect(mainSource).toContain('event.senderFrame');
    expect(mainSource).toMatch(/for \(const method of API_METHODS\)[^]*?ipcMain\.handle\(ipcChannel\(method\)[^]*?isTrustedSender\(event, getWindow\)[^]*?engine\.call\(method, payload\)/);
    const handles = mainSource.match(/ipcMain\.handle\(/g) ?? [];
    const checks = mainSource.match(/isTrustedSender\(event, getWindow\)/g) ?? [];
    expect(checks.length).toBe(handles.length);
  });

  it('serves pages from app:// with a CSP, never file://', () => {
    expect(mainSource).toContain('registerSchemesAsPrivileged');
    expect(mainSource).toMatch(/standard: true, secure: true/);
    expect(mainSource).toContain('protocol.handle(APP_SCHEME');
    expect(mainSource).toContain('...SECURITY_HEADERS');
    expect(mainSource).not.toMatch(/loadFile\(|loadURL\(\s*['`"]file:/);
    expect(CONTENT_SECURITY_POLICY).toContain("default-src 'self'");
    expect(CONTENT_SECURITY_POLICY).toContain("script-src 'self'");
    expect(CONTENT_SECURITY_POLICY).toContain("frame-ancestors 'none'");
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/unsafe-eval|wasm-unsafe-eval|\*/);
  });

  it('maps app:// URLs only to files inside the renderer folder, with the browser-mode server\'s resolver', async () => {
    const dir = realpathSync(mkdtempSync(join(tmpdir(), 'mi-app-url-')));
    try {
      const root = join(dir, 'renderer');
      mkdirSync(join(root, 'assets'), { recursive: true });
      for (const file of ['index.html', 'package.json', '.env', join('assets', 'a b.js')]) writeFileSync(join(root, file), 'inside');
      writeFileSync(join(dir, 'package.json'), 'outside');
      symlinkSync(join(dir, 'package.json'), join(root, 'assets', 'link.js'));
      expect(await resolveAppFile(root, 'app://mentor-impact/')).toBe(join(root, 'index.html'));
      expect(await resolveAppFile(root, 'app://mentor-impact/assets/a%20b.js')).toBe(join(root, 'assets', 'a b.js'));
      // The URL parser already folds `..` and `%2e%2e` segments: this names the renderer's own file.
      expect(await resolveAppFile(root, 'app://mentor-impact/%2e%2e/package.json')).toBe(join(root, 'package.json'));
      for (const url of [
        'app://mentor-impact/..%2f..%2fpackage.json',
        'app://mentor-impact/assets/..%2F..%2F..%2Fpackage.json',
        'app://mentor-impact/..%5cpackage.json',
        'app://mentor-impact/a%00',
        'app://mentor-impact/%E0%A4%A',
        'app://mentor-impact/.env',
        'app://mentor-impact/assets/link.js',
        'app://mentor-impact/assets',
        'app://mentor-impact/missing.js',
        'app://evil/index.html',
        'file:///etc/passwd',
      ]) {
        expect(await resolveAppFile(root, url), url).toBeNull();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    expect(isAppUrl('app://mentor-impact/index.html')).toBe(true);
    expect(isAppUrl('app://mentor-impact.evil.com/index.html')).toBe(false);
    expect(isAppUrl('https://mentor-impact/index.html')).toBe(false);
  });
});

describe('preload source', () => {
  it('exposes one named object of functions, never ipcRenderer', () => {
    expect(preloadSource.match(/exposeInMainWorld\(/g)).toHaveLength(1);
    expect(preloadSource).toMatch(/exposeInMainWorld\('mentorImpact', bridge\)/);
    expect(preloadSource).not.toMatch(/exposeInMainWorld\([^)]*ipcRenderer/);
    const code = preloadSource.replace(/^import .*$/gm, '');
    expect(code).not.toMatch(/[{,]\s*ipcRenderer\s*[,}]|:\s*ipcRenderer\b\s*[,}]|\.\.\.ipcRenderer/);
    expect(preloadSource).toMatch(/API_METHODS\.map/);
  });
});

describe('engine', () => {
  it('never imports electron', () => {
    const offenders = filesUnder(join(ROOT, 'electron', 'engine'), /\.(ts|js|mjs|cjs)$/).filter((f) =>
      /from\s+['"]electron(\/[^'"]*)?['"]|require\(\s*['"]electron['"]\s*\)|import\(\s*['"]electron['"]\s*\)/.test(readFileSync(f, 'utf8')),
    );
    expect(offenders.map((f) => relative(ROOT, f))).toEqual([]);
  });
});

describe('bundles and the mentor-impact command', () => {
  let root: string;
  beforeAll(() => {
    root = buildBundles();
  });
  afterAll(() => {
    if (root) rmSync(root, { recursive: true, force: true });
  });

  it('builds main, preload, cli and vega with esbuild', () => {
    const main = readFileSync(join(root, 'dist-electron', 'main.cjs'), 'utf8');
    expect(main).not.toMatch(/nodeIntegration:\s*(true|!0)/);
    expect(main).toMatch(/contextIsolation:\s*(true|!0)/);
    expect(main).toContain('require("@duckdb/node-api")');
    const preload = readFileSync(join(root, 'dist-electron', 'preload.cjs'), 'utf8');
    expect(new Set(preload.match(/require\("[^"]+"\)/g))).toEqual(new Set(['require("electron")']));
    const cli = readFileSync(join(root, 'dist-electron', 'cli.cjs'), 'utf8');
    expect(cli).not.toContain('require("electron")');
    // Vega sits in its own bundle, required on the first report chart only
    for (const bundle of [main, cli]) {
      expect(bundle).not.toContain('node_modules/vega-lite/');
      expect(bundle).toContain('require("./vega.cjs")');
    }
    expect(readFileSync(join(root, 'dist-electron', 'vega.cjs'), 'utf8')).toContain('node_modules/vega-lite/');
  });

  it('runs the bundled CLI through bin/mentor-impact.js', () => {
    mkdirSync(join(root, 'bin'));
    copyFileSync(join(ROOT, 'bin', 'mentor-impact.js'), join(root, 'bin', 'mentor-impact.js'));
    const project = join(root, 'cli.duckdb');
    const run = spawnSync(
      process.execPath,
      [join(root, 'bin', 'mentor-impact.js'), 'import', project, '--kind', 'people', join(ROOT, 'sample-data', 'hris_export.csv'), '--as-of', '2025-09-30'],
      { encoding: 'utf8', env: { ...process.env, MENTOR_IMPACT_HOME: join(root, 'home') } },
    );
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/^Imported [\d,]+ of [\d,]+ rows from hris_export\.csv as people/);
  });

  it('explains what to do when the CLI is not built', () => {
    const bare = join(root, 'bare');
    mkdirSync(join(bare, 'bin'), { recursive: true });
    copyFileSync(join(ROOT, 'bin', 'mentor-impact.js'), join(bare, 'bin', 'mentor-impact.js'));
    const run = spawnSync(process.execPath, [join(bare, 'bin', 'mentor-impact.js'), '--help'], { encoding: 'utf8' });
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/not built yet.*npm run build:electron/);
  });
});

describe('packaging config', () => {
  const config = read('electron-builder.yml');
  it('unpacks DuckDB, skips native rebuilds and sets the fuses', () => {
    expect(config).toMatch(/asarUnpack:\s*\n\s*- node_modules\/@duckdb\/\*\*/);
    expect(config).toMatch(/^npmRebuild: false$/m);
    for (const fuse of ['runAsNode: false', 'enableCookieEncryption: true', 'enableNodeOptionsEnvironmentVariable: false', 'enableNodeCliInspectArguments: false', 'enableEmbeddedAsarIntegrityValidation: true', 'onlyLoadAppFromAsar: true']) {
      expect(config).toContain(`  ${fuse}`);
    }
    expect(read('package.json')).not.toMatch(/install-app-deps/);
  });
});
