/**
 * The evaluation report of the sample project, printed through the CLI path
 * (Chromium via playwright-core) and read back with poppler: page count, every section
 * heading, the headline numbers exactly as analyze() computed them (formatted by the
 * report's own functions), the data sources, and every page rendered to PNG under
 * test-output/report/ for review.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../../electron/cli/main';
import { integer, percent, points, range, rangePoints, signed } from '../../../shared/format';
import { numberedSections } from '../../../electron/engine/report/html';
import { Engine } from '../../../electron/engine/service';
import type { AnalysisResult } from '../../../shared/analysis';
import type { ImportRecord } from '../../../shared/domain';
import { REPORT_SECTIONS, REPORT_SECTION_TITLES } from '../../../shared/report';
import { tempDir } from '../../helpers';
import { CHROMIUM, ROOT, SKIP_PRINT, pdfInfo, pdfText, printTitle, renderPages, squash } from './helpers';
import { sampleDataHome } from '../../sampleProject';

describe.skipIf(SKIP_PRINT)(printTitle('PDF report of the sample project (CLI)'), () => {
  const dir = tempDir('mi-report-');
  const projectPath = join(dir, 'sample-project.duckdb');
  const pdfPath = join(dir, 'report.pdf');
  let result: AnalysisResult;
  let imports: ImportRecord[];
  let text: string;
  /** The PDF's text contains `s` (ignoring whitespace and hyphens, see squash). */
  const has = (s: string | undefined, label?: string) => {
    expect(s, label).toBeTruthy();
    expect(squash(text), label ?? s).toContain(squash(s!));
  };
  const savedHome = process.env.MENTOR_IMPACT_HOME;

  beforeAll(async () => {
    process.env.MENTOR_IMPACT_HOME = join(dir, 'home');
    const engine = new Engine({ host: 'direct', dataDir: sampleDataHome(dir), sampleDataDir: join(ROOT, 'sample-data') });
    const opened = await engine.api.openSampleProject({});
    if (!opened.ok) throw new Error(opened.error.message);
    expect(opened.value.path).toBe(projectPath);
    const analysed = await engine.api.analyze({}); // the project's saved settings apply, as in the report
    const listed = await engine.api.listImports({});
    await engine.closeProject();
    if (!analysed.ok || !listed.ok) throw new Error('analyze failed');
    result = analysed.value;
    imports = listed.value;

    const started = Date.now();
    const code = await main(['report', projectPath, '--out', pdfPath, '--title', 'Mentoring program evaluation', '--organisation', 'Example Corp', '--author', 'People Analytics']);
    console.log(`Sample report printed in ${Date.now() - started} ms (CLI path, in-process)`);
    expect(code).toBe(0);
    text = pdfText(pdfPath);
  });

  afterAll(() => {
    if (savedHome === undefined) delete process.env.MENTOR_IMPACT_HOME;
    else process.env.MENTOR_IMPACT_HOME = savedHome;
  });

  it('is an A4 PDF of 10 to 24 pages, tagged, with a document outline, and every page renders', () => {
    const info = pdfInfo(pdfPath);
    expect(info.pages).toBeGreaterThanOrEqual(10);
    expect(info.pages).toBeLessThanOrEqual(24);
    expect(info.pageSize).toMatch(/^595\.\d+ x 841\.\d+|^595\.\d+ x 842\.\d+/);
    expect(info.title).toBe('Mentoring program evaluation');
    expect(info.tagged).toBe(true);
    expect(readFileSync(pdfPath).includes('/Outlines')).toBe(true);
    expect(renderPages(pdfPath, 'sample')).toHaveLength(info.pages);
  });

  it('has the cover, every section heading and the running footer with page numbers', () => {
    expect(text).toContain('EXAMPLE CORP');
    expect(text).toContain('Prepared by People Analytics');
    for (const s of numberedSections(REPORT_SECTIONS)) {
      const label = s.num.startsWith('Appendix') ? `${s.num}. ${s.title}` : `${s.num} ${s.title}`;
      expect(text, label).toContain(label);
    }
    for (const title of Object.values(REPORT_SECTION_TITLES)) expect(text).toContain(title);
    const pages = pdfInfo(pdfPath).pages;
    expect(text).toContain(`Page 1 of ${pages}`);
    expect(text).toContain(`Page ${pages} of ${pages}`);
    expect(text).toMatch(/Mentoring program evaluation · \d{1,2} \w+ \d{4}/);
  });

  it('states the headline findings exactly as analyze computed them', () => {
    const { performance, survey, retention } = result.outcomes;
    for (const sentence of [
      retention!.rate12m.finding,
      survey!.did.finding,
      performance!.did.finding,
      survey!.beforeAfter.finding,
      performance!.beforeAfter.finding,
      survey!.comparison.finding,
    ]) {
      has(sentence);
    }
    const r = retention!.rate12m;
    // Key figures, formatted by the report's own functions.
    has(points(r.diff));
    has(`${percent(r.p1)} of participants vs ${percent(r.p2)} of the comparison group`);
    has(`95% CI ${rangePoints(r.ciLow, r.ciHigh)} points`);
    has(`95% CI ${range(survey!.did.ciLow, survey!.did.ciHigh)}`);
    has(signed(performance!.did.diff));
    has(`It follows ${integer(result.population.participants)} participants`);
    // And literally (sample-data/README.md: the planted 12-month retention).
    expect(text).toContain('90.7%');
    expect(text).toContain('84.6%');
    expect(text).toContain('+6.1 points');
    for (const c of result.population.cohorts) has(`${c.cohort} ${c.startDate} ${integer(c.participants)}`);
  });

  it('names what it cannot claim and explains the methods with their R equivalents', () => {
    expect(text).toContain('What this evaluation cannot show');
    expect(text).toContain('No random assignment.');
    expect(text).toContain('Participants chose to join the program');
    for (const call of [
      't.test(after, before, paired = TRUE)',
      'wilcox.test(after, before, paired = TRUE, exact = FALSE, correct = TRUE)',
      'survdiff(Surv(time, event) ~ group)',
      'prop.test(c(k1, k2), c(n1, n2), correct = FALSE)',
      'p.adjust(p, method = "holm")',
    ]) {
      has(call);
    }
    has(`The latest measurement in the ${result.config.preDays} days before the index date`);
    has('reverse-coded items (ENG6)');
  });

  it('lists the data sources: files, import dates, rows, rejects and sha256', () => {
    for (const d of imports) {
      has(d.fileName);
      has(d.sha256);
      has(d.importedAt.slice(0, 16));
      has(integer(d.rowsRead));
    }
    has('People (HRIS) as of 2025-09-30');
  });

  it('prints on Letter paper too', async () => {
    const letter = join(dir, 'letter.pdf');
    expect(await main(['report', projectPath, '--out', letter, '--page-size', 'Letter', '--sections', 'summary,retention'])).toBe(0);
    const info = pdfInfo(letter);
    expect(info.pageSize).toMatch(/^612 x 792/);
    expect(info.pages).toBeGreaterThanOrEqual(3);
    const t = pdfText(letter);
    expect(t).toContain('1 Executive summary');
    expect(t).toContain('2 Retention');
    expect(t).not.toContain('Survey items');
  });
});

