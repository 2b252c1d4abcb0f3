/**
 * The Report page in browser mode (the real server and engine, Debian's Chromium): the
 * live preview is the report's HTML in a sandboxed frame, edits reach it, and "Save PDF"
 * downloads the PDF the server printed. Screenshot in test-output/screenshots/.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Engine } from '../../../electron/engine/service';
import { tempDir } from '../../helpers';
import { SCREENSHOT_DIR, ensureRendererBuilt, launchChromium, startServe, watchPage } from '../../e2e/harness';
import type { ServeProcess } from '../../e2e/harness';
import { ROOT, SKIP_PRINT, pdfInfo, pdfText, printTitle } from './helpers';
import { sampleDataHome } from '../../sampleProject';

/** The built renderer (or MI_RENDERER_DIR); a build from before the Report page cannot be tested. */
function rendererDir(): string {
  const dir = process.env.MI_RENDERER_DIR ?? join(ROOT, 'dist', 'renderer');
  if (!process.env.MI_RENDERER_DIR) ensureRendererBuilt();
  const assets = join(dir, 'assets');
  const js = readdirSync(assets).filter((f) => f.endsWith('.js'));
  if (!js.some((f) => readFileSync(join(assets, f), 'utf8').includes('report-frame'))) {
    throw new Error(`${dir} was built before the Report page: run npm run build`);
  }
  return dir;
}

describe.skipIf(SKIP_PRINT)(printTitle('Report page (browser mode)'), () => {
  const dir = tempDir('mi-report-page-');
  let serve: ServeProcess | null = null;
  let browser: Browser | null = null;

  beforeAll(async () => {
    const staticDir = rendererDir();
    const engine = new Engine({ host: 'direct', dataDir: sampleDataHome(dir), sampleDataDir: join(ROOT, 'sample-data') });
    await engine.api.openSampleProject({});
    await engine.closeProject();
    serve = await startServe(['--project', join(dir, 'sample-project.duckdb'), '--port', '0', '--static', staticDir], { MENTOR_IMPACT_HOME: join(dir, 'home') });
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await serve?.stop();
  });

  it('previews the report and downloads the PDF', async (ctx) => {
    if (!serve || !browser) return ctx.skip();
    const context = await browser.newContext({ viewport: { width: 1360, height: 900 }, acceptDownloads: true });
    const page = await context.newPage();
    const watch = await watchPage(page);
    await page.goto(serve.url);
    await page.goto(new URL('/#/report', serve.origin).href);

    const frame = page.locator('iframe.report-frame');
    await expect(frame.getAttribute('sandbox')).resolves.toBe('');
    const preview = page.frameLocator('iframe.report-frame');
    await preview.locator('h1', { hasText: 'Executive summary' }).waitFor({ timeout: 60_000 });

    await page.getByLabel('Title').fill('Mentoring evaluation FY2025');
    await page.getByLabel('Organisation').fill('Example Corp');
    await page.getByRole('checkbox', { name: /Survey items/ }).uncheck();
    await preview.getByText('Mentoring evaluation FY2025').first().waitFor({ timeout: 30_000 });
    await expect(preview.locator('h1', { hasText: 'Survey items' }).count()).resolves.toBe(0);
    await page.getByText('Updating…').waitFor({ state: 'hidden' });
    await mkdir(SCREENSHOT_DIR, { recursive: true });
    // Not a full-page capture: resizing the page mid-capture re-lays out the preview frame.
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'report-page.png') });

    const [download] = await Promise.all([page.waitForEvent('download', { timeout: 60_000 }), page.getByRole('button', { name: 'Save PDF' }).click()]);
    expect(download.suggestedFilename()).toMatch(/^Mentoring evaluation FY2025 \d{4}-\d{2}-\d{2}\.pdf$/);
    const pdf = join(dir, 'download.pdf');
    await download.saveAs(pdf);
    await page.getByText(/^Downloaded Mentoring evaluation FY2025/).waitFor();
    const info = pdfInfo(pdf);
    expect(info.title).toBe('Mentoring evaluation FY2025');
    expect(info.pages).toBeGreaterThanOrEqual(8);
    const text = pdfText(pdf);
    expect(text).toContain('EXAMPLE CORP');
    expect(text).not.toMatch(/\d Survey items/);
    expect(text).toContain('6 Results by group');

    const problems = await watch.collect();
    expect(problems.pageErrors).toEqual([]);
    expect(problems.cspViolations).toEqual([]);
    expect(problems.consoleErrors).toEqual([]);
    await context.close();
  });
});
