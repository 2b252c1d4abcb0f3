import { describe, expect, it } from 'vitest';
import { holmAdjust } from '../../../electron/engine/stats/holmAdjust';
import { expectClose, reference } from './helpers';

describe('holmAdjust matches R p.adjust(p, "holm")', () => {
  it.each(reference.holm.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    const r = holmAdjust(c.input.p);
    expect(r).toHaveLength(c.expected.adjusted.length);
    c.expected.adjusted.forEach((e, i) => expectClose(r[i], e, `${c.name}[${i}] (${c.source})`));
  });

  it('empty input and non-finite values', () => {
    expect(holmAdjust([])).toEqual([]);
    expect(holmAdjust([null, NaN, 0.2, Infinity])).toEqual([null, null, 0.2, null]);
  });
});
