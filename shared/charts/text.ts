/** Text layout of chart titles and period labels; numbers are written by shared/format. */

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
