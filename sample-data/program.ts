/** The mentoring program: who self-selects into which cohort, mentor pairing, completion. */
import { addMonths, type Day } from './dates';
import {
  COHORTS,
  KICKOFF_DAY_SHARE,
  MAX_LATE_START_DAYS,
  MENTEES_PER_MENTOR,
  MENTEE_LEVELS,
  MENTEE_MIN_TENURE_DAYS,
  MENTOR_LEVELS,
  MENTOR_MIN_TENURE_DAYS,
  RETURNING_MENTOR_WEIGHT,
  SELECTION_LOG_PER_ABILITY,
  SELECTION_LOG_PER_ENGAGEMENT,
  WITHDRAWAL_RATE,
} from './model';
import type { Random } from './random';
import { exitDay, isEmployed, type Person } from './workforce';

export interface RosterRow {
  person: Person;
  role: 'Mentee' | 'Mentor';
  cohort: string;
  start: Day;
  end: Day;
  mentorId: string;
  status: 'Completed' | 'Withdrawn';
}

export interface CohortSummary {
  cohort: string;
  startDate: Day;
  mentees: number;
  mentors: number;
  withdrawn: number;
}

/** Weighted sampling without replacement (Efraimidis–Spirakis keys). */
function weightedSample<T>(items: readonly T[], weight: (t: T) => number, n: number, rng: Random): T[] {
  if (items.length < n) throw new Error(`need ${n} candidates, have ${items.length}`);
  return items
    .map((item, i) => ({ item, i, key: Math.log(1 - rng.next()) / weight(item) }))
    .sort((a, b) => b.key - a.key || a.i - b.i)
    .slice(0, n)
    .map((k) => k.item);
}

function shuffle<T>(items: readonly T[], rng: Random): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = rng.int(0, i);
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

/**
 * Enrols the cohorts. Selection uses each person's program-free exit day (identical to the
 * real one until EFFECT_ONSET_DAYS after their start), then mentees' exit days are redrawn
 * against the hazard with the program effect, so the retention effect is real.
 */
export function enrolCohorts(people: Person[], rng: Random): { rows: RosterRow[]; cohorts: CohortSummary[] } {
  const rows: RosterRow[] = [];
  const cohorts: CohortSummary[] = [];
  const pendingMentees: Array<Omit<RosterRow, 'end' | 'status'>> = [];
  const pastMentors = new Set<Person>();

  for (const spec of COHORTS) {
    const latestStart = spec.start + MAX_LATE_START_DAYS;
    const eligible = people.filter(
      (p) =>
        p.role === 'staff' &&
        p.menteeStart === null &&
        MENTEE_LEVELS.has(p.level) &&
        p.hire <= spec.start - MENTEE_MIN_TENURE_DAYS &&
        isEmployed(p, latestStart),
    );
    const mentees = weightedSample(
      eligible,
      (p) => Math.exp(SELECTION_LOG_PER_ENGAGEMENT * p.engagement + SELECTION_LOG_PER_ABILITY * p.ability),
      spec.mentees,
      rng,
    );
    const starts = mentees.map(() =>
      rng.chance(KICKOFF_DAY_SHARE) ? spec.start : spec.start + rng.int(1, MAX_LATE_START_DAYS),
    );
    if (!starts.includes(spec.start)) starts[0] = spec.start;
    mentees.forEach((p, i) => (p.menteeStart = starts[i]!));

    const mentorCount = Math.round(spec.mentees / MENTEES_PER_MENTOR);
    const mentorPool = people.filter(
      (p) =>
        p.role === 'staff' &&
        MENTOR_LEVELS.has(p.level) &&
        p.hire <= spec.start - MENTOR_MIN_TENURE_DAYS &&
        isEmployed(p, addMonths(spec.start, 6)),
    );
    const mentors = weightedSample(
      mentorPool,
      (p) => (pastMentors.has(p) ? RETURNING_MENTOR_WEIGHT : 1),
      mentorCount,
      rng,
    );
    mentors.forEach((m) => pastMentors.add(m));

    // Every mentor gets two mentees; the rest go one each to randomly chosen mentors.
    const slots = [...mentors, ...mentors, ...shuffle(mentors, rng).slice(0, spec.mentees - 2 * mentorCount)];
    if (slots.length !== spec.mentees) throw new Error('mentor slots do not match mentees');
    const pairing = shuffle(slots, rng);
    mentees.forEach((p, i) =>
      pendingMentees.push({ person: p, role: 'Mentee', cohort: spec.name, start: starts[i]!, mentorId: pairing[i]!.id }),
    );
    for (const m of mentors) {
      rows.push({
        person: m,
        role: 'Mentor',
        cohort: spec.name,
        start: spec.start,
        end: addMonths(spec.start, 6),
        mentorId: '',
        status: 'Completed',
      });
    }
    cohorts.push({ cohort: spec.name, startDate: spec.start, mentees: spec.mentees, mentors: mentorCount, withdrawn: 0 });
  }

  // The program changes who stays: redraw mentees' exits with the reduced hazard.
  for (const row of pendingMentees) row.person.termination = exitDay(row.person);

  for (const row of pendingMentees) {
    const planned = addMonths(row.start, 6);
    const leaves = row.person.termination;
    let end = planned;
    let status: RosterRow['status'] = 'Completed';
    if (leaves !== null && leaves <= planned) {
      status = 'Withdrawn';
      end = Math.max(row.start + 1, leaves - 1 - rng.int(0, 14));
    } else if (rng.chance(WITHDRAWAL_RATE)) {
      status = 'Withdrawn';
      end = row.start + rng.int(30, 150);
    }
    if (status === 'Withdrawn') {
      const summary = cohorts.find((c) => c.cohort === row.cohort);
      if (summary) summary.withdrawn++;
    }
    rows.push({ ...row, end, status });
  }

  const cohortOrder = new Map(COHORTS.map((c, i) => [c.name, i]));
  rows.sort(
    (a, b) =>
      (cohortOrder.get(a.cohort) ?? 0) - (cohortOrder.get(b.cohort) ?? 0) ||
      a.role.localeCompare(b.role) ||
      a.person.id.localeCompare(b.person.id),
  );
  return { rows, cohorts };
}
