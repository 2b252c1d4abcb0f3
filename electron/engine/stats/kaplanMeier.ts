import type { KmPoint } from '../../../shared/analysis';

/** A reading as R gives it: the number at risk is always known here (the analysis layer withholds). */
export type KmReading = Omit<KmPoint, 'suppressed' | 'atRisk'> & { atRisk: number };
import { checkConfidence, twoSidedZ } from './distributions';
import { splitSortedTimes } from './survivalInput';

/** The Kaplan–Meier step curve, one entry per distinct observed time (events or censorings). */
export interface KmCurve {
  /** Number of people (finite times). */
  n: number;
  time: number[];
  nRisk: number[];
  nEvent: number[];
  nCensor: number[];
  survival: number[];
  /** Log-type confidence bounds; null where survival is 0 (R gives NA). */
  lower: (number | null)[];
  upper: (number | null)[];
}

/**
 * Full Kaplan–Meier curve, equal to R `survfit(Surv(time, event) ~ 1,
 * conf.type = "log", conf.int = confidence)` (time, n.risk, n.event, n.censor,
 * surv, lower, upper). Greenwood variance; bounds exp(log S ± z·se), upper
 * clipped to 1. event: 1 (or true) = event, 0 (or false) = censored.
 * Entries with a non-finite time are dropped. O(n log n).
 */
export function kaplanMeierCurve(
  time: ArrayLike<number>,
  event: ArrayLike<number | boolean>,
  confidence = 0.95,
): KmCurve {
  checkConfidence(confidence);
  const { events, censored } = splitSortedTimes(time, event);
  const z = twoSidedZ(confidence);
  const ne = events.length;
  const nc = censored.length;
  const curve: KmCurve = { n: ne + nc, time: [], nRisk: [], nEvent: [], nCensor: [], survival: [], lower: [], upper: [] };
  let i = 0;
  let j = 0;
  let atRisk = ne + nc;
  let s = 1;
  let greenwood = 0;
  while (i < ne || j < nc) {
    let t: number;
    if (i < ne && j < nc) t = Math.min(events[i]!, censored[j]!);
    else t = i < ne ? events[i]! : censored[j]!;
    let d = 0;
    while (i < ne && events[i] === t) {
      i++;
      d++;
    }
    let c = 0;
    while (j < nc && censored[j] === t) {
      j++;
      c++;
    }
    if (d > 0) {
      if (d < atRisk) {
        s *= 1 - d / atRisk;
        greenwood += d / (atRisk * (atRisk - d));
      } else {
        s = 0;
      }
    }
    curve.time.push(t);
    curve.nRisk.push(atRisk);
    curve.nEvent.push(d);
    curve.nCensor.push(c);
    curve.survival.push(s);
    if (s > 0) {
      const se = Math.sqrt(greenwood);
      const logS = Math.log(s);
      curve.lower.push(Math.exp(logS - z * se));
      curve.upper.push(Math.min(1, Math.exp(logS + z * se)));
    } else {
      curve.lower.push(null);
      curve.upper.push(null);
    }
    atRisk -= d + c;
  }
  return curve;
}

/**
 * Kaplan–Meier survival read at the given horizons (returned in ascending
 * order), equal to R `summary(survfit(Surv(time, event) ~ 1, conf.type = "log",
 * conf.int = confidence), times = horizons, extend = TRUE)`: survival, lower,
 * upper and atRisk = n.risk. Where nobody is at risk any more (atRisk 0) the
 * survival and bounds are null (R would carry the last value forward); bounds are
 * also null where survival is 0 (R gives NA).
 */
export function kaplanMeier(
  time: ArrayLike<number>,
  event: ArrayLike<number | boolean>,
  horizons: readonly number[],
  confidence = 0.95,
): KmReading[] {
  for (const h of horizons) {
    if (!Number.isFinite(h)) throw new RangeError(`horizons must be finite numbers, got ${h}`);
  }
  const curve = kaplanMeierCurve(time, event, confidence);
  return kmAtHorizons(curve, horizons);
}

/** Reads a curve from `kaplanMeierCurve` at the horizons (ascending), as `kaplanMeier` does. */
export function kmAtHorizons(curve: KmCurve, horizons: readonly number[]): KmReading[] {
  const sorted = [...horizons].sort((a, b) => a - b);
  const times = curve.time;
  const m = times.length;
  return sorted.map((h) => {
    // first index with time >= h
    let lo = 0;
    let hi = m;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (times[mid]! < h) lo = mid + 1;
      else hi = mid;
    }
    const atRisk = lo < m ? curve.nRisk[lo]! : 0;
    if (atRisk === 0) return { days: h, survival: null, lower: null, upper: null, atRisk: 0 };
    // last index with time <= h
    const k = lo < m && times[lo] === h ? lo : lo - 1;
    if (k < 0) return { days: h, survival: 1, lower: 1, upper: 1, atRisk };
    return { days: h, survival: curve.survival[k] ?? null, lower: curve.lower[k] ?? null, upper: curve.upper[k] ?? null, atRisk };
  });
}
