/**
 * Secondary (complementary) suppression.
 *
 * Results broken down into units (the segments of one attribute, or the cohorts)
 * add up: the units' group sizes — and sums such as n × mean — add up to the
 * overall result that is shown elsewhere. Hiding only the small cells is then not
 * enough: overall minus the shown units gives the hidden cell back. So, per
 * reported result ("family": e.g. the survey difference-in-differences of every
 * segment of `department`):
 *
 *   Let H be the units whose cell of the family is hidden and that have people in
 *   it. H must not be a single cell (its numbers would be overall minus shown), and
 *   for every counted group (participants, comparison) the total over H — which
 *   anyone can work out as overall minus shown — must be 0 or at least
 *   minGroupSize. While either fails, hide the cell of the smallest unit still
 *   shown (smallest in the offending group, then overall, then first in order).
 *
 * So subtraction reveals only the combined figures of two or more hidden cells
 * holding together at least minGroupSize people, never one cell. Hiding a unit's
 * cell in the "whole unit" family (a segment's headcounts) hides all its cells;
 * the rule is re-applied until nothing changes.
 */

export interface Cell {
  /** Group sizes behind the cell, e.g. [participants, comparison]; [] counts nothing. */
  counts: number[];
  hidden: boolean;
}

/** families[f][u]: the cell of unit u in family f, or null when unit u has no such result. */
export function protectByComplement(families: (Cell | null)[][], minGroupSize: number, wholeUnitFamily: number | null = null): void {
  const hideUnit = (u: number) => {
    for (const fam of families) {
      const c = fam[u];
      if (c) c.hidden = true;
    }
  };
  let changed = true;
  while (changed) {
    changed = false;
    families.forEach((fam, f) => {
      for (;;) {
        const width = Math.max(0, ...fam.map((c) => c?.counts.length ?? 0));
        const sums = new Array<number>(width).fill(0);
        let withPeople = 0;
        for (const c of fam) {
          if (!c?.hidden) continue;
          c.counts.forEach((n, j) => (sums[j] = sums[j]! + n));
          if (c.counts.some((n) => n > 0)) withPeople++;
        }
        let bad = sums.findIndex((s) => s > 0 && s < minGroupSize);
        if (bad < 0 && withPeople === 1) bad = sums.indexOf(Math.min(...sums.filter((s) => s > 0)));
        if (bad < 0) break;
        let pick = -1;
        fam.forEach((c, u) => {
          if (!c || c.hidden) return;
          if (pick < 0) {
            pick = u;
            return;
          }
          const best = fam[pick]!;
          const a = c.counts[bad] ?? 0;
          const b = best.counts[bad] ?? 0;
          const ta = c.counts.reduce((s, x) => s + x, 0);
          const tb = best.counts.reduce((s, x) => s + x, 0);
          if (a < b || (a === b && ta < tb)) pick = u;
        });
        if (pick < 0) break; // everything is hidden already
        if (f === wholeUnitFamily) hideUnit(pick);
        else fam[pick]!.hidden = true;
        changed = true;
      }
    });
  }
}
