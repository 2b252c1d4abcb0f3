/**
 * Browser end-to-end harness: the real `npm run serve` process backed by the
 * real engine, driven by Debian's Chromium through playwright-core (never a downloaded browser).
 */
import { spawn, spawnSync } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import type { Browser, BrowserContext, BrowserContextOptions, Page } from 'playwright-core';

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const HAS_CHROMIUM = existsSync(CHROMIUM_PATH);
export const SCREENSHOT_DIR = join(ROOT, 'test-output', 'screenshots');

export const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

/** `npm test` builds first; a bare `vitest run` builds the renderer here when it is missing. */
export function ensureRendererBuilt(): void {
  if (existsSync(join(ROOT, 'dist', 'renderer', 'index.html'))) return;
  const vite = join(ROOT, 'node_modules', 'vite', 'bin', 'vite.js');
  const built = spawnSync(process.execPath, [vite, 'build'], { cwd: ROOT, stdio: 'inherit' });
  if (built.status !== 0) throw new Error('vite build failed');
}

export interface ServeProcess {
  url: string;
  origin: string;
  child: ChildProcess;
  stderr: () => string;
  /** SIGTERM, then the exit code (the server closes the project first). */
  stop(): Promise<number | null>;
}

/** Spawns `node scripts/serve.mjs …` and resolves with the URL line it prints. */
export function startServe(args: string[], env: Record<string, string>, timeoutMs = 60_000): Promise<ServeProcess> {
  const child = spawn(process.execPath, [join(ROOT, 'scripts', 'serve.mjs'), ...args], {
    cwd: ROOT,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stderr!.on('data', (c: Buffer) => (err += c.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`serve.mjs printed no URL within ${timeoutMs} ms; stderr:\n${err}`));
    }, timeoutMs);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`serve.mjs exited with ${code} before printing a URL; stderr:\n${err}`));
    });
    child.stdout!.on('data', (c: Buffer) => {
      out += c.toString();
      const nl = out.indexOf('\n');
      if (nl < 0) return;
      clearTimeout(timer);
      const url = out.slice(0, nl).trim();
      resolve({
        url,
        origin: new URL(url).origin,
        child,
        stderr: () => err,
        async stop() {
          if (child.exitCode === null) child.kill('SIGTERM');
          return exited;
        },
      });
    });
  });
}

export async function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS, headless: true });
}

export interface PageProblems {
  consoleErrors: string[];
  pageErrors: string[];
  cspViolations: string[];
}

/**
 * Records console errors, uncaught exceptions and CSP violations (the page's own
 * `securitypolicyviolation` events, read back with `cspViolations()`).
 */
export async function watchPage(page: Page): Promise<{ problems: PageProblems; collect(): Promise<PageProblems> }> {
  const problems: PageProblems = { consoleErrors: [], pageErrors: [], cspViolations: [] };
  page.on('console', (msg) => {
    if (msg.type() === 'error') problems.consoleErrors.push(msg.text());
  });
  page.on('pageerror', (err) => problems.pageErrors.push(err.message));
  await page.addInitScript(() => {
    const w = window as unknown as { __cspViolations: string[] };
    w.__cspViolations = [];
    document.addEventListener('securitypolicyviolation', (e) => {
      w.__cspViolations.push(`${e.violatedDirective} blocked ${e.blockedURI || '(inline)'} at ${e.sourceFile}:${e.lineNumber}`);
    });
  });
  return {
    problems,
    async collect() {
      const seen = await page.evaluate(() => (window as unknown as { __cspViolations?: string[] }).__cspViolations ?? []).catch(() => []);
      problems.cspViolations.push(...seen.filter((v) => !problems.cspViolations.includes(v)));
      return problems;
    },
  };
}

export async function screenshot(page: Page, name: string): Promise<void> {
  await mkdir(SCREENSHOT_DIR, { recursive: true });
  // Sticky header and sidebar render once, at the top, in a full-page capture.
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: join(SCREENSHOT_DIR, `${name}.png`), fullPage: true });
}

export interface AppSession {
  dir: string;
  serve: ServeProcess;
  browser: Browser;
  context: BrowserContext;
  page: Page;
  watcher: Awaited<ReturnType<typeof watchPage>>;
}

/**
 * A browser-mode server on a fresh temp data folder and one watched Chromium page on it.
 * `serveArgs` gets that folder (for a project path); `prepare` runs before the page opens.
 */
export async function openAppSession(
  prefix: string,
  serveArgs: (dir: string) => string[],
  contextOptions: BrowserContextOptions = {},
  prepare?: (s: { serve: ServeProcess; context: BrowserContext }) => Promise<void>,
): Promise<AppSession> {
  ensureRendererBuilt();
  const dir = await mkdtemp(join(tmpdir(), prefix));
  const serve = await startServe([...serveArgs(dir), '--port', '0'], { MENTOR_IMPACT_HOME: join(dir, 'home') });
  const browser = await launchChromium();
  const context = await browser.newContext({ viewport: { width: 1360, height: 900 }, locale: 'en-US', ...contextOptions });
  await prepare?.({ serve, context });
  const page = await context.newPage();
  return { dir, serve, browser, context, page, watcher: await watchPage(page) };
}

/** Closes what openAppSession opened; the server must stop cleanly (it checkpoints the project). */
export async function closeAppSession(s: AppSession | undefined): Promise<number | null | undefined> {
  if (!s) return undefined;
  await s.context.close();
  await s.browser.close();
  const code = await s.serve.stop();
  await rm(s.dir, { recursive: true, force: true });
  return code;
}
