import { twoSidedNormalP } from './distributions';
import { rankSumOfFirst } from './rankSum';
import type { TestP } from './wilcoxonSignedRank';
import { sortedCopy } from './sortAscending';

/**
 * Two-sided p-value of the Wilcoxon rank-sum (Mann–Whitney) test:
 * R `wilcox.test(x, y, exact = FALSE, correct = TRUE)$p.value` — normal
 * approximation with continuity and tie correction. Inputs must be finite.
 */
export function mannWhitneyP(x: ArrayLike<number>, y: ArrayLike<number>): TestP {
  const n1 = x.length;
  const n2 = y.length;
  if (n1 === 0 || n2 === 0) {
    return { p: null, reason: 'one of the groups is empty, so the rank-sum test is undefined' };
  }
  const a = sortedCopy(x);
  const b = sortedCopy(y);
  const { rankSumA, tieTerm } = rankSumOfFirst(a, b);
  const w = rankSumA - (n1 * (n1 + 1)) / 2;
  let z = w - (n1 * n2) / 2;
  const nn = n1 + n2;
  const sigma = Math.sqrt(((n1 * n2) / 12) * (nn + 1 - tieTerm / (nn * (nn - 1))));
  if (!(sigma > 0)) {
    return { p: null, reason: 'all values are equal, so the rank-sum test is undefined' };
  }
  z = (z - Math.sign(z) * 0.5) / sigma;
  return { p: twoSidedNormalP(z) };
}
