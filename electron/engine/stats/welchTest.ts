import type { TwoGroup } from '../../../shared/analysis';
import { mean, sumOfSquares } from './descriptive';
import { checkConfidence, tQuantile, twoSidedTP } from './distributions';
import { finiteValues } from './finite';
import { mannWhitneyP } from './mannWhitney';

const EPS = Number.EPSILON;

/**
 * Two independent groups (x = group 1 = participants, y = group 2).
 * Equals R `t.test(x, y, conf.level = confidence)` (Welch: diff, ciLow, ciHigh,
 * t, df, p) and `wilcox.test(x, y, exact = FALSE, correct = TRUE)$p.value`.
 * hedgesG = (mean1 - mean2) / pooledSD * (1 - 3 / (4 (n1 + n2) - 9)) with
 * pooledSD = sqrt((Σ(x - mean1)² + Σ(y - mean2)²) / (n1 + n2 - 2)).
 * Non-finite values are dropped (as R drops NA). Numbers that cannot be computed
 * are null and `reason` says why.
 */
export function welchTest(x: ArrayLike<number>, y: ArrayLike<number>, confidence = 0.95): TwoGroup {
  checkConfidence(confidence);
  const xs = finiteValues(x);
  const ys = finiteValues(y);
  const n1 = xs.length;
  const n2 = ys.length;
  const out: TwoGroup = {
    n1,
    n2,
    mean1: null,
    mean2: null,
    diff: null,
    ciLow: null,
    ciHigh: null,
    t: null,
    df: null,
    p: null,
    hedgesG: null,
    mannWhitneyP: null,
  };
  const m1 = n1 > 0 ? mean(xs) : NaN;
  const m2 = n2 > 0 ? mean(ys) : NaN;
  if (n1 > 0) out.mean1 = m1;
  if (n2 > 0) out.mean2 = m2;
  if (n1 === 0 || n2 === 0) {
    out.reason =
      n1 === 0 && n2 === 0 ? 'both groups are empty' : n1 === 0 ? 'group 1 has no values' : 'group 2 has no values';
    return out;
  }
  out.diff = m1 - m2;
  const reasons: string[] = [];
  const ss1 = sumOfSquares(xs, m1);
  const ss2 = sumOfSquares(ys, m2);
  const scale = 10 * EPS * Math.max(Math.abs(m1), Math.abs(m2));

  if (n1 < 2 || n2 < 2) {
    reasons.push('the t-test needs at least 2 values in each group');
  } else {
    const se1sq = ss1 / (n1 - 1) / n1;
    const se2sq = ss2 / (n2 - 1) / n2;
    const stderr = Math.sqrt(se1sq + se2sq);
    if (stderr === 0 || stderr < scale) {
      reasons.push('all values are the same within each group, so the t-test is undefined');
    } else {
      const df = (stderr * stderr * stderr * stderr) / ((se1sq * se1sq) / (n1 - 1) + (se2sq * se2sq) / (n2 - 1));
      const t = (m1 - m2) / stderr;
      const q = tQuantile(1 - (1 - confidence) / 2, df);
      out.t = t;
      out.df = df;
      out.p = twoSidedTP(t, df);
      out.ciLow = (t - q) * stderr;
      out.ciHigh = (t + q) * stderr;
    }
  }

  const nn = n1 + n2;
  if (nn <= 2) {
    reasons.push("Hedges' g needs at least 3 values in all");
  } else {
    const sp = Math.sqrt((ss1 + ss2) / (nn - 2));
    if (sp === 0 || !(sp > scale)) {
      reasons.push("all values are the same within each group, so Hedges' g is undefined");
    } else {
      out.hedgesG = ((m1 - m2) / sp) * (1 - 3 / (4 * nn - 9));
    }
  }

  const mw = mannWhitneyP(xs, ys);
  out.mannWhitneyP = mw.p;
  if (mw.reason) reasons.push(mw.reason);
  if (reasons.length > 0) out.reason = reasons.join('; ');
  return out;
}
