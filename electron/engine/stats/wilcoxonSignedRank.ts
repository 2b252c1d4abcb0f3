import { twoSidedNormalP } from './distributions';
import { rankSumOfFirst } from './rankSum';
import { sortAscending } from './sortAscending';

export interface TestP {
  p: number | null;
  reason?: string;
}

/**
 * Two-sided p-value of the Wilcoxon signed-rank test on the differences
 * after[i] - before[i]: R `wilcox.test(after, before, paired = TRUE, exact = FALSE,
 * correct = TRUE)$p.value` — normal approximation with continuity and tie
 * correction, zero differences dropped. Inputs must be finite and of equal length.
 */
export function wilcoxonSignedRankP(after: ArrayLike<number>, before: ArrayLike<number>): TestP {
  const len = after.length;
  let nPos = 0;
  let nNeg = 0;
  for (let i = 0; i < len; i++) {
    const d = after[i]! - before[i]!;
    if (d > 0) nPos++;
    else if (d < 0) nNeg++;
  }
  const n = nPos + nNeg;
  if (n === 0) {
    return {
      p: null,
      reason: len === 0 ? 'there are no pairs, so the signed-rank test is undefined' : 'all differences are zero, so the signed-rank test is undefined',
    };
  }
  const pos = new Float64Array(nPos);
  const neg = new Float64Array(nNeg);
  let ip = 0;
  let ineg = 0;
  for (let i = 0; i < len; i++) {
    const d = after[i]! - before[i]!;
    if (d > 0) pos[ip++] = d;
    else if (d < 0) neg[ineg++] = -d;
  }
  sortAscending(pos);
  sortAscending(neg);
  const { rankSumA: v, tieTerm } = rankSumOfFirst(pos, neg);
  let z = v - (n * (n + 1)) / 4;
  const sigma = Math.sqrt((n * (n + 1) * (2 * n + 1)) / 24 - tieTerm / 48);
  if (!(sigma > 0)) return { p: null, reason: 'the signed-rank statistic has no variance, so the test is undefined' };
  z = (z - Math.sign(z) * 0.5) / sigma;
  return { p: twoSidedNormalP(z) };
}
