/** Descriptive helpers, computed as R does (two-pass mean, n - 1 variance). */

/** Arithmetic mean, R `mean(x)` (with R's second refinement pass); NaN for an empty array. */
export function mean(x: ArrayLike<number>): number {
  const n = x.length;
  if (n === 0) return NaN;
  let s = 0;
  for (let i = 0; i < n; i++) s += x[i]!;
  const m = s / n;
  let r = 0;
  for (let i = 0; i < n; i++) r += x[i]! - m;
  return m + r / n;
}

/** Sum of squared deviations from the mean, Σ(x - mean)² = (n - 1) · var(x); 0 for n ≤ 1. */
export function sumOfSquares(x: ArrayLike<number>, m: number = mean(x)): number {
  const n = x.length;
  let s = 0;
  for (let i = 0; i < n; i++) {
    const d = x[i]! - m;
    s += d * d;
  }
  return s;
}

/** Sample variance, R `var(x)`; NaN when n < 2. */
export function variance(x: ArrayLike<number>, m: number = mean(x)): number {
  const n = x.length;
  if (n < 2) return NaN;
  return sumOfSquares(x, m) / (n - 1);
}
