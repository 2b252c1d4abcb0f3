/**
 * Missing-value handling: non-finite values (NaN, ±Infinity) are dropped, the way
 * R drops NA before its tests. The inputs are returned unchanged (no copy) when
 * they are all finite.
 */

export function finiteValues(x: ArrayLike<number>): ArrayLike<number> {
  const n = x.length;
  let bad = 0;
  for (let i = 0; i < n; i++) if (!Number.isFinite(x[i])) bad++;
  if (bad === 0) return x;
  const out = new Float64Array(n - bad);
  let j = 0;
  for (let i = 0; i < n; i++) {
    const v = x[i]!;
    if (Number.isFinite(v)) out[j++] = v;
  }
  return out;
}

/** Keeps the pairs where both values are finite (R's complete cases). */
export function finitePairs(a: ArrayLike<number>, b: ArrayLike<number>): [ArrayLike<number>, ArrayLike<number>] {
  if (a.length !== b.length) {
    throw new RangeError(`paired values must have the same length (${a.length} and ${b.length})`);
  }
  const n = a.length;
  let bad = 0;
  for (let i = 0; i < n; i++) if (!Number.isFinite(a[i]) || !Number.isFinite(b[i])) bad++;
  if (bad === 0) return [a, b];
  const oa = new Float64Array(n - bad);
  const ob = new Float64Array(n - bad);
  let j = 0;
  for (let i = 0; i < n; i++) {
    const u = a[i]!;
    const v = b[i]!;
    if (Number.isFinite(u) && Number.isFinite(v)) {
      oa[j] = u;
      ob[j] = v;
      j++;
    }
  }
  return [oa, ob];
}

/** The number itself when finite, else null. */
export function finiteOrNull(x: number): number | null {
  return Number.isFinite(x) ? x : null;
}
