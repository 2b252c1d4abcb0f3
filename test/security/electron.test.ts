/**
 * The Electron checklist (electron/SECURITY.md): Electronegativity runs offline over the app's sources
 * with no finding above INFORMATIONAL that lacks a written reason (npm run lint:electron),
 * it does find problems in a known-bad app (so a clean run means something), and the CSP
 * the app sends passes the CSP evaluator Electronegativity itself uses.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { CONTENT_SECURITY_POLICY } from '../../electron/common/securityHeaders';
import { ROOT, tempDirs } from './helpers';

const temp = tempDirs();
afterAll(() => temp.cleanup());

interface Report {
  checks: number;
  findings: { id: string; file: string; severity: string; severityValue: number }[];
  open: { id: string; file: string }[];
  stale: unknown[];
  parseErrors: unknown[];
  skippedDownloads: string[];
  networkAttempts: string[];
}

function electronegativity(args: string[] = []): { code: number | null; report: Report; stderr: string } {
  const r = spawnSync(process.execPath, [join(ROOT, 'scripts', 'electronegativity.mjs'), '--json', ...args], { cwd: ROOT, encoding: 'utf8', timeout: 120_000 });
  return { code: r.status, report: JSON.parse(r.stdout) as Report, stderr: r.stderr };
}

describe('Electronegativity (npm run lint:electron)', () => {
  it('passes on the app: every finding above INFORMATIONAL has a written reason; no network used', () => {
    const { code, report, stderr } = electronegativity();
    expect(report.open, stderr).toEqual([]);
    expect(report.parseErrors).toEqual([]);
    expect(report.networkAttempts).toEqual([]);
    expect(report.checks).toBeGreaterThan(30);
    expect(code).toBe(0);
    // The checks that matter most ran and found their subject.
    const ids = report.findings.map((f) => f.id);
    for (const absent of ['CONTEXT_ISOLATION_JS_CHECK', 'NODE_INTEGRATION_JS_CHECK', 'SANDBOX_JS_CHECK', 'LIMIT_NAVIGATION_GLOBAL_CHECK', 'PERMISSION_REQUEST_HANDLER_GLOBAL_CHECK', 'AUXCLICK_JS_CHECK', 'OPEN_EXTERNAL_JS_CHECK', 'WEB_SECURITY_JS_CHECK', 'INSECURE_CONTENT_JS_CHECK']) {
      expect(ids, absent).not.toContain(absent);
    }
  });

  it('every accepted finding in electron/electronegativity-accepted.json is still reported and has a reason', () => {
    const accepted = JSON.parse(readFileSync(join(ROOT, 'electron', 'electronegativity-accepted.json'), 'utf8')) as { id: string; file: string; reason: string }[];
    const { report } = electronegativity();
    expect(report.stale).toEqual([]);
    for (const a of accepted) expect(a.reason.length, a.id).toBeGreaterThan(80);
  });

  it('fails on a known-bad Electron main process (offline too)', () => {
    const dir = temp.make('mi-eneg-bad-');
    mkdirSync(join(dir, 'src'));
    writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'bad', devDependencies: { electron: '45.4.1' } }));
    writeFileSync(
      join(dir, 'src', 'main.js'),
      `const { app, BrowserWindow, shell } = require('electron');
app.whenReady().then(() => {
  const win = new BrowserWindow({ webPreferences: { nodeIntegration: true, contextIsolation: false, sandbox: false, webSecurity: false } });
  win.webContents.on('new-window', (e, url) => shell.openExternal(url));
  win.loadURL('http://example.com/');
});
`,
    );
    const { code, report } = electronegativity(['--input', dir]);
    expect(code).toBe(1);
    const open = report.open.map((f) => f.id);
    for (const id of ['CONTEXT_ISOLATION_JS_CHECK', 'SANDBOX_JS_CHECK', 'WEB_SECURITY_JS_CHECK', 'AUXCLICK_JS_CHECK', 'OPEN_EXTERNAL_JS_CHECK', 'HTTP_RESOURCES_JS_CHECK', 'LIMIT_NAVIGATION_GLOBAL_CHECK', 'PERMISSION_REQUEST_HANDLER_GLOBAL_CHECK', 'CSP_GLOBAL_CHECK']) {
      expect(open, id).toContain(id);
    }
    expect(report.networkAttempts).toEqual([]);
  });
});

describe('the Content-Security-Policy', () => {
  type Finding = { severity: number; directive: string; value?: string; description: string };
  const csp = createRequire(import.meta.url)('@doyensec/csp-evaluator') as {
    CspParser: new (policy: string) => { csp: unknown };
    CspEvaluator: new (csp: unknown, version: unknown) => { evaluate(): Finding[] };
    Version: { CSP3: unknown };
    severities: Record<string, number>;
  };

  it("has no HIGH, MEDIUM or syntax finding in Electronegativity's CSP evaluator", () => {
    const findings = new csp.CspEvaluator(new csp.CspParser(CONTENT_SECURITY_POLICY).csp, csp.Version.CSP3).evaluate();
    const serious = findings.filter((f) => f.severity <= csp.severities.MEDIUM!);
    expect(serious.map((f) => `${f.directive}: ${f.description}`)).toEqual([]);
    // What remains is the generic note on 'self' (no JSONP, Angular or user uploads are served by the app).
    for (const f of findings) expect(f.severity).toBeGreaterThanOrEqual(csp.severities.HIGH_MAYBE!);
  });

  it("limits connections, scripts and frames to the app's own origin, with no eval", () => {
    const directives = Object.fromEntries(CONTENT_SECURITY_POLICY.split(';').map((d) => d.trim().split(/\s+/)).map(([k, ...v]) => [k, v]));
    expect(directives['connect-src']).toEqual(["'self'"]);
    expect(directives['script-src']).toEqual(["'self'"]);
    expect(directives['default-src']).toEqual(["'self'"]);
    expect(directives['object-src']).toEqual(["'none'"]);
    expect(directives['frame-ancestors']).toEqual(["'none'"]);
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/unsafe-eval|wasm-unsafe-eval|https?:|\*/);
  });
});
