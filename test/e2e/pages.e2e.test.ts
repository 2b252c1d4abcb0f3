/**
 * The results pages as a user sees them: `npm run serve` with no project,
 * the empty states, then the sample project — every page, every chart drawn as SVG,
 * filters that change the numbers and are remembered, chart exports, the dark theme,
 * and no console error or CSP violation anywhere. Screenshots of every page go to
 * test-output/screenshots/ for review.
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHROMIUM_PATH, HAS_CHROMIUM, SCREENSHOT_DIR, screenshot, watchPage, closeAppSession, openAppSession } from './harness';
import type { PageProblems, ServeProcess, AppSession } from './harness';

if (!HAS_CHROMIUM) {
  console.warn(`Skipping browser tests: no Chromium at ${CHROMIUM_PATH} (apt-get install -y chromium, or set CHROMIUM_PATH).`);
}

const LONG = { timeout: 60_000, interval: 100 };

/** A roster of eight mentees, one of whose start dates cannot be read (line 5). */
const ROSTER_CSV = [
  'employee_id,role,cohort,start_date',
  '000201,mentee,Pilot,2024-01-15',
  '000202,mentee,Pilot,2024-01-15',
  '000203,mentee,Pilot,2024-01-15',
  '000204,mentee,Pilot,soon',
  '000205,mentee,Pilot,2024-01-15',
  '000206,mentee,Pilot,2024-01-15',
  '000207,mentee,Pilot,2024-01-15',
  '000208,mentee,Pilot,2024-01-15',
  '000209,mentor,Pilot,2024-01-15',
].join('\n') + '\n';

/** Every results page: nav label, and how many charts it draws for the sample project. */
const PAGES = [
  { label: 'Dashboard', slug: 'dashboard', charts: 4 },
  { label: 'Before/after', slug: 'before-after', charts: 6 },
  { label: 'Cohorts', slug: 'cohorts', charts: 5 },
  { label: 'Retention', slug: 'retention', charts: 1 },
  { label: 'Survey items', slug: 'survey', charts: 1 },
  { label: 'Segments', slug: 'segments', charts: 3 },
  { label: 'Data quality', slug: 'data-quality', charts: 0 },
] as const;

const nav = (page: Page, name: string) => page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name, exact: true });

/** The number of charts on the page once all of them are drawn as SVG (fails on a chart that never draws). */
async function chartsReady(page: Page, atLeast: number): Promise<number> {
  await expect
    .poll(
      () =>
        page.evaluate(() => {
          if (document.querySelector('.analysis-body.is-stale, .analysing, .analysing-placeholder')) return -1;
          const figures = [...document.querySelectorAll('figure.chart-card')];
          const drawn = figures.filter((f) => f.querySelector('.vega-chart[data-state="ready"] svg.marks g'));
          return drawn.length === figures.length ? figures.length : -1;
        }),
      LONG,
    )
    .toBeGreaterThanOrEqual(atLeast);
  return page.locator('figure.chart-card').count();
}

const headline = (page: Page, id: string) => page.getByTestId(`headline-${id}`);

async function chooseFilter(page: Page, filter: string, value: string): Promise<void> {
  const bar = page.getByRole('region', { name: 'Filters' });
  await bar.getByRole('button', { name: new RegExp(`^${filter}\\b`) }).click();
  await bar.getByRole('group', { name: filter }).getByRole('checkbox', { name: value, exact: true }).check();
  await page.keyboard.press('Escape');
}

async function downloadOf(page: Page, button: Locator): Promise<{ name: string; bytes: Buffer }> {
  const [download] = await Promise.all([page.waitForEvent('download'), button.click()]);
  const path = await download.path();
  return { name: download.suggestedFilename(), bytes: await readFile(path) };
}

