import type { LogRank } from '../../../shared/analysis';
import { chiSquaredUpperP } from './distributions';
import { checkSameLength, eventFlag } from './survivalInput';
import { sortAscending } from './sortAscending';

export interface LogRankResult extends LogRank {
  reason?: string;
}

/**
 * Log-rank test for k ≥ 2 groups, equal to R `survdiff(Surv(time, event) ~ group)`:
 * chisq = (O - E)ᵀ V⁻ (O - E) over the groups with a positive expected count
 * (one of them dropped, as survdiff does), df = (number of such groups) - 1,
 * p = pchisq(chisq, df, lower.tail = FALSE).
 * event: 1 (or true) = event, 0 (or false) = censored. Entries with a non-finite
 * time are dropped. Not computable → chisq, df, p null and `reason` says why.
 */
export function logRank(
  time: ArrayLike<number>,
  event: ArrayLike<number | boolean>,
  group: ArrayLike<number | string>,
): LogRankResult {
  checkSameLength('time and event', time, event);
  checkSameLength('time and group', time, group);
  const n = time.length;

  // group index per person, and group sizes
  const index = new Map<number | string, number>();
  const gi = new Int32Array(n);
  const size: number[] = [];
  const eventCount: number[] = [];
  for (let i = 0; i < n; i++) {
    const flag = eventFlag(event[i], i);
    if (!Number.isFinite(time[i])) {
      gi[i] = -1;
      continue;
    }
    const key = group[i]!;
    let g = index.get(key);
    if (g === undefined) {
      g = index.size;
      index.set(key, g);
      size.push(0);
      eventCount.push(0);
    }
    gi[i] = g;
    size[g]!++;
    eventCount[g]! += flag;
  }
  const k = index.size;
  if (k < 2) return none(k === 0 ? 'there are no people to compare' : 'there is only one group, so there is nothing to compare');

  // per group, all times and event times, each sorted (segments of two shared buffers)
  const allStart = new Int32Array(k + 1);
  const evStart = new Int32Array(k + 1);
  for (let g = 0; g < k; g++) {
    allStart[g + 1] = allStart[g]! + size[g]!;
    evStart[g + 1] = evStart[g]! + eventCount[g]!;
  }
  const allTimes = new Float64Array(allStart[k]!);
  const evTimes = new Float64Array(evStart[k]!);
  const allFill = allStart.slice(0, k);
  const evFill = evStart.slice(0, k);
  for (let i = 0; i < n; i++) {
    const g = gi[i]!;
    if (g < 0) continue;
    const t = time[i]!;
    allTimes[allFill[g]!++] = t;
    if (event[i] === 1 || event[i] === true) evTimes[evFill[g]!++] = t;
  }
  for (let g = 0; g < k; g++) {
    sortAscending(allTimes.subarray(allStart[g]!, allStart[g + 1]!));
    sortAscending(evTimes.subarray(evStart[g]!, evStart[g + 1]!));
  }
  return logRankSorted({ allTimes, allStart, evTimes, evStart });
}

/** Survival data of one group, sorted by time (finite times; event 1 = event, 0 = censored). */
export interface SortedSurvival {
  time: Float64Array;
  event: Uint8Array;
}

/**
 * logRank of groups whose times are already sorted ascending (the analyses' survival data
 * comes out of a counting sort): no group keys to look up and nothing to sort.
 */
export function logRankOfSortedGroups(groups: SortedSurvival[]): LogRankResult {
  const k = groups.length;
  const allStart = new Int32Array(k + 1);
  const evStart = new Int32Array(k + 1);
  for (let g = 0; g < k; g++) {
    const { time, event } = groups[g]!;
    checkSameLength('time and event', time, event);
    let events = 0;
    for (let i = 0; i < event.length; i++) events += event[i]!;
    allStart[g + 1] = allStart[g]! + time.length;
    evStart[g + 1] = evStart[g]! + events;
  }
  const allTimes = new Float64Array(allStart[k]!);
  const evTimes = new Float64Array(evStart[k]!);
  for (let g = 0; g < k; g++) {
    const { time, event } = groups[g]!;
    allTimes.set(time, allStart[g]!);
    let q = evStart[g]!;
    for (let i = 0; i < time.length; i++) if (event[i]) evTimes[q++] = time[i]!;
  }
  const present = groups.filter((g) => g.time.length > 0).length;
  if (present < 2) return none(present === 0 ? 'there are no people to compare' : 'there is only one group, so there is nothing to compare');
  return logRankSorted({ allTimes, allStart, evTimes, evStart });
}

const none = (reason: string): LogRankResult => ({ chisq: null, df: null, p: null, reason });

/** Per group g: all times in allTimes[allStart[g], allStart[g + 1]), event times likewise in evTimes; each segment ascending. */
interface SortedSegments {
  allTimes: Float64Array;
  allStart: Int32Array;
  evTimes: Float64Array;
  evStart: Int32Array;
}

