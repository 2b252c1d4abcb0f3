/** Calendar dates as whole days since 1970-01-01 (UTC), so no time zone ever gets in. */
export type Day = number;

const MS_PER_DAY = 86_400_000;

export function day(year: number, month: number, date: number): Day {
  return Date.UTC(year, month - 1, date) / MS_PER_DAY;
}

/** `YYYY-MM-DD`. */
export function isoDate(d: Day): string {
  return new Date(d * MS_PER_DAY).toISOString().slice(0, 10);
}

/** `MM/DD/YYYY`, as US-configured tools write it. */
export function usDate(d: Day): string {
  const iso = isoDate(d);
  return `${iso.slice(5, 7)}/${iso.slice(8, 10)}/${iso.slice(0, 4)}`;
}

/** 0 = Sunday … 6 = Saturday. */
export function weekday(d: Day): number {
  return (((d + 4) % 7) + 7) % 7;
}

/** The same day of the month `months` months later (clamped to the month's last day). */
export function addMonths(d: Day, months: number): Day {
  const date = new Date(d * MS_PER_DAY);
  const y = date.getUTCFullYear();
  const m = date.getUTCMonth() + months;
  const lastDay = new Date(Date.UTC(y, m + 1, 0)).getUTCDate();
  return Date.UTC(y, m, Math.min(date.getUTCDate(), lastDay)) / MS_PER_DAY;
}
