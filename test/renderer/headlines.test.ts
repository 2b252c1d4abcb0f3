import { describe, expect, it } from 'vitest';
import type { AnalysisResult } from '../../shared/analysis';
import { DEFAULT_ANALYSIS_CONFIG } from '../../shared/analysis';
import { coverageRows, coverageShare } from '../../renderer/src/analysis/coverage';
import { didHeadline, headCount, participantsHeadline, retentionHeadline } from '../../renderer/src/analysis/headlines';
import { did, paired, performance, retention, suppressedProportion, suppressedTwoGroup } from '../shared/charts/fixtures';

const base: AnalysisResult = {
  schemaVersion: 1,
  config: DEFAULT_ANALYSIS_CONFIG,
  population: { participants: 450, comparison: 842, cohorts: [{ cohort: '2022 Spring', startDate: '2022-03-07', participants: 140 }] },
  outcomes: { performance, survey: null, retention },
};

describe('dashboard headlines', () => {
  it('retention: the difference in points, both rates, the CI and a verdict only when the CI excludes zero', () => {
    const h = retentionHeadline(base);
    const r = retention.rate12m;
    expect(h.state).toBe('ok');
    expect(h.value).toMatch(/^[+−]\d+\.\d$/);
    expect(h.unit).toBe('percentage points');
    expect(h.ci).toMatch(/^95% CI [+−]\d+\.\d to [+−]\d+\.\d points · p/);
    expect(h.finding).toBe(r.finding ?? '');
    const clear = (r.ciLow ?? 0) > 0;
    expect(h.tone).toBe(clear ? 'good' : 'neutral');
    const unclear = retentionHeadline({ ...base, outcomes: { ...base.outcomes, retention: { ...retention, rate12m: { ...r, ciLow: -0.01, ciHigh: 0.1 } } } });
    expect(unclear.tone).toBe('neutral');
    expect(unclear.verdict).toBe('No clear difference');
  });

  it('says what to import when an outcome is missing, and "fewer than 5" when it is suppressed', () => {
    const none = { ...base, outcomes: { performance: null, survey: null, retention: null } };
    expect(retentionHeadline(none)).toMatchObject({ state: 'missing', value: 'Import the HRIS export' });
    expect(didHeadline(none, 'survey')).toMatchObject({ state: 'missing', value: 'Import survey responses' });
    expect(didHeadline(none, 'performance')).toMatchObject({ state: 'missing', value: 'Import performance reviews' });
    const hidden = { ...base, outcomes: { performance: { ...performance, did: suppressedTwoGroup }, survey: null, retention: { ...retention, rate12m: suppressedProportion } } };
    expect(didHeadline(hidden, 'performance')).toMatchObject({ state: 'suppressed', value: 'fewer than 5' });
    expect(retentionHeadline(hidden)).toMatchObject({ state: 'suppressed', value: 'fewer than 5' });
  });

  it('difference-in-differences: signed estimate, both groups’ changes and who it is about', () => {
    const h = didHeadline(base, 'performance');
    expect(h.value).toBe(`${did.diff! < 0 ? '−' : '+'}${Math.abs(did.diff!).toFixed(2)}`);
    expect(h.sample).toContain(`${did.n1} participants`);
    expect(h.tone).toBe('good');
    expect(h.verdict).toBe('Clear improvement');
  });

  it('participants: the count, cohorts and comparison group; small groups read "fewer than N"', () => {
    const h = participantsHeadline(base);
    expect(h.value).toBe('450');
    expect(h.detail).toBe('in 1 cohort: 2022 Spring');
    expect(h.ci).toBe('compared with 842 colleagues who never took part');
    expect(participantsHeadline({ ...base, population: { ...base.population, participants: 3, comparison: 2 } })).toMatchObject({ value: 'fewer than 5', ci: 'compared with fewer than 5 colleagues who never took part' });
    expect(headCount(0, 5)).toBe('0');
    expect(headCount(5, 5)).toBe('5');
  });
});

describe('coverage', () => {
  it('takes the n of each result against the population, "not imported" as null, suppressed as such', () => {
    const rows = coverageRows(base);
    expect(rows.map((r) => r.outcome)).toEqual(['Performance rating', 'Performance rating', 'Survey score', 'Survey score', '12-month retention']);
    expect(rows[0]!.participants).toEqual({ n: paired.n, of: 450, suppressed: false });
    expect(rows[0]!.comparison).toEqual({ n: did.n2, of: 842, suppressed: false });
    expect(rows[2]!.participants).toBeNull();
    expect(coverageShare(rows[0]!.participants)).toBeCloseTo(paired.n! / 450);
    const hidden = coverageRows({ ...base, outcomes: { ...base.outcomes, retention: { ...retention, rate12m: suppressedProportion } } });
    expect(hidden[4]!.participants).toEqual({ n: null, of: 450, suppressed: true });
    expect(coverageShare(hidden[4]!.participants)).toBeNull();
  });
});
