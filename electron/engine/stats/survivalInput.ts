/** Validation shared by the survival functions. */
import { sortAscending } from './sortAscending';

/** 1 for an event (1 or true), 0 for censored (0 or false); throws on anything else. */
export function eventFlag(e: number | boolean | undefined, i: number): 0 | 1 {
  if (e === 1 || e === true) return 1;
  if (e === 0 || e === false) return 0;
  throw new RangeError(`event[${i}] must be 0 or 1, got ${String(e)}`);
}

export function checkSameLength(what: string, a: ArrayLike<unknown>, b: ArrayLike<unknown>): void {
  if (a.length !== b.length) {
    throw new RangeError(`${what} must have the same length (${a.length} and ${b.length})`);
  }
}

/**
 * Event and censoring times, each sorted ascending; entries with a non-finite
 * time are dropped (as R drops NA).
 */
export function splitSortedTimes(
  time: ArrayLike<number>,
  event: ArrayLike<number | boolean>,
): { events: Float64Array; censored: Float64Array } {
  checkSameLength('time and event', time, event);
  const n = time.length;
  let ne = 0;
  let nc = 0;
  for (let i = 0; i < n; i++) {
    if (!Number.isFinite(time[i])) continue;
    if (eventFlag(event[i], i) === 1) ne++;
    else nc++;
  }
  const events = new Float64Array(ne);
  const censored = new Float64Array(nc);
  ne = 0;
  nc = 0;
  for (let i = 0; i < n; i++) {
    const t = time[i]!;
    if (!Number.isFinite(t)) continue;
    if (event[i] === 1 || event[i] === true) events[ne++] = t;
    else censored[nc++] = t;
  }
  sortAscending(events);
  sortAscending(censored);
  return { events, censored };
}
