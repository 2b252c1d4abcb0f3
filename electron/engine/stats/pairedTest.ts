import type { Paired } from '../../../shared/analysis';
import { mean, variance } from './descriptive';
import { checkConfidence, tQuantile, twoSidedTP } from './distributions';
import { finitePairs } from './finite';
import { wilcoxonSignedRankP } from './wilcoxonSignedRank';

const EPS = Number.EPSILON;

/**
 * Paired comparison of after vs before (same people, same order).
 * Equals R `t.test(after, before, paired = TRUE, conf.level = confidence)`
 * (meanDiff, ciLow, ciHigh, t, df, p), Cohen's dz = mean(d) / sd(d) with
 * d = after - before, and R `wilcox.test(after, before, paired = TRUE,
 * exact = FALSE, correct = TRUE)$p.value`.
 * Pairs with a non-finite value are dropped (as R drops NA pairs).
 * Numbers that cannot be computed are null and `reason` says why; dz is
 * reported only when the t-test is defined.
 */
export function pairedTest(after: ArrayLike<number>, before: ArrayLike<number>, confidence = 0.95): Paired {
  checkConfidence(confidence);
  const [a, b] = finitePairs(after, before);
  const n = a.length;
  const out: Paired = {
    n,
    meanBefore: null,
    meanAfter: null,
    meanDiff: null,
    ciLow: null,
    ciHigh: null,
    t: null,
    df: null,
    p: null,
    cohenDz: null,
    wilcoxonP: null,
  };
  if (n === 0) {
    out.reason = 'no one has both a before and an after value';
    return out;
  }
  const reasons: string[] = [];
  out.meanBefore = mean(b);
  out.meanAfter = mean(a);
  const d = new Float64Array(n);
  for (let i = 0; i < n; i++) d[i] = a[i]! - b[i]!;
  const md = mean(d);
  out.meanDiff = md;

  if (n < 2) {
    reasons.push('the t-test needs at least 2 pairs');
  } else {
    const v = variance(d, md);
    const stderr = Math.sqrt(v / n);
    if (stderr === 0 || stderr < 10 * EPS * Math.abs(md)) {
      reasons.push('all differences are the same, so the t-test and effect size are undefined');
    } else {
      const df = n - 1;
      const t = md / stderr;
      const q = tQuantile(1 - (1 - confidence) / 2, df);
      out.t = t;
      out.df = df;
      out.p = twoSidedTP(t, df);
      out.ciLow = (t - q) * stderr;
      out.ciHigh = (t + q) * stderr;
      out.cohenDz = md / Math.sqrt(v);
    }
  }

  const w = wilcoxonSignedRankP(a, b);
  out.wilcoxonP = w.p;
  if (w.reason) reasons.push(w.reason);
  if (reasons.length > 0) out.reason = reasons.join('; ');
  return out;
}
