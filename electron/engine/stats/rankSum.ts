/**
 * Mid-ranks of two samples pooled together, as R `rank()` assigns them (ties get
 * the average rank, equality is exact floating-point equality).
 * Both inputs must be sorted ascending (Float64Array.prototype.sort). O(n1 + n2).
 */
export interface RankSum {
  /** Sum of the pooled ranks of the values of `a`. */
  rankSumA: number;
  /** Σ (t³ - t) over the tie groups t of the pooled sample (tie correction). */
  tieTerm: number;
}

export function rankSumOfFirst(a: Float64Array, b: Float64Array): RankSum {
  const na = a.length;
  const nb = b.length;
  let i = 0;
  let j = 0;
  let below = 0;
  let rankSumA = 0;
  let tieTerm = 0;
  while (i < na || j < nb) {
    let v: number;
    if (i < na && j < nb) v = Math.min(a[i]!, b[j]!);
    else v = i < na ? a[i]! : b[j]!;
    let ca = 0;
    while (i < na && a[i] === v) {
      i++;
      ca++;
    }
    let cb = 0;
    while (j < nb && b[j] === v) {
      j++;
      cb++;
    }
    const t = ca + cb;
    rankSumA += ca * (below + (t + 1) / 2);
    tieTerm += (t - 1) * t * (t + 1);
    below += t;
  }
  return { rankSumA, tieTerm };
}
