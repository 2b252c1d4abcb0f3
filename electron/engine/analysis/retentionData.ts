import { dayNumber } from './columns';
import type { Units } from './measurements';
import { NO_END, PARTICIPANTS } from './population';
import type { PeopleModel } from './population';
import type { RateCounts, SurvivalGroup } from './results';

/**
 * Survival data: time = days from the index to the termination (event) or to
 * the as-of date (censored), for each employment spell running at the index. 12-month rate:
 * over people indexed at least `rateDays` before the as-of date, stayed = not terminated
 * within `rateDays` of the index (time <= rateDays with an event counts as left).
 */
export class Retention {
  private readonly asOf: number;

  constructor(
    private readonly model: PeopleModel,
    asOf: string,
    private readonly rateDays = 365,
  ) {
    this.asOf = dayNumber(asOf);
  }

  /** Survival groups and 12-month counts of the given units (all headline units when omitted). */
  split(units?: Units): RetentionSplit {
    const m = this.model;
    const { spellStart, hire, term } = m;
    const asOf = this.asOf;
    const rateDays = this.rateDays;
    const ids = units instanceof Int32Array ? units : null;
    const from = ids ? 0 : units ? (units as { from: number }).from : 0;
    const to = ids ? ids.length : units ? (units as { to: number }).to : m.n;
    const builders = [new TimeBuilder(), new TimeBuilder()];
    const rate: RateCounts = { n1: 0, k1: 0, n2: 0, k2: 0 };
    for (let x = from; x < to; x++) {
      const u = ids ? ids[x]! : x;
      const g = m.unitGrp[u] === PARTICIPANTS ? 0 : 1;
      const pid = u < m.n ? u : m.unitPid[u - m.n]!;
      const index = u < m.n ? m.index[u]! : m.unitIndex[u - m.n]!;
      const eligible = index <= asOf - rateDays;
      const b = builders[g]!;
      for (let s = spellStart[pid]!; s < spellStart[pid + 1]!; s++) {
        const t = term[s]!;
        if (hire[s]! > index || t <= index) continue;
        const event = t === NO_END ? 0 : 1;
        const time = (t === NO_END ? asOf : t) - index;
        b.push(time, event);
        if (!eligible) continue;
        const stayed = !(event === 1 && time <= rateDays);
        if (g === 0) {
          rate.n1++;
          if (stayed) rate.k1++;
        } else {
          rate.n2++;
          if (stayed) rate.k2++;
        }
      }
    }
    return { participants: builders[0]!.build(), comparison: builders[1]!.build(), rate };
  }

  /** 12-month counts per headline person: [n, k] of person p at 2p, 2p + 1. */
  rateByPerson(): Int32Array {
    const m = this.model;
    const { spellStart, hire, term } = m;
    const out = new Int32Array(2 * m.n);
    for (let p = 0; p < m.n; p++) {
      const index = m.index[p]!;
      if (index > this.asOf - this.rateDays) continue;
      for (let s = spellStart[p]!; s < spellStart[p + 1]!; s++) {
        const t = term[s]!;
        if (hire[s]! > index || t <= index) continue;
        out[2 * p]!++;
        if (!(t !== NO_END && t - index <= this.rateDays)) out[2 * p + 1]!++;
      }
    }
    return out;
  }
}

export interface RetentionSplit {
  participants: SurvivalGroup;
  comparison: SurvivalGroup;
  rate: RateCounts;
}

/** Collects (time, event) pairs and returns them sorted by time (counting sort on whole days). */
class TimeBuilder {
  private time = new Int32Array(1024);
  private event = new Uint8Array(1024);
  private n = 0;

  push(time: number, event: 0 | 1): void {
    if (this.n === this.time.length) {
      const t = new Int32Array(this.n * 2);
      t.set(this.time);
      this.time = t;
      const e = new Uint8Array(this.n * 2);
      e.set(this.event);
      this.event = e;
    }
    this.time[this.n] = time;
    this.event[this.n] = event;
    this.n++;
  }

  build(): SurvivalGroup {
    const n = this.n;
    const time = new Float64Array(n);
    const event = new Uint8Array(n);
    if (n === 0) return { time, event };
    let lo = this.time[0]!;
    let hi = lo;
    for (let i = 1; i < n; i++) {
      const t = this.time[i]!;
      if (t < lo) lo = t;
      else if (t > hi) hi = t;
    }
    const range = hi - lo + 1;
    if (range > 4 * n + 65_536) {
      // sparse times: sort indices
      const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => this.time[a]! - this.time[b]!);
      order.forEach((i, j) => {
        time[j] = this.time[i]!;
        event[j] = this.event[i]!;
      });
      return { time, event };
    }
    const start = new Int32Array(range + 1);
    for (let i = 0; i < n; i++) start[this.time[i]! - lo + 1]!++;
    for (let r = 0; r < range; r++) start[r + 1]! += start[r]!;
    for (let i = 0; i < n; i++) {
      const j = start[this.time[i]! - lo]!++;
      time[j] = this.time[i]!;
      event[j] = this.event[i]!;
    }
    return { time, event };
  }
}
