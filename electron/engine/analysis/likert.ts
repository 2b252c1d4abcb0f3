import type { AnalysisConfig, LikertDistribution, LikertItem, LikertLevel, Paired } from '../../../shared/analysis';
import { holmAdjust } from '../stats/holmAdjust';
import { PAIRED_KEYS, pairedResult, suppressed } from './results';
import { MAX_LEVELS } from './surveyData';
import type { ItemTally, LikertInput } from './surveyData';
import { describeLikertItem, describePaired } from './words';

/**
 * Withholds small level cells of one distribution (no cell of fewer than
 * minGroupSize people), and enough others that none can be worked out from what stays.
 * `people[i]` = distinct people at level i; `disjoint` = nobody is at two levels (each
 * person gave one answer), so the people of several levels add up.
 *
 * - a level chosen by 1 … minGroupSize − 1 people is withheld (count and share null);
 * - n minus the shown levels gives the withheld levels' total, and the top-2-box share the
 *   total of those among the two best: so within each side (the two best levels, the
 *   others) the withheld levels must be none, or at least two that together hold no
 *   answers or at least minGroupSize people (their people added up when `disjoint`, else
 *   the largest level's, a lower bound). While a side fails, the smallest level still shown
 *   on it (fewest answers) is withheld too. When a side cannot be protected that way, the
 *   top-2-box share is withheld and the rule applies to all levels at once;
 * - the mean is withheld whenever a level is (with n and the shown levels it would pin the
 *   withheld counts down).
 *
 * Off-scale answers (counted in n only) are never shown on their own; they stay in the totals.
 */
export function protectLevels(
  levels: LikertLevel[],
  people: readonly number[],
  disjoint: boolean,
  top: (level: number) => boolean,
  m: number,
): { top2Hidden: boolean; anyHidden: boolean } {
  const at = levels.map((l, i) => ({ l, answers: l.count ?? 0, people: people[i] ?? 0 }));
  type Cell = (typeof at)[number];
  const hide = (c: Cell) => {
    c.l.suppressed = true;
  };
  for (const c of at) if (c.people > 0 && c.people < m) hide(c);
  if (!at.some((c) => c.l.suppressed)) return { top2Hidden: false, anyHidden: false };
  /** Makes the withheld levels within `side` safe; false when that is impossible. */
  const protect = (side: Cell[]): boolean => {
    for (;;) {
      const hidden = side.filter((c) => c.l.suppressed);
      const answers = hidden.reduce((s, c) => s + c.answers, 0);
      const group = disjoint ? hidden.reduce((s, c) => s + c.people, 0) : Math.max(0, ...hidden.map((c) => c.people));
      if (hidden.length === 0 || (hidden.length >= 2 && (answers === 0 || group >= m))) return true;
      const shown = side.filter((c) => !c.l.suppressed);
      // one more level; to reach enough people, one with answers
      const pool = hidden.length >= 2 ? shown.filter((c) => c.answers > 0) : shown;
      if (pool.length === 0) return false;
      hide(pool.reduce((a, b) => (b.answers < a.answers ? b : a)));
    }
  };
  let top2Hidden = false;
  if (!(protect(at.filter((c) => top(c.l.level))) && protect(at.filter((c) => !top(c.l.level))))) {
    top2Hidden = true;
    if (!protect(at)) for (const c of at) hide(c);
  }
  for (const l of levels) {
    if (l.suppressed) {
      l.count = null;
      l.share = null;
    }
  }
  return { top2Hidden, anyHidden: true };
}

function distribution(t: ItemTally | undefined, config: AnalysisConfig, reversed: boolean): LikertDistribution {
  const m = config.minGroupSize;
  if (!t || t.people < m) {
    return { suppressed: true, reason: `fewer than ${m} people answered`, n: null, people: null, levels: null, mean: null, top2Box: null };
  }
  const { scaleMin, scaleMax } = config.survey;
  const recode = (s: number) => (reversed ? scaleMin + scaleMax - s : s);
  const isTop = (s: number) => recode(s) >= scaleMax - 1;
  let n = 0;
  let sum = 0;
  let top = 0;
  for (const [score, count] of t.byScore) {
    n += count;
    sum += recode(score) * count;
    if (isTop(score)) top += count;
  }
  const out: LikertDistribution = { n, people: t.people, levels: null, mean: sum / n, top2Box: top / n };
  const lo = Math.ceil(scaleMin);
  const hi = Math.floor(scaleMax);
  if (hi >= lo && hi - lo < MAX_LEVELS) {
    const levels: LikertLevel[] = [];
    const people: number[] = [];
    for (let level = lo; level <= hi; level++) {
      const count = t.byScore.get(level) ?? 0;
      levels.push({ level, count, share: count / n });
      people.push(t.peopleByScore.get(level) ?? 0);
    }
    const { top2Hidden, anyHidden } = protectLevels(levels, people, n === t.people, isTop, m);
    out.levels = levels;
    if (anyHidden) out.mean = null;
    if (top2Hidden) out.top2Box = null;
  }
  return out;
}

/**
 * Item-level survey results (the Likert items), over the people of the
 * headline groups, items in natural name order (ENG2 before ENG10). Participants' before
 * and after answers: per person and item, the latest day in the before window and the
 * earliest in the after window on which they answered the item (windows around their
 * headline index; chosen in the database, surveyData.ts).
 */
export function likertItems(config: AnalysisConfig, input: LikertInput): LikertItem[] {
  const m = config.minGroupSize;
  const reversedSet = new Set(config.survey.reverseItems);
  const { before, after, pairs } = input;
  const tally = (t: ItemTally) => (t.people > 0 ? t : undefined);

  const results: LikertItem[] = [];
  input.items.forEach((item, i) => {
    const all = input.all[i];
    if (!all) return;
    const reversed = reversedSet.has(item);
    const what = `score on ${item}`;
    const allD = distribution(all, config, reversed);
    if (allD.suppressed) {
      const reason = `fewer than ${m} people answered this item`;
      const gone: LikertDistribution = { suppressed: true, reason, n: null, people: null, levels: null, mean: null, top2Box: null };
      results.push({
        item,
        reversed,
        suppressed: true,
        reason,
        all: gone,
        before: gone,
        after: gone,
        beforeAfter: describePaired(suppressed<Paired>(PAIRED_KEYS, reason), what, config),
        pHolm: null,
      });
      return;
    }
    results.push({
      item,
      reversed,
      all: allD,
      before: distribution(tally(before[i]!), config, reversed),
      after: distribution(tally(after[i]!), config, reversed),
      beforeAfter: pairedResult(pairs[i]!.before, pairs[i]!.after, config, what),
      pHolm: null,
    });
  });
  const adjusted = holmAdjust(results.map((r) => r.beforeAfter.p));
  return results.map((r, i) => describeLikertItem({ ...r, pHolm: adjusted[i] ?? null }, config));
}