function logRankSorted({ allTimes, allStart, evTimes, evStart }: SortedSegments): LogRankResult {
  const k = allStart.length - 1;
  if (evTimes.length === 0) return none('there are no events, so the log-rank test is undefined');

  const observed = new Float64Array(k);
  const expected = new Float64Array(k);
  const v = new Float64Array(k * k);
  const riskPtr = allStart.slice(0, k);
  const evPtr = evStart.slice(0, k);
  const nRisk = new Float64Array(k);
  const nDead = new Float64Array(k);
  for (;;) {
    // the next event time: the smallest unread one over the groups
    let t = Infinity;
    for (let g = 0; g < k; g++) if (evPtr[g]! < evStart[g + 1]! && evTimes[evPtr[g]!]! < t) t = evTimes[evPtr[g]!]!;
    if (t === Infinity) break;
    let total = 0;
    let deaths = 0;
    for (let g = 0; g < k; g++) {
      let r = riskPtr[g]!;
      const rEnd = allStart[g + 1]!;
      while (r < rEnd && allTimes[r]! < t) r++;
      riskPtr[g] = r;
      nRisk[g] = rEnd - r;
      let q = evPtr[g]!;
      const qEnd = evStart[g + 1]!;
      let dg = 0;
      while (q < qEnd && evTimes[q]! <= t) {
        if (evTimes[q] === t) dg++;
        q++;
      }
      evPtr[g] = q;
      nDead[g] = dg;
      total += nRisk[g]!;
      deaths += dg;
    }
    for (let g = 0; g < k; g++) {
      observed[g]! += nDead[g]!;
      expected[g]! += (deaths * nRisk[g]!) / total;
    }
    if (total > 1) {
      const kt = (deaths * (total - deaths)) / (total * (total - 1));
      for (let a = 0; a < k; a++) {
        const ta = kt * nRisk[a]!;
        if (ta === 0) continue;
        v[a * k + a]! += ta;
        for (let b = 0; b < k; b++) v[a * k + b]! -= (ta * nRisk[b]!) / total;
      }
    }
  }

  const keep: number[] = [];
  for (let g = 0; g < k; g++) if (expected[g]! > 0) keep.push(g);
  if (keep.length < 2) return none('fewer than two groups have anyone at risk when events happen, so there is nothing to compare');

  // solve V[-1,-1] x = (O - E)[-1] over the kept groups; chisq = x · (O - E)[-1]
  const idx = keep.slice(1);
  const m = idx.length;
  const a = new Float64Array(m * m);
  const rhs = new Float64Array(m);
  for (let r = 0; r < m; r++) {
    rhs[r] = observed[idx[r]!]! - expected[idx[r]!]!;
    for (let c = 0; c < m; c++) a[r * m + c] = v[idx[r]! * k + idx[c]!]!;
  }
  const x = solve(a, rhs, m);
  if (x === null) return none('the variance matrix of the log-rank test is singular, so the test is undefined');
  let chisq = 0;
  for (let r = 0; r < m; r++) chisq += x[r]! * rhs[r]!;
  if (!Number.isFinite(chisq)) return none('the log-rank statistic could not be computed');
  chisq = Math.max(0, chisq);
  const df = m;
  return { chisq, df, p: chiSquaredUpperP(chisq, df) };
}

/** Gaussian elimination with partial pivoting; null when the matrix is (numerically) singular. */
function solve(a: Float64Array, b: Float64Array, m: number): Float64Array | null {
  const x = Float64Array.from(b);
  let scale = 0;
  for (let i = 0; i < m * m; i++) scale = Math.max(scale, Math.abs(a[i]!));
  if (!(scale > 0)) return null;
  const tol = scale * m * Number.EPSILON;
  for (let col = 0; col < m; col++) {
    let piv = col;
    for (let r = col + 1; r < m; r++) if (Math.abs(a[r * m + col]!) > Math.abs(a[piv * m + col]!)) piv = r;
    if (!(Math.abs(a[piv * m + col]!) > tol)) return null;
    if (piv !== col) {
      for (let c = 0; c < m; c++) {
        const tmp = a[col * m + c]!;
        a[col * m + c] = a[piv * m + c]!;
        a[piv * m + c] = tmp;
      }
      const tmp = x[col]!;
      x[col] = x[piv]!;
      x[piv] = tmp;
    }
    const p = a[col * m + col]!;
    for (let r = col + 1; r < m; r++) {
      const f = a[r * m + col]! / p;
      if (f === 0) continue;
      for (let c = col; c < m; c++) a[r * m + c]! -= f * a[col * m + c]!;
      x[r]! -= f * x[col]!;
    }
  }
  for (let r = m - 1; r >= 0; r--) {
    let s = x[r]!;
    for (let c = r + 1; c < m; c++) s -= a[r * m + c]! * x[c]!;
    x[r] = s / a[r * m + r]!;
  }
  return x;
}
