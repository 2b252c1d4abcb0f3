/**
 * Issue 18 item 6: a survey with 10,000 items failed the report with "Maximum call stack size
 * exceeded" in Vega's expression parser. The chart draws the 40 items with most answers; the
 * table lists every item; the report stays within seconds.
 */
import { describe, expect, it } from 'vitest';
import { analyze } from '../../../electron/engine/analysis/analyze';
import { makeReport } from '../../../electron/engine/report';
import { LIKERT_CHART_MAX_ITEMS, mostAnsweredItems } from '../../../shared/charts';
import type { LikertItem } from '../../../shared/analysis';
import { openSampleCopy } from '../../sampleProject';

describe('a report with thousands of survey items', () => {
  it('charts the 40 items with most answers and lists all 10,000 in the table, within seconds', async () => {
    const project = await openSampleCopy();
    let result;
    try {
      result = await analyze(project.conn, { survey: { scaleMin: 1, scaleMax: 5, reverseItems: ['ENG6'] } });
    } finally {
      await project.close();
    }
    const base = result.likert!;
    const likert: LikertItem[] = Array.from({ length: 10_000 }, (_, i) => {
      const it = structuredClone(base[i % base.length]!);
      it.item = `Q${String(i + 1).padStart(5, '0')}`;
      if (it.all.n !== null) it.all.n = it.all.n + (i % 97);
      return it;
    });
    const charted = mostAnsweredItems(likert);
    expect(charted).toHaveLength(LIKERT_CHART_MAX_ITEMS);
    const top = [...likert].map((x) => x.all.n ?? -1).sort((a, b) => b - a)[LIKERT_CHART_MAX_ITEMS - 1]!;
    expect(charted.every((x) => (x.all.n ?? -1) >= top)).toBe(true);

    const started = Date.now();
    const report = await makeReport({ ...result, likert }, { sections: ['survey'] }, { dataSources: [], software: 'Mentor Impact test', preview: true });
    const seconds = (Date.now() - started) / 1000;
    expect(seconds).toBeLessThan(30);
    expect(report.html).toContain('The chart shows the 40 items with most answers; the table lists all 10,000.');
    expect(report.html).toContain('Q10000');
    expect(report.html).toContain('Q00001');
  }, 120_000);
});
