/**
 * How the report writes numbers. The charts' formatters (shared/charts/format), plus
 * the few compound forms of the report's tables. Tests format analyze()'s numbers with
 * these same functions to find them in the PDF's text.
 */
import { ciText, fewerThan, fixed, integer, isNum, pText, percent, signed } from '../../../shared/charts/format';

export { ciText, fewerThan, fixed, integer, isNum, pText, percent, signed };

/** A mean on the rating or survey scale: "3.35". */
export const mean = (x: number | null | undefined): string => fixed(x, 2);

/** A difference of means: "+0.35", "−0.02". */
export const diff = (x: number | null | undefined): string => signed(x, 2);

/** A difference of proportions in percentage points: "+6.1 points". */
export function pts(x: number | null | undefined, digits = 1): string {
  return isNum(x) ? `${signed(x * 100, digits)} points` : '–';
}

/** A confidence interval of a difference: "+0.23 to +0.47". */
export function range(low: number | null | undefined, high: number | null | undefined, f: (x: number) => string = (x) => signed(x, 2)): string {
  return isNum(low) && isNum(high) ? `${f(low)} to ${f(high)}` : '–';
}

/** A CI of a proportion difference, in points: "+2.5 to +9.7". */
export const rangePts = (low: number | null | undefined, high: number | null | undefined): string => range(low, high, (x) => signed(x * 100, 1));

/** A p-value for a table cell: "< 0.001", "0.034". */
export function pCell(p: number | null | undefined): string {
  if (!isNum(p)) return '–';
  return p < 0.001 ? '< 0.001' : p.toFixed(3);
}

/** Degrees of freedom: whole for the paired test, one decimal for Welch. */
export function df(x: number | null | undefined): string {
  if (!isNum(x)) return '–';
  return Number.isInteger(x) ? integer(x) : fixed(x, 1);
}

/** An effect size (Cohen's dz, Hedges' g) or a test statistic. */
export const stat = (x: number | null | undefined): string => fixed(x, 2);

/** 2025-11-23T10:15:00Z → "23 November 2025". */
export function longDate(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return d.toLocaleDateString('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });
}

/** "confidence 0.95" → "95%". */
export const confidencePct = (c: number): string => `${Math.round(c * 100)}%`;
