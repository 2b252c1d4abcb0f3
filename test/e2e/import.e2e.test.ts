/**
 * The Import page's mapping step in Chromium (browser mode): upload a roster
 * with non-canonical headers and an ambiguous date column, map it, choose the date
 * format, check (nothing written), import with progress, see counts and rejects, export
 * the rejects; no console errors or CSP violations. Screenshots: test-output/screenshots/import-*.png.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HAS_CHROMIUM, screenshot, watchPage, closeAppSession, openAppSession } from './harness';
import type { PageProblems, ServeProcess, AppSession } from './harness';

const nav = (page: Page, name: string) => page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name, exact: true });

const ROSTER_CSV = [
  'Worker Number;Participant Type;Program Cohort;Joined On;Notes',
  '00101;Mentee;2024 Spring;03/04/2024;',
  '00102;Mentor;2024 Spring;05/06/2024;first mentor',
  '00103;Mentee;2024 Spring;07/08/2024;',
  '00104;Mentee;2024 Spring;31/13/2024;typo',
  '00105;Buddy;2024 Spring;01/02/2024;',
].join('\r\n') + '\r\n';

describe.skipIf(!HAS_CHROMIUM)('Import page: mapping, check, progress, rejects (browser mode)', () => {
  let session: AppSession | undefined;
  let dir: string;
  let serve: ServeProcess;
  let page: Page;
  let watcher: Awaited<ReturnType<typeof watchPage>>;

  beforeAll(async () => {
    session = await openAppSession('mi-e2e-import-', (d) => ['--project', join(d, 'x.duckdb')], { acceptDownloads: true });
    ({ dir, serve, page, watcher } = session);
    await page.goto(serve.url);
    await page.getByTestId('current-project').getByText('x', { exact: true }).waitFor();
  });

  afterAll(async () => {
    const code = await closeAppSession(session);
    if (session) expect(code, `serve.mjs stderr:\n${session.serve.stderr()}`).toBe(0);
  });

  it('uploads and inspects the file: format, first rows', async () => {
    const csv = join(dir, 'mentoring_matches.csv');
    await writeFile(csv, ROSTER_CSV);
    await nav(page, 'Import').click();
    await page.getByTestId('file-input').setInputFiles(csv);
    const preview = page.getByRole('region', { name: 'Preview of mentoring_matches.csv' });
    await preview.waitFor({ timeout: 30_000 });
    expect(await preview.locator('thead th').allTextContents()).toEqual(['#', 'Worker Number', 'Participant Type', 'Program Cohort', 'Joined On', 'Notes']);
    expect(await preview.locator('tbody tr').count()).toBe(5);
    expect(await preview.locator('tbody tr').first().locator('td').nth(1).textContent()).toBe('00101');
    const detected = page.getByTestId('detected');
    await expect.poll(() => detected.textContent()).toContain('semicolon (;)');
    expect(await detected.textContent()).toContain('CRLF');
    await screenshot(page, 'import-1-inspect');
  });

  it('maps the columns and requires an explicit format for the ambiguous dates', async () => {
    await page.getByRole('radio', { name: /Program roster/ }).check();
    const idSelect = page.locator('tr[data-field="employee_id"] select');
    await idSelect.waitFor();
    // Non-canonical headers: not guessed, chosen by hand.
    expect(await idSelect.inputValue()).toBe('');
    expect(await page.locator('tr[data-field="role"] select').inputValue()).toBe('Participant Type');
    expect(await page.locator('tr[data-field="start_date"] select').inputValue()).toBe('Joined On');
    await idSelect.selectOption('Worker Number');
    await page.locator('tr[data-field="cohort"] select').selectOption('Program Cohort');
    const date = page.locator('[data-date-column="Joined On"]');
    await expect.poll(() => date.getAttribute('class')).toContain('date-ambiguous');
    expect(await page.getByTestId('blockers').textContent()).toContain('Joined On');
    expect(await page.getByRole('button', { name: 'Import', exact: true }).isDisabled()).toBe(true);
    expect(await page.getByRole('button', { name: 'Check', exact: true }).isDisabled()).toBe(true);
    await screenshot(page, 'import-2-mapping-ambiguous');
    await date.locator('select').selectOption('%d/%m/%Y');
    // An unknown role word can be mapped; left alone, its rows are rejected.
    expect(await page.getByLabel('Role for “Buddy”').inputValue()).toBe('');
    await expect.poll(() => page.getByRole('button', { name: 'Import', exact: true }).isDisabled()).toBe(false);
    // Save the mapping as a template.
    await page.getByLabel('Save this mapping as').fill('Matches export');
    await page.getByRole('button', { name: 'Save mapping' }).click();
    await page.getByText('Saved “Matches export” in this project.').waitFor();
    await screenshot(page, 'import-3-mapping');
  });

  it('checks without writing anything', async () => {
    await page.getByRole('button', { name: 'Check', exact: true }).click();
    const v = page.getByTestId('validation-summary');
    await v.waitFor({ timeout: 30_000 });
    expect(await v.getByTestId('rows-read').textContent()).toBe('5');
    expect(await v.getByTestId('rows-loaded').textContent()).toBe('3');
    expect(await v.getByTestId('rows-rejected').textContent()).toBe('2');
    const reasons = v.getByRole('table', { name: 'Rejects by reason' });
    expect(await reasons.textContent()).toContain('unknown role');
    expect(await reasons.textContent()).toContain('unparseable date (expected DD/MM/YYYY)');
    await screenshot(page, 'import-4-check');
  });

  it('imports with progress and shows counts and rejects, exportable as CSV', async () => {
    await page.getByRole('button', { name: 'Import', exact: true }).click();
    const result = page.getByTestId('import-result');
    await result.waitFor({ timeout: 60_000 });
    expect(await result.getByTestId('rows-read').textContent()).toBe('5');
    expect(await result.getByTestId('rows-loaded').textContent()).toBe('3');
    expect(await result.getByTestId('rows-rejected').textContent()).toBe('2');
    const rejects = result.getByRole('region', { name: 'Rejected rows' });
    expect(await rejects.locator('tbody tr td:first-child').allTextContents()).toEqual(['5', '6']);
    expect(await rejects.locator('tbody tr').first().textContent()).toContain('31/13/2024');
    const [download] = await Promise.all([page.waitForEvent('download'), result.getByRole('button', { name: 'Export rejects as CSV' }).click()]);
    expect(download.suggestedFilename()).toBe('mentoring-matches-rejects.csv');
    const text = await readFile((await download.path())!, 'utf8');
    expect(text).toContain('line,column,value,reason');
    expect(text).toContain('6,Participant Type,Buddy,unknown role');
    await screenshot(page, 'import-5-result');
  });

  it('loaded the rows with the chosen day/month order', async () => {
    await nav(page, 'Data').click();
    await expect.poll(() => page.getByTestId('count-roster').textContent()).toBe('3');
    await expect.poll(() => page.getByTestId('count-import_rejects').textContent()).toBe('2');
  });

  it('shows a live progress bar for a big file and cancels it, leaving the project unchanged', async () => {
    const big = join(dir, 'engagement_long.csv');
    const lines = ['Employee ID,Submitted At,Question,Score'];
    for (let i = 0; i < 2_500_000; i++) lines.push(`${String(i % 9000).padStart(6, '0')},2024-03-${String((i % 28) + 1).padStart(2, '0')},Q${i % 12},${(i % 5) + 1}`);
    await writeFile(big, lines.join('\n') + '\n');
    await nav(page, 'Import').click();
    await page.getByTestId('file-input').setInputFiles(big);
    await page.getByRole('region', { name: 'Preview of engagement_long.csv' }).waitFor({ timeout: 60_000 });
    expect(await page.getByRole('radio', { name: /Engagement survey/ }).isChecked()).toBe(true);
    await page.getByRole('button', { name: 'Import', exact: true }).click();
    const cancel = page.getByRole('button', { name: 'Cancel import' });
    await cancel.waitFor({ timeout: 30_000 });
    await page.getByTestId('import-progress').getByText(/Reading the file|Loading|Checking|Writing/).waitFor();
    await screenshot(page, 'import-6-progress');
    await cancel.click();
    await page.getByText('Import cancelled.').waitFor({ timeout: 60_000 });
    await screenshot(page, 'import-7-cancelled');
    await nav(page, 'Data').click();
    await expect.poll(() => page.getByTestId('count-survey_responses').textContent()).toBe('0');
    await expect.poll(() => page.getByTestId('count-roster').textContent()).toBe('3');
  }, 120_000);

  it('shows repeated and empty header names as distinct columns, with a warning', async () => {
    const csv = join(dir, 'reviews_dup.csv');
    await writeFile(csv, 'Employee ID,Review Date,Score,Comment,Score,\n1,2024-01-31,3,ok,4,x\n2,2024-02-29,5,good,2,y\n');
    await nav(page, 'Import').click();
    await page.getByTestId('file-input').setInputFiles(csv);
    const preview = page.getByRole('region', { name: 'Preview of reviews_dup.csv' });
    await preview.waitFor({ timeout: 30_000 });
    expect(await preview.locator('thead th').allTextContents()).toEqual(['#', 'Employee ID', 'Review Date', 'Score_0', 'Comment', 'Score_1', 'column5']);
    expect(await preview.locator('tbody tr').first().locator('td').allTextContents()).toEqual(['2', '1', '2024-01-31', '3', 'ok', '4', 'x']);
    const warnings = page.getByTestId('header-warnings');
    expect(await warnings.textContent()).toContain('the header names 2 columns "Score" (columns 3 and 5)');
    expect(await warnings.textContent()).toContain('header cell 6 is empty');
    // Guessed from the two fields it names (employee ID, review date), not from the repeated ratings.
    expect(await page.getByRole('radio', { name: /Performance reviews/ }).isChecked()).toBe(true);
    await screenshot(page, 'import-8-duplicate-headers');
  });

  it('had no console errors, page errors or CSP violations', async () => {
    const problems: PageProblems = await watcher.collect();
    expect(problems).toEqual({ consoleErrors: [], pageErrors: [], cspViolations: [] });
  });
});
