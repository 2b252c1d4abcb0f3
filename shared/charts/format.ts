/** Number and sentence formatting for chart titles, labels and tooltips. */

const MINUS = '\u2212';

export const isNum = (x: unknown): x is number => typeof x === 'number' && Number.isFinite(x);

export function fixed(x: number | null | undefined, digits = 2): string {
  if (!isNum(x)) return '–';
  const s = Math.abs(x).toFixed(digits);
  return x < 0 && Number(s) !== 0 ? `${MINUS}${s}` : s;
}

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

/** Difference of proportions in percentage points: 0.071 → "+7.1 points". */
export function points(x: number | null | undefined, digits = 1): string {
  return isNum(x) ? `${signed(x * 100, digits)} points` : '–';
}

export function integer(x: number | null | undefined): string {
  return isNum(x) ? Math.round(x).toLocaleString('en-US') : '–';
}

export function pText(p: number | null | undefined): string {
  if (!isNum(p)) return '–';
  return p < 0.001 ? 'p < 0.001' : `p = ${p.toFixed(3)}`;
}

export const confidenceLabel = (confidence = 0.95): string => `${Math.round(confidence * 100)}% CI`;

/** "95% CI +0.22 to +0.40" */
export function ciText(
  low: number | null | undefined,
  high: number | null | undefined,
  confidence = 0.95,
  fmt: (x: number) => string = (x) => signed(x),
): string {
  return isNum(low) && isNum(high) ? `${confidenceLabel(confidence)} ${fmt(low)} to ${fmt(high)}` : `${confidenceLabel(confidence)} not available`;
}

/** Does the interval exclude zero? */
export function clearlyNonZero(low: number | null | undefined, high: number | null | undefined): boolean {
  return isNum(low) && isNum(high) && (low > 0 || high < 0);
}

export const fewerThan = (minGroupSize: number): string => `fewer than ${minGroupSize}`;

export function capitalise(s: string): string {
  return s ? `${s[0]!.toUpperCase()}${s.slice(1)}` : s;
}

/** Splits a sentence into lines of at most `maxChars` characters, at spaces (titles do not wrap by themselves). */
export function wrap(text: string, maxChars: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    if (line && line.length + 1 + word.length > maxChars) {
      lines.push(line);
      line = word;
    } else {
      line = line ? `${line} ${word}` : word;
    }
  }
  if (line) lines.push(line);
  return lines;
}

/** "12 months before" / "6–18 months after" from the measurement windows, in months when they are round. */
export function periodLabels(windows?: { preDays: number; postStartDays: number; postEndDays: number }): [string, string] {
  if (!windows) return ['Before', 'After'];
  const span = (days: number) => {
    const months = days / (365.25 / 12);
    return Math.abs(months - Math.round(months)) < 0.2 ? { v: Math.round(months), u: 'months' } : { v: days, u: 'days' };
  };
  const pre = span(windows.preDays);
  const a = span(windows.postStartDays);
  const b = span(windows.postEndDays);
  const after = a.u === b.u ? `${a.v}–${b.v} ${b.u} after` : `${windows.postStartDays}–${windows.postEndDays} days after`;
  return [`${pre.v} ${pre.u} before`, after];
}
