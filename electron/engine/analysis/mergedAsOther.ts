/**
 * Which options of a filter (cohorts, or the values of one people attribute) are too small
 * to select or leave out on their own, and are offered together as "Other" instead.
 *
 * An option is small when its own participants or its own comparison people number more
 * than none but fewer than minGroupSize: selecting it alone, or everything but it, would
 * let two analyses differ by those few people. Small options go to "Other"; while "Other"
 * together is still small in a group, the smallest remaining option joins it. So every
 * option offered, "Other" included, has none or at least minGroupSize people in each group.
 */

export interface OptionCount {
  value: string;
  participants: number;
  comparison: number;
}

export const isFew = (n: number, minGroupSize: number): boolean => n > 0 && n < minGroupSize;

const isSmall = (o: OptionCount, min: number) => isFew(o.participants, min) || isFew(o.comparison, min);

/** The values merged into "Other", in the options' order; [] when every option stands on its own. */
export function mergedAsOther(options: readonly OptionCount[], minGroupSize: number): string[] {
  const other = new Set(options.filter((o) => isSmall(o, minGroupSize)));
  if (!other.size) return [];
  const total = { value: '', participants: 0, comparison: 0 };
  for (const o of other) {
    total.participants += o.participants;
    total.comparison += o.comparison;
  }
  // Smallest first: fewest people in the smaller group, then fewest in all, then by value.
  const size = (o: OptionCount) => Math.min(o.participants, o.comparison);
  const rest = options
    .filter((o) => !other.has(o))
    .sort((a, b) => size(a) - size(b) || a.participants + a.comparison - (b.participants + b.comparison) || (a.value < b.value ? -1 : a.value > b.value ? 1 : 0));
  for (const o of rest) {
    if (!isSmall(total, minGroupSize)) break;
    other.add(o);
    total.participants += o.participants;
    total.comparison += o.comparison;
  }
  return options.filter((o) => other.has(o)).map((o) => o.value);
}