describe('report command line', () => {
  it('fails with one clear line and a non-zero exit when no Chromium is found', () => {
    const dir = tempDir('mi-report-cli-');
    const missing = join(dir, 'no-such-chromium');
    const project = join(dir, 'p.duckdb');
    // Any existing file will do: the browser is looked for before the project is opened.
    spawnSync(process.execPath, ['-e', `require('fs').writeFileSync(${JSON.stringify(project)}, '')`]);
    const r = spawnSync(process.execPath, ['--import', 'tsx', join(ROOT, 'electron', 'cli', 'main.ts'), 'report', project, '--out', join(dir, 'r.pdf')], {
      cwd: ROOT,
      encoding: 'utf8',
      env: { ...process.env, CHROMIUM_PATH: missing, MENTOR_IMPACT_HOME: join(dir, 'home') },
    });
    expect(r.status).not.toBe(0);
    expect(r.stderr.trim()).toBe(`mentor-impact: No Chromium found: install chromium or set CHROMIUM_PATH (CHROMIUM_PATH=${missing} is not an executable file)`);
    expect(r.stdout).toBe('');
  });

  it.skipIf(!CHROMIUM)('refuses a bad page size or section before printing', async () => {
    expect(await main(['report', join(ROOT, 'package.json'), '--out', '/dev/null', '--page-size', 'A3'])).toBe(2);
    expect(await main(['report', join(ROOT, 'package.json'), '--out', '/dev/null', '--sections', 'summary,appendix'])).toBe(2);
  });
});
