/**
 * The app as a user sees it: `npm run serve`, Chromium, the sample project, the Data
 * page's real row counts, an upload through the Import page, and no console errors or
 * CSP violations anywhere.
 */
import { readFileSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import Papa from 'papaparse';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KIND_TABLE } from '../../shared/domain';
import type { ImportKind } from '../../shared/domain';
import { SAMPLE_FILES } from '../../electron/engine/sampleFiles';
import { CHROMIUM_PATH, HAS_CHROMIUM, ROOT, screenshot, watchPage, closeAppSession, openAppSession } from './harness';
import type { PageProblems, ServeProcess, AppSession } from './harness';

if (!HAS_CHROMIUM) {
  console.warn(`Skipping browser tests: no Chromium at ${CHROMIUM_PATH} (apt-get install -y chromium, or set CHROMIUM_PATH).`);
}

/** A link of the left navigation. */
const nav = (page: Page, name: string) => page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name, exact: true });

const fmt = (n: number) => new Intl.NumberFormat('en-US').format(n);

/** Data rows of a sample CSV (a CSV parser, so quoted line breaks count once). */
function sampleRows(file: string): number {
  const text = readFileSync(join(ROOT, 'sample-data', file), 'utf8');
  const parsed = Papa.parse<string[]>(text, { skipEmptyLines: 'greedy' });
  return parsed.data.length - 1;
}

const REVIEWS_CSV = [
  'Employee ID,Review Date,Overall Rating,Reviewer ID',
  '000101,2024-01-15,3,000900',
  '000102,2024-01-15,4,000900',
  '000103,not a date,3,000900',
  '000104,2024-01-16,Exceeds,000900',
  '000105,2024-02-01,5,000901',
].join('\n') + '\n';

describe.skipIf(!HAS_CHROMIUM)('the app in Chromium (browser mode)', () => {
  let session: AppSession | undefined;
  let dir: string;
  let serve: ServeProcess;
  let page: Page;
  let watcher: Awaited<ReturnType<typeof watchPage>>;

  beforeAll(async () => {
    session = await openAppSession('mi-e2e-', (d) => ['--project', join(d, 'x.duckdb')], {});
    ({ dir, serve, page, watcher } = session);
  });

  afterAll(async () => {
    const code = await closeAppSession(session);
    if (session) expect(code, `serve.mjs stderr:\n${session.serve.stderr()}`).toBe(0);
  });

  it('prints one URL with a token on 127.0.0.1', () => {
    expect(serve.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/\?token=[0-9a-f]{64}$/);
  });

  it('opens with the token, drops it from the address bar and shows the open project', async () => {
    await page.goto(serve.url);
    expect(page.url()).toBe(`${serve.origin}/`);
    await expect.poll(() => page.getByTestId('current-project').textContent()).toBe('x');
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('Projects');
    await screenshot(page, '1-projects');
  });

  it('shows an empty state on Data for a new project', async () => {
    await nav(page, 'Data').click();
    await page.getByText('This project has no data yet').waitFor();
    await screenshot(page, '2-data-empty');
  });

  it('opens the sample project in one click and shows the real row counts', async () => {
    await nav(page, 'Projects').click();
    await page.getByRole('button', { name: 'Open sample project' }).click();
    await expect.poll(() => page.getByTestId('current-project').textContent(), { timeout: 60_000 }).toBe('sample-project');
    await nav(page, 'Data').click();
    for (const [kind, file] of Object.entries(SAMPLE_FILES) as [ImportKind, string][]) {
      const table = KIND_TABLE[kind];
      await expect.poll(() => page.getByTestId(`count-${table}`).textContent(), { message: `${table} rows` }).toBe(fmt(sampleRows(file)));
    }
    await expect.poll(() => page.getByTestId('count-imports').textContent()).toBe('4');
  });

  it('pages through a table preview', async () => {
    const people = sampleRows(SAMPLE_FILES.people);
    await page.locator('[data-table="people"]').click();
    const viewer = page.getByTestId('table-viewer');
    await viewer.getByText(`Rows 1–100 of ${fmt(people)}`).waitFor();
    expect(await viewer.locator('tbody tr').count()).toBe(100);
    await viewer.getByRole('button', { name: /Next/ }).click();
    await viewer.getByText(`Rows 101–200 of ${fmt(people)}`).waitFor();
    // employee IDs stay text: leading zeros kept
    expect(await viewer.locator('tbody tr').first().locator('td').nth(1).textContent()).toMatch(/^0\d+$/);
    await screenshot(page, '3-data-sample');
  });

  it('imports a CSV through the Import page (preview, upload, rejects)', async () => {
    const csv = join(dir, 'q1_reviews.csv');
    await writeFile(csv, '\uFEFF' + REVIEWS_CSV);
    await nav(page, 'Import').click();
    await page.getByTestId('file-input').setInputFiles(csv);
    const preview = page.getByRole('region', { name: 'Preview of q1_reviews.csv' });
    await preview.waitFor();
    expect(await preview.locator('thead th').allTextContents()).toEqual(['#', 'Employee ID', 'Review Date', 'Overall Rating', 'Reviewer ID']);
    expect(await preview.locator('tbody tr').count()).toBe(5);
    expect(await preview.locator('tbody tr').first().locator('td').nth(1).textContent()).toBe('000101');
    await page.getByRole('radio', { name: /Performance reviews/ }).check();
    await page.getByRole('button', { name: 'Import', exact: true }).click();
    const result = page.getByTestId('import-result');
    await result.waitFor({ timeout: 60_000 });
    expect(await result.getByTestId('rows-read').textContent()).toBe('5');
    expect(await result.getByTestId('rows-loaded').textContent()).toBe('3');
    expect(await result.getByTestId('rows-rejected').textContent()).toBe('2');
    const rejects = result.getByRole('region', { name: 'Rejected rows' });
    const lines = await rejects.locator('tbody tr td:first-child').allTextContents();
    expect(lines).toEqual(['4', '5']);
    await expect.poll(() => rejects.locator('tbody tr').first().textContent()).toContain('not a date');
    await screenshot(page, '4-import-result');
  });

  it('shows the imported rows on Data and in the imports log', async () => {
    await nav(page, 'Data').click();
    await expect.poll(() => page.getByTestId('count-performance_reviews').textContent()).toBe('3');
    await expect.poll(() => page.getByTestId('count-import_rejects').textContent()).toBe('2');
    await page.getByRole('region', { name: 'Imports log' }).getByText('q1_reviews.csv').waitFor();
    await page.locator('[data-table="import_rejects"]').click();
    await page.getByTestId('table-viewer').getByText('Rows 1–2 of 2').waitFor();
  });

  it('lists recent projects and reopens one', async () => {
    await nav(page, 'Projects').click();
    const recent = page.getByRole('button', { name: /^Open x\.duckdb/ });
    await recent.waitFor();
    await screenshot(page, '5-projects-recent');
    await recent.click();
    await expect.poll(() => page.getByTestId('current-project').textContent()).toBe('x');
  });

  it('had no console errors, page errors or CSP violations', async () => {
    const problems: PageProblems = await watcher.collect();
    expect(problems).toEqual({ consoleErrors: [], pageErrors: [], cspViolations: [] });
  });
});
