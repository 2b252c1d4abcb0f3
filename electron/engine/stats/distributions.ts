/**
 * Thin wrappers over the @stdlib distribution functions (the only distribution
 * numerics the engine uses). Tail probabilities are computed from the lower tail
 * of the symmetric distributions, as R does, so small p-values keep their
 * relative precision.
 */
import chisqCdf from '@stdlib/stats-base-dists-chisquare-cdf';
import normalCdf from '@stdlib/stats-base-dists-normal-cdf';
import normalQuantileFn from '@stdlib/stats-base-dists-normal-quantile';
import tCdf from '@stdlib/stats-base-dists-t-cdf';
import tQuantileFn from '@stdlib/stats-base-dists-t-quantile';

/** Two-sided p-value of a t statistic: R `2 * pt(-abs(t), df)`. */
export function twoSidedTP(t: number, df: number): number {
  return Math.min(1, 2 * tCdf(-Math.abs(t), df));
}

/** R `qt(p, df)`. */
export function tQuantile(p: number, df: number): number {
  return tQuantileFn(p, df);
}

/** R `qnorm(p)`. */
export function normalQuantile(p: number): number {
  return normalQuantileFn(p, 0, 1);
}

/** Two-sided p-value of a z statistic: R `2 * min(pnorm(z), pnorm(z, lower.tail = FALSE))`. */
export function twoSidedNormalP(z: number): number {
  return Math.min(1, 2 * normalCdf(-Math.abs(z), 0, 1));
}

/**
 * Upper tail of the chi-squared distribution: R `pchisq(x, df, lower.tail = FALSE)`.
 * With 1 degree of freedom it is computed exactly as 2 * pnorm(-sqrt(x)), which
 * keeps tiny p-values precise; otherwise as 1 - pchisq(x, df).
 */
export function chiSquaredUpperP(x: number, df: number): number {
  const q = Math.max(0, x);
  if (df === 1) return Math.min(1, 2 * normalCdf(-Math.sqrt(q), 0, 1));
  return Math.min(1, Math.max(0, 1 - chisqCdf(q, df)));
}

/** z value of a two-sided interval: R `qnorm(1 - (1 - confidence) / 2)`. */
export function twoSidedZ(confidence: number): number {
  return normalQuantile(1 - (1 - confidence) / 2);
}

/** Throws unless 0 < confidence < 1 (a programming error, not a data problem). */
export function checkConfidence(confidence: number): void {
  if (!(confidence > 0 && confidence < 1)) {
    throw new RangeError(`confidence must be between 0 and 1 (exclusive), got ${confidence}`);
  }
}
