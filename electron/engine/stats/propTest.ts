import type { Proportion } from '../../../shared/analysis';
import { checkConfidence, chiSquaredUpperP, twoSidedZ } from './distributions';

/** The computed part of a `Proportion` (the caller adds n1, k1, n2, k2). */
export type PropTestResult = Omit<Proportion, 'suppressed' | 'n1' | 'k1' | 'n2' | 'k2'>;

/**
 * Two proportions k1/n1 vs k2/n2, equal to R `prop.test(c(k1, k2), c(n1, n2),
 * correct = FALSE, conf.level = confidence)`: estimates, Wald interval of the
 * difference p1 - p2 (clipped to [-1, 1]) and the Pearson chi-squared test
 * (1 df). Not computable → null and `reason` says why.
 */
export function propTest(k1: number, n1: number, k2: number, n2: number, confidence = 0.95): PropTestResult {
  checkConfidence(confidence);
  const out: PropTestResult = {
    p1: null,
    p2: null,
    diff: null,
    ciLow: null,
    ciHigh: null,
    chisq: null,
    p: null,
  };
  const valid = (k: number, n: number) => Number.isFinite(k) && Number.isFinite(n) && n > 0 && k >= 0 && k <= n;
  if (!valid(k1, n1) || !valid(k2, n2)) {
    out.reason =
      !(n1 > 0) || !(n2 > 0)
        ? 'a group has no people, so the proportions cannot be compared'
        : 'the counts must be between 0 and the group size';
    return out;
  }
  const p1 = k1 / n1;
  const p2 = k2 / n2;
  const diff = p1 - p2;
  const width = twoSidedZ(confidence) * Math.sqrt((p1 * (1 - p1)) / n1 + (p2 * (1 - p2)) / n2);
  out.p1 = p1;
  out.p2 = p2;
  out.diff = diff;
  out.ciLow = Math.max(diff - width, -1);
  out.ciHigh = Math.min(diff + width, 1);

  const pooled = (k1 + k2) / (n1 + n2);
  if (!(pooled > 0 && pooled < 1)) {
    out.reason = 'everyone has the same outcome, so the chi-squared test is undefined';
    return out;
  }
  let chisq = 0;
  const cells: [number, number][] = [
    [k1, n1 * pooled],
    [n1 - k1, n1 * (1 - pooled)],
    [k2, n2 * pooled],
    [n2 - k2, n2 * (1 - pooled)],
  ];
  for (const [obs, exp] of cells) chisq += ((obs - exp) * (obs - exp)) / exp;
  out.chisq = chisq;
  out.p = chiSquaredUpperP(chisq, 1);
  return out;
}
