import { describe, expect, it } from 'vitest';
import { logRank, logRankOfSortedGroups } from '../../../electron/engine/stats/logRank';
import type { SortedSurvival } from '../../../electron/engine/stats/logRank';
import { expectAllFinite, expectClose, reference } from './helpers';

describe('logRank matches R survdiff()', () => {
  it.each(reference.logRank.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    const r = logRank(c.input.time, c.input.event, c.input.group);
    expectClose(r.chisq, c.expected.chisq, `${c.name}.chisq (${c.source})`);
    expect(r.df).toBe(c.expected.df);
    expectClose(r.p, c.expected.p, `${c.name}.p = 1 - pchisq`);
    expectClose(r.p, c.expected.pUpperTail, `${c.name}.p = pchisq(lower.tail = FALSE)`);
    expect(r.reason).toBeUndefined();
  });

  it('does not depend on the group labels or their order', () => {
    const c = reference.logRank.find((x) => x.name === 'aml-x')!;
    const relabelled = c.input.group.map((g) => (g === 'Maintained' ? 2 : 1));
    const a = logRank(c.input.time, c.input.event, c.input.group);
    const b = logRank(c.input.time, c.input.event, relabelled);
    expectClose(b.chisq, a.chisq, 'relabelled chisq');
  });
});

/** The cases' data as sorted groups, in order of first appearance (what the analyses pass). */
function sortedGroups(time: number[], event: (number | boolean)[], group: (number | string)[]): SortedSurvival[] {
  const labels = [...new Set(group)];
  return labels.map((label) => {
    const rows = time.map((t, i) => [t, Number(event[i])] as const).filter((_, i) => group[i] === label);
    rows.sort((a, b) => a[0] - b[0]);
    return { time: Float64Array.from(rows, (r) => r[0]), event: Uint8Array.from(rows, (r) => r[1]) };
  });
}

describe('logRankOfSortedGroups (groups already sorted by time) matches R survdiff() too', () => {
  it.each(reference.logRank.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    const r = logRankOfSortedGroups(sortedGroups(c.input.time, c.input.event, c.input.group));
    expectClose(r.chisq, c.expected.chisq, `${c.name}.chisq (${c.source})`);
    expect(r.df).toBe(c.expected.df);
    expectClose(r.p, c.expected.p, `${c.name}.p`);
  });

  it('gives the same nulls and reasons as logRank on the edge cases', () => {
    const cases: [number[], number[], number[]][] = [
      [[1, 2, 3], [1, 0, 1], [1, 1, 1]],
      [[], [], []],
      [[1, 2, 3, 4], [0, 0, 0, 0], [1, 1, 2, 2]],
      [[5, 6, 1, 2], [1, 1, 0, 0], [1, 1, 2, 2]],
      [[1, 1, 1, 1], [1, 1, 1, 1], [1, 1, 2, 2]],
    ];
    for (const [time, event, group] of cases) {
      const groups = sortedGroups(time, event, group);
      while (groups.length < 2) groups.push({ time: new Float64Array(0), event: new Uint8Array(0) });
      expect(logRankOfSortedGroups(groups)).toEqual(logRank(time, event, group));
    }
  });
});

describe('logRank edge cases', () => {
  it('one group, no people, no events, nobody at risk at event times: null with a reason', () => {
    for (const r of [
      logRank([1, 2, 3], [1, 0, 1], ['a', 'a', 'a']),
      logRank([], [], []),
      logRank([1, 2, 3, 4], [0, 0, 0, 0], [1, 1, 2, 2]),
      logRank([5, 6, 1, 2], [1, 1, 0, 0], [1, 1, 2, 2]),
    ]) {
      expect(r).toMatchObject({ chisq: null, df: null, p: null });
      expect(r.reason).toMatch(/\w/);
      expectAllFinite(r);
    }
  });

  it('all events at one time with everyone at risk dying: variance 0, null', () => {
    const r = logRank([1, 1, 1, 1], [1, 1, 1, 1], [1, 1, 2, 2]);
    expect(r.chisq).toBeNull();
    expect(r.reason).toMatch(/singular/);
  });
});
