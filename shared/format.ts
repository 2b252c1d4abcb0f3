/**
 * How every number is written: in the engine's words, chart titles and tooltips, the pages'
 * tables and the report. One set, so a value reads the same wherever it appears; a value that
 * rounds to zero is "0.00", never "−0.00". Missing values (null, NaN) read "–".
 */

const MINUS = '\u2212';

export const isNum = (x: unknown): x is number => typeof x === 'number' && Number.isFinite(x);

/** 3.14159 → "3.14"; −0.5 → "−0.50" (a true minus sign). */
export function fixed(x: number | null | undefined, digits = 2): string {
  if (!isNum(x)) return '–';
  const s = Math.abs(x).toFixed(digits);
  return x < 0 && Number(s) !== 0 ? `${MINUS}${s}` : s;
}

/** A difference: "+0.35", "−0.02", "0.00". */
export function signed(x: number | null | undefined, digits = 2): string {
  if (!isNum(x)) return '–';
  const s = Math.abs(x).toFixed(digits);
  if (Number(s) === 0) return s;
  return `${x < 0 ? MINUS : '+'}${s}`;
}

/** 0.9123 → "91.2%". */
export function percent(x: number | null | undefined, digits = 1): string {
  return isNum(x) ? `${fixed(x * 100, digits)}%` : '–';
}

/** A share or a confidence level in whole percent: 0.95 → "95%". */
export const wholePercent = (x: number): string => `${Math.round(x * 100)}%`;

/** Difference of proportions in percentage points: 0.071 → "+7.1 points". */
export function points(x: number | null | undefined, digits = 1): string {
  return isNum(x) ? `${signed(x * 100, digits)} points` : '–';
}

/** A difference of proportions as a bare number of points: 0.071 → "+7.1". */
export const signedPoints = (x: number): string => signed(x * 100, 1);

/** 1234 → "1,234". */
export function integer(x: number | null | undefined): string {
  return isNum(x) ? Math.round(x).toLocaleString('en-US') : '–';
}

const countFormat = new Intl.NumberFormat('en-US');

/** A count of rows, files or people: 1234 → "1,234". */
export const formatCount = (n: number): string => countFormat.format(n);

/** "1 row", "2,000 rows". */
export const plural = (n: number, one: string, many = `${one}s`): string => `${formatCount(n)} ${n === 1 ? one : many}`;

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  if (bytes < 1024 * 1024 * 1024) return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
  return `${(bytes / 1024 / 1024 / 1024).toFixed(2)} GB`;
}

/** "p = 0.034", "p < 0.001". */
export function pText(p: number | null | undefined): string {
  if (!isNum(p)) return '–';
  return p < 0.001 ? 'p < 0.001' : `p = ${p.toFixed(3)}`;
}

/** A p-value for a table cell: "< 0.001", "0.034". */
export function pCell(p: number | null | undefined): string {
  if (!isNum(p)) return '–';
  return p < 0.001 ? '< 0.001' : p.toFixed(3);
}

export const confidenceLabel = (confidence = 0.95): string => `${wholePercent(confidence)} CI`;

/** "95% CI +0.22 to +0.40" */
export function ciText(
  low: number | null | undefined,
  high: number | null | undefined,
  confidence = 0.95,
  fmt: (x: number) => string = (x) => signed(x),
): string {
  return isNum(low) && isNum(high) ? `${confidenceLabel(confidence)} ${fmt(low)} to ${fmt(high)}` : `${confidenceLabel(confidence)} not available`;
}

/** A confidence interval of a difference: "+0.23 to +0.47". */
export function range(low: number | null | undefined, high: number | null | undefined, f: (x: number) => string = (x) => signed(x, 2)): string {
  return isNum(low) && isNum(high) ? `${f(low)} to ${f(high)}` : '–';
}

/** A CI of a proportion difference, in points: "+2.5 to +9.7". */
export const rangePoints = (low: number | null | undefined, high: number | null | undefined): string => range(low, high, signedPoints);

/** Degrees of freedom: whole for the paired test, one decimal for Welch. */
export function df(x: number | null | undefined): string {
  if (!isNum(x)) return '–';
  return Number.isInteger(x) ? integer(x) : fixed(x, 1);
}

/** Does the interval exclude zero? */
export function clearlyNonZero(low: number | null | undefined, high: number | null | undefined): boolean {
  return isNum(low) && isNum(high) && (low > 0 || high < 0);
}

export const fewerThan = (minGroupSize: number): string => `fewer than ${minGroupSize}`;

export function capitalise(s: string): string {
  return s ? `${s[0]!.toUpperCase()}${s.slice(1)}` : s;
}
