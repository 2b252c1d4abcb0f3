/** The people: hires, latent traits, job levels, departments and (program-free) exit draws. */
import { day, weekday, type Day } from './dates';
import {
  ABILITY_SD,
  AS_OF,
  BASE_ANNUAL_HAZARD,
  DEPARTMENTS,
  DEPARTMENT_WEIGHTS,
  EFFECT_ONSET_DAYS,
  ENGAGEMENT_SD,
  FIRST_HIRE_YEAR,
  FIRST_YEAR_HAZARD_MULTIPLIER,
  HAZARD_LOG_PER_ABILITY,
  HAZARD_LOG_PER_ENGAGEMENT,
  HIRES_FIRST_YEAR,
  HIRING_GROWTH,
  LEVEL_SHARES,
  LOCATIONS,
  LOCATION_WEIGHTS,
  MONDAY_START_SHARE,
  RETENTION_HAZARD_RATIO,
  type JobLevel,
} from './model';
import type { Random } from './random';

export interface Person {
  id: string;
  hire: Day;
  /** First day no longer employed; null when still employed at the as-of date. */
  termination: Day | null;
  terminationType: '' | 'Voluntary' | 'Involuntary';
  department: string;
  level: JobLevel;
  location: string;
  managerId: string;
  /** 'ceo' and 'head' are fixed leaders who never leave. */
  role: 'ceo' | 'head' | 'staff';
  ability: number;
  engagement: number;
  /** Exp(1) draw that, against the cumulative hazard, fixes the exit day. */
  exitDraw: number;
  /** Start date in the mentoring program (as a mentee), if any. */
  menteeStart: Day | null;
}

export function isEmployed(p: Person, d: Day): boolean {
  return p.hire <= d && (p.termination === null || p.termination > d);
}

/** The daily hazard of leaving, from the latent traits (before any program effect). */
function baseDailyHazard(p: Person): number {
  return (
    (BASE_ANNUAL_HAZARD / 365) *
    Math.exp(HAZARD_LOG_PER_ENGAGEMENT * p.engagement + HAZARD_LOG_PER_ABILITY * p.ability)
  );
}

/**
 * The exit day implied by the person's exit draw and piecewise-constant hazard:
 * higher in the first year, times RETENTION_HAZARD_RATIO from EFFECT_ONSET_DAYS after
 * a mentee's start. Returns null when the person is still employed at the as-of date.
 */
export function exitDay(p: Person): Day | null {
  if (p.role !== 'staff') return null;
  const h = baseDailyHazard(p);
  const breaks: Array<{ from: Day; rate: number }> = [
    { from: p.hire, rate: h * FIRST_YEAR_HAZARD_MULTIPLIER },
    { from: p.hire + 365, rate: h },
  ];
  if (p.menteeStart !== null) {
    const onset = p.menteeStart + EFFECT_ONSET_DAYS;
    for (const b of breaks) if (b.from >= onset) b.rate *= RETENTION_HAZARD_RATIO;
    const before = [...breaks].reverse().find((b) => b.from < onset);
    breaks.push({ from: onset, rate: (before?.rate ?? h) * RETENTION_HAZARD_RATIO });
    breaks.sort((a, b) => a.from - b.from);
  }
  let remaining = p.exitDraw;
  for (let i = 0; i < breaks.length; i++) {
    const seg = breaks[i]!;
    const end = breaks[i + 1]?.from ?? Infinity;
    const mass = seg.rate * (end - seg.from);
    if (mass >= remaining) {
      const exit = Math.floor(seg.from + remaining / seg.rate) + 1;
      return exit > AS_OF ? null : exit;
    }
    remaining -= mass;
  }
  return null;
}

function hireDay(rng: Random, year: number): Day {
  const first = day(year, 1, 1);
  const last = Math.min(day(year, 12, 31), AS_OF);
  let d = rng.int(first, last);
  if (rng.chance(MONDAY_START_SHARE)) {
    while (weekday(d) !== 1) d++;
    if (d > last) d -= 7;
  } else {
    while (weekday(d) === 0 || weekday(d) === 6) d--;
    if (d < first) d += 3;
  }
  return d;
}

/** Everyone ever hired, in hire order, with program-free exit days. */
export function buildWorkforce(rng: Random): Person[] {
  const hires: Array<{ hire: Day; role: Person['role']; department: string }> = [];
  const founding = day(FIRST_HIRE_YEAR, 1, 2);
  hires.push({ hire: founding, role: 'ceo', department: 'Operations' });
  for (const d of DEPARTMENTS) hires.push({ hire: founding, role: 'head', department: d });

  const lastYear = new Date(AS_OF * 86_400_000).getUTCFullYear();
  for (let year = FIRST_HIRE_YEAR; year <= lastYear; year++) {
    const yearEnd = Math.min(day(year, 12, 31), AS_OF);
    const fraction = (yearEnd - day(year, 1, 1) + 1) / 365;
    const n = Math.round(HIRES_FIRST_YEAR * HIRING_GROWTH ** (year - FIRST_HIRE_YEAR) * fraction);
    for (let i = 0; i < n; i++) {
      hires.push({
        hire: hireDay(rng, year),
        role: 'staff',
        department: rng.weighted(DEPARTMENTS, DEPARTMENT_WEIGHTS),
      });
    }
  }
  // Stable sort: leaders first on the founding day, then by hire date.
  const ordered = hires.map((h, i) => ({ ...h, i })).sort((a, b) => a.hire - b.hire || a.i - b.i);

  let nextNumber = 1000;
  const people: Person[] = ordered.map((h) => {
    nextNumber += rng.int(1, 4);
    return {
      id: String(nextNumber).padStart(6, '0'),
      hire: h.hire,
      termination: null,
      terminationType: '',
      department: h.department,
      level: 'M2',
      location: rng.weighted(LOCATIONS, LOCATION_WEIGHTS),
      managerId: '',
      role: h.role,
      ability: rng.normal(0, ABILITY_SD),
      engagement: rng.normal(0, ENGAGEMENT_SD),
      exitDraw: rng.exponential(),
      menteeStart: null,
    };
  });
  for (const p of people) p.termination = exitDay(p);
  assignLevels(people, rng);
  return people;
}

/** Job level at the export (or at leaving): seniority grows with ability and tenure. */
function assignLevels(people: Person[], rng: Random): void {
  const staff = people.filter((p) => p.role === 'staff');
  const scored = staff.map((p) => {
    const ref = p.termination ?? AS_OF;
    const tenureYears = Math.min(10, (ref - p.hire) / 365.25);
    return { p, score: p.ability + 0.3 * tenureYears + rng.normal(0, 0.4) };
  });
  scored.sort((a, b) => b.score - a.score);
  let at = 0;
  for (const [level, share] of LEVEL_SHARES) {
    const n = Math.round(share * scored.length);
    for (const s of scored.slice(at, at + n)) s.p.level = level;
    at += n;
  }
  for (const s of scored.slice(at)) s.p.level = 'IC1';
}

/** Voluntary or involuntary, for everyone who left (less able people are more often let go). */
export function assignTerminationTypes(people: Person[], rng: Random): void {
  for (const p of people) {
    if (p.termination === null) {
      p.terminationType = '';
      continue;
    }
    const involuntary = 0.18 + (p.ability < -0.5 ? 0.17 : 0);
    p.terminationType = rng.chance(involuntary) ? 'Involuntary' : 'Voluntary';
  }
}

