/**
 * The Settings page in Chromium (browser mode): analysis settings saved in the project
 * change the results (confidence 90% → "90% CI" on the Dashboard) and keep the filters;
 * the privacy actions purge rejected raw values and, only after DELETE is typed,
 * empty the project.
 */

import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHROMIUM_PATH, HAS_CHROMIUM, screenshot, watchPage, closeAppSession, openAppSession } from './harness';
import type { ServeProcess, AppSession } from './harness';

if (!HAS_CHROMIUM) {
  console.warn(`Skipping browser tests: no Chromium at ${CHROMIUM_PATH} (apt-get install -y chromium, or set CHROMIUM_PATH).`);
}

const LONG = { timeout: 60_000, interval: 100 };

const nav = (page: Page, name: string) => page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name, exact: true });

describe.skipIf(!HAS_CHROMIUM)('the Settings page in Chromium (browser mode)', () => {
  let session: AppSession | undefined;
  let serve: ServeProcess;
  let page: Page;
  let watcher: Awaited<ReturnType<typeof watchPage>>;

  beforeAll(async () => {
    session = await openAppSession('mi-settings-', () => [], { colorScheme: 'light' });
    ({ serve, page, watcher } = session);
  });

  afterAll(async () => {
    const code = await closeAppSession(session);
    if (session) expect(code, `serve.mjs stderr:\n${session.serve.stderr()}`).toBe(0);
  });

  it('confidence 90% saved on Settings → the Dashboard shows 90% CI', async () => {
    await page.goto(serve.url);
    await nav(page, 'Projects').click();
    await page.getByRole('button', { name: 'Open sample project' }).click();
    await expect.poll(() => page.getByTestId('current-project').textContent(), LONG).toBe('sample-project');
    await nav(page, 'Dashboard').click();
    await expect.poll(() => page.getByTestId('card-survey').textContent(), LONG).toMatch(/95% CI [+−]\d/);
    // A filter chosen on the results pages (saved in the same settings) must survive a save on Settings.
    await expect.poll(() => page.getByTestId('headline-participants').textContent(), LONG).toMatch(/^\d[\d,]*$/);
    const everyone = await page.getByTestId('headline-participants').textContent();
    const bar = page.getByRole('region', { name: 'Filters' });
    await bar.getByRole('button', { name: /^Department\b/ }).click();
    await bar.getByRole('group', { name: 'Department' }).getByRole('checkbox', { name: 'Sales', exact: true }).check();
    await page.keyboard.press('Escape');
    await expect.poll(() => page.getByTestId('filter-summary').textContent(), LONG).toContain('Department: Sales');
    await expect.poll(() => page.getByTestId('headline-participants').textContent(), LONG).not.toBe(everyone);
    await expect.poll(() => page.evaluate(() => !document.querySelector('.analysis-body.is-stale, .analysing, .analysing-placeholder')), LONG).toBe(true);
    const sales = await page.getByTestId('headline-participants').textContent();

    await nav(page, 'Settings').click();
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('Settings');
    const form = page.getByRole('form', { name: 'Analysis settings' });
    await form.getByLabel('Confidence level').waitFor(LONG);
    // The sample project's saved settings: the reverse-coded survey item.
    expect(await form.getByLabel('Reverse-coded items').inputValue()).toBe('ENG6');
    expect(await form.getByLabel('Confidence level').inputValue()).toBe('0.95');

    // A minimum group size below 5 is allowed, with a warning; an impossible window is not.
    await form.getByLabel('Minimum group size').fill('3');
    await expect.poll(() => form.getByText(/people in small groups can be recognised/).count()).toBe(1);
    await form.getByLabel('Minimum group size').fill('5');
    await form.getByLabel('After window ends').fill('100');
    await expect.poll(() => page.getByTestId('settings-problems').textContent()).toContain('the end must come after the start');
    expect(await form.getByRole('button', { name: 'Save settings' }).isDisabled()).toBe(true);
    await form.getByLabel('After window ends').fill('545');

    await form.getByLabel('Confidence level').selectOption('0.9');
    await form.getByRole('button', { name: 'Save settings' }).click();
    await expect.poll(() => page.getByTestId('settings-status').textContent(), LONG).toContain('Saved');
    await screenshot(page, 'settings');

    await nav(page, 'Dashboard').click();
    for (const id of ['retention', 'performance', 'survey']) {
      await expect.poll(() => page.getByTestId(`card-${id}`).textContent(), LONG).toMatch(/90% CI [+−]\d/);
    }
    expect(await page.getByTestId('filter-summary').textContent()).toContain('Department: Sales');
    expect(await page.getByTestId('headline-participants').textContent()).toBe(sales);

    // Saved in the project: a reload shows the same.
    await page.reload();
    await nav(page, 'Settings').click();
    await expect.poll(() => page.getByRole('form', { name: 'Analysis settings' }).getByLabel('Confidence level').inputValue(), LONG).toBe('0.9');
    expect(await page.getByRole('form', { name: 'Analysis settings' }).getByLabel('Reverse-coded items').inputValue()).toBe('ENG6');
  });

  it('privacy: purge shows the count; delete needs DELETE typed, then the project is empty', async () => {
    await nav(page, 'Settings').click();
    await page.getByRole('button', { name: 'Purge rejected raw values' }).click();
    await expect.poll(() => page.getByTestId('purge-status').textContent(), LONG).toMatch(/^Removed [\d,]+ raw values?\.$/);

    const del = page.getByRole('button', { name: 'Delete personal data' });
    expect(await del.isDisabled()).toBe(true);
    await page.getByLabel('Type DELETE to confirm').fill('delete');
    expect(await del.isDisabled()).toBe(true);
    await page.getByLabel('Type DELETE to confirm').fill('DELETE');
    await del.click();
    await expect.poll(() => page.getByTestId('delete-status').textContent(), LONG).toMatch(/^Deleted [\d,]+ rows\. The project is now empty\.$/);
    await screenshot(page, 'settings-after-delete');

    await nav(page, 'Dashboard').click();
    await page.getByRole('heading', { name: 'Import a roster to define who took part' }).waitFor(LONG);

    const problems = await watcher.collect();
    expect(problems.pageErrors).toEqual([]);
    expect(problems.consoleErrors).toEqual([]);
    expect(problems.cspViolations).toEqual([]);
  });
});