describe.skipIf(!HAS_CHROMIUM)('the results pages in Chromium (browser mode)', () => {
  let session: AppSession | undefined;
  let dir: string;
  let serve: ServeProcess;
  let page: Page;
  let watcher: Awaited<ReturnType<typeof watchPage>>;
  let everyone = '';

  beforeAll(async () => {
    session = await openAppSession('mi-pages-', () => [], { colorScheme: 'light', acceptDownloads: true }, ({ serve, context }) => context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: serve.origin }));
    ({ dir, serve, page, watcher } = session);
  });

  afterAll(async () => {
    const code = await closeAppSession(session);
    if (session) expect(code, `serve.mjs stderr:\n${session.serve.stderr()}`).toBe(0);
  });

  it('without a project, a results page says how to start', async () => {
    await page.goto(serve.url);
    await nav(page, 'Dashboard').click();
    await page.getByRole('heading', { name: 'Open the sample project or create one' }).waitFor();
    await page.getByRole('button', { name: 'Open sample project' }).waitFor();
    await screenshot(page, 'results-00-no-project');
  });

  it('with an empty project, it asks for a roster first', async () => {
    await nav(page, 'Projects').click();
    await page.getByLabel('Project file path').fill(join(dir, 'empty.duckdb'));
    await page.getByRole('button', { name: 'Open or create' }).click();
    await expect.poll(() => page.getByTestId('current-project').textContent(), LONG).toBe('empty');
    for (const label of ['Dashboard', 'Retention', 'Survey items']) {
      await nav(page, label).click();
      await page.getByRole('heading', { name: 'Import a roster to define who took part' }).waitFor();
    }
    await page.getByRole('button', { name: 'Import a roster' }).waitFor();
    await screenshot(page, 'results-01-no-roster');
  });

  it('with a roster but no HRIS export: participants counted, retention asks for the HRIS export, rejects previewed', async () => {
    const csv = join(dir, 'pilot_roster.csv');
    await writeFile(csv, ROSTER_CSV);
    await nav(page, 'Import').click();
    await page.getByTestId('file-input').setInputFiles(csv);
    await page.getByRole('radio', { name: /Program roster/ }).check();
    await page.getByRole('button', { name: 'Import', exact: true }).click();
    await page.getByTestId('import-result').waitFor(LONG);

    await nav(page, 'Dashboard').click();
    await expect.poll(() => headline(page, 'participants').textContent(), LONG).toBe('7');
    expect(await headline(page, 'retention').textContent()).toBe('Import the HRIS export');
    await nav(page, 'Retention').click();
    await page.getByRole('heading', { name: 'Import the HRIS export to see retention' }).waitFor();

    await nav(page, 'Data quality').click();
    await expect.poll(() => page.getByTestId('rejected-total').textContent(), LONG).toBe('1');
    await page.getByTestId('imports-log').getByRole('button', { name: /1 — show/ }).click();
    const preview = page.getByTestId('rejects-preview');
    await expect.poll(() => preview.locator('tbody tr').count(), LONG).toBe(1);
    const row = await preview.locator('tbody tr').first().textContent();
    expect(row).toContain('5');
    expect(row).toContain('soon');
    await screenshot(page, 'results-01b-partial-data');
  });

  it('opens the sample project on the Dashboard with four headline numbers and their charts', async () => {
    await nav(page, 'Projects').click();
    await page.getByRole('button', { name: 'Open sample project' }).click();
    await expect.poll(() => page.getByTestId('current-project').textContent(), LONG).toBe('sample-project');
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent(), LONG).toBe('Dashboard');
    await chartsReady(page, 4);
    everyone = (await headline(page, 'participants').textContent()) ?? '';
    expect(Number(everyone.replace(/,/g, ''))).toBeGreaterThan(100);
    // Each card: its number, CI and finding in words.
    expect(await headline(page, 'retention').textContent()).toMatch(/^[+−]\d+\.\d$/);
    expect(await headline(page, 'performance').textContent()).toMatch(/^[+−]\d\.\d\d$/);
    expect(await headline(page, 'survey').textContent()).toMatch(/^[+−]\d\.\d\d$/);
    for (const id of ['retention', 'performance', 'survey']) {
      const card = page.getByTestId(`card-${id}`);
      expect(await card.textContent()).toMatch(/95% CI [+−]\d/);
    }
    expect(await page.getByTestId('card-retention').textContent()).toContain('12-month retention:');
  });

  for (const p of PAGES) {
    it(`${p.label}: every chart renders as SVG (screenshot)`, async () => {
      await nav(page, p.label).click();
      await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe(p.label);
      if (p.charts === 0) {
        await page.getByTestId('coverage-table').waitFor(LONG);
        await page.getByTestId('imports-log').waitFor(LONG);
      }
      const n = await chartsReady(page, p.charts);
      expect(n).toBe(p.charts);
      await page.getByText('How this was computed').first().waitFor();
      await screenshot(page, `results-${String(PAGES.indexOf(p) + 2).padStart(2, '0')}-${p.slug}`);
    });
  }

  it('Before/after shows the paired statistics; Survey items and Segments switch views', async () => {
    await nav(page, 'Before/after').click();
    await chartsReady(page, 6);
    const paired = page.getByTestId('paired-performance');
    expect(await paired.locator('tbody tr').count()).toBe(1);
    expect(await paired.textContent()).toMatch(/Participants\d+/);

    await nav(page, 'Survey items').click();
    await chartsReady(page, 1);
    expect(await page.getByTestId('survey-items-table').locator('tbody tr').count()).toBeGreaterThan(3);
    await page.getByRole('radio', { name: 'Every answer' }).check();
    await chartsReady(page, 1);
    await expect.poll(() => page.locator('figure[data-chart="survey-items-all"] svg.marks').count()).toBe(1);

    await nav(page, 'Segments').click();
    await chartsReady(page, 1);
    const select = page.getByTestId('segment-attribute');
    const choices = await select.locator('option').allTextContents();
    expect(choices).toEqual(expect.arrayContaining(['Department', 'Job level', 'Location']));
    await select.selectOption({ label: 'Job level' });
    await chartsReady(page, 1);
    expect(await page.getByRole('heading', { name: 'Results by job level' }).count()).toBe(1);
  });

  it('a filter changes the headline numbers, is remembered by the project, and resets', async () => {
    await nav(page, 'Dashboard').click();
    await chartsReady(page, 4);
    const retentionBefore = await headline(page, 'retention').textContent();
    await chooseFilter(page, 'Department', 'Sales');
    await expect.poll(() => headline(page, 'participants').textContent(), LONG).not.toBe(everyone);
    await chartsReady(page, 4);
    const sales = (await headline(page, 'participants').textContent()) ?? '';
    expect(Number(sales.replace(/,/g, ''))).toBeLessThan(Number(everyone.replace(/,/g, '')));
    expect(await headline(page, 'retention').textContent()).not.toBe(retentionBefore);
    expect(await page.getByTestId('filter-summary').textContent()).toContain('Department: Sales');
    await screenshot(page, 'results-10-dashboard-filtered');

    // Remembered: a reload (the project re-read) keeps the filter.
    await page.reload();
    await nav(page, 'Dashboard').click();
    await chartsReady(page, 4);
    await expect.poll(() => headline(page, 'participants').textContent(), LONG).toBe(sales);
    expect(await page.getByTestId('filter-summary').textContent()).toContain('Department: Sales');

    // Cohorts narrow it further; every page honours the same filters.
    const bar = page.getByRole('region', { name: 'Filters' });
    await bar.getByRole('button', { name: /^Cohorts\b/ }).click();
    const first = bar.getByRole('group', { name: 'Cohorts' }).getByRole('checkbox').first();
    await first.check();
    await page.keyboard.press('Escape');
    await expect.poll(() => headline(page, 'participants').textContent(), LONG).not.toBe(sales);
    const oneCohort = await headline(page, 'participants').textContent();
    await nav(page, 'Cohorts').click();
    await chartsReady(page, 1);
    expect(await page.getByTestId('cohort-table').locator('tbody tr').count()).toBe(1);
    expect(await page.getByTestId('filter-summary').textContent()).toContain(`${oneCohort} participants`);

    await page.getByRole('button', { name: 'Reset filters' }).click();
    await nav(page, 'Dashboard').click();
    await expect.poll(() => headline(page, 'participants').textContent(), LONG).toBe(everyone);
    await chartsReady(page, 4);
  });

  it('a start-date range changes the numbers on every page, is remembered, refuses from after to, and clears', async () => {
    await nav(page, 'Dashboard').click();
    await chartsReady(page, 4);
    const bar = page.getByRole('region', { name: 'Filters' });
    const from = bar.getByLabel('Start dates from');
    const to = bar.getByLabel('Start dates to');
    await from.fill('2022-06-01');
    await to.fill('2023-12-31');
    // The sample's 2022 Fall and 2023 Spring cohorts: 150 + 160 mentees, 788 comparison people (test/engine/analysis/dateRange.test.ts).
    await expect.poll(() => headline(page, 'participants').textContent(), LONG).toBe('310');
    await chartsReady(page, 4);
    await expect.poll(() => page.getByTestId('filter-summary').textContent(), LONG).toContain('Start dates: 2022-06-01 to 2023-12-31 — 310 participants, 788 in the comparison group');
    // The one-line explanation describes the range group.
    const hintId = await bar.getByRole('group', { name: 'Start dates' }).getAttribute('aria-describedby');
    expect(await page.locator(`[id="${hintId}"]`).textContent()).toBe('Keeps the cohorts that started in the range, each with all its mentees.');
    await mkdir(SCREENSHOT_DIR, { recursive: true });
    await page.evaluate(() => window.scrollTo(0, 0));
    await bar.screenshot({ path: join(SCREENSHOT_DIR, 'results-10b-filter-bar-date-range.png') });

    // Remembered: a reload keeps the range, and every page honours it.
    await page.reload();
    await nav(page, 'Dashboard').click();
    await chartsReady(page, 4);
    await expect.poll(() => headline(page, 'participants').textContent(), LONG).toBe('310');
    expect(await from.inputValue()).toBe('2022-06-01');
    expect(await to.inputValue()).toBe('2023-12-31');
    await nav(page, 'Cohorts').click();
    await chartsReady(page, 1);
    expect(await page.getByTestId('cohort-table').locator('tbody tr').count()).toBe(2);
    expect(await page.getByTestId('filter-summary').textContent()).toContain('Start dates: 2022-06-01 to 2023-12-31 — 310 participants');

    // "From" after "to" is not applied: the numbers stay and the bar says why.
    await from.fill('2024-01-01');
    await bar.getByRole('alert').filter({ hasText: '“From” is after “to”.' }).waitFor();
    expect(await from.getAttribute('aria-invalid')).toBe('true');
    expect(await page.getByTestId('filter-summary').textContent()).toContain('Start dates: 2022-06-01 to 2023-12-31');

    await page.getByRole('button', { name: 'Dark theme' }).click();
    await expect.poll(() => page.evaluate(() => document.documentElement.dataset['theme'])).toBe('dark');
    await page.evaluate(() => window.scrollTo(0, 0));
    await bar.screenshot({ path: join(SCREENSHOT_DIR, 'results-10c-filter-bar-date-range-dark.png') });
    await page.getByRole('button', { name: 'Dark theme' }).click();
    await expect.poll(() => page.evaluate(() => document.documentElement.dataset['theme'])).toBe('light');

    await bar.getByRole('button', { name: 'Clear start dates' }).click();
    await nav(page, 'Dashboard').click();
    await expect.poll(() => headline(page, 'participants').textContent(), LONG).toBe(everyone);
    await chartsReady(page, 4);
    expect(await from.inputValue()).toBe('');
    expect(await page.getByTestId('filter-summary').textContent()).toContain('All cohorts, everyone');
  });

  it('a selection that would single people out is refused in the filter bar, and can be changed there', async () => {
    await nav(page, 'Dashboard').click();
    await chartsReady(page, 4);
    const bar = page.getByRole('region', { name: 'Filters' });
    await chooseFilter(page, 'Department', 'Sales');
    await expect.poll(() => page.getByTestId('filter-summary').textContent(), LONG).toContain('Department: Sales — 111 participants');
    // At level IC3 the People department has 4 comparison people (test/security/differencing.test.ts).
    await chooseFilter(page, 'Job level', 'IC3');
    const refusal = page.getByTestId('filter-refusal');
    await refusal.waitFor({ timeout: 60_000 });
    expect(await refusal.textContent()).toContain('These filters cannot be applied: Department: given the other filters, "People" holds only 4 comparison people (fewer than 5 but more than none)');
    await page.evaluate(() => window.scrollTo(0, 0));
    await mkdir(SCREENSHOT_DIR, { recursive: true });
    await bar.screenshot({ path: join(SCREENSHOT_DIR, 'results-10d-filter-bar-refused.png') });
    // The filters stay at hand: resetting them brings the numbers back.
    await bar.getByRole('button', { name: 'Reset filters' }).click();
    await expect.poll(() => headline(page, 'participants').textContent(), LONG).toBe(everyone);
    expect(await refusal.count()).toBe(0);
  });

  it('filter clicks in quick succession end with the numbers of the last selection', async () => {
    const bar = page.getByRole('region', { name: 'Filters' });
    await bar.getByRole('button', { name: /^Department\b/ }).click();
    const group = bar.getByRole('group', { name: 'Department' });
    const boxes = group.getByRole('checkbox');
    const count = await boxes.count();
    for (let i = 0; i < Math.min(count, 4); i++) await boxes.nth(i).check();
    for (let i = 0; i < Math.min(count, 4); i++) await boxes.nth(i).uncheck();
    await page.keyboard.press('Escape');
    await expect.poll(() => headline(page, 'participants').textContent(), LONG).toBe(everyone);
    await chartsReady(page, 4);
    expect(await page.getByTestId('filter-summary').textContent()).toContain('All cohorts, everyone');
  });

  it('exports a chart as PNG, SVG and CSV, copies its CSV and shows its table', async () => {
    const card = page.locator('figure[data-chart="participants-by-cohort"]');
    const svg = await downloadOf(page, card.getByRole('button', { name: 'Save SVG' }));
    expect(svg.name).toBe('participants-by-cohort.svg');
    expect(svg.bytes.toString('utf8')).toMatch(/^<svg[\s\S]*class="marks"/);
    const png = await downloadOf(page, card.getByRole('button', { name: 'Save PNG' }));
    expect(png.name).toBe('participants-by-cohort.png');
    expect(png.bytes.subarray(0, 8).toString('hex')).toBe('89504e470d0a1a0a');
    const csv = await downloadOf(page, card.getByRole('button', { name: 'Save CSV' }));
    expect(csv.name).toBe('participants-by-cohort.csv');
    expect(csv.bytes.toString('utf8')).toMatch(/^\uFEFFCohort,Start date,Participants,Comparison group\r\n/);

    await card.getByRole('button', { name: 'Copy CSV' }).click();
    await card.getByText('Data copied as CSV').waitFor();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toMatch(/^Cohort,Start date,Participants,Comparison group\r\n.+,\d{4}-\d\d-\d\d,\d+,\d+\r\n/);

    // Tooltips: exact numbers, styled by the app's CSS (no injected <style>).
    await card.locator('svg.marks .mark-rect path').first().hover();
    const tooltip = page.locator('#vg-tooltip-element.visible');
    await tooltip.waitFor();
    expect(await tooltip.textContent()).toMatch(/Cohort.*Start date.*People\s*\d+/s);
    expect(await page.locator('style#vega-tooltip-style, style#vega-embed-style').count()).toBe(0);
    await page.mouse.move(0, 0);

    await card.getByRole('button', { name: 'Table' }).click();
    const table = card.getByRole('region', { name: 'Table: Participants and comparison group per cohort' });
    await table.waitFor();
    expect(await table.locator('tbody tr').count()).toBeGreaterThan(1);
    await card.getByRole('button', { name: 'Hide table' }).click();
  });

  it('switches to the dark theme, remembers it, and redraws the charts in the dark palette', async () => {
    await page.getByRole('button', { name: 'Dark theme' }).click();
    await expect.poll(() => page.evaluate(() => document.documentElement.dataset['theme'])).toBe('dark');
    await page.reload();
    await nav(page, 'Dashboard').click();
    await expect.poll(() => page.evaluate(() => document.documentElement.dataset['theme'])).toBe('dark');
    await chartsReady(page, 4);
    const svgText = await page.locator('figure[data-chart="retention-kaplan-meier"] svg.marks').evaluate((el) => el.outerHTML);
    expect(svgText).toContain('#56B4E9'); // participants, dark palette
    expect(svgText).not.toContain('#0072B2');
    await screenshot(page, 'results-11-dashboard-dark');
    await nav(page, 'Retention').click();
    await chartsReady(page, 1);
    await screenshot(page, 'results-12-retention-dark');
    await page.getByRole('button', { name: 'Dark theme' }).click();
    await expect.poll(() => page.evaluate(() => document.documentElement.dataset['theme'])).toBe('light');
  });

  it('an analysis error says what went wrong and what to do, and Reset filters recovers', async () => {
    const post = (method: string, body: unknown) =>
      page.evaluate(
        async ([m, b]) => (await fetch(`/api/${m}`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(b) })).json() as Promise<{ ok: boolean; value?: unknown }>,
        [method, body] as const,
      );
    const saved = await post('getAnalysisSettings', {});
    expect(saved.ok).toBe(true);
    // A saved filter on a column the imported people do not have (e.g. after re-importing a different export).
    expect((await post('saveAnalysisSettings', { config: { ...(saved.value as object), filters: { cost_centre: ['CC-1'] } } })).ok).toBe(true);
    await page.reload();
    await nav(page, 'Dashboard').click();
    const alert = page.getByRole('alert').filter({ hasText: 'The analysis could not be run.' });
    await alert.waitFor(LONG);
    expect(await alert.textContent()).toContain('cost_centre');
    expect(await alert.textContent()).toContain('reset the filters');
    await screenshot(page, 'results-13-error');
    await alert.getByRole('button', { name: 'Reset filters' }).click();
    await expect.poll(() => headline(page, 'participants').textContent(), LONG).toBe(everyone);
    await chartsReady(page, 4);
    const after = await post('getAnalysisSettings', {});
    expect(after.value).toEqual({ ...(saved.value as object), cohorts: [], filters: {}, dateRange: {} });
  });

  it('had no console errors, page errors or CSP violations', async () => {
    const problems: PageProblems = await watcher.collect();
    expect(problems).toEqual({ consoleErrors: [], pageErrors: [], cspViolations: [] });
  });
});
