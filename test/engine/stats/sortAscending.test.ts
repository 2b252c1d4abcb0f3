import { describe, expect, it } from 'vitest';
import { sortAscending, sortedCopy } from '../../../electron/engine/stats/sortAscending';

/** Deterministic pseudo-random numbers in [0, 1) (mulberry32). */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const same = (a: Float64Array, b: Float64Array) => a.length === b.length && a.every((x, i) => Object.is(x, b[i]));

describe('sortAscending: the order of Float64Array.prototype.sort', () => {
  const r = random(7);
  const kinds: Record<string, () => number> = {
    'distinct values of both signs': () => r() * 2 - 1,
    'few values, many ties': () => Math.round(r() * 10) / 4 - 1,
    'zeros of both signs, infinities, subnormals': () => [0, -0, 1, -1, Infinity, -Infinity, 1e-310, -1e-310][Math.floor(r() * 8)]!,
    'huge magnitudes': () => (r() - 0.5) * 1e300,
  };
  for (const [name, draw] of Object.entries(kinds)) {
    it(name, () => {
      // below and above the size where the radix sort takes over
      for (const n of [0, 1, 2, 7, 2047, 2048, 5000, 60000]) {
        const x = Float64Array.from({ length: n }, draw);
        const expected = Float64Array.from(x).sort();
        expect(same(sortedCopy(x), expected), `n = ${n}`).toBe(true);
        expect(same(sortAscending(Float64Array.from(expected)), expected), `sorted, n = ${n}`).toBe(true);
      }
    });
  }

  it('counts values per distinct value up to 1,024 of them, and radix-sorts beyond', () => {
    // 1,024 distinct values take the counting path, 1,025 fall back to the radix sort after
    // counting has begun: both must give the built-in order
    for (const distinct of [1023, 1024, 1025, 5000]) {
      const x = Float64Array.from({ length: 60000 }, (_, i) => ((i * 7919) % distinct) / 8 - 20);
      x[5] = -0;
      x[6] = 0;
      expect(same(sortedCopy(x), Float64Array.from(x).sort()), `${distinct} distinct values`).toBe(true);
    }
  });

  it('sorts in place and puts NaN last, as the built-in does', () => {
    const x = Float64Array.from({ length: 4000 }, (_, i) => (i % 97 === 0 ? NaN : Math.sin(i)));
    const expected = Float64Array.from(x).sort();
    expect(sortAscending(x)).toBe(x);
    expect(same(x, expected)).toBe(true);
  });

  it('leaves an ascending array as it is, and puts -0 before +0 like the built-in', () => {
    const x = Float64Array.from({ length: 3000 }, (_, i) => Math.floor(i / 3));
    expect(same(sortAscending(Float64Array.from(x)), x)).toBe(true);
    const zeros = Float64Array.from([-1, 0, -0, 1]);
    expect(same(sortAscending(zeros), Float64Array.from([-1, -0, 0, 1]))).toBe(true);
  });
});
