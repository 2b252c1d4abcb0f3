/**
 * A project with only the HRIS export and the roster: the report still prints, and the
 * sections without data say so instead of failing. Also what the HTML itself promises:
 * no script, no network, escaped user text, suppressed groups shown as "fewer than 5".
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { analyze } from '../../../electron/engine/analysis/analyze';
import { main } from '../../../electron/cli/main';
import { importCsv } from '../../../electron/engine/import/importCsv';
import { Project } from '../../../electron/engine/project';
import { buildReportHtml, reportMeta } from '../../../electron/engine/report/html';
import type { AnalysisResult } from '../../../shared/analysis';
import type { ImportRecord } from '../../../shared/domain';
import { tempDir } from '../../helpers';
import { ROOT, SKIP_PRINT, pdfInfo, pdfText, printTitle, renderPages, squash } from './helpers';

const sampleDir = join(ROOT, 'sample-data');

describe('report of a project with people and roster only', () => {
  const dir = tempDir('mi-report-missing-');
  const projectPath = join(dir, 'people-roster.duckdb');
  let result: AnalysisResult;
  let imports: ImportRecord[];
  const savedHome = process.env.MENTOR_IMPACT_HOME;

  beforeAll(async () => {
    process.env.MENTOR_IMPACT_HOME = join(dir, 'home');
    const project = await Project.open(projectPath);
    try {
      await importCsv(project.conn, { path: join(sampleDir, 'hris_export.csv'), kind: 'people', asOf: '2025-09-30' });
      await importCsv(project.conn, { path: join(sampleDir, 'program_roster.csv'), kind: 'roster' });
      result = await analyze(project.conn, {});
      imports = await project.imports();
    } finally {
      await project.close();
    }
  });

  afterAll(() => {
    if (savedHome === undefined) delete process.env.MENTOR_IMPACT_HOME;
    else process.env.MENTOR_IMPACT_HOME = savedHome;
  });

  const meta = (extra: Partial<Parameters<typeof reportMeta>[0]> = {}) =>
    reportMeta({ title: 'Evaluation', ...extra }, { dataSources: imports, generatedAt: '2025-10-01T09:00:00Z', software: 'Mentor Impact test' });

  it('says which outcomes have no data, in every section that needs them', async () => {
    expect(result.outcomes.performance).toBeNull();
    expect(result.outcomes.survey).toBeNull();
    const html = await buildReportHtml(result, meta());
    expect(html.match(/No performance reviews were imported/g)?.length).toBeGreaterThanOrEqual(3);
    expect(html.match(/No survey responses were imported/g)?.length).toBeGreaterThanOrEqual(4);
    expect(html).not.toContain('No HRIS export');
    expect(html).toContain(result.outcomes.retention!.rate12m.finding!);
  });

  it('is one self-contained document: no script, no external resource, user text escaped', async () => {
    const html = await buildReportHtml(result, meta({ title: '<script>alert(1)</script> & "Q3"', organisation: '<img src=x onerror=alert(1)>' }));
    expect(html).not.toMatch(/<script\b/i);
    expect(html).not.toMatch(/<img\b/i);
    expect(html).not.toMatch(/<link\b|<iframe\b|<object\b|<embed\b/i);
    expect(html).not.toMatch(/(src|href)\s*=\s*["']?(https?:|\/\/)/i);
    expect(html).not.toMatch(/url\(\s*['"]?(https?:|\/\/)/i);
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;Q3&quot;');
    expect(html).toContain("script-src 'none'");
    expect(html).toMatch(/@font-face\{font-family:'Source Sans 3'[^}]*src:url\(data:font\/woff2;base64,/);
    const preview = await buildReportHtml(result, { ...meta(), embedFonts: false });
    expect(preview).not.toContain('@font-face');
    expect(preview.length).toBeLessThan(html.length / 2);
  });

  it('prints only the chosen sections, numbered in their fixed order', async () => {
    const html = await buildReportHtml(result, meta({ sections: ['sources', 'retention', 'summary'] }));
    const headings = [...html.matchAll(/<h1 id="h-(\w+)"><span class="num">([^<]*)<\/span>([^<]*)<\/h1>/g)].map((m) => `${m[2]} ${m[3]}`);
    expect(headings).toEqual(['1 Executive summary', '2 Retention', 'Appendix A. Data sources']);
  });

  it('shows a suppressed group as "fewer than 5", with no number of it', async () => {
    const breakdown = result.segments?.find((s) => s.attribute === 'department');
    expect(breakdown).toBeDefined();
    const hidden = breakdown!.groups[0]!;
    const changed: AnalysisResult = {
      ...result,
      segments: [
        {
          ...breakdown!,
          groups: [{ ...hidden, suppressed: true, reason: 'fewer than 5 people in a group', participants: null, comparison: null, rate12m: null, surveyDid: null, performanceDid: null }, ...breakdown!.groups.slice(1)],
        },
      ],
    };
    const html = await buildReportHtml(changed, meta({ sections: ['segments'] }));
    const row = new RegExp(`<tr><td>${hidden.value}</td>(.*?)</tr>`).exec(html)?.[1] ?? '';
    expect(row).toContain('fewer than 5');
    expect(row.replaceAll('fewer than 5', '')).not.toMatch(/\d/);
  });

  it.skipIf(SKIP_PRINT)(printTitle('prints through the CLI, and the PDF says what is missing'), async () => {
    const pdf = join(dir, 'missing.pdf');
    expect(await main(['report', projectPath, '--out', pdf])).toBe(0);
    const info = pdfInfo(pdf);
    expect(info.pages).toBeGreaterThanOrEqual(6);
    const text = pdfText(pdf);
    for (const sentence of [
      'No performance reviews were imported, so this report has no performance results.',
      'No survey responses were imported, so this report has no survey results.',
      '6 Survey items',
      result.outcomes.retention!.rate12m.finding!,
    ]) {
      expect(squash(text)).toContain(squash(sentence));
    }
    expect(renderPages(pdf, 'people-roster-only')).toHaveLength(info.pages);
  });
});
