/**
 * The latent model behind the demo data: who works here, how engaged and able they are,
 * who joins the mentoring program, and what the program truly does. Every number the
 * exports show is drawn from this model; the planted effects act on the latent scale.
 */
import { day, type Day } from './dates';

export const SEED = 20250930;
export const AS_OF: Day = day(2025, 9, 30);

export const DEPARTMENTS = [
  'Engineering',
  'Sales',
  'Customer Success',
  'Operations',
  'Marketing',
  'Finance',
  'People',
] as const;
export const DEPARTMENT_WEIGHTS = [30, 20, 15, 12, 9, 8, 6];

export const LOCATIONS = ['London', 'New York', 'Austin', 'Berlin'] as const;
export const LOCATION_WEIGHTS = [30, 30, 25, 15];

export type JobLevel = 'IC1' | 'IC2' | 'IC3' | 'IC4' | 'M1' | 'M2';
/** Share of the workforce at each level, most senior first (by ability and tenure). */
export const LEVEL_SHARES: ReadonlyArray<readonly [JobLevel, number]> = [
  ['M2', 0.05],
  ['M1', 0.1],
  ['IC4', 0.1],
  ['IC3', 0.25],
  ['IC2', 0.28],
  ['IC1', 0.22],
];
export const MENTEE_LEVELS: ReadonlySet<JobLevel> = new Set(['IC1', 'IC2', 'IC3']);
export const MENTOR_LEVELS: ReadonlySet<JobLevel> = new Set(['IC4', 'M1', 'M2']);

/** Hiring: the company starts in 2012 and grows; 2025 runs to the export date. */
export const FIRST_HIRE_YEAR = 2012;
export const HIRES_FIRST_YEAR = 136;
export const HIRING_GROWTH = 1.07;
export const MONDAY_START_SHARE = 0.85;

/** Latent traits (standard deviations on the 1–5 point scale). */
export const ENGAGEMENT_SD = 0.5;
export const ABILITY_SD = 0.55;

/** Attrition: a proportional daily hazard. */
export const BASE_ANNUAL_HAZARD = 0.11;
export const FIRST_YEAR_HAZARD_MULTIPLIER = 1.5;
export const HAZARD_LOG_PER_ENGAGEMENT = -0.9;
export const HAZARD_LOG_PER_ABILITY = -0.3;

export interface CohortSpec {
  name: string;
  start: Day;
  mentees: number;
}
export const COHORTS: readonly CohortSpec[] = [
  { name: '2022 Spring', start: day(2022, 3, 7), mentees: 140 },
  { name: '2022 Fall', start: day(2022, 9, 12), mentees: 150 },
  { name: '2023 Spring', start: day(2023, 3, 6), mentees: 160 },
];
export const MENTEES_PER_MENTOR = 2.7;
export const MENTEE_MIN_TENURE_DAYS = 180;
export const MENTOR_MIN_TENURE_DAYS = 365;
export const KICKOFF_DAY_SHARE = 0.6;
export const MAX_LATE_START_DAYS = 10;
export const WITHDRAWAL_RATE = 0.06;
export const RETURNING_MENTOR_WEIGHT = 3;

/** Self-selection: the log-odds of joining rise with engagement (the confound) and a little with ability. */
export const SELECTION_LOG_PER_ENGAGEMENT = 1.5;
export const SELECTION_LOG_PER_ABILITY = 0.3;

/** What the program does, from `EFFECT_ONSET_DAYS` after a mentee's start onwards. */
export const EFFECT_ONSET_DAYS = 90;
export const RETENTION_HAZARD_RATIO = 0.6;
export const SURVEY_LATENT_EFFECT = 0.35;
export const PERFORMANCE_LATENT_EFFECT = 0.3;

/** Engagement survey. */
export const SURVEY_WAVES: readonly Day[] = [
  day(2021, 4, 12),
  day(2021, 10, 11),
  day(2022, 4, 11),
  day(2022, 10, 10),
  day(2023, 4, 10),
  day(2023, 10, 9),
  day(2024, 4, 15),
  day(2024, 10, 14),
  day(2025, 4, 14),
];
export const SURVEY_WINDOW_DAYS = 14;
export const SURVEY_RESPONSE_RATE = 0.7;
export const SURVEY_RESPONSE_LOG_PER_ENGAGEMENT = 0.9;
export const SURVEY_BASE = 3.55;
export const SURVEY_TREND_PER_YEAR = -0.03;
export const SURVEY_OCCASION_SD = 0.3;
export const SURVEY_ITEM_SD = 0.75;
export const SURVEY_ITEMS: ReadonlyArray<{ code: string; bias: number; reversed: boolean }> = [
  { code: 'ENG1', bias: 0.15, reversed: false },
  { code: 'ENG2', bias: -0.1, reversed: false },
  { code: 'ENG3', bias: 0.25, reversed: false },
  { code: 'ENG4', bias: -0.2, reversed: false },
  { code: 'ENG5', bias: 0.05, reversed: false },
  { code: 'ENG6', bias: -0.05, reversed: true },
  { code: 'ENG7', bias: 0.1, reversed: false },
  { code: 'ENG8', bias: -0.15, reversed: false },
];
export const SURVEY_SKIP_RATE = 0.02;

/** Performance reviews, every 15 December. */
export const REVIEW_YEARS = [2020, 2021, 2022, 2023, 2024] as const;
export const REVIEW_RATE = 0.93;
export const REVIEW_MIN_TENURE_DAYS = 75;
export const PERFORMANCE_BASE = 3.1;
export const PERFORMANCE_PER_ENGAGEMENT = 0.2;
export const PERFORMANCE_TREND_PER_YEAR = 0.02;
export const PERFORMANCE_OCCASION_SD = 0.5;

/** A score on the 1–5 scale: rounded to a whole point and kept within the scale. */
export function likert(x: number): number {
  return Math.min(5, Math.max(1, Math.round(x)));
}
